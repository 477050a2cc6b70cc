// Many replications at once, in parallel: all those of one Model (`ccsim run`, `staff`),
// or every replication of several Models in one pool of tasks (a sweep's design points).
// Results are kept by replication, or (the *InOrder functions) folded in replication
// order as they finish, so they do not depend on the thread count or on the order the
// tasks ran in. Threads: at most `threads`, 0 = one per core.
//
// Example:
//   std::vector<ReplicationResult> r = SimulateReplications(model, 30, /*threads=*/0, {.seed = 7});
//   std::vector<std::vector<ReplicationResult>> by_point = SimulateModels(models, 0);
#ifndef CCSIM_MODEL_SIMULATE_ALL_H_
#define CCSIM_MODEL_SIMULATE_ALL_H_

#include <atomic>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/engine/parallel_for.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/results.h"

namespace ccsim::model {

// Replications 0 .. count-1 of `model`, each with `options`. Once options.stop is seen,
// the replications not begun are skipped (empty, with `stopped` set).
// REQUIRES: count >= 0, threads >= 0; options as Simulate's (its sink and counters shared).
std::vector<ReplicationResult> SimulateReplications(const Model& model, int count, int threads,
                                                    const SimulateOptions& options);

// Replications 0 .. replications-1 of each model, with its scenario's `replications` and
// `seed`, all as one pool of tasks, so that small models do not wait for large ones;
// result [m][r] is replication r of models[m]. `progress_seconds` and `stop` as
// SimulateOptions's; once `stop` is seen, the replications not begun are skipped (their
// results are empty, with `stopped` set).
std::vector<std::vector<ReplicationResult>> SimulateModels(
    std::span<const Model* const> models, int threads,
    std::atomic<int64_t>* progress_seconds = nullptr, const std::atomic<bool>* stop = nullptr);

// Results kept at once by the *InOrder functions, per thread: enough that a long
// replication does not stall the others for long, few enough that memory stays small.
inline constexpr int kResultsPerThread = 4;

// Replications 0 .. count-1 of `model`, as SimulateReplications, each handed to
// fold(result) as soon as it and every earlier one have finished: in replication order,
// one call at a time (fold needs no lock, and its sums do not depend on the thread
// count). Memory holds about kResultsPerThread results per thread, whatever `count` is.
// Once options.stop is seen, the replications not finished are not folded.
template <class Fold>
void SimulateReplicationsInOrder(const Model& model, int count, int threads,
                                 const SimulateOptions& options, Fold&& fold) {
  engine::ParallelForInOrder(
      count, threads, kResultsPerThread * engine::ThreadsFor(threads),
      [&](int rep) {
        if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
          return ReplicationResult{.replication = rep, .stopped = true};
        }
        return Simulate(model, rep, options);
      },
      [&](int, ReplicationResult&& r) {
        if (!r.stopped) fold(std::move(r));
      });
}

// SimulateModels's replications, each handed to fold(model_index, result) in (model,
// replication) order, one call at a time, as SimulateReplicationsInOrder: a design point
// can be summarised and freed as soon as its last replication is folded.
template <class Fold>
void SimulateModelsInOrder(std::span<const Model* const> models, int threads,
                           std::atomic<int64_t>* progress_seconds, const std::atomic<bool>* stop,
                           Fold&& fold) {
  struct Task {
    int model, replication;
  };
  std::vector<Task> tasks;
  for (size_t m = 0; m < models.size(); ++m) {
    const int replications = models[m]->scenario().replications;
    for (int r = 0; r < replications; ++r) tasks.push_back({static_cast<int>(m), r});
  }
  engine::ParallelForInOrder(
      static_cast<int>(tasks.size()), threads, kResultsPerThread * engine::ThreadsFor(threads),
      [&](int t) {
        if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
          return ReplicationResult{.replication = tasks[t].replication, .stopped = true};
        }
        const Model& model = *models[tasks[t].model];
        return Simulate(
            model, tasks[t].replication,
            {.seed = model.scenario().seed, .stop = stop, .progress_seconds = progress_seconds});
      },
      [&](int t, ReplicationResult&& r) {
        if (!r.stopped) fold(tasks[t].model, std::move(r));
      });
}

// The engine's parallel loop, for a caller's own independent tasks (a sweep reads its
// design points with it): the command line reaches the engine only through the model.
using engine::ParallelFor;

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_SIMULATE_ALL_H_
