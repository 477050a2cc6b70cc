// `ccsim schedule`: the cheapest roster of shift templates that meets the service-level
// target in every interval (sim/schedule/scheduler.h), written as a roster file.
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/cli/interrupt.h"
#include "sim/cli/options.h"
#include "sim/cli/output_file.h"
#include "sim/cli/schedule_output.h"
#include "sim/scenario/limits.h"
#include "sim/scenario/shift_templates.h"
#include "sim/scenario/units.h"
#include "sim/schedule/roster_csv.h"
#include "sim/schedule/scheduler.h"
#include "sim/trace/env.h"

namespace ccsim::cli {

namespace {

constexpr const char* kScheduleHelp = R"(Usage: ccsim schedule SCENARIO.yaml --templates SHIFTS.yaml --target 0.8 [--group NAME]...
                      [--shrinkage 0.3] [--interval 30m] -o ROSTER.csv [--json] [options]

Chooses how many agents work each shift template (its start times, length, break windows,
days and hourly cost, from SHIFTS.yaml) so that every planning interval of the scheduled
groups meets the service-level target at the least cost, and writes the roster that
`ccsim run` reads (agent_groups.NAME.roster: ROSTER.csv).

  1. Requirements: per group and interval, the Erlang agents for its load (a contact
     type's load goes to the groups with its best skill level), / (1 - shrinkage), rounded up.
  2. An integer program (COIN-OR CBC) picks the cheapest roster covering them, breaks
     placed within their windows.
  3. Simulation rounds on the same customers: where an interval misses the target its
     requirement rises; where the target is met with room (the 95% CI above it) it falls;
     solve again, until nothing changes or --max-rounds. Shrinkage is simulated as agents
     missing their shifts with that probability.

It prints the total cost, agents per template, and per group and interval the Erlang
agents, the requirement, the agents on duty and the simulated service level with its CI.
With several groups, each gets its own roster: ROSTER.csv becomes ROSTER.NAME.csv.

Example:
  ccsim schedule scenarios/insurance_day.yaml --templates scenarios/schedule_shifts.yaml \
      --target 0.8 --shrinkage 0.3 -r 20 -o roster.csv
  # then in the scenario: agent_groups.service_team.roster: roster.csv

Options)";

struct ScheduleArgs {
  scenario::Scenario scenario;
  std::vector<scenario::ShiftTemplate> templates;
  std::string templates_file;
  schedule::ScheduleRequest request;
  std::vector<std::string> outputs;  // by position in request.groups; empty: no -o
  bool json = false;
};

void AddScheduleOptions(po::options_description& options) {
  options.add_options()                                                     //
      ("help,h", "show this help")                                          //
      ("scenario", po::value<std::string>(), "the scenario YAML file")       //
      ("templates", po::value<std::string>(), "the shift templates (YAML), required")
      ("target", po::value<double>(), "service-level target, e.g. 0.8 (default: the scenario's)")
      ("group", po::value<std::vector<std::string>>(),
       "an agent group to roster, repeatable (default: every group)")
      ("shrinkage", po::value<double>(), "share of paid time not available, 0 to <1 (default 0)")
      ("interval", po::value<std::string>(), "the planning interval (default 30m)")
      ("max-rounds", po::value<int>(), "rounds of solving and simulating, at most (default 30)")
      ("solver-seconds", po::value<double>(), "time limit of each solve (default 60)");
  AddSetOption(options, "override a scenario key");
  AddReplicationOptions(options, "replications per round (default: the scenario's)",
                        "random seed (default: the scenario's)");
  options.add_options()                                                       //
      ("output,o", po::value<std::string>(), "write the roster to this CSV file")
      ("force", "overwrite existing roster files")
      ("json", "print one JSON document instead of the tables");
}

// --target, --shrinkage, --interval, --max-rounds and --solver-seconds, checked.
std::optional<int> ReadNumbers(const po::variables_map& vm, const scenario::Scenario& s,
                               schedule::ScheduleRequest& r) {
  const std::string cmd = "schedule";
  r.target = vm.count("target") ? vm["target"].as<double>() : s.service_level.target;
  if (!(r.target > 0 && r.target < 1)) {
    PrintError(cmd, "--target: expected a service level strictly between 0 and 1");
    return kExitBadInput;
  }
  if (vm.count("shrinkage")) r.shrinkage = vm["shrinkage"].as<double>();
  if (!(r.shrinkage >= 0 && r.shrinkage < 1)) {
    PrintError(cmd, "--shrinkage: expected a share from 0 to below 1, like 0.3");
    return kExitBadInput;
  }
  const std::string interval = vm.count("interval") ? vm["interval"].as<std::string>() : "30m";
  const std::optional<double> seconds = scenario::ParseDuration(interval);
  const double cells = seconds ? std::ceil(s.horizon / *seconds) *
                                     std::max<size_t>(1, s.contact_types.size())
                               : 0;
  if (!seconds || *seconds < 60 || cells > static_cast<double>(scenario::kMaxIntervalCells)) {
    PrintError(cmd, "--interval: expected a duration of at least 1m (like 30m) that makes at "
                    "most " + std::to_string(scenario::kMaxIntervalCells) +
                        " intervals × contact types; got '" + interval + "'");
    return kExitBadInput;
  }
  r.interval = *seconds;
  if (vm.count("max-rounds")) r.max_rounds = vm["max-rounds"].as<int>();
  if (vm.count("solver-seconds")) r.solver_seconds = vm["solver-seconds"].as<double>();
  if (r.max_rounds < 1 || r.max_rounds > 10000 || !(r.solver_seconds > 0) ||
      r.solver_seconds > 86400) {
    PrintError(cmd, "--max-rounds: expected 1 to 10000; --solver-seconds: more than 0, at most 86400");
    return kExitBadInput;
  }
  return std::nullopt;
}

// The groups to roster, by name; default every group.
std::optional<int> ReadGroups(const po::variables_map& vm, const scenario::Scenario& s,
                              std::vector<int>& groups) {
  for (const std::string& name : StringList(vm, "group")) {
    const int g = s.AgentGroupIndex(name);
    if (g < 0) {
      PrintError("schedule", "--group: no agent group '" + name + "'");
      return kExitBadInput;
    }
    bool repeated = false;
    for (int h : groups) repeated = repeated || h == g;
    if (!repeated) groups.push_back(g);
  }
  if (groups.empty()) {
    for (size_t g = 0; g < s.agent_groups.size(); ++g) groups.push_back(static_cast<int>(g));
  }
  return std::nullopt;
}

// -o for one group, or ROSTER.NAME.csv for each of several; each checked before any work.
std::optional<int> ReadOutputs(const po::variables_map& vm, ScheduleArgs& a) {
  if (!vm.count("output")) return std::nullopt;
  const std::string path = vm["output"].as<std::string>();
  for (int g : a.request.groups) {
    std::string file = path;
    if (a.request.groups.size() > 1) {
      const size_t slash = path.rfind('/');
      const size_t dot = path.rfind('.');
      const bool has_extension = dot != std::string::npos && (slash == std::string::npos || dot > slash);
      const std::string& name = a.scenario.agent_groups[g].name;
      file = has_extension ? path.substr(0, dot) + "." + name + path.substr(dot) : path + "." + name;
    }
    if (auto stop = CheckOutput("schedule", "-o", file, vm.count("force") > 0)) return *stop;
    a.outputs.push_back(file);
  }
  return std::nullopt;
}

// Parses, loads and checks. Returns the exit status when the command should stop here.
std::optional<int> ParseScheduleArgs(const std::vector<std::string>& args, ScheduleArgs& a) {
  const std::string cmd = "schedule";
  po::options_description options(kScheduleHelp);
  AddScheduleOptions(options);
  po::variables_map vm;
  if (auto stop = ParseCommandLine(cmd, args, options, "scenario", 1, vm)) return *stop;
  if (!vm.count("scenario") || !vm.count("templates")) {
    PrintError(cmd, std::string("missing ") +
                        (vm.count("scenario") ? "--templates SHIFTS.yaml" : "SCENARIO.yaml") +
                        " (see ccsim schedule --help)");
    return kExitBadInput;
  }
  if (auto stop = CheckReplicationOptions(cmd, vm)) return *stop;
  if (auto stop = LoadScenario(vm, a.scenario)) return *stop;
  const scenario::Scenario& s = a.scenario;
  if (auto stop = ReadNumbers(vm, s, a.request)) return *stop;
  if (auto stop = ReadGroups(vm, s, a.request.groups)) return *stop;
  if (auto stop = ReadOutputs(vm, a)) return *stop;
  a.templates_file = vm["templates"].as<std::string>();
  scenario::TemplatesResult templates = scenario::LoadShiftTemplatesFile(a.templates_file, s);
  if (!templates.ok()) {
    PrintDiagnostics(templates.errors);
    return kExitBadInput;
  }
  a.templates = std::move(templates.templates);
  a.request.replications = s.replications;
  a.request.seed = s.seed;
  a.request.threads = Threads(vm);
  a.json = vm.count("json") > 0;
  return std::nullopt;
}

// Each group's roster, written whole beside its path and renamed.
std::optional<int> WriteRosters(const ScheduleArgs& a, const schedule::SchedulePlan& plan) {
  for (size_t p = 0; p < a.outputs.size(); ++p) {
    const std::string csv = schedule::RosterCsv(a.scenario, plan.columns, plan.counts,
                                                a.templates, a.request.groups[p]);
    const trace::Status written =
        trace::WriteFileAtomically(*trace::Env::Default(), a.outputs[p], csv);
    if (!written) {
      PrintError("schedule", "-o: " + written.error());
      return kExitFailure;
    }
  }
  return std::nullopt;
}

}  // namespace

int ScheduleCommand(const std::vector<std::string>& args) {
  ScheduleArgs a;
  if (auto stop = ParseScheduleArgs(args, a)) return *stop;
  const schedule::PlanningGrid grid{.interval = a.request.interval, .horizon = a.scenario.horizon};
  schedule::ColumnsResult columns =
      schedule::BuildColumns(a.scenario, a.templates, a.request.groups, grid);
  if (!columns.errors.empty()) {
    PrintDiagnostics(columns.errors);
    return kExitBadInput;
  }
  for (const std::string& unused : columns.unused) {
    std::fprintf(stderr, "ccsim schedule: warning: %s\n", unused.c_str());
  }
  if (columns.columns.empty()) {
    PrintError("schedule", "no template gives a shift within the horizon");
    return kExitBadInput;
  }
  CatchInterrupts();
  a.request.stop = InterruptFlag();
  const schedule::SchedulePlan plan =
      schedule::PlanSchedule(a.scenario, std::move(columns.columns), a.request);
  if (Interrupted()) return ReportInterrupted("schedule", a.outputs.empty() ? "" : a.outputs[0]);
  if (plan.no_solution) {
    PrintError("schedule", "the solver found no roster within its time limit of " +
                               std::to_string(static_cast<int>(a.request.solver_seconds)) +
                               " s; give it longer with --solver-seconds");
    return kExitFailure;
  }
  if (auto stop = WriteRosters(a, plan)) return *stop;
  const ScheduleReport report{.scenario = &a.scenario, .templates = &a.templates,
                              .templates_file = a.templates_file, .request = &a.request,
                              .plan = &plan, .roster_files = a.outputs};
  std::fputs(ScheduleWarnings(report).c_str(), stderr);
  std::fputs((a.json ? ScheduleJson(report) : ScheduleTables(report)).c_str(), stdout);
  return kExitOk;
}

}  // namespace ccsim::cli
