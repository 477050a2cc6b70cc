#include "sim/cli/design_grid.h"

#include <gtest/gtest.h>

namespace ccsim::cli {
namespace {

TEST(ParseVaryTest, ListOfValues) {
  std::string error;
  const auto v = ParseVary("routing.agent_selection=longest_idle, most_skilled", &error);
  ASSERT_TRUE(v) << error;
  EXPECT_EQ(v->path, "routing.agent_selection");
  EXPECT_EQ(v->values, (std::vector<std::string>{"longest_idle", "most_skilled"}));
}

TEST(ParseVaryTest, CommasInsideBracesStayInOneValue) {
  std::string error;
  const auto v = ParseVary(
      "contact_types.a.patience={dist: exponential, mean: 3m},{dist: exponential, mean: 5m}",
      &error);
  ASSERT_TRUE(v) << error;
  EXPECT_EQ(v->values, (std::vector<std::string>{"{dist: exponential, mean: 3m}",
                                                 "{dist: exponential, mean: 5m}"}));
}

TEST(ParseVaryTest, NumericRange) {
  std::string error;
  const auto v = ParseVary("agent_groups.desk.agents=4:10:2", &error);
  ASSERT_TRUE(v) << error;
  EXPECT_EQ(v->values, (std::vector<std::string>{"4", "6", "8", "10"}));
  const auto f = ParseVary("x=0.5:1:0.25", &error);
  EXPECT_EQ(f->values, (std::vector<std::string>{"0.5", "0.75", "1"}));
}

TEST(ParseVaryTest, DurationsWithColonsAreNotRanges) {
  std::string error;
  const auto v = ParseVary("warmup=10m", &error);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->values, (std::vector<std::string>{"10m"}));
}

TEST(ParseVaryTest, Errors) {
  std::string error;
  EXPECT_FALSE(ParseVary("no_equals", &error));
  EXPECT_NE(error.find("KEY.PATH=V1,V2"), std::string::npos);
  error.clear();
  EXPECT_FALSE(ParseVary("a=1,,2", &error));
  error.clear();
  EXPECT_FALSE(ParseVary("a=10:4:1", &error));
  EXPECT_NE(error.find("A <= B"), std::string::npos);
  for (const char* range : {"a=nan:5:1", "a=1:inf:1", "a=1:5:nan", "a=-inf:5:1"}) {
    error.clear();
    EXPECT_FALSE(ParseVary(range, &error)) << range;
    EXPECT_NE(error.find("finite numbers"), std::string::npos) << range;
  }
}

TEST(DesignPointsTest, CartesianProductFirstVaryingSlowest) {
  const auto points = DesignPoints({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}});
  ASSERT_EQ(points.size(), 6u);
  EXPECT_EQ(points[0], (std::vector<std::string>{"a=1", "b=x"}));
  EXPECT_EQ(points[1], (std::vector<std::string>{"a=1", "b=y"}));
  EXPECT_EQ(points[5], (std::vector<std::string>{"a=2", "b=z"}));
  EXPECT_EQ(DesignPoints({}).size(), 1u);  // no --vary: the scenario itself
}

TEST(DesignPointsTest, CountSaturatesInsteadOfOverflowing) {
  EXPECT_EQ(CountDesignPoints({}), 1);
  EXPECT_EQ(CountDesignPoints({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}}), 6);
  const Vary wide{"a", std::vector<std::string>(100000, "1")};
  EXPECT_EQ(CountDesignPoints({wide, wide}), int64_t{10'000'000'000});
  EXPECT_EQ(CountDesignPoints({wide, wide, wide, wide}), INT64_MAX);
}

}  // namespace
}  // namespace ccsim::cli
