// `ccsim run` and `ccsim validate`.
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/arrival_warnings.h"
#include "sim/cli/commands.h"
#include "sim/cli/interrupt.h"
#include "sim/cli/options.h"
#include "sim/cli/output_file.h"
#include "sim/cli/progress_bar.h"
#include "sim/cli/run_settings.h"
#include "sim/cli/summary_output.h"
#include "sim/cli/version.h"
#include "sim/model/model.h"
#include "sim/model/result_rows.h"
#include "sim/model/simulate_all.h"
#include "sim/model/summary.h"
#include "sim/scenario/calendar.h"
#include "sim/scenario/loader.h"
#include "sim/trace/result_file.h"
#include "sim/trace/result_reader.h"

namespace ccsim::cli {

namespace {

constexpr const char* kRunHelp = R"(Usage: ccsim run SCENARIO.yaml [options]

Simulates the scenario's replications (in parallel; results do not depend on -j) and
prints each KPI's mean and the half-width of its 95% confidence interval, overall and
per contact type (* the whole centre only; + shown in the table only when the scenario
uses it; $ money, only when the scenario has `costs`):
)";

constexpr const char* kRunExamples = R"(
Examples:
  ccsim run scenarios/help_desk.yaml -r 30
  ccsim run scenarios/retail_bank.yaml --set agent_groups.tier1.agents=45 --set routing.agent_selection=most_skilled
  ccsim run scenarios/erlang_textbook.yaml -r 50 -s 7 --json > result.json
  ccsim run scenarios/insurance_day.yaml --intervals     # how the day goes, half hour by half hour
  ccsim run scenarios/retail_bank.yaml --agents          # the top, middle and bottom third of agents
  ccsim run scenarios/help_desk.yaml -o help_desk.h5 --trace contacts
  ccsim run --from help_desk.h5 --json                    # the stored scenario, the same numbers

Options)";

constexpr const char* kValidateHelp = R"(Usage: ccsim validate SCENARIO.yaml [--set KEY.PATH=VALUE]...

Checks the scenario without simulating: every mistake is printed as
FILE:LINE:COL: error: MESSAGE and the exit status is 2; a valid scenario prints a
one-line description and exits 0.

Options)";

// The root attributes of the run's result file.
trace::RootAttributes RunAttributes(const scenario::Scenario& s,
                                    const std::vector<std::string>& overrides,
                                    const std::string& trace) {
  trace::RootAttributes a = RunSettings(s);
  a.kind = trace::FileKind::kRun;
  a.ccsim_version = kVersion;
  a.scenario_text = s.source_text;
  a.scenario_name = s.name;
  a.scenario_file = s.source_file;
  a.start = scenario::TimeLabels(s.start).Iso(0);
  a.overrides = overrides;
  a.seed = s.seed;
  a.trace = trace;
  return a;
}

// What `ccsim run` was asked for besides the scenario, checked.
struct RunArgs {
  std::string trace;               // the --trace text, as the result file records it
  records::TraceLevel level = records::TraceLevel::kSummary;
  std::string output;              // -o; empty: no result file
  int threads = 0;
  bool json = false, intervals = false, agents = false;
  std::string provenance;  // "--from x.h5 | --set k=v --set ...", for the table's header
};

// Parses and checks the flags. Returns the exit status when the command should stop here.
std::optional<int> ParseRunArgs(const std::vector<std::string>& args, po::variables_map& vm,
                                RunArgs& out) {
  const std::string cmd = "run";
  po::options_description options(kRunHelp + KpiHelp() + kRunExamples);
  options.add_options()                                                      //
      ("help,h", "show this help")                                           //
      ("scenario", po::value<std::string>(), "the scenario YAML file");
  AddReplicationOptions(options, "replications (default: the scenario's `replications`)",
                        "random seed (default: the scenario's `seed`)");
  AddSetOption(options, "override a scenario key, e.g. --set agent_groups.tier1.agents=45 (repeatable)");
  options.add_options()                                                      //
      ("output,o", po::value<std::string>(), "write the results to this HDF5 file (layout: docs/trace_format.md)")
      ("trace", po::value<std::string>()->default_value("summary"),
       "what -o records besides the summary: summary | contacts (one row per contact) | "
       "events (contacts, agent state spells and the event log)")
      ("force", "overwrite an existing -o file")
      ("from", po::value<std::string>(),
       "re-run the scenario stored in a result file (same overrides, seed and replications "
       "unless given again)")
      ("intervals", "also report KPIs per reporting interval (`interval:` in the scenario)")
      ("agents", "also report the agents by stack-rank band (top, middle, bottom third on "
       "resolved contacts per staffed hour); with --json, each agent too")
      ("json", "print one JSON document instead of the table");
  if (auto stop = ParseCommandLine(cmd, args, options, "scenario", 1, vm)) return *stop;
  if (vm.count("scenario") == vm.count("from")) {
    PrintError(cmd, "give either SCENARIO.yaml or --from RESULT.h5 (see ccsim run --help)");
    return kExitBadInput;
  }
  out.trace = vm["trace"].as<std::string>();
  const std::optional<records::TraceLevel> level = records::ParseTraceLevel(out.trace);
  if (!level) {
    PrintError(cmd, "--trace: expected summary, contacts or events; got '" + out.trace + "'");
    return kExitBadInput;
  }
  out.level = *level;
  out.output = vm.count("output") ? vm["output"].as<std::string>() : "";
  if (out.output.empty() && out.level != records::TraceLevel::kSummary) {
    PrintError(cmd, "--trace " + out.trace + " records into a result file: add -o OUT.h5");
    return kExitBadInput;
  }
  if (vm.count("output")) {
    if (auto stop = CheckOutput(cmd, "-o", out.output, vm.count("force") > 0)) return *stop;
  }
  if (auto stop = CheckReplicationOptions(cmd, vm)) return *stop;
  out.threads = Threads(vm);
  out.json = vm.count("json") > 0;
  out.intervals = vm.count("intervals") > 0;
  out.agents = vm.count("agents") > 0;
  return std::nullopt;
}

