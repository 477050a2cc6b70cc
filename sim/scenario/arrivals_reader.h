// Reading a contact type's `arrivals` (rate, pattern, weekly, forecast or file, with the
// type's own `busyness`), the scenario's `busyness`, and what needs the whole scenario to
// finish: a weekly pattern's place in the week (`start`), the forecast files (the handle
// times they scale), and the keys that need `start`.
//
// Example:
//   m.Read("arrivals", &type.arrivals, ReadArrivals, Presence::kRequired);
//   top.Read("busyness", &s.busyness, ReadBusyness);
//   CompleteArrivals(s, ctx);   // once every contact type is read
#ifndef CCSIM_SCENARIO_ARRIVALS_READER_H_
#define CCSIM_SCENARIO_ARRIVALS_READER_H_

#include <optional>
#include <string>

#include "sim/scenario/scenario.h"
#include "sim/scenario/value_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario::internal {

// `arrivals:` of a contact type: exactly one source, and an optional `busyness`. A weekly
// pattern's offset and a forecast's rates are left for CompleteArrivals.
std::optional<Arrivals> ReadArrivals(const YamlNode& node, const std::string& path,
                                     ReadContext& ctx);

// `busyness: {sd, per: day|replication}` (sd in [0, kMaxBusynessSd]; per defaults to day).
std::optional<Busyness> ReadBusyness(const YamlNode& node, const std::string& path,
                                     ReadContext& ctx);

// Finishes the contact types' arrivals once the scenario's `start` and every type's
// handle time are known: weekly patterns get their offset, forecast files are read
// (forecast_reader.h), and `weekly` and `open` without `start` are reported.
void CompleteArrivals(Scenario& s, ReadContext& ctx);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_ARRIVALS_READER_H_
