#include "sim/model/sampler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/engine/random_stream.h"
#include "sim/scenario/scenario.h"

namespace ccsim::model {
namespace {

using scenario::Distribution;
using scenario::DistributionKind;

constexpr uint64_t kSeed = 2026;
constexpr uint32_t kPurpose = 2;
constexpr int kDraws = 200000;

// Sample moments of many draws, with the standard errors the tolerances are built from.
struct Moments {
  int n = 0;
  double mean = 0;
  double var = 0;  // unbiased
  double m4 = 0;   // fourth central moment
  double min = 0;
  double max = 0;

  double MeanSe() const { return std::sqrt(var / n); }
  // Delta method: SE(s^2) ~ sqrt((m4 - s^4) / n), SE(s) ~ SE(s^2) / (2 s).
  double SdSe() const { return std::sqrt((m4 - var * var) / n) / (2 * std::sqrt(var)); }
};

std::vector<double> Draw(const Sampler& s, uint64_t entity, int n) {
  engine::RandomStream g(kSeed, /*replication=*/0, kPurpose, entity);
  std::vector<double> x(n);
  for (double& v : x) v = s(g);
  return x;
}

Moments MomentsOf(const std::vector<double>& x) {
  Moments m;
  m.n = static_cast<int>(x.size());
  m.min = x[0];
  m.max = x[0];
  double sum = 0;
  for (double v : x) {
    sum += v;
    m.min = std::min(m.min, v);
    m.max = std::max(m.max, v);
  }
  m.mean = sum / m.n;
  double s2 = 0, s4 = 0;
  for (double v : x) {
    const double d = (v - m.mean) * (v - m.mean);
    s2 += d;
    s4 += d * d;
  }
  m.var = s2 / (m.n - 1);
  m.m4 = s4 / m.n;
  return m;
}

Distribution Uniform(double a, double b) {
  return {.kind = DistributionKind::kUniform, .min = a, .max = b};
}
Distribution Triangular(double a, double c, double b) {
  return {.kind = DistributionKind::kTriangular, .min = a, .mode = c, .max = b};
}
Distribution Lognormal(double mean, double sd) {
  return {.kind = DistributionKind::kLognormal, .mean = mean, .sd = sd};
}
Distribution Gamma(double mean, double sd) {
  return {.kind = DistributionKind::kGamma, .mean = mean, .sd = sd};
}
Distribution Weibull(double shape, double scale) {
  return {.kind = DistributionKind::kWeibull, .shape = shape, .scale = scale};
}
Distribution Empirical(std::vector<double> values) {
  return {.kind = DistributionKind::kEmpirical, .values = std::move(values)};
}

// One distribution with its theoretical moments and support.
struct Case {
  std::string name;
  Distribution dist;
  double mean;
  double sd;  // NaN: not checked
  double lo;  // support
  double hi;
};

std::vector<Case> Cases() {
  const double nan = std::nan("");
  const double inf = INFINITY;
  const double wk = 1.5, ws = 200;
  const double g1 = std::tgamma(1 + 1 / wk), g2 = std::tgamma(1 + 2 / wk);
  const double a = 10, c = 30, b = 120;
  return {
      {"constant", Distribution::Constant(42), 42, 0, 42, 42},
      {"exponential", Distribution::Exponential(180), 180, 180, 0, inf},
      {"uniform", Uniform(30, 90), 60, 60 / std::sqrt(12.0), 30, 90},
      {"triangular", Triangular(a, c, b), (a + b + c) / 3,
       std::sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18), a, b},
      {"lognormal", Lognormal(240, 120), 240, 120, 0, inf},
      {"lognormal_high_cv", Lognormal(60, 90), 60, nan, 0, inf},
      {"gamma", Gamma(300, 100), 300, 100, 0, inf},                // shape 9
      {"gamma_shape_below_1", Gamma(100, 200), 100, 200, 0, inf},  // shape 0.25
      {"weibull", Weibull(wk, ws), ws * g1, ws * std::sqrt(g2 - g1 * g1), 0, inf},
      {"weibull_shape_below_1", Weibull(0.7, 50), 50 * std::tgamma(1 + 1 / 0.7), nan, 0, inf},
      {"empirical", Empirical({10, 45, 90, 300}), (10 + 45 + 90 + 300) / 4.0, nan, 10, 300},
  };
}

TEST(SamplerTest, DefaultIsConstantZero) {
  const Sampler s;
  engine::RandomStream g(kSeed, 0, kPurpose, 0);
  EXPECT_TRUE(s.is_constant());
  EXPECT_EQ(s.mean(), 0);
  EXPECT_EQ(s(g), 0);
}

TEST(SamplerTest, MeanEqualsTheDistributionsMean) {
  for (const Case& c : Cases()) {
    EXPECT_DOUBLE_EQ(Sampler(c.dist).mean(), c.dist.Mean()) << c.name;
    EXPECT_NEAR(Sampler(c.dist).mean(), c.mean, 1e-9 * c.mean) << c.name;
  }
}

TEST(SamplerTest, SampleMeanMatchesTheoreticalMean) {
  uint64_t entity = 0;
  for (const Case& c : Cases()) {
    const Moments m = MomentsOf(Draw(Sampler(c.dist), entity++, kDraws));
    if (c.dist.kind == DistributionKind::kConstant) {
      EXPECT_EQ(m.mean, c.mean) << c.name;
      continue;
    }
    EXPECT_NEAR(m.mean, c.mean, 5 * m.MeanSe()) << c.name;
  }
}

TEST(SamplerTest, SampleSdMatchesTheoreticalSd) {
  uint64_t entity = 100;
  for (const Case& c : Cases()) {
    if (std::isnan(c.sd)) continue;
    const Moments m = MomentsOf(Draw(Sampler(c.dist), entity++, kDraws));
    if (c.dist.kind == DistributionKind::kConstant) {
      EXPECT_EQ(m.var, 0) << c.name;
      continue;
    }
    EXPECT_NEAR(std::sqrt(m.var), c.sd, 5 * m.SdSe()) << c.name;
  }
}

TEST(SamplerTest, DrawsAreNonNegativeAndWithinSupport) {
  uint64_t entity = 200;
  for (const Case& c : Cases()) {
    const Moments m = MomentsOf(Draw(Sampler(c.dist), entity++, kDraws));
    EXPECT_GE(m.min, 0) << c.name;
    EXPECT_GE(m.min, c.lo) << c.name;
    EXPECT_LE(m.max, c.hi) << c.name;
    EXPECT_TRUE(std::isfinite(m.max)) << c.name;
  }
}

TEST(SamplerTest, EmpiricalReturnsOnlyListedValuesEachWithEqualFrequency) {
  const std::vector<double> values = {10, 45, 90, 300, 1200};
  std::map<double, int> counts;
  for (double v : Draw(Sampler(Empirical(values)), 7, kDraws)) ++counts[v];
  ASSERT_EQ(counts.size(), values.size());
  const double p = 1.0 / values.size();
  const double se = std::sqrt(p * (1 - p) / kDraws);
  for (double v : values) {
    ASSERT_TRUE(counts.contains(v)) << v;
    EXPECT_NEAR(static_cast<double>(counts[v]) / kDraws, p, 5 * se) << v;
  }
}

TEST(SamplerTest, EmpiricalWithOneValueIsThatValue) {
  for (double v : Draw(Sampler(Empirical({75})), 8, 1000)) ASSERT_EQ(v, 75);
}

TEST(SamplerTest, DegenerateCasesReturnTheConstant) {
  for (double v : Draw(Sampler(Uniform(50, 50)), 9, 1000)) ASSERT_EQ(v, 50);
  for (double v : Draw(Sampler(Triangular(50, 50, 50)), 10, 1000)) ASSERT_EQ(v, 50);
  for (double v : Draw(Sampler(Lognormal(240.37, 0)), 11, 1000)) ASSERT_EQ(v, 240.37);
  for (double v : Draw(Sampler(Gamma(240, 0)), 12, 1000)) ASSERT_EQ(v, 240);
  for (double v : Draw(Sampler(Gamma(0, 0)), 13, 1000)) ASSERT_EQ(v, 0);
  for (double v : Draw(Sampler(Distribution::Constant(0)), 14, 1000)) ASSERT_EQ(v, 0);
}

TEST(SamplerTest, SameStreamIdentityGivesSameDraws) {
  for (const Case& c : Cases()) {
    const Sampler s(c.dist);
    EXPECT_EQ(Draw(s, 5, 1000), Draw(s, 5, 1000)) << c.name;
    if (c.dist.kind != DistributionKind::kConstant) {
      EXPECT_NE(Draw(s, 5, 1000), Draw(s, 6, 1000)) << c.name;
    }
  }
}

}  // namespace
}  // namespace ccsim::model
