// `ccsim sweep`: every combination of --vary values × replications, in one task pool.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/cli/design_grid.h"
#include "sim/cli/interrupt.h"
#include "sim/cli/json_writer.h"
#include "sim/cli/mpi_session.h"
#include "sim/cli/options.h"
#include "sim/cli/output_file.h"
#include "sim/cli/progress_bar.h"
#include "sim/cli/run_settings.h"
#include "sim/cli/summary_output.h"
#include "sim/cli/sweep_output.h"
#include "sim/cli/version.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/result_rows.h"
#include "sim/model/simulate_all.h"
#include "sim/model/summary.h"
#include "sim/scenario/calendar.h"
#include "sim/scenario/limits.h"
#include "sim/scenario/loader.h"
#include "sim/trace/sweep_file.h"

namespace ccsim::cli {

namespace {

constexpr const char* kSweepHelp = R"(Usage: ccsim sweep SCENARIO.yaml --vary KEY.PATH=V1,V2,... [--vary ...] [options]

Runs every combination of the --vary values (the design points), each with the
scenario's replications, all in one pool of tasks: the points run side by side, not one
after the other. Every point uses the same seed, so every point sees the same customers
(common random numbers): differences between points are the policy's, not luck's.
Prints one row per point (mean ± 95% half-width), or with --json one document with a
"points" array; -o writes /points/<i>/ groups and a /points/table to an HDF5 file.

A numeric range A:B:STEP expands to A, A+STEP, ..., B.

Examples:
  ccsim sweep scenarios/help_desk.yaml --vary agent_groups.desk.agents=4:8:1
  ccsim sweep scenarios/retail_bank.yaml --vary routing.agent_selection=longest_idle,most_skilled \
        --vary agent_groups.tier1.agents=28,30,32 -r 10 -o bank.h5

Options)";

struct Point {
  int index = 0;                       // in the whole sweep
  std::vector<std::string> values;     // the values alone (freed once printed and written)
  std::vector<std::string> overrides;  // --set, then the point's --vary KEY=VALUE (freed
                                       // once its model is built)
  int64_t seconds = 0;                 // horizon × replications, for the progress bar
  // Built when the point's turn comes (BuildModels) and freed once it is summarised, so
  // that a sweep of many points never holds them all.
  std::unique_ptr<model::Model> model;
  // While its replications are folded in; then, for -o, the file's rows. Behind
  // pointers: a sweep of many points keeps a small Point for each.
  std::unique_ptr<model::SummaryBuilder> builder;
  std::unique_ptr<records::ResultTables> rows;
  std::optional<trace::RootAttributes> settings;  // for -o: the point's RunSettings
};

// Where a finished point goes: its printed row and its -o rows.
struct PointSinks {
  bool rows = false;                       // make the point's -o rows
  SweepPrinter* printer = nullptr;         // print it (points end in index order)
  trace::SweepFileWriter* file = nullptr;  // write its rows now (else keep them)
  std::optional<std::string> file_error;   // the file's first failure
};

// Folds replication `r` of `p` (in replication order). At the last one the point is
// summarised, handed to `out` and its model and builder freed: a sweep keeps its
// points' printed text (and, without out.file, their -o rows), never their
// replications or summaries.
void FoldReplication(Point& p, model::ReplicationResult&& r, PointSinks& out) {
  const bool rows = out.rows;
  const scenario::Scenario& s = p.model->scenario();
  if (!p.builder) {
    p.builder = std::make_unique<model::SummaryBuilder>(*p.model, s.seed);
    if (rows) p.rows = std::make_unique<records::ResultTables>(model::ResultRows(*p.model, {}));
  }
  p.builder->Add(r);
  if (rows) model::AppendResultRows(*p.model, r, *p.rows);
  if (r.replication + 1 < s.replications) return;
  if (out.printer != nullptr) out.printer->Add({p.index, p.values, p.builder->Finish()});
  p.builder.reset();
  if (rows) p.settings = RunSettings(s);
  if (out.file != nullptr && !out.file_error) {
    const trace::Status s = out.file->Add({.index = p.index,
                                           .values = p.values,
                                           .tables = std::move(*p.rows),
                                           .settings = p.settings});
    if (!s) out.file_error = s.error();
    p.rows.reset();
  }
  p.model.reset();
  if (!p.rows) std::vector<std::string>().swap(p.values);  // printed and written: not needed
}

// The points' scenarios, loaded again (LoadPoints has checked them) and built, in parallel.
void BuildModels(const po::variables_map& vm, std::span<Point* const> points, int threads) {
  const std::string path = vm["scenario"].as<std::string>();
  model::ParallelFor(static_cast<int>(points.size()), threads, [&](int i) {
    scenario::LoadResult loaded = scenario::LoadScenarioFile(path, points[i]->overrides);
    ApplyReplicationOptions(vm, *loaded.scenario);
    points[i]->model = std::make_unique<model::Model>(*loaded.scenario);
    std::vector<std::string>().swap(points[i]->overrides);  // built: not needed again
  });
}

// Sends stderr to /dev/null while it lives: under mpirun every rank checks the input, but
// only rank 0 reports the mistakes.
class QuietStderr {
 public:
  QuietStderr() : saved_(dup(STDERR_FILENO)) {
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
      dup2(null, STDERR_FILENO);
      close(null);
    }
  }
  ~QuietStderr() {
    std::fflush(stderr);
    if (saved_ >= 0) {
      dup2(saved_, STDERR_FILENO);
      close(saved_);
    }
  }

