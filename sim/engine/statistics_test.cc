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

TEST(StatisticsTest, PairedDifferenceOfHandComputedSample) {
  // d = b − a = {1, 2, 2, 0, 2}: mean 1.4, sample variance 3.2 / 4 = 0.8, so
  // s/√n = √(0.8 / 5) = 0.4 and ci95 = t(0.975; 4) · 0.4 = 2.776445 · 0.4 = 1.110578
  // (scipy.stats.ttest_rel(b, a).confidence_interval() gives 1.4 ± 1.110578).
  const std::vector<double> a = {1, 2, 3, 4, 5}, b = {2, 4, 5, 4, 7};
  const Difference d = PairedDifference(a, b);
  EXPECT_DOUBLE_EQ(d.mean, 1.4);
  EXPECT_NEAR(d.ci95, 1.110578, 1e-6);
  EXPECT_EQ(d.dof, 4);
}

TEST(StatisticsTest, PairedDifferenceSkipsIncompletePairs) {
  // The pairs (NaN, 9), (3, NaN) and the unmatched 6 drop out, leaving the sample above.
  const std::vector<double> a = {1, kNaN, 2, 3, 3, 4, 5};
  const std::vector<double> b = {2, 9, 4, kNaN, 5, 4, 7, 6};
  const Difference d = PairedDifference(a, b);
  EXPECT_DOUBLE_EQ(d.mean, 1.4);
  EXPECT_NEAR(d.ci95, 1.110578, 1e-6);
  EXPECT_EQ(d.dof, 4);
}

TEST(StatisticsTest, PairedDifferenceOfOnePairHasNoInterval) {
  const std::vector<double> a = {1}, b = {3};
  const Difference d = PairedDifference(a, b);
  EXPECT_EQ(d.mean, 2);
  EXPECT_TRUE(std::isnan(d.ci95));
  EXPECT_TRUE(std::isnan(PairedDifference({}, {}).mean));
}

TEST(StatisticsTest, WelchDifferenceOfHandComputedSamples) {
  // a = {1..5}: mean 3, s² = 2.5, s²/n = 0.5. b = {2, 4, 6, 8}: mean 5, s² = 20/3,
  // s²/n = 5/3. se² = 0.5 + 5/3 = 13/6; dof = se⁴ / (0.5²/4 + (5/3)²/3) = 4.749415
  // (scipy.stats.ttest_ind(b, a, equal_var=False).df). The interval uses t at 4 degrees:
  // 2.776445 · √(13/6) = 4.086817 (scipy's fractional t(4.749) gives a little less).
  const std::vector<double> a = {1, 2, 3, 4, 5}, b = {2, 4, 6, 8};
  const Difference d = WelchDifference(a, b);
  EXPECT_DOUBLE_EQ(d.mean, 2.0);
  EXPECT_NEAR(d.dof, 4.749415, 1e-6);
  EXPECT_NEAR(d.ci95, 4.086817, 1e-6);
}

TEST(StatisticsTest, WelchDifferenceEdgeCases) {
  const std::vector<double> one = {kNaN, 3}, two = {1, 2}, flat = {4, 4, 4}, flat2 = {6, 6};
  const Difference short_side = WelchDifference(one, two);
  EXPECT_DOUBLE_EQ(short_side.mean, -1.5);
  EXPECT_TRUE(std::isnan(short_side.ci95));
  const Difference constant = WelchDifference(flat, flat2);
  EXPECT_DOUBLE_EQ(constant.mean, 2);
  EXPECT_EQ(constant.ci95, 0);
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
