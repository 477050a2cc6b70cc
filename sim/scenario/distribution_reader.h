// Reading a distribution of SPEC §1 (handle time, wrap-up, patience, delays).
#ifndef CCSIM_SCENARIO_DISTRIBUTION_READER_H_
#define CCSIM_SCENARIO_DISTRIBUTION_READER_H_

#include <optional>
#include <string>

#include "sim/scenario/scenario.h"
#include "sim/scenario/value_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario::internal {

// A bare duration is a constant; otherwise a map with `dist:` and exactly the parameters of
// that kind, all required. Reports unknown kinds and keys, missing parameters and parameters
// that make no sense (uniform min > max, triangular not min <= mode <= max, a non-positive
// mean or weibull shape/scale, an empty or unreadable empirical sample). `empirical {file:}`
// is read relative to ctx.base_dir into `values`. nullopt when the distribution is unusable.
std::optional<Distribution> ReadDistribution(const YamlNode& node, const std::string& path,
                                             ReadContext& ctx);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_DISTRIBUTION_READER_H_
