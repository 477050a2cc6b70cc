// Runs independent replications in parallel on oneTBB.
//
// Each replication is a pure function of its index; results are stored by index, so the
// returned vector is the same whatever the thread count or the order the tasks ran in.
//
// Example:
//   std::vector<Result> r = RunReplications<Result>(20, /*threads=*/2,
//       [&](int rep) { return RunOne(scenario, rep); });
#ifndef CCSIM_ENGINE_REPLICATION_RUNNER_H_
#define CCSIM_ENGINE_REPLICATION_RUNNER_H_

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <vector>

namespace ccsim::engine {

// Calls `run(i)` for i in [0, count) on at most `threads` threads (0 = all cores) and
// returns the results in index order. `run` must be safe to call concurrently.
template <class Result, class Fn>
std::vector<Result> RunReplications(int count, int threads, Fn&& run) {
  std::vector<Result> results(static_cast<size_t>(count));
  if (threads == 1 || count <= 1) {
    for (int i = 0; i < count; ++i) results[i] = run(i);
    return results;
  }
  // More threads than cores only makes TBB warn; the results are the same either way.
  const int cores = tbb::info::default_concurrency();
  tbb::task_arena arena(threads > 0 && threads < cores ? threads : cores);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<int>(0, count, 1), [&](const tbb::blocked_range<int>& r) {
      for (int i = r.begin(); i < r.end(); ++i) results[i] = run(i);
    });
  });
  return results;
}

}  // namespace ccsim::engine

#endif  // CCSIM_ENGINE_REPLICATION_RUNNER_H_