 private:
  int saved_;
};

// The points' rows are moved, not copied, into the file's points: a sweep of many points
// with -o holds them once.
std::vector<trace::SweepPoint> FilePoints(const std::vector<Point*>& points) {
  std::vector<trace::SweepPoint> out;
  for (Point* p : points) {
    out.push_back({.index = p->index, .values = p->values, .tables = std::move(*p->rows),
                   .settings = p->settings});
    p->rows.reset();
  }
  return out;
}

// The sweep spread over MPI ranks: each rank takes design points one at a time from a
// shared counter (a fast rank takes more), runs their replications on its own threads and
// writes its points to a part file; rank 0 then joins the parts (`ccsim merge`'s
// copying) and prints what a one-process sweep prints. The other ranks print nothing.
int RunOnRanks(MpiSession& mpi, const po::variables_map& vm, std::vector<Point>& points,
               const trace::RootAttributes& info, int threads, const std::string& output,
               bool json) {
  std::vector<Point*> mine;
  // An interrupted rank stops taking points; the others see the signal too (mpirun
  // forwards it to every rank), and no rank writes its part.
  for (long long t; !Interrupted() && (t = mpi.NextTask()) < static_cast<long long>(points.size());) {
    Point& p = points[t];
    Point* const one[] = {&p};
    BuildModels(vm, one, 1);
    const scenario::Scenario& s = p.model->scenario();
    PointSinks keep_rows{.rows = true};  // for this rank's part file
    model::SimulateReplicationsInOrder(
        *p.model, s.replications, threads, {.seed = s.seed, .stop = InterruptFlag()},
        [&](model::ReplicationResult&& r) { FoldReplication(p, std::move(r), keep_rows); });
    mine.push_back(&p);
  }
  if (mpi.AnyRank(Interrupted())) {
    return mpi.rank() == 0 ? ReportInterrupted("sweep", output) : kExitInterrupted;
  }
  // Parts go beside the output, or in a temporary folder named after rank 0's process.
  const char* tmp = std::getenv("TMPDIR");
  const std::string prefix =
      !output.empty() ? output
                      : std::string(tmp ? tmp : "/tmp") + "/ccsim-sweep-" +
                            std::to_string(mpi.Broadcast(static_cast<uint64_t>(getpid())));
  auto part_of = [&](int rank) { return prefix + ".part-" + std::to_string(rank) + ".h5"; };
  trace::RootAttributes part_info = info;
  part_info.shard = "rank " + std::to_string(mpi.rank()) + "/" + std::to_string(mpi.size());
  int status = kExitOk;
  if (const trace::Status s = trace::WriteSweepFile(part_of(mpi.rank()), part_info, FilePoints(mine));
      !s) {
    PrintError("sweep", "rank " + std::to_string(mpi.rank()) + ": " + s.error());
    status = kExitFailure;
  }
  mpi.Barrier();
  if (mpi.rank() != 0) return status;
  std::vector<std::string> parts;
  for (int r = 0; r < mpi.size(); ++r) parts.push_back(part_of(r));
  const std::string merged_path = output.empty() ? prefix + ".h5" : output;
  const trace::Expected<trace::SweepContents> merged = trace::MergeSweepFiles(parts, merged_path);
  if (merged) {
    std::fputs(SweepOutput(json, info.scenario_name, info.seed, info.vary_paths, SweepRowsOf(*merged)).c_str(),
               stdout);
  } else {
    PrintError("sweep", "joining the ranks' parts: " + merged.error());
    status = kExitFailure;
  }
  for (const std::string& part : parts) std::remove(part.c_str());
  if (output.empty()) std::remove(merged_path.c_str());
  return status;
}

