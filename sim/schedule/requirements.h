// The agents each scheduled group needs in each planning interval, by Erlang (SPEC §10):
// the start of `ccsim schedule`'s search, before simulation has its say.
//
// A contact type's load goes to the groups that have it at their best (lowest) level among
// all groups, shared equally when several do; its other groups are left out of the
// analytical answer (the simulation sees them help). A group's interval then has the sum of
// its shares of the types' mean arrival rates over the interval, their rate-weighted mean
// handle time (talk × the group's factor + wrap-up), the rate-weighted mean patience of
// those types that have one (Erlang A; none: Erlang C) and the smallest of their service-
// level thresholds. The requirement is model::AgentsFor's answer for the target, divided by
// (1 - shrinkage) and rounded up.
//
// Example:
//   std::vector<std::vector<double>> share = LoadShares(s);   // [group][type]
//   auto req = ErlangRequirements(s, {0, 1}, grid, 0.8, 0.3); // [position in groups][interval]
#ifndef CCSIM_SCHEDULE_REQUIREMENTS_H_
#define CCSIM_SCHEDULE_REQUIREMENTS_H_

#include <optional>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/schedule/shift_columns.h"

namespace ccsim::schedule {

// [group][type]: the share of the type's load the group carries (0 to 1; each type's
// shares sum to 1 over the groups with a skill for it).
std::vector<std::vector<double>> LoadShares(const scenario::Scenario& s);

struct IntervalRequirement {
  double arrival_rate = 0;  // per second, the group's share
  double mean_handle = 0;   // seconds
  std::optional<double> mean_patience;
  double threshold = 0;      // seconds
  int erlang_agents = 0;     // AgentsFor's answer (0 without load)
  int required = 0;          // erlang_agents / (1 - shrinkage), rounded up
  bool unreachable = false;  // not even kMaxAgents meet the target: required = kMaxAgents
};

// REQUIRES: a valid scenario, groups valid indices, 0 < target < 1, 0 <= shrinkage < 1.
std::vector<std::vector<IntervalRequirement>> ErlangRequirements(const scenario::Scenario& s,
                                                                 const std::vector<int>& groups,
                                                                 const PlanningGrid& grid,
                                                                 double target, double shrinkage);

// Agents needed / (1 - shrinkage), rounded up (an exact quotient is not rounded further).
int WithShrinkage(int agents, double shrinkage);

}  // namespace ccsim::schedule

#endif  // CCSIM_SCHEDULE_REQUIREMENTS_H_
