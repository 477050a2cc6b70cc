// Runs independent tasks in parallel on oneTBB.
//
// ParallelFor calls f(i) once for every i in [0, n) on at most `threads` threads (0 = one
// per core) and returns when all calls have returned. Which thread runs which index, and
// in what order, is unspecified: f must be safe to call concurrently and should write its
// result by index (then the outcome does not depend on the thread count).
//
// Example:
//   std::vector<double> means(points.size());
//   ParallelFor(static_cast<int>(points.size()), /*threads=*/0,
//               [&](int i) { means[i] = MeanOf(points[i]); });
#ifndef CCSIM_ENGINE_PARALLEL_FOR_H_
#define CCSIM_ENGINE_PARALLEL_FOR_H_

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace ccsim::engine {

// REQUIRES: n >= 0, threads >= 0.
template <class Fn>
void ParallelFor(int n, int threads, Fn&& f) {
  if (threads == 1 || n <= 1) {
    for (int i = 0; i < n; ++i) f(i);
    return;
  }
  // More threads than cores only makes TBB warn; the results are the same either way.
  const int cores = tbb::info::default_concurrency();
  tbb::task_arena arena(threads > 0 && threads < cores ? threads : cores);
  arena.execute([&] {
    // Grain 1: a task may be a whole replication, so hand them out one at a time.
    tbb::parallel_for(tbb::blocked_range<int>(0, n, 1), [&](const tbb::blocked_range<int>& r) {
      for (int i = r.begin(); i < r.end(); ++i) f(i);
    });
  });
}

}  // namespace ccsim::engine

#endif  // CCSIM_ENGINE_PARALLEL_FOR_H_
