// What a result file records of the scenario behind a run or a sweep's point: its
// replications, horizon, warm-up, interval and service levels, each contact type's
// threshold included, so that readers (analysis/) need not interpret the scenario text.
//
// Example:
//   trace::RootAttributes a = RunSettings(scenario);
//   a.service_level_thresholds;  // {"billing=20", "tech=30"}
#ifndef CCSIM_CLI_RUN_SETTINGS_H_
#define CCSIM_CLI_RUN_SETTINGS_H_

#include "sim/scenario/scenario.h"
#include "sim/trace/root_attributes.h"

namespace ccsim::cli {

// The run-only fields of RootAttributes (replications to service_level_thresholds) from
// `s`; the rest are left at their defaults.
trace::RootAttributes RunSettings(const scenario::Scenario& s);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_RUN_SETTINGS_H_
