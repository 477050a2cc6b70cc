#include "sim/scenario/suggest.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kTopKeys[] = {"name",     "horizon",      "warmup",
                                         "interval", "replications", "seed"};

TEST(EditDistanceTest, CountsEdits) {
  EXPECT_EQ(EditDistance("horizon", "horizon"), 0);
  EXPECT_EQ(EditDistance("horizn", "horizon"), 1);    // deletion
  EXPECT_EQ(EditDistance("hoorizon", "horizon"), 1);  // insertion
  EXPECT_EQ(EditDistance("horizen", "horizon"), 1);   // substitution
  EXPECT_EQ(EditDistance("hroizon", "horizon"), 1);   // swap of neighbours
  EXPECT_EQ(EditDistance("", "seed"), 4);
  EXPECT_EQ(EditDistance("abc", "xyz"), 3);
}

TEST(ClosestMatchTest, SuggestsWithinTwoEdits) {
  EXPECT_EQ(ClosestMatch("horizn", kTopKeys), "horizon");
  EXPECT_EQ(ClosestMatch("warmpu", kTopKeys), "warmup");
  EXPECT_EQ(ClosestMatch("sed", kTopKeys), "seed");
}

TEST(ClosestMatchTest, SuggestsByPrefix) {
  EXPECT_EQ(ClosestMatch("repl", kTopKeys), "replications");
  EXPECT_EQ(ClosestMatch("intervals_of", kTopKeys), "interval");
}

TEST(ClosestMatchTest, NothingCloseOrExact) {
  EXPECT_EQ(ClosestMatch("colour", kTopKeys), std::nullopt);
  EXPECT_EQ(ClosestMatch("horizon", kTopKeys), std::nullopt);
  EXPECT_EQ(ClosestMatch("x", kTopKeys), std::nullopt);  // too short to resemble anything
  const std::vector<std::string> none;
  EXPECT_EQ(ClosestMatch("tier1", none), std::nullopt);
}

TEST(JoinNamesTest, CommaSeparated) {
  EXPECT_EQ(JoinNames(std::vector<std::string>{"a", "b", "c"}), "a, b, c");
  EXPECT_EQ(JoinNames(std::vector<std::string>{}), "");
}

}  // namespace
}  // namespace ccsim::scenario::internal
