// `ccsim schedule`'s search (SPEC §10): how many agents work each shift column so that
// every scheduled group meets the service-level target in every planning interval, at the
// least cost.
//
// Round 1 covers the Erlang requirements (requirements.h) with the cheapest roster
// (covering_program.h). Each round then simulates the roster (-r replications, the same
// seed every round: the same customers, so rounds compare like with like) and, for each
// group and interval: while the roster misses the target somewhere, requires one agent
// more than are on duty wherever it does. Once every interval meets it, that roster is
// accepted and trials try cuts, one group at a time: fewer agents (1, then 2, 4, ... after
// successful cuts) wherever the 95% confidence interval lies wholly above the target, the
// requirement binds and no trial showed the next agent needed. A trial that misses the
// target anywhere is undone: a cut whose own interval fell short is not tried again, and
// when only other intervals fell short, half of the cuts are tried again (halving until
// the culprit is found). It stops when no cut is left to try, or at the round limit, with
// the last accepted roster (or, if none met the target, the last one). Shrinkage is simulated as absence: each agent's shift is
// missed with that probability, beside the group's own absenteeism.
//
// Example:
//   ColumnsResult c = BuildColumns(s, templates, {0}, {.interval = 1800, .horizon = s.horizon});
//   SchedulePlan plan = PlanSchedule(s, c.columns, {.groups = {0}, .target = 0.8});
//   if (!plan.target_met) ...  // plan.stopped_at_round_limit or plan.uncovered say why
#ifndef CCSIM_SCHEDULE_SCHEDULER_H_
#define CCSIM_SCHEDULE_SCHEDULER_H_

#include <atomic>
#include <cstdint>
#include <vector>

#include "sim/engine/statistics.h"
#include "sim/scenario/scenario.h"
#include "sim/schedule/covering_program.h"
#include "sim/schedule/requirements.h"
#include "sim/schedule/shift_columns.h"

namespace ccsim::schedule {

struct ScheduleRequest {
  std::vector<int> groups;  // indices into Scenario::agent_groups, the groups to roster
  double target = 0.8;      // service level, strictly between 0 and 1
  double shrinkage = 0;     // in [0, 1)
  double interval = 1800;   // the planning interval, seconds
  int replications = 1;     // per round
  uint64_t seed = 1;
  int threads = 0;          // 0 = one per core
  int max_rounds = 30;      // rounds of solving and simulating
  double solver_seconds = 60;  // time limit of each solve
  const std::atomic<bool>* stop = nullptr;  // set: end at once with `interrupted`
};

struct GroupIntervalPlan {
  IntervalRequirement erlang;  // the analytical start
  int required = 0;            // what the last program required (after the rounds)
  double on_duty = 0;          // agents on duty and not on a break (mean over the interval)
  engine::Estimate service_level;  // simulated, by arrival interval (NaN: none offered)
  double offered = 0;              // mean contacts offered to the group's types (its share)
  bool uncovered = false;  // agents needed but no template covers the interval
};

struct SchedulePlan {
  std::vector<ShiftColumn> columns;
  std::vector<int> counts;  // agents per column
  // [position in ScheduleRequest::groups][planning interval]
  std::vector<std::vector<GroupIntervalPlan>> intervals;
  double cost = 0;
  int rounds = 0;
  bool target_met = false;  // every interval's simulated service level meets the target
  bool stopped_at_round_limit = false;
  bool uncovered = false;          // some interval needs agents no template can give
  bool solver_at_limit = false;    // a solve ended at its time limit, not proven optimal
  bool no_solution = false;        // a solve found no roster within its time limit
  bool interrupted = false;
  double solver_seconds = 0;       // total wall time in the solver
  double simulation_seconds = 0;   // total wall time simulating
};

// REQUIRES: columns from BuildColumns for request.groups, request as documented above.
SchedulePlan PlanSchedule(const scenario::Scenario& s, std::vector<ShiftColumn> columns,
                          const ScheduleRequest& request);

// `s` with each scheduled group working the roster: one Shift per column with agents, in
// column order, of counts[j] agents (constant `agents` and earlier shifts replaced).
scenario::Scenario WithRoster(const scenario::Scenario& s, const std::vector<int>& groups,
                              const std::vector<ShiftColumn>& columns,
                              const std::vector<int>& counts);

}  // namespace ccsim::schedule

#endif  // CCSIM_SCHEDULE_SCHEDULER_H_
