#include "sim/model/comparison.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace ccsim::model {
namespace {

// The samples of statistics_test.cc: paired, d = {1, 2, 2, 0, 2} gives 1.4 ± 1.110578;
// unpaired (Welch), s_a² = 2.5 and s_b² = 3.3, so se² = 2.5/5 + 3.3/5 = 1.16 with
// dof = 1.16² / (0.5²/4 + 0.66²/4) = 7.85 → 7, and 1.4 ± 2.364624 · √1.16 = 2.546778.
const std::vector<double> kA = {1, 2, 3, 4, 5};
const std::vector<double> kB = {2, 4, 5, 4, 7};

TEST(ComparisonTest, PairedUsesTheDifferencesAndShowsWelchBeside) {
  const KpiDifference d = CompareKpi(kA, kB, /*paired=*/true);
  EXPECT_DOUBLE_EQ(d.a, 3);
  EXPECT_DOUBLE_EQ(d.b, 4.4);
  EXPECT_DOUBLE_EQ(d.mean, 1.4);
  EXPECT_NEAR(d.ci95, 1.110578, 1e-6);
  EXPECT_NEAR(d.ci95_unpaired, 2.546778, 1e-6);
  EXPECT_TRUE(d.significant);  // 1.4 > 1.11
}

TEST(ComparisonTest, UnpairedUsesWelch) {
  const KpiDifference d = CompareKpi(kA, kB, /*paired=*/false);
  EXPECT_DOUBLE_EQ(d.mean, 1.4);
  EXPECT_NEAR(d.ci95, 2.546778, 1e-6);
  EXPECT_EQ(d.ci95, d.ci95_unpaired);
  EXPECT_FALSE(d.significant);  // 1.4 < 2.55: the pairing is what makes it significant
}

TEST(ComparisonTest, NoIntervalIsNeverSignificant) {
  const std::vector<double> a = {1}, b = {5};
  const KpiDifference d = CompareKpi(a, b, /*paired=*/true);
  EXPECT_DOUBLE_EQ(d.mean, 4);
  EXPECT_TRUE(std::isnan(d.ci95));
  EXPECT_FALSE(d.significant);
}

}  // namespace
}  // namespace ccsim::model
