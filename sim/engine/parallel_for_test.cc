#include "sim/engine/parallel_for.h"

#include <gtest/gtest.h>

#include <atomic>
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

}  // namespace
}  // namespace ccsim::engine
