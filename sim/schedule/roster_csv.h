// A schedule as the roster file that `ccsim run` reads (`agent_groups.G.roster`, see
// sim/scenario/roster_reader.h): one row per agent and shift, in column order.
//
// With the scenario's start, times are written as date-times (2026-03-02T08:00) and breaks
// as clock times (12:00+30m); without it, as seconds from time 0 (28800, 43200+1800).
// Agents are named after their template and numbered: early-001, early-002, ...
//
// Example:
//   std::string csv = RosterCsv(s, plan.columns, plan.counts, templates, /*group=*/0);
#ifndef CCSIM_SCHEDULE_ROSTER_CSV_H_
#define CCSIM_SCHEDULE_ROSTER_CSV_H_

#include <string>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/shift_templates.h"
#include "sim/schedule/shift_columns.h"

namespace ccsim::schedule {

// The rows of `group`'s agents, with the header agent,start,end,breaks.
std::string RosterCsv(const scenario::Scenario& s, const std::vector<ShiftColumn>& columns,
                      const std::vector<int>& counts,
                      const std::vector<scenario::ShiftTemplate>& templates, int group);

}  // namespace ccsim::schedule

#endif  // CCSIM_SCHEDULE_ROSTER_CSV_H_
