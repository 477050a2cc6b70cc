// `ccsim sweep`: every combination of --vary values × replications, in one task pool.
#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/cli/design_grid.h"
#include "sim/cli/json_writer.h"
#include "sim/cli/mpi_session.h"
#include "sim/cli/options.h"
#include "sim/cli/progress_bar.h"
#include "sim/cli/summary_output.h"
#include "sim/cli/sweep_output.h"
#include "sim/cli/version.h"
#include "sim/engine/replication_runner.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/result_rows.h"
#include "sim/model/summary.h"
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
  std::vector<std::string> values;     // the values alone
  std::unique_ptr<model::Model> model;
  std::vector<model::ReplicationResult> results;
};

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

std::vector<trace::SweepPoint> FilePoints(const std::vector<const Point*>& points) {
  std::vector<trace::SweepPoint> out;
  for (const Point* p : points) {
    out.push_back({.index = p->index,
                   .values = p->values,
                   .tables = model::ResultRows(*p->model, p->results)});
  }
  return out;
}

// The sweep spread over MPI ranks: each rank takes design points one at a time from a
// shared counter (a fast rank takes more), runs their replications on its own threads and
// writes its points to a part file; rank 0 then joins the parts (`ccsim merge`'s
// copying) and prints what a one-process sweep prints. The other ranks print nothing.
int RunOnRanks(MpiSession& mpi, std::vector<Point>& points, const trace::RootAttributes& info,
               int threads, const std::string& output, bool json) {
  std::vector<const Point*> mine;
  for (long long t; (t = mpi.NextTask()) < static_cast<long long>(points.size());) {
    Point& p = points[t];
    const scenario::Scenario& s = p.model->scenario();
    p.results = engine::RunReplications<model::ReplicationResult>(
        s.replications, threads, [&](int rep) { return model::Simulate(*p.model, rep, {.seed = s.seed}); });
    mine.push_back(&p);
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

}  // namespace

int SweepCommand(const std::vector<std::string>& args) {
  const std::string cmd = "sweep";
  MpiSession mpi;  // several ranks when launched by mpirun
  std::optional<QuietStderr> quiet;
  if (mpi.active() && mpi.rank() != 0) quiet.emplace();
  po::options_description options(kSweepHelp);
  options.add_options()                                                   //
      ("help,h", "show this help")                                        //
      ("scenario", po::value<std::string>(), "the scenario YAML file")     //
      ("vary", po::value<std::vector<std::string>>()->composing(),
       "KEY.PATH=V1,V2,... or KEY.PATH=A:B:STEP (repeatable: the points are every combination)")
      ("set", po::value<std::vector<std::string>>()->composing(),
       "override a scenario key for every point (repeatable)")
      ("replications,r", po::value<int>(), "replications per point (default: the scenario's)")
      ("seed,s", po::value<uint64_t>(), "random seed for every point (default: the scenario's)")
      ("threads,j", po::value<int>()->default_value(0), "worker threads; 0 = one per core")
      ("output,o", po::value<std::string>(), "write the results to this HDF5 file")
      ("shard", po::value<std::string>(),
       "I/N: run only design points i with i % N == I and write them to -o as one part "
       "(join the parts with ccsim merge); SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT give "
       "it when set")
      ("force", "overwrite an existing -o file")
      ("json", "print one JSON document instead of the table");
  po::variables_map vm;
  if (auto stop = ParseCommandLine(cmd, args, options, "scenario", 1, vm)) return *stop;
  if (!vm.count("scenario") || !vm.count("vary")) {
    PrintError(cmd, "give SCENARIO.yaml and at least one --vary (see ccsim sweep --help)");
    return kExitBadInput;
  }
  const int threads = vm["threads"].as<int>();
  if (threads < 0) {
    PrintError(cmd, "-j: expected 0 (one per core) or a positive number of threads");
    return kExitBadInput;
  }
  if (vm.count("replications") && vm["replications"].as<int>() < 1) {
    PrintError(cmd, "-r: expected at least 1 replication");
    return kExitBadInput;
  }
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  if (!output.empty() && !vm.count("force") && FileExists(output)) {
    PrintError(cmd, "-o: " + output + " exists; use --force to overwrite it");
    return kExitBadInput;
  }

  std::optional<Shard> shard;
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
  if (shard && output.empty()) {
    PrintError(cmd, "--shard writes one part of the sweep: add -o PART.h5 (then ccsim merge)");
    return kExitBadInput;
  }

  std::vector<Vary> vary;
  for (const std::string& text : vm["vary"].as<std::vector<std::string>>()) {
    std::string error;
    std::optional<Vary> v = ParseVary(text, &error);
    if (!v) {
      PrintError(cmd, "--vary: " + error);
      return kExitBadInput;
    }
    vary.push_back(std::move(*v));
  }
  const std::vector<std::string> base =
      StringList(vm, "set");

  // Load and check every point before simulating anything (in parallel: a large sweep
  // has many points to read; the results are kept by index, so the order is the same).
  const std::string path = vm["scenario"].as<std::string>();
  const std::vector<std::vector<std::string>> grid = DesignPoints(vary);
  std::vector<scenario::LoadResult> loaded = engine::RunReplications<scenario::LoadResult>(
      static_cast<int>(grid.size()), threads, [&](int i) {
        std::vector<std::string> overrides = base;
        overrides.insert(overrides.end(), grid[i].begin(), grid[i].end());
        return scenario::LoadScenarioFile(path, overrides);
      });
  std::vector<Point> points;
  std::optional<scenario::Scenario> first;
  bool ok = true;
  for (size_t i = 0; i < grid.size(); ++i) {
    if (!loaded[i].ok()) {
      std::string label;
      for (const std::string& o : grid[i]) label += (label.empty() ? "" : " ") + o;
      PrintError(cmd, "design point " + std::to_string(i) + " (" + label + "):");
      PrintDiagnostics(loaded[i].errors);
      ok = false;
      points.emplace_back();
      continue;
    }
    scenario::Scenario& s = *loaded[i].scenario;
    if (vm.count("replications")) s.replications = vm["replications"].as<int>();
    if (vm.count("seed")) s.seed = vm["seed"].as<uint64_t>();
    if (!first) first = s;
    Point p{.index = static_cast<int>(i)};
    for (const std::string& o : grid[i]) p.values.push_back(o.substr(o.find('=') + 1));
    p.model = std::make_unique<model::Model>(s);
    p.results.resize(s.replications);
    points.push_back(std::move(p));
  }
  if (!ok) return kExitBadInput;
  const int total_points = static_cast<int>(points.size());
  if (shard) {
    std::erase_if(points, [&](const Point& p) { return p.index % shard->count != shard->index; });
  }

  const trace::RootAttributes info{.kind = trace::FileKind::kSweep,
                                   .ccsim_version = kVersion,
                                   .scenario_text = first->source_text,
                                   .scenario_name = first->name,
                                   .scenario_file = first->source_file,
                                   .overrides = base,
                                   .seed = first->seed,
                                   .vary_paths = [&] {
                                     std::vector<std::string> paths;
                                     for (const Vary& v : vary) paths.push_back(v.path);
                                     return paths;
                                   }(),
                                   .total_points = total_points,
                                   .shard = shard ? std::to_string(shard->index) + "/" +
                                                        std::to_string(shard->count)
                                                  : ""};
  quiet.reset();
  if (mpi.active()) return RunOnRanks(mpi, points, info, threads, output, vm.count("json") > 0);

  // One pool over every (point, replication): a task is a replication of a point.
  struct Task {
    int point, replication;
  };
  std::vector<Task> tasks;
  int64_t total_seconds = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    const scenario::Scenario& s = points[i].model->scenario();
    for (int r = 0; r < s.replications; ++r) tasks.push_back({static_cast<int>(i), r});
    total_seconds += static_cast<int64_t>(s.horizon) * s.replications;
  }
  {
    ProgressBar progress(total_seconds, mpi.rank() == 0);
    engine::RunReplications<char>(static_cast<int>(tasks.size()), threads, [&](int t) {
      Point& p = points[tasks[t].point];
      const scenario::Scenario& s = p.model->scenario();
      p.results[tasks[t].replication] = model::Simulate(
          *p.model, tasks[t].replication, {.seed = s.seed, .progress_seconds = progress.counter()});
      return char{1};
    });
  }

  std::vector<model::Summary> summaries;
  for (const Point& p : points) {
    summaries.push_back(model::Summarise(*p.model, p.model->scenario().seed, p.results));
  }

  if (!output.empty()) {
    std::vector<const Point*> all;
    for (const Point& p : points) all.push_back(&p);
    if (const trace::Status s = trace::WriteSweepFile(output, info, FilePoints(all)); !s) {
      PrintError(cmd, "failed to write " + output + " (nothing left under that name): " + s.error());
      return kExitFailure;
    }
  }

  std::vector<SweepRow> rows;
  for (size_t i = 0; i < points.size(); ++i) {
    rows.push_back({points[i].index, points[i].values, std::move(summaries[i])});
  }
  std::vector<std::string> paths;
  for (const Vary& v : vary) paths.push_back(v.path);
  std::fputs(SweepOutput(vm.count("json") > 0, first->name, first->seed, paths, rows).c_str(), stdout);
  return kExitOk;
}

}  // namespace ccsim::cli
