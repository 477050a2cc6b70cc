// Shift templates for `ccsim schedule` (SPEC §10): the shapes of shift a planner may use,
// read from their own YAML file with the scenario's readers, so that every mistake is
// reported as FILE:LINE:COL naming the key.
//
//   templates:
//     full_time:
//       start: {from: "07:00", to: "10:00", step: 30m}   # or "08:00", or ["08:00", "09:30"]
//       length: 8h                                       # paid, breaks included
//       breaks: [{length: 30m, window: ["11:30", "13:30"]}]   # step: the --interval
//       days: mon-fri                                    # or [sat, sun]; default every day
//       cost: 24                                         # per paid hour
//       groups: [desk]                                   # default: the groups scheduled
//
// Clock times are times of day: with the scenario's `start` on its calendar, without it
// counted from simulated time 0 in days of 24 h (then `days` cannot be given).
//
// Example:
//   TemplatesResult r = LoadShiftTemplatesFile("shifts.yaml", scenario);
//   if (!r.ok()) for (const Diagnostic& d : r.errors) std::cerr << d.ToString() << "\n";
#ifndef CCSIM_SCENARIO_SHIFT_TEMPLATES_H_
#define CCSIM_SCENARIO_SHIFT_TEMPLATES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/diagnostic.h"
#include "sim/scenario/scenario.h"

namespace ccsim::scenario {

// A break whose start the schedule chooses: every `step` from `earliest` to `latest`.
struct BreakWindow {
  double length = 0;    // seconds
  double earliest = 0;  // seconds after midnight
  double latest = 0;    // seconds after midnight; below `earliest`: the window spans midnight
  double step = 0;      // seconds; 0: the planning interval
};

struct ShiftTemplate {
  std::string name;
  std::vector<double> starts;  // seconds after midnight, as given
  double length = 0;           // seconds, paid (breaks are paid)
  std::vector<BreakWindow> breaks;
  uint8_t days = 0x7f;        // bit d set: may start on day of week d (Monday = 0)
  double cost_per_hour = 0;   // per paid hour
  std::vector<int> groups;    // indices into Scenario::agent_groups; empty: the groups scheduled
  SourceLocation where;       // the template's name in the file
  std::vector<SourceLocation> group_where;  // of each of `groups`
};

// At most this many templates and start times per template: each makes columns of the
// integer program, for every day of the horizon and every break position.
inline constexpr int kMaxShiftTemplates = 10'000;
inline constexpr int kMaxTemplateStarts = 1'440;

struct TemplatesResult {
  std::vector<ShiftTemplate> templates;  // meaningful only when errors is empty
  Diagnostics errors;
  bool ok() const { return errors.empty(); }
};

// Reads and checks a templates file against scenario `s` (its groups and its start).
TemplatesResult LoadShiftTemplatesFile(const std::string& path, const Scenario& s);
// As above, from text; `file` names it in messages.
TemplatesResult LoadShiftTemplatesText(std::string_view text, const std::string& file,
                                       const Scenario& s);

}  // namespace ccsim::scenario

#endif  // CCSIM_SCENARIO_SHIFT_TEMPLATES_H_