// The scenario to run, from SCENARIO.yaml or the result file of --from (its overrides,
// replications and seed), then --set, -r and -s; and every override applied, for -o.
std::optional<int> LoadRunScenario(const po::variables_map& vm, scenario::Scenario& s,
                                   std::vector<std::string>& overrides) {
  const std::string cmd = "run";
  std::optional<trace::RootAttributes> from;
  if (vm.count("from")) {
    trace::Expected<trace::RootAttributes> read = trace::ReadRootAttributes(vm["from"].as<std::string>());
    if (!read) {
      PrintError(cmd, "--from: " + read.error());
      return kExitBadInput;
    }
    from = std::move(*read);
    overrides = from->overrides;
  }
  if (vm.count("set")) {
    for (const std::string& o : vm["set"].as<std::vector<std::string>>()) overrides.push_back(o);
  }
  scenario::LoadResult loaded =
      from ? scenario::LoadScenarioText(from->scenario_text, from->scenario_file, overrides)
           : scenario::LoadScenarioFile(vm["scenario"].as<std::string>(), overrides);
  if (!loaded.ok()) {
    PrintDiagnostics(loaded.errors);
    return kExitBadInput;
  }
  s = std::move(*loaded.scenario);
  if (from) {
    s.replications = from->replications;
    s.seed = from->seed;
  }
  ApplyReplicationOptions(vm, s);
  return std::nullopt;
}

// "--from x.h5 | --set a=1 --set b=2": what made this run's scenario besides its file, so
// that saved outputs can be told apart ("" when nothing did).
std::string Provenance(const po::variables_map& vm) {
  std::string out;
  if (vm.count("from")) out = "--from " + vm["from"].as<std::string>();
  if (vm.count("set")) {
    if (!out.empty()) out += " |";
    for (const std::string& o : vm["set"].as<std::vector<std::string>>()) {
      out += (out.empty() ? "--set " : " --set ") + o;
    }
  }
  return out;
}

// The -o writer (null without -o). Returns the exit status when the file cannot be opened.
std::optional<int> OpenWriter(const model::Model& model, const RunArgs& a,
                              const std::vector<std::string>& overrides,
                              std::unique_ptr<trace::ResultFileWriter>& writer) {
  const std::string cmd = "run";
  const scenario::Scenario& s = model.scenario();
  const std::string& output = a.output;
  if (!output.empty()) {
    auto created = trace::ResultFileWriter::Create(RunAttributes(s, overrides, a.trace),
                                                   model::FileEnumNames(model), output, a.level);
    if (!created) {
      PrintError(cmd, created.error());
      return kExitFailure;
    }
    writer = std::move(*created);
  }
  return std::nullopt;
}

// What the run keeps of its replications, folded in as they finish: the summary and, for
// -o, the result file's names and columns (its rows go to the writer as they are folded).
struct RunTotals {
  model::SummaryBuilder summary;
  records::ResultTables rows;
};

// Simulates every replication into `writer` (if any), with a progress bar, until done or
// interrupted (SIGINT, SIGTERM).
RunTotals Simulate(const model::Model& model, const RunArgs& a, trace::ResultFileWriter* writer) {
  const scenario::Scenario& s = model.scenario();
  CatchInterrupts();
  ProgressBar progress(static_cast<int64_t>(s.horizon) * s.replications,
                       {.name = "replications", .count = s.replications});
  RunTotals totals{.summary = model::SummaryBuilder(model, s.seed, a.intervals)};
  if (writer) totals.rows = model::ResultRows(model, {});
  model::SimulateReplicationsInOrder(model, s.replications, a.threads,
                                     {.seed = s.seed,
                                      .trace = writer,
                                      .trace_level = a.level,
                                      .stop = InterruptFlag(),
                                      .progress_seconds = progress.counter()},
                                     [&](model::ReplicationResult&& r) {
                                       totals.summary.Add(r);
                                       // Written as folded: the rows of many replications
                                       // were most of a run's memory.
                                       if (writer) {
                                         writer->AddResultRows(model::ResultRows(model, {&r, 1}));
                                       }
                                     });
  return totals;
}

