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

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

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

// The threads that `threads` stands for: itself, or one per core for 0 (at most the cores).
inline int ThreadsFor(int threads) {
  const int cores = tbb::info::default_concurrency();
  return threads > 0 && threads < cores ? threads : cores;
}

// Calls produce(i) for every i in [0, n) on at most `threads` threads (0 = one per core)
// and consume(i, produce(i)) for each i in index order, one call at a time: a fold over
// the results in index order (so its sums do not depend on the thread count) that keeps
// at most about `window` results at once, whatever n is. A thread whose index would be
// `window` or more past the oldest unconsumed one waits. If produce or consume throws, no
// new index is handed out and the first exception is rethrown once every thread is done.
// REQUIRES: n >= 0, threads >= 0, window >= 1.
//
// Example:
//   double sum = 0;  // of squares, in index order
//   ParallelForInOrder(1000, 0, 8, [](int i) { return double(i) * i; },
//                      [&](int, double v) { sum += v; });
template <class Produce, class Consume>
void ParallelForInOrder(int n, int threads, int window, Produce&& produce, Consume&& consume) {
  using Result = std::invoke_result_t<Produce&, int>;
  const int workers = std::min(n, ThreadsFor(threads));
  if (workers <= 1) {
    for (int i = 0; i < n; ++i) consume(i, produce(i));
    return;
  }
  std::mutex mu;
  std::condition_variable can_take;
  int next = 0;            // the next index to hand out
  int consumed = 0;        // every index below it has been consumed
  bool consuming = false;  // a thread is in the consume loop: the others leave it theirs
  std::exception_ptr failure;
  std::vector<std::optional<Result>> ready(window);  // index i at i % window
  auto work = [&] {
    std::unique_lock lock(mu);
    for (;;) {
      can_take.wait(lock, [&] { return failure || next >= n || next < consumed + window; });
      if (failure || next >= n) return;
      const int i = next++;
      lock.unlock();
      try {
        std::optional<Result> r(produce(i));
        lock.lock();
        ready[i % window] = std::move(r);
        if (consuming) continue;
        consuming = true;
        while (!failure && ready[consumed % window]) {
          Result front = std::move(*ready[consumed % window]);
          ready[consumed % window].reset();
          const int index = consumed;
          lock.unlock();
          consume(index, std::move(front));
          lock.lock();
          ++consumed;
          can_take.notify_all();
        }
        consuming = false;
      } catch (...) {
        if (!lock.owns_lock()) lock.lock();
        if (!failure) failure = std::current_exception();
        consuming = false;
        can_take.notify_all();
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace ccsim::engine

#endif  // CCSIM_ENGINE_PARALLEL_FOR_H_
