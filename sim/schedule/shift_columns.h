// The columns of the schedule's integer program: every way one agent can work a shift
// template within the horizon (template × group × day × start time × break positions), and
// what one such agent covers of each planning interval.
//
// Example:
//   PlanningGrid grid{.interval = 1800, .horizon = s.horizon};
//   ColumnsResult c = BuildColumns(s, templates, /*groups=*/{0}, grid);
//   Coverage(c.columns[0], grid);  // {{interval, share of it on duty and not on a break}}
#ifndef CCSIM_SCHEDULE_SHIFT_COLUMNS_H_
#define CCSIM_SCHEDULE_SHIFT_COLUMNS_H_

#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/diagnostic.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/shift_templates.h"

namespace ccsim::schedule {

// The planning intervals [i * interval, min((i + 1) * interval, horizon)).
struct PlanningGrid {
  double interval = 1800;
  double horizon = 0;
  int count() const;
  double Start(int i) const { return i * interval; }
  double End(int i) const;
};

struct ShiftColumn {
  int shift_template = 0;  // index into the templates
  int group = 0;           // index into Scenario::agent_groups
  double start = 0;        // simulated seconds; 0 <= start < horizon
  double end = 0;          // start + the template's length (may pass the horizon)
  std::vector<scenario::Break> breaks;  // `after` from the shift's start, in time order
  double cost = 0;                      // the hourly cost × the paid hours
};

// More columns than this are refused: the program would take too long to be useful.
inline constexpr size_t kMaxColumns = 500'000;

struct ColumnsResult {
  std::vector<ShiftColumn> columns;
  // Groups not scheduled, too many columns: at the template's place.
  scenario::Diagnostics errors;
  // Templates that make no column (no start within the horizon on their days, or no place
  // for their breaks): "FILE:LINE:COL: templates.NAME: ...", for a warning.
  std::vector<std::string> unused;
};

// Every column of `templates` for the scheduled `groups` (a template without `groups` is
// offered to all of them; one naming a group not scheduled is an error). Break positions
// are every break's `step` (or the grid's interval) from its window's earliest start to its
// latest, within the shift, the breaks of one shift in order and not overlapping. Clock
// times follow the scenario's calendar (without `start`: days of 24 h from time 0).
ColumnsResult BuildColumns(const scenario::Scenario& s,
                           const std::vector<scenario::ShiftTemplate>& templates,
                           const std::vector<int>& groups, const PlanningGrid& grid);

// The share of each planning interval that one agent of `c` is on duty and not on a break:
// (interval, share in (0, 1]) by interval.
std::vector<std::pair<int, double>> Coverage(const ShiftColumn& c, const PlanningGrid& grid);

}  // namespace ccsim::schedule

#endif  // CCSIM_SCHEDULE_SHIFT_COLUMNS_H_
