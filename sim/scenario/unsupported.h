// The one place that refuses what SPEC §2 describes but this version of the simulator does
// not simulate yet. The loader reads such features fully into the Scenario; enabling one in
// the model means deleting its check here.
#ifndef CCSIM_SCENARIO_UNSUPPORTED_H_
#define CCSIM_SCENARIO_UNSUPPORTED_H_

#include "sim/scenario/diagnostic.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/value_reader.h"

namespace ccsim::scenario::internal {

// Appends "<key path>: <feature> is not supported by this version of ccsim yet" for each use
// of: a channel other than voice, outcomes (of a type or a skill), repeat, escalation,
// shifts, absenteeism other than 0, concurrency other than 1, routing.preferred_agent.
// Locations come from `where` (filled while reading `scenario`).
void RejectUnsupportedFeatures(const Scenario& scenario, const LocationTable& where,
                               Diagnostics* errors);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_UNSUPPORTED_H_