// What `ccsim sweep` was asked for besides the scenario, checked.
struct SweepArgs {
  std::vector<Vary> vary;
  std::vector<std::string> base;  // --set, for every point
  std::string output;             // -o; empty: no result file
  std::optional<Shard> shard;
  int threads = 0;
  bool json = false;
};

// --shard I/N, or the Slurm array's task; checked against mpirun and -o.
std::optional<int> ParseShardArgs(const po::variables_map& vm, const MpiSession& mpi, SweepArgs& out) {
  const std::string cmd = "sweep";
  std::optional<Shard>& shard = out.shard;
  if (vm.count("shard")) {
    shard = ParseShard(vm["shard"].as<std::string>());
    if (!shard) {
      PrintError(cmd, "--shard: expected I/N with 0 <= I < N; got '" + vm["shard"].as<std::string>() + "'");
      return kExitBadInput;
    }
  } else {
    shard = ShardFromSlurm();
  }
  if (shard && mpi.active()) {
    PrintError(cmd, "--shard and mpirun both split the sweep: use one of them");
    return kExitBadInput;
  }
  if (shard && out.output.empty()) {
    PrintError(cmd, "--shard writes one part of the sweep: add -o PART.h5 (then ccsim merge)");
    return kExitBadInput;
  }
  return std::nullopt;
}

// Parses and checks the flags. Returns the exit status when the command should stop here.
std::optional<int> ParseSweepArgs(const std::vector<std::string>& args, const MpiSession& mpi,
                                  po::variables_map& vm, SweepArgs& out) {
  const std::string cmd = "sweep";
  po::options_description options(kSweepHelp);
  options.add_options()                                                   //
      ("help,h", "show this help")                                        //
      ("scenario", po::value<std::string>(), "the scenario YAML file")     //
      ("vary", po::value<std::vector<std::string>>()->composing(),
       "KEY.PATH=V1,V2,... or KEY.PATH=A:B:STEP (repeatable: the points are every combination)");
  AddSetOption(options, "override a scenario key for every point (repeatable)");
  AddReplicationOptions(options, "replications per point (default: the scenario's)",
                        "random seed for every point (default: the scenario's)");
  options.add_options()                                                   //
      ("output,o", po::value<std::string>(), "write the results to this HDF5 file")
      ("shard", po::value<std::string>(),
       "I/N: run only design points i with i % N == I and write them to -o as one part "
       "(join the parts with ccsim merge); SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT give "
       "it when set")
      ("force", "overwrite an existing -o file")
      ("max-points", po::value<int64_t>()->default_value(scenario::kDefaultMaxDesignPoints),
       "refuse a sweep of more design points than this (a guard against a mistyped range)")
      ("json", "print one JSON document instead of the table");
  if (auto stop = ParseCommandLine(cmd, args, options, "scenario", 1, vm)) return *stop;
  if (!vm.count("scenario") || !vm.count("vary")) {
    PrintError(cmd, "give SCENARIO.yaml and at least one --vary (see ccsim sweep --help)");
    return kExitBadInput;
  }
  if (auto stop = CheckReplicationOptions(cmd, vm)) return *stop;
  out.threads = Threads(vm);
  out.json = vm.count("json") > 0;
  out.output = vm.count("output") ? vm["output"].as<std::string>() : "";
  if (vm.count("output")) {
    if (auto stop = CheckOutput(cmd, "-o", out.output, vm.count("force") > 0)) return *stop;
  }
  if (auto stop = ParseShardArgs(vm, mpi, out)) return *stop;
  for (const std::string& text : vm["vary"].as<std::vector<std::string>>()) {
    std::string error;
    std::optional<Vary> v = ParseVary(text, &error);
    if (!v) {
      PrintError(cmd, "--vary: " + error);
      return kExitBadInput;
    }
    for (const Vary& earlier : out.vary) {
      if (earlier.path == v->path) {
        PrintError(cmd, "--vary: " + v->path + " is varied twice; give its values in one --vary");
        return kExitBadInput;
      }
    }
    out.vary.push_back(std::move(*v));
  }
  const int64_t max_points = vm["max-points"].as<int64_t>();
  if (max_points < 1) {
    PrintError(cmd, "--max-points: expected at least 1");
    return kExitBadInput;
  }
  if (const int64_t points = CountDesignPoints(out.vary); points > max_points) {
    PrintError(cmd, "--vary: " + (points == INT64_MAX ? "too many" : std::to_string(points)) +
                        " design points, more than --max-points " + std::to_string(max_points) +
                        " (raise it to run them all)");
    return kExitBadInput;
  }
  out.base = StringList(vm, "set");
  return std::nullopt;
}

