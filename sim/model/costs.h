// The money of a replication (the scenario's `costs`, SPEC §10): what its agents' paid
// time and its contacts cost, and what its resolved contacts earn.
//
// Example:
//   ReplicationResult r = Simulate(model, 0, {});   // Simulate prices it already
//   r.money.agents_by_group[g]    // group g's paid hours × its agent_hour
#ifndef CCSIM_MODEL_COSTS_H_
#define CCSIM_MODEL_COSTS_H_

#include <vector>

#include "sim/model/model.h"
#include "sim/model/results.h"
#include "sim/scenario/scenario.h"

namespace ccsim::model {

// Fills r.money from r's counters (contacts that arrived at or after warmup) and its
// agents' paid time: by group, paid seconds and paid hours × agent_hour (0 without a
// rate); by contact type, per_handled × answered + per_abandoned × (lost + blocked) +
// per_callback × accepted callbacks, and revenue_per_resolved × resolved handlings.
// REQUIRES: `costs` and `seats` belong to the scenario r was simulated from.
void PriceReplication(const scenario::Costs& costs, const std::vector<AgentSeat>& seats,
                      ReplicationResult& r);

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_COSTS_H_
