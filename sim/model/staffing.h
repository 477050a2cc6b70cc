// The fewest agents of one group, interval by interval, that meet a service-level target
// (`ccsim staff`). Each interval starts from the analytical answer for its load (Erlang C,
// or Erlang A when a contact type the group serves has a patience), at the arrival rates
// of the interval's middle. Then rounds of simulation over the whole horizon (each
// interval inherits the queue the previous one left) add an agent wherever the simulated
// service level is below the target, and try one agent fewer wherever the simulation has
// not shown it to be needed, until nothing changes or the round limit is reached.
//
// Example:
//   StaffingPlan plan = PlanStaffing(scenario, {.group = 0, .target = 0.8, .replications = 10});
//   if (!plan.target_met) ...  // plan.stopped_at_round_limit says why
//   plan.intervals[3].agents
#ifndef CCSIM_MODEL_STAFFING_H_
#define CCSIM_MODEL_STAFFING_H_

#include <atomic>
#include <cstdint>
#include <vector>

#include "sim/engine/statistics.h"
#include "sim/scenario/scenario.h"

namespace ccsim::model {

struct StaffingRequest {
  int group = 0;         // index into Scenario::agent_groups
  // The staffing intervals, seconds: the search's own, never the scenario's reporting
  // interval (a scenario reporting week by week is still staffed half-hour by half-hour).
  double interval = 1800;
  double target = 0.8;   // service level, strictly between 0 and 1
  int replications = 1;  // per round
  uint64_t seed = 1;     // every round: the same customers, so rounds compare like with like
  int threads = 0;       // 0 = one per core
  int max_rounds = 50;   // the search stops after about this many rounds of simulation
  // When set and true, the search ends at once (SimulateOptions::stop) with `interrupted`
  // set; its plan then means nothing. May be null.
  const std::atomic<bool>* stop = nullptr;
};

struct IntervalStaffing {
  double start = 0, end = 0;  // seconds
  double load = 0;            // offered erlangs for the group at the interval's middle
  int erlang_agents = 0;      // the analytical start (0 without load)
  int agents = 0;             // after simulation
  engine::Estimate
      service_level;   // simulated with `agents`, by arrival interval (NaN: none offered)
  double offered = 0;  // mean contacts offered
};

struct StaffingPlan {
  std::vector<IntervalStaffing> intervals;
  int rounds = 0;  // simulations of the whole horizon
  // Whether every interval's simulated service level meets the target with `agents`
  // (an interval without contacts meets it).
  bool target_met = false;
  // The search hit max_rounds before it settled: the plan was simulated once more to
  // report its service levels honestly, and fewer agents may still do in some intervals.
  bool stopped_at_round_limit = false;
  bool interrupted = false;  // StaffingRequest::stop was seen
};

// The analytical start alone: each interval's load and Erlang agents (agents = those),
// without simulating, in intervals of the scenario's `interval`. REQUIRES: a valid
// scenario, 0 <= group < agent_groups.size().
std::vector<IntervalStaffing> ErlangStaffing(const scenario::Scenario& s, int group, double target);

// The whole search, in intervals of request.interval; the group's own agents or shifts
// in the scenario are replaced by one shift per interval. REQUIRES: as ErlangStaffing,
// 0 < target < 1, interval > 0, replications >= 1, max_rounds >= 1, threads >= 0.
StaffingPlan PlanStaffing(const scenario::Scenario& s, const StaffingRequest& request);

// The plan's agent-hours: each interval's agents × its length, summed.
double AgentHours(const StaffingPlan& plan);

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_STAFFING_H_