// Points loaded and checked at a time: enough to keep every thread busy, few enough that
// a sweep of many points never holds all their scenarios.
constexpr int kPointsAtOnce = 256;

// Loads and checks every point before simulating anything (in parallel, a batch at a
// time: a large sweep has many points to read; the results are kept by index, so the
// order is the same), keeping what each point needs and `first`'s scenario. Reports
// every bad point; returns kExitBadInput when there is one.
std::optional<int> LoadPoints(const po::variables_map& vm, const SweepArgs& a,
                              std::vector<Point>& points, std::optional<scenario::Scenario>& first) {
  const std::string cmd = "sweep";
  const std::string path = vm["scenario"].as<std::string>();
  const std::vector<std::vector<std::string>> grid = DesignPoints(a.vary);
  const int n = static_cast<int>(grid.size());
  points.reserve(grid.size());  // no reallocation: never two copies of a long list
  bool ok = true;
  for (int begin = 0; begin < n; begin += kPointsAtOnce) {
    const int count = std::min(kPointsAtOnce, n - begin);
    std::vector<scenario::LoadResult> loaded(count);
    model::ParallelFor(count, a.threads, [&](int k) {
      std::vector<std::string> overrides = a.base;
      overrides.insert(overrides.end(), grid[begin + k].begin(), grid[begin + k].end());
      loaded[k] = scenario::LoadScenarioFile(path, overrides);
    });
    for (int k = 0; k < count; ++k) {
      const std::vector<std::string>& row = grid[begin + k];
      if (!loaded[k].ok()) {
        std::string label;
        for (const std::string& o : row) label += (label.empty() ? "" : " ") + o;
        PrintError(cmd, "design point " + std::to_string(begin + k) + " (" + label + "):");
        PrintDiagnostics(loaded[k].errors);
        ok = false;
        points.emplace_back();
        continue;
      }
      scenario::Scenario& s = *loaded[k].scenario;
      ApplyReplicationOptions(vm, s);
      if (!first) first = s;
      Point p{.index = begin + k, .overrides = a.base,
              .seconds = static_cast<int64_t>(s.horizon) * s.replications};
      p.overrides.insert(p.overrides.end(), row.begin(), row.end());
      for (const std::string& o : row) p.values.push_back(o.substr(o.find('=') + 1));
      points.push_back(std::move(p));
    }
  }
  if (!ok) return kExitBadInput;
  return std::nullopt;
}

std::vector<std::string> VaryPaths(const std::vector<Vary>& vary) {
  std::vector<std::string> paths;
  for (const Vary& v : vary) paths.push_back(v.path);
  return paths;
}

