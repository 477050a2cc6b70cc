// `ccsim staff`: the fewest agents per interval that meet the service-level target.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/arrival_warnings.h"
#include "sim/cli/commands.h"
#include "sim/cli/interrupt.h"
#include "sim/cli/json_writer.h"
#include "sim/cli/options.h"
#include "sim/cli/output_file.h"
#include "sim/cli/summary_output.h"
#include "sim/model/staffing.h"
#include "sim/model/summary.h"
#include "sim/scenario/calendar.h"
#include "sim/scenario/limits.h"
#include "sim/scenario/units.h"

namespace ccsim::cli {

namespace {

constexpr const char* kStaffHelp = R"(Usage: ccsim staff SCENARIO.yaml --target 0.8 [--group NAME] [options]

Finds, interval by interval (--interval, 30 minutes unless given: not the scenario's
reporting interval), the fewest agents of one group that meet the service-level target
(answered within the scenario's threshold / offered). The group's own agents or shifts in
the scenario are replaced by one shift per interval (a note on stderr says so). It starts
from the Erlang C
answer for each interval's load (Erlang A when the contact types have a patience), then
simulates the whole horizon with that staffing — each interval inherits the queue the
previous one left — adds an agent to every interval whose simulated service level is
below the target until every interval meets it, and tries one agent fewer wherever the
simulation has not shown it to be needed. Prints a per-interval table and the total
agent-hours, with their cost when the scenario's costs.agent_hour gives the group's rate
(and writes the table as CSV with --csv), or one JSON document with --json.

Examples:
  ccsim staff scenarios/insurance_day.yaml --target 0.8
  ccsim staff scenarios/insurance_day.yaml --target 0.8 -r 20 --csv staffing.csv
  ccsim staff scenarios/erlang_textbook.yaml --target 0.8 --interval 1h

Options)";

// --interval: a positive duration, with at most kMaxIntervalCells intervals × contact
// types over the horizon (as the scenario's own `interval`). Nullopt after saying why.
std::optional<double> StaffingInterval(const std::string& text, const scenario::Scenario& s) {
  const std::optional<double> interval = scenario::ParseDuration(text);
  if (!interval || !(*interval > 0) || *interval > scenario::kMaxDurationSeconds) {
    PrintError("staff",
               "--interval: expected a positive duration like 30m or 1h; got '" + text + "'");
    return std::nullopt;
  }
  const double cells =
      std::ceil(s.horizon / *interval) * static_cast<double>(s.contact_types.size());
  if (cells > static_cast<double>(scenario::kMaxIntervalCells)) {
    PrintError("staff", "--interval: " + text +
                            " cuts the horizon into too many intervals; use a longer one");
    return std::nullopt;
  }
  return interval;
}

// What the command line asks for, checked.
struct StaffArgs {
  scenario::Scenario scenario;
  model::StaffingRequest request;
  std::string csv;  // empty: no CSV
  bool json = false;
};

// Parses, loads and checks. Returns the exit status when the command should stop here.
std::optional<int> ParseStaffArgs(const std::vector<std::string>& args, StaffArgs& out) {
  const std::string cmd = "staff";
  po::options_description options(kStaffHelp);
  options.add_options()                                                      //
      ("help,h", "show this help")                                           //
      ("scenario", po::value<std::string>(), "the scenario YAML file")        //
      ("target", po::value<double>(), "service-level target, e.g. 0.8 (default: the scenario's)")
      ("group", po::value<std::string>(), "the agent group to staff (default: the only one)")
      ("interval", po::value<std::string>()->default_value("30m"),
       "the staffing interval, a duration like 15m or 1h");
  AddSetOption(options, "override a scenario key");
  AddReplicationOptions(options, "replications per round (default: the scenario's)",
                        "random seed (default: the scenario's)");
  options.add_options()                                                      //
      ("csv", po::value<std::string>(), "also write the staffing table to this CSV file")
      ("json", "print one JSON document instead of the table");
  po::variables_map vm;
  if (auto stop = ParseCommandLine(cmd, args, options, "scenario", 1, vm)) return *stop;
  if (!vm.count("scenario")) {
    PrintError(cmd, "missing SCENARIO.yaml (see ccsim staff --help)");
    return kExitBadInput;
  }
  if (auto stop = CheckReplicationOptions(cmd, vm)) return *stop;
  // An existing CSV is replaced (as before), a device, FIFO or link never.
  if (vm.count("csv")) {
    if (auto stop = CheckOutput(cmd, "--csv", vm["csv"].as<std::string>(), /*force=*/true)) {
      return *stop;
    }
  }
  if (auto stop = LoadScenario(vm, out.scenario)) return *stop;
  const scenario::Scenario& s = out.scenario;
  const double target = vm.count("target") ? vm["target"].as<double>() : s.service_level.target;
  if (!(target > 0 && target < 1)) {
    PrintError(cmd, "--target: expected a service level strictly between 0 and 1");
    return kExitBadInput;
  }
  int g = 0;
  if (vm.count("group")) {
    g = s.AgentGroupIndex(vm["group"].as<std::string>());
    if (g < 0) {
      PrintError(cmd, "--group: no agent group '" + vm["group"].as<std::string>() + "'");
      return kExitBadInput;
    }
  } else if (s.agent_groups.size() != 1) {
    PrintError(cmd, "the scenario has several agent groups: say which to staff with --group");
    return kExitBadInput;
  }
  const std::optional<double> interval = StaffingInterval(vm["interval"].as<std::string>(), s);
  if (!interval) return kExitBadInput;
  out.request = {.group = g,
                 .interval = *interval,
                 .target = target,
                 .replications = s.replications,
                 .seed = s.seed,
                 .threads = Threads(vm)};
  if (vm.count("csv")) out.csv = vm["csv"].as<std::string>();
  out.json = vm.count("json") > 0;
  return std::nullopt;
}

// Written whole beside `path` and renamed: a failed write leaves no partial table. With the
// scenario's start, each row ends with its interval's start and day of the week.
trace::Status WriteCsv(const std::string& path, const model::StaffingPlan& plan,
                       const scenario::TimeLabels& labels) {
  const scenario::Calendar* calendar = labels.calendar();
  std::ostringstream csv;
  csv << "interval,start_s,end_s,offered_load_erlangs,erlang_agents,agents,service_level,service_level_ci95"
      << (calendar ? ",interval_start,day_of_week\n" : "\n");
  for (size_t i = 0; i < plan.intervals.size(); ++i) {
    const model::IntervalStaffing& iv = plan.intervals[i];
    csv << i << ',' << iv.start << ',' << iv.end << ',' << FormatNumber(iv.load) << ','
        << iv.erlang_agents << ',' << iv.agents << ',' << FormatNumber(iv.service_level.mean) << ','
        << FormatNumber(iv.service_level.ci95);
    if (calendar) {
      csv << ',' << calendar->Iso(iv.start) << ',' << scenario::DayName(calendar->DayOfWeek(iv.start));
    }
    csv << '\n';
  }
  return trace::WriteFileAtomically(*trace::Env::Default(), path, csv.str());
}

// The group's staffing in the scenario, which the search replaces: "3 agents", "2 shifts".
std::string ScenarioStaffing(const scenario::AgentGroup& g) {
  if (g.shifts.empty()) return std::to_string(g.agents) + (g.agents == 1 ? " agent" : " agents");
  return std::to_string(g.shifts.size()) + (g.shifts.size() == 1 ? " shift" : " shifts");
}

// Said on stderr whatever stdout carries: the plan is not the scenario's staffing.
void NoteReplacedStaffing(const StaffArgs& a) {
  const scenario::Scenario& s = a.scenario;
  const scenario::AgentGroup& g = s.agent_groups[a.request.group];
  std::string note = "ccsim staff: note: the scenario's staffing of group '" + g.name + "' (" +
                     ScenarioStaffing(g) + ") is replaced by one shift per " +
                     FormatDuration(a.request.interval) + " interval";
  if (s.interval != a.request.interval) {
    note += "; the scenario's reporting interval (" + FormatDuration(s.interval) +
            ") is not used (--interval sets this one)";
  }
  std::fprintf(stderr, "%s\n", note.c_str());
}

// The group's hourly rate in the scenario's costs, if it gives one.
std::optional<double> AgentHourRate(const StaffArgs& a) {
  if (!a.scenario.costs) return std::nullopt;
  return a.scenario.costs->agent_hour[a.request.group];
}

void PrintJson(const StaffArgs& a, const model::StaffingPlan& plan) {
  const scenario::Scenario& s = a.scenario;
  const scenario::TimeLabels labels(s.start);
  JsonWriter j;
  j.BeginObject();
  j.Key("scenario");
  j.String(s.name);
  if (const scenario::Calendar* calendar = labels.calendar()) {
    j.Key("start");
    j.String(calendar->Iso(0));
  }
  j.Key("group");
  j.String(s.agent_groups[a.request.group].name);
  j.Key("target");
  j.Number(a.request.target);
  j.Key("interval");  // seconds: --interval, not the scenario's reporting interval
  j.Number(a.request.interval);
  j.Key("replaced_staffing");  // the group's staffing in the scenario, which the plan replaces
  j.String(ScenarioStaffing(s.agent_groups[a.request.group]));
  j.Key("agent_hours");
  j.Number(model::AgentHours(plan));
  if (const std::optional<double> rate = AgentHourRate(a)) {
    j.Key("currency");
    j.String(s.costs->currency);
    j.Key("agent_hour");
    j.Number(*rate);
    j.Key("cost_agents");
    j.Number(*rate * model::AgentHours(plan));
  }
  j.Key("rounds");
  j.Integer(plan.rounds);
  j.Key("target_met");  // 0/1, as the other commands' flags
  j.Integer(plan.target_met ? 1 : 0);
  j.Key("stopped_at_round_limit");
  j.Integer(plan.stopped_at_round_limit ? 1 : 0);
  j.Key("intervals");
  j.BeginArray();
  for (const model::IntervalStaffing& iv : plan.intervals) {
    j.BeginObject();
    j.Key("start");
    j.Number(iv.start);
    j.Key("end");
    j.Number(iv.end);
    if (const scenario::Calendar* calendar = labels.calendar()) WriteClockTime(j, *calendar, iv.start);
    j.Key("offered_load");
    j.Number(iv.load);
    j.Key("erlang_agents");
    j.Integer(iv.erlang_agents);
    j.Key("agents");
    j.Integer(iv.agents);
    j.Key("service_level");
    WriteEstimate(j, iv.service_level);
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();
  std::printf("%s\n", j.str().c_str());
}

void PrintTable(const StaffArgs& a, const model::StaffingPlan& plan) {
  const scenario::Scenario& s = a.scenario;
  const scenario::TimeLabels labels(s.start);
  std::vector<std::vector<std::string>> rows = {
      {labels.IntervalHeader(), "load (erlangs)", "Erlang", "agents", "service_level", "offered"}};
  for (const model::IntervalStaffing& iv : plan.intervals) {
    char load[32], offered[32];
    std::snprintf(load, sizeof load, "%.2f", iv.load);
    std::snprintf(offered, sizeof offered, "%.1f", iv.offered);
    rows.push_back({labels.Interval(iv.start, iv.end), load, std::to_string(iv.erlang_agents),
                    std::to_string(iv.agents), KpiCell(model::Kpi::kServiceLevel, iv.service_level),
                    offered});
  }
  const std::string start = s.start ? " | start " + labels.At(0) : std::string();
  std::printf(
      "ccsim staff | %s%s | group %s | target %.0f%% within %gs | intervals of %s | %d "
      "replications, %d round%s\n\n%s",
      s.name.c_str(), start.c_str(), s.agent_groups[a.request.group].name.c_str(),
      100 * a.request.target, s.service_level.threshold, FormatDuration(a.request.interval).c_str(),
      s.replications, plan.rounds, plan.rounds == 1 ? "" : "s", Table(rows).c_str());
  const double hours = model::AgentHours(plan);
  std::string total = "\ntotal: " + FormatMoney(hours) + " agent-hours";
  if (const std::optional<double> rate = AgentHourRate(a)) {
    const std::string& currency = s.costs->currency;
    total += " × " + FormatMoney(*rate) + " " + currency +
             " an hour = " + FormatMoney(*rate * hours) + " " + currency;
  }
  std::printf("%s\n", total.c_str());
}

// A search cut short is said on stderr, whatever stdout carries: the table or JSON alone
// would read as if the target were met with the fewest agents.
void WarnAtRoundLimit(const StaffArgs& a, const model::StaffingPlan& plan) {
  if (!plan.stopped_at_round_limit) return;
  const scenario::TimeLabels labels(a.scenario.start);
  std::string below;
  for (const model::IntervalStaffing& iv : plan.intervals) {
    if (iv.service_level.mean < a.request.target) {
      below += (below.empty() ? "" : ", ") + labels.Interval(iv.start, iv.end);
    }
  }
  std::fprintf(stderr, "ccsim staff: warning: the search stopped at its limit of %d rounds before settling: %s\n",
               a.request.max_rounds,
               plan.target_met
                   ? "every interval meets the target, but fewer agents may do in some"
                   : ("the target is NOT met in " + below + " (simulated with the agents shown)").c_str());
}

}  // namespace

int StaffCommand(const std::vector<std::string>& args) {
  StaffArgs a;
  if (auto stop = ParseStaffArgs(args, a)) return *stop;
  NoteReplacedStaffing(a);
  CatchInterrupts();
  a.request.stop = InterruptFlag();
  const model::StaffingPlan plan = model::PlanStaffing(a.scenario, a.request);
  if (Interrupted()) return ReportInterrupted("staff", a.csv);
  if (!a.csv.empty()) {
    if (const trace::Status written = WriteCsv(a.csv, plan, scenario::TimeLabels(a.scenario.start));
        !written) {
      PrintError("staff", "--csv: " + written.error());
      return kExitFailure;
    }
  }
  WarnAtRoundLimit(a, plan);
  if (a.json) {
    PrintJson(a, plan);
  } else {
    PrintTable(a, plan);
  }
  return kExitOk;
}

}  // namespace ccsim::cli
