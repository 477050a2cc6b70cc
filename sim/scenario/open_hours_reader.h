// Reading a contact type's `open` hours: days or ranges of days mapped to spans of clock
// time, a span crossing midnight running into the next day.
//
// Example:
//   open: {mon-fri: "08:00-20:00", sat: ["09:00-13:00", "14:00-16:00"], sun: closed}
#ifndef CCSIM_SCENARIO_OPEN_HOURS_READER_H_
#define CCSIM_SCENARIO_OPEN_HOURS_READER_H_

#include <optional>
#include <string>

#include "sim/scenario/scenario.h"
#include "sim/scenario/value_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario::internal {

// The week's open spans (OpenHours::week: sorted, disjoint, none past the week's end);
// at_close is left at its default. A day given twice, a bad span, or no open time in the
// whole week is reported.
std::optional<OpenHours> ReadOpenHours(const YamlNode& node, const std::string& path,
                                       ReadContext& ctx);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_OPEN_HOURS_READER_H_
