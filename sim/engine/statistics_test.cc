#include "sim/engine/statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace ccsim::engine {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(StatisticsTest, EstimateMeanOfHandComputedSample) {
  // {1,2,3,4,5}: mean 3, sample variance 10/4 = 2.5, t(0.975; 4) = 2.776445.
  const std::vector<double> values = {1, 2, 3, 4, 5};
  const Estimate e = EstimateMean(values);
  EXPECT_EQ(e.n, 5);
  EXPECT_DOUBLE_EQ(e.mean, 3.0);
  EXPECT_NEAR(e.ci95, 2.776445 * std::sqrt(2.5) / std::sqrt(5.0), 1e-6);
}

TEST(StatisticsTest, EstimateMeanSkipsNaN) {
  const std::vector<double> values = {kNaN, 1, 2, kNaN, 3, 4, 5, kNaN};
  const Estimate e = EstimateMean(values);
  EXPECT_EQ(e.n, 5);
  EXPECT_DOUBLE_EQ(e.mean, 3.0);
  EXPECT_NEAR(e.ci95, 2.776445 * std::sqrt(2.5) / std::sqrt(5.0), 1e-6);
}

TEST(StatisticsTest, EstimateMeanOfOneValueHasNoInterval) {
  const std::vector<double> values = {kNaN, 7.25};
  const Estimate e = EstimateMean(values);
  EXPECT_EQ(e.n, 1);
  EXPECT_EQ(e.mean, 7.25);
  EXPECT_EQ(e.ci95, 0.0);
}

TEST(StatisticsTest, EstimateMeanOfNoValueIsNaN) {
  const Estimate empty = EstimateMean({});
  EXPECT_EQ(empty.n, 0);
  EXPECT_TRUE(std::isnan(empty.mean));
  EXPECT_EQ(empty.ci95, 0.0);

  const std::vector<double> all_nan = {kNaN, kNaN};
  const Estimate none = EstimateMean(all_nan);
  EXPECT_EQ(none.n, 0);
  EXPECT_TRUE(std::isnan(none.mean));
  EXPECT_EQ(none.ci95, 0.0);
}

TEST(StatisticsTest, EstimateMeanOfConstantSampleHasZeroWidth) {
  const std::vector<double> values = {4.5, 4.5, 4.5, 4.5};
  const Estimate e = EstimateMean(values);
  EXPECT_EQ(e.n, 4);
  EXPECT_EQ(e.mean, 4.5);
  EXPECT_EQ(e.ci95, 0.0);
}

TEST(StatisticsTest, StudentT975MatchesTable) {
  EXPECT_NEAR(StudentT975(1), 12.7062, 1e-4);
  EXPECT_NEAR(StudentT975(2), 4.3027, 1e-4);
  EXPECT_NEAR(StudentT975(4), 2.7764, 1e-4);
  EXPECT_NEAR(StudentT975(9), 2.2622, 1e-4);
  EXPECT_NEAR(StudentT975(29), 2.0452, 1e-4);
  EXPECT_NEAR(StudentT975(1000), 1.9623, 1e-4);
}

}  // namespace
}  // namespace ccsim::engine
