#include "sim/engine/parallel_for.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace ccsim::engine {
namespace {

TEST(ParallelForTest, CallsEachIndexExactlyOnce) {
  constexpr int kTasks = 5000;  // cheap tasks, so TBB hands out ranges of several indices
  for (int threads : {1, 2, 4, 0}) {
    SCOPED_TRACE(threads);
    std::vector<std::atomic<int>> calls(kTasks);
    ParallelFor(kTasks, threads, [&](int i) { calls[i].fetch_add(1); });
    for (int i = 0; i < kTasks; ++i) ASSERT_EQ(calls[i].load(), 1) << i;
  }
}

TEST(ParallelForTest, OneThreadRunsInOrderOnTheCaller) {
  std::vector<int> seen;
  const std::thread::id caller = std::this_thread::get_id();
  bool elsewhere = false;
  ParallelFor(50, 1, [&](int i) {
    seen.push_back(i);
    elsewhere |= std::this_thread::get_id() != caller;
  });
  ASSERT_EQ(seen.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(seen[i], i);
  EXPECT_FALSE(elsewhere);
}

TEST(ParallelForTest, UsesAtMostTheThreadsAsked) {
  std::mutex mu;
  std::set<std::thread::id> ids;
  ParallelFor(2000, 2, [&](int) {
    std::lock_guard<std::mutex> lock(mu);
    ids.insert(std::this_thread::get_id());
  });
  EXPECT_GE(ids.size(), 1u);
  EXPECT_LE(ids.size(), 2u);
}

TEST(ParallelForTest, NoTasks) {
  for (int threads : {1, 2, 0}) {
    int calls = 0;
    ParallelFor(0, threads, [&](int) { ++calls; });
    EXPECT_EQ(calls, 0);
  }
}

TEST(ParallelForTest, ResultsWrittenByIndexDoNotDependOnThreads) {
  auto squares = [](int threads) {
    std::vector<long> out(1000);
    ParallelFor(1000, threads, [&](int i) { out[i] = static_cast<long>(i) * i; });
    return out;
  };
  EXPECT_EQ(squares(1), squares(2));
  EXPECT_EQ(squares(1), squares(0));
}

TEST(ParallelForInOrderTest, ConsumesEveryIndexInOrderWithABoundedWindow) {
  constexpr int kTasks = 2000;
  constexpr int kWindow = 6;
  for (int threads : {1, 2, 4, 0}) {
    SCOPED_TRACE(threads);
    std::atomic<int> started{0}, done{0}, most_ahead{0};
    std::vector<int> order;
    ParallelForInOrder(
        kTasks, threads, kWindow,
        [&](int i) {
          // Indices not yet consumed when this one starts (itself included).
          const int ahead = started.fetch_add(1) + 1 - done.load();
          int seen = most_ahead.load();
          while (ahead > seen && !most_ahead.compare_exchange_weak(seen, ahead)) {
          }
          if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(50));
          return i * 3;
        },
        [&](int i, int v) {
          EXPECT_EQ(v, i * 3);
          order.push_back(i);
          done.fetch_add(1);
        });
    ASSERT_EQ(order.size(), static_cast<size_t>(kTasks));
    for (int i = 0; i < kTasks; ++i) ASSERT_EQ(order[i], i);
    EXPECT_LE(most_ahead.load(), kWindow);
  }
}

TEST(ParallelForInOrderTest, RethrowsTheFirstFailureAndStops) {
  std::atomic<int> produced{0};
  EXPECT_THROW(ParallelForInOrder(
                   100000, 2, 4,
                   [&](int i) {
                     produced.fetch_add(1);
                     if (i == 10) throw std::runtime_error("boom");
                     return i;
                   },
                   [](int, int) {}),
               std::runtime_error);
  EXPECT_LT(produced.load(), 1000);
}

}  // namespace
}  // namespace ccsim::engine
