// Turns a scenario's YAML tree into a Scenario, collecting every mistake. The loader
// (loader.h) wraps this with parsing, --set overrides and the unsupported-feature check.
#ifndef CCSIM_SCENARIO_SCENARIO_READER_H_
#define CCSIM_SCENARIO_SCENARIO_READER_H_

#include "sim/scenario/scenario.h"
#include "sim/scenario/value_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario::internal {

// Reads every key of SPEC §2 from `root` and checks the scenario as a whole (warmup before
// the horizon, every contact type servable). Mistakes go to ctx.errors; the returned value
// is meaningful only when there are none. Features the model does not support yet are read
// like the others (see unsupported.h).
Scenario ReadScenario(const YamlNode& root, ReadContext& ctx);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_SCENARIO_READER_H_
