// What `ccsim schedule` prints: the roster's cost, agents per template, and per group and
// planning interval the Erlang start, the requirement, the agents on duty and the simulated
// service level with its CI; as tables, or as one JSON document; and the warnings that
// say plainly when the search stopped short.
#ifndef CCSIM_CLI_SCHEDULE_OUTPUT_H_
#define CCSIM_CLI_SCHEDULE_OUTPUT_H_

#include <string>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/shift_templates.h"
#include "sim/schedule/scheduler.h"

namespace ccsim::cli {

// What was asked and what came of it, for printing.
struct ScheduleReport {
  const scenario::Scenario* scenario = nullptr;
  const std::vector<scenario::ShiftTemplate>* templates = nullptr;
  std::string templates_file;
  const schedule::ScheduleRequest* request = nullptr;
  const schedule::SchedulePlan* plan = nullptr;
  std::vector<std::string> roster_files;  // by position in request->groups; empty: none
};

std::string ScheduleTables(const ScheduleReport& r);
std::string ScheduleJson(const ScheduleReport& r);
// The warnings for stderr (one a line, "ccsim schedule: warning: ..."), or "".
std::string ScheduleWarnings(const ScheduleReport& r);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_SCHEDULE_OUTPUT_H_