// Finishes the result file, or abandons it when interrupted. Returns the exit status
// when the command should stop here.
std::optional<int> FinishWriter(const RunArgs& a, trace::ResultFileWriter* writer,
                                const records::ResultTables& rows) {
  const std::string cmd = "run";
  const std::string& output = a.output;
  if (Interrupted()) {
    if (writer) writer->Abort();
    return ReportInterrupted(cmd, output);
  }
  if (writer) {
    const trace::Status written = writer->Commit(rows);
    if (!written) {
      PrintError(cmd, "failed to write " + output + " (nothing left under that name): " + written.error());
      return kExitFailure;
    }
  }
  return std::nullopt;
}

void PrintSummary(const RunArgs& a, const model::SummaryBuilder& totals) {
  const model::Summary summary = totals.Finish();
  std::vector<model::IntervalSummary> intervals;
  if (a.intervals) intervals = totals.Intervals();
  std::string out;
  if (a.json) {
    out = SummaryJson(summary, intervals, a.agents);
  } else {
    out = SummaryTable(summary, a.provenance);
    if (!intervals.empty()) out += IntervalTable(intervals, scenario::TimeLabels(summary.start));
    if (a.agents) out += AgentBandTable(summary);
    if (HasPeople(summary)) out += NamedAgentTable(summary);
  }
  std::fputs(out.c_str(), stdout);
}

}  // namespace

int RunCommand(const std::vector<std::string>& args) {
  po::variables_map vm;
  RunArgs a;
  if (auto stop = ParseRunArgs(args, vm, a)) return *stop;
  scenario::Scenario s;
  std::vector<std::string> overrides;
  if (auto stop = LoadRunScenario(vm, s, overrides)) return *stop;
  a.provenance = Provenance(vm);
  WarnAboutArrivals("run", s, /*mention_repeats=*/false);
  const model::Model model(s);
  std::unique_ptr<trace::ResultFileWriter> writer;
  if (auto stop = OpenWriter(model, a, overrides, writer)) return *stop;
  RunTotals totals = Simulate(model, a, writer.get());
  if (auto stop = FinishWriter(a, writer.get(), totals.rows)) return *stop;
  totals.rows = {};  // written: the summary needs none of it
  PrintSummary(a, totals.summary);
  return kExitOk;
}

int ValidateCommand(const std::vector<std::string>& args) {
  const std::string cmd = "validate";
  po::options_description options(kValidateHelp);
  options.add_options()                                                //
      ("help,h", "show this help")                                     //
      ("scenario", po::value<std::string>(), "the scenario YAML file");
  AddSetOption(options, "override a scenario key");
  po::variables_map vm;
  if (auto stop = ParseCommandLine(cmd, args, options, "scenario", 1, vm)) return *stop;
  if (!vm.count("scenario")) {
    PrintError(cmd, "missing SCENARIO.yaml (see ccsim validate --help)");
    return kExitBadInput;
  }
  const std::string path = vm["scenario"].as<std::string>();
  const std::vector<std::string> overrides =
      StringList(vm, "set");
  const scenario::LoadResult loaded = scenario::LoadScenarioFile(path, overrides);
  if (!loaded.ok()) {
    PrintDiagnostics(loaded.errors);
    return kExitBadInput;
  }
  const scenario::Scenario& s = *loaded.scenario;
  WarnAboutArrivals(cmd, s, /*mention_repeats=*/true);
  int agents = 0;  // seats: the constant headcount, or every shift's agents
  for (const auto& g : s.agent_groups) {
    agents += g.agents;
    for (const auto& shift : g.shifts) agents += shift.agents;
  }
  const std::string from =
      s.start ? " from " + scenario::TimeLabels(s.start).At(0) : std::string();
  std::printf("%s: ok: scenario '%s', %zu contact type%s, %zu agent group%s, %d agents, "
              "horizon %s%s, %d replication%s\n",
              path.c_str(), s.name.c_str(), s.contact_types.size(),
              s.contact_types.size() == 1 ? "" : "s", s.agent_groups.size(),
              s.agent_groups.size() == 1 ? "" : "s", agents, FormatDuration(s.horizon).c_str(),
              from.c_str(), s.replications, s.replications == 1 ? "" : "s");
  return kExitOk;
}

}  // namespace ccsim::cli
