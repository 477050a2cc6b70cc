#include "sim/model/simulate_all.h"

namespace ccsim::model {

namespace {
bool Stopped(const std::atomic<bool>* stop) {
  return stop != nullptr && stop->load(std::memory_order_relaxed);
}
}  // namespace

std::vector<ReplicationResult> SimulateReplications(const Model& model, int count, int threads,
                                                    const SimulateOptions& options) {
  std::vector<ReplicationResult> results(static_cast<size_t>(count));
  ParallelFor(count, threads, [&](int rep) {
    // Read before each replication too: a stop must not wait for thousands more to run.
    if (Stopped(options.stop)) {
      results[rep].replication = rep;
      results[rep].stopped = true;
      return;
    }
    results[rep] = Simulate(model, rep, options);
  });
  return results;
}

std::vector<std::vector<ReplicationResult>> SimulateModels(std::span<const Model* const> models,
                                                           int threads,
                                                           std::atomic<int64_t>* progress_seconds,
                                                           const std::atomic<bool>* stop) {
  struct Task {
    int model, replication;
  };
  std::vector<Task> tasks;
  std::vector<std::vector<ReplicationResult>> results(models.size());
  for (size_t m = 0; m < models.size(); ++m) {
    const int replications = models[m]->scenario().replications;
    results[m].resize(replications);
    for (int r = 0; r < replications; ++r) tasks.push_back({static_cast<int>(m), r});
  }
  ParallelFor(static_cast<int>(tasks.size()), threads, [&](int t) {
    ReplicationResult& out = results[tasks[t].model][tasks[t].replication];
    if (Stopped(stop)) {
      out.replication = tasks[t].replication;
      out.stopped = true;
      return;
    }
    const Model& model = *models[tasks[t].model];
    out = Simulate(
        model, tasks[t].replication,
        {.seed = model.scenario().seed, .stop = stop, .progress_seconds = progress_seconds});
  });
  return results;
}

}  // namespace ccsim::model
