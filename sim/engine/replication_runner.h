// Runs independent replications in parallel (ParallelFor) and keeps their results.
//
// Each replication is a pure function of its index; results are stored by index, so the
// returned vector is the same whatever the thread count or the order the tasks ran in.
//
// Example:
//   std::vector<Result> r = RunReplications<Result>(20, /*threads=*/2,
//       [&](int rep) { return RunOne(scenario, rep); });
#ifndef CCSIM_ENGINE_REPLICATION_RUNNER_H_
#define CCSIM_ENGINE_REPLICATION_RUNNER_H_

#include <vector>

#include "sim/engine/parallel_for.h"

namespace ccsim::engine {

// Calls `run(i)` for i in [0, count) on at most `threads` threads (0 = all cores) and
// returns the results in index order. `run` must be safe to call concurrently.
template <class Result, class Fn>
std::vector<Result> RunReplications(int count, int threads, Fn&& run) {
  std::vector<Result> results(static_cast<size_t>(count));
  ParallelFor(count, threads, [&](int i) { results[i] = run(i); });
  return results;
}

}  // namespace ccsim::engine

#endif  // CCSIM_ENGINE_REPLICATION_RUNNER_H_
