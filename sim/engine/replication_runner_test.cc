#include "sim/engine/replication_runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/random/exponential_distribution.hpp>
#include <vector>

#include "sim/engine/random_stream.h"

namespace ccsim::engine {
namespace {

// Real work keyed by the replication index: the mean of many exponential draws from the
// replication's own stream.
double MeanOfDraws(int rep) {
  RandomStream stream(/*seed=*/99, static_cast<uint32_t>(rep), /*purpose=*/1, /*entity=*/0);
  boost::random::exponential_distribution<double> exponential(1.0);
  double sum = 0;
  constexpr int kDraws = 20000;
  for (int i = 0; i < kDraws; ++i) sum += exponential(stream);
  return sum / kDraws;
}

TEST(ReplicationRunnerTest, ResultsAreInIndexOrder) {
  // Many cheap replications, so that TBB hands out ranges of several indices, not only one.
  constexpr int kReps = 5000;
  for (int threads : {1, 2, 4, 0}) {
    SCOPED_TRACE(threads);
    const std::vector<long> results =
        RunReplications<long>(kReps, threads, [](int i) { return static_cast<long>(i) * i; });
    ASSERT_EQ(results.size(), static_cast<size_t>(kReps));
    for (int i = 0; i < kReps; ++i) ASSERT_EQ(results[i], static_cast<long>(i) * i) << i;
  }
}

TEST(ReplicationRunnerTest, SameResultsWhateverTheThreadCount) {
  constexpr int kReps = 24;
  const std::vector<double> one = RunReplications<double>(kReps, 1, MeanOfDraws);
  const std::vector<double> two = RunReplications<double>(kReps, 2, MeanOfDraws);
  const std::vector<double> four = RunReplications<double>(kReps, 4, MeanOfDraws);
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, four);
  for (int i = 0; i < kReps; ++i) EXPECT_EQ(one[i], MeanOfDraws(i)) << i;
  // The replications really differ, so equal vectors are not trivially equal.
  EXPECT_NE(one[0], one[1]);
}

TEST(ReplicationRunnerTest, CallsEachIndexExactlyOnce) {
  constexpr int kReps = 64;
  std::vector<std::atomic<int>> calls(kReps);
  RunReplications<int>(kReps, 2, [&](int i) {
    calls[i].fetch_add(1);
    return 0;
  });
  for (int i = 0; i < kReps; ++i) EXPECT_EQ(calls[i].load(), 1) << i;
}

TEST(ReplicationRunnerTest, ZeroReplications) {
  for (int threads : {1, 2}) {
    int calls = 0;
    const std::vector<double> results = RunReplications<double>(0, threads, [&](int) {
      ++calls;
      return 1.0;
    });
    EXPECT_TRUE(results.empty());
    EXPECT_EQ(calls, 0);
  }
}

TEST(ReplicationRunnerTest, OneReplication) {
  for (int threads : {1, 2}) {
    std::vector<int> seen;
    const std::vector<double> results = RunReplications<double>(1, threads, [&](int i) {
      seen.push_back(i);
      return MeanOfDraws(i);
    });
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0], MeanOfDraws(0));
    EXPECT_EQ(seen, std::vector<int>{0});
  }
}

}  // namespace
}  // namespace ccsim::engine