// Every (point, replication) of this process's points in one pool of tasks, a batch of
// points at a time (their models built first); each point summarised (and its -o rows
// made when `rows`) as soon as its last replication ends.
void SimulatePoints(const po::variables_map& vm, std::vector<Point>& points, int threads,
                    bool show_progress, PointSinks& out) {
  int64_t total_seconds = 0;
  for (const Point& p : points) total_seconds += p.seconds;
  ProgressBar progress(total_seconds,
                       {.name = "points", .count = static_cast<int64_t>(points.size())},
                       show_progress);
  const int n = static_cast<int>(points.size());
  for (int begin = 0; begin < n && !Interrupted(); begin += kPointsAtOnce) {
    std::vector<Point*> batch;
    for (int i = begin; i < std::min(n, begin + kPointsAtOnce); ++i) batch.push_back(&points[i]);
    BuildModels(vm, batch, threads);
    std::vector<const model::Model*> models;
    for (const Point* p : batch) models.push_back(p->model.get());
    model::SimulateModelsInOrder(models, threads, progress.counter(), InterruptFlag(),
                                 [&](int m, model::ReplicationResult&& r) {
                                   FoldReplication(*batch[m], std::move(r), out);
                                 });
  }
}

// Opens -o (when given) before the points run, so that each point's rows are written
// when it is done and freed. Returns the exit status when it cannot be.
std::optional<int> OpenOutput(const std::string& output, const trace::RootAttributes& info,
                              const std::vector<Point>& points,
                              std::unique_ptr<trace::SweepFileWriter>& file) {
  if (output.empty()) return std::nullopt;
  std::vector<trace::SweepPoint> names;  // index and values: /points/table
  names.reserve(points.size());
  for (const Point& p : points) names.push_back({.index = p.index, .values = p.values});
  auto created = trace::SweepFileWriter::Create(output, info, names);
  if (!created) {
    PrintError("sweep",
               "failed to write " + output + " (nothing left under that name): " + created.error());
    return kExitFailure;
  }
  file = std::move(*created);
  return std::nullopt;
}

// Commits -o (when open). Returns the exit status when it cannot.
std::optional<int> CommitOutput(const std::string& output, trace::SweepFileWriter* file,
                                const std::optional<std::string>& error) {
  if (file == nullptr) return std::nullopt;
  const trace::Status s = error ? trace::Status(trace::FileError{*error}) : file->Commit();
  if (!s) {
    PrintError("sweep",
               "failed to write " + output + " (nothing left under that name): " + s.error());
    return kExitFailure;
  }
  return std::nullopt;
}

}  // namespace

int SweepCommand(const std::vector<std::string>& args) {
  MpiSession mpi;  // several ranks when launched by mpirun
  std::optional<QuietStderr> quiet;
  if (mpi.active() && mpi.rank() != 0) quiet.emplace();
  po::variables_map vm;
  SweepArgs a;
  if (auto stop = ParseSweepArgs(args, mpi, vm, a)) return *stop;
  std::vector<Point> points;
  std::optional<scenario::Scenario> first;
  if (auto stop = LoadPoints(vm, a, points, first)) return *stop;
  const int total_points = static_cast<int>(points.size());
  if (a.shard) {
    std::erase_if(points, [&](const Point& p) { return p.index % a.shard->count != a.shard->index; });
  }
  const trace::RootAttributes info{.kind = trace::FileKind::kSweep,
                                   .ccsim_version = kVersion,
                                   .scenario_text = first->source_text,
                                   .scenario_name = first->name,
                                   .scenario_file = first->source_file,
                                   .start = scenario::TimeLabels(first->start).Iso(0),
                                   .overrides = a.base,
                                   .seed = first->seed,
                                   .vary_paths = VaryPaths(a.vary),
                                   .total_points = total_points,
                                   .shard = a.shard ? std::to_string(a.shard->index) + "/" +
                                                          std::to_string(a.shard->count)
                                                    : ""};
  quiet.reset();
  CatchInterrupts();
  if (mpi.active()) return RunOnRanks(mpi, vm, points, info, a.threads, a.output, a.json);
  std::unique_ptr<trace::SweepFileWriter> file;  // removes its file unless committed
  if (auto stop = OpenOutput(a.output, info, points, file)) return *stop;
  SweepPrinter printer(a.json, first->name, first->seed, VaryPaths(a.vary), points.size());
  PointSinks out{.rows = file != nullptr, .printer = &printer, .file = file.get()};
  SimulatePoints(vm, points, a.threads, mpi.rank() == 0, out);
  if (Interrupted()) return ReportInterrupted("sweep", a.output);
  if (auto stop = CommitOutput(a.output, file.get(), out.file_error)) return *stop;
  printer.Print(stdout);
  return kExitOk;
}

}  // namespace ccsim::cli
