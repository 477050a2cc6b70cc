#include "sim/model/simulate_all.h"

namespace ccsim::model {

std::vector<ReplicationResult> SimulateReplications(const Model& model, int count, int threads,
                                                    const SimulateOptions& options) {
  std::vector<ReplicationResult> results(static_cast<size_t>(count));
  ParallelFor(count, threads, [&](int rep) { results[rep] = Simulate(model, rep, options); });
  return results;
}

std::vector<std::vector<ReplicationResult>> SimulateModels(std::span<const Model* const> models,
                                                           int threads,
                                                           std::atomic<int64_t>* progress_seconds) {
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
    const Model& model = *models[tasks[t].model];
    results[tasks[t].model][tasks[t].replication] =
        Simulate(model, tasks[t].replication,
                 {.seed = model.scenario().seed, .progress_seconds = progress_seconds});
  });
  return results;
}

}  // namespace ccsim::model
