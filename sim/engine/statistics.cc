#include "sim/engine/statistics.h"

#include <boost/math/distributions/students_t.hpp>
#include <algorithm>
#include <cmath>
#include <limits>

namespace ccsim::engine {

double StudentT975(int dof) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(dof), 0.975);
}

Estimate EstimateMean(std::span<const double> values) {
  Estimate e;
  double sum = 0;
  for (double v : values) {
    if (std::isnan(v)) continue;
    sum += v;
    ++e.n;
  }
  if (e.n == 0) {
    e.mean = std::numeric_limits<double>::quiet_NaN();
    return e;
  }
  e.mean = sum / e.n;
  if (e.n < 2) return e;
  double ss = 0;
  for (double v : values) {
    if (!std::isnan(v)) ss += (v - e.mean) * (v - e.mean);
  }
  const double sd = std::sqrt(ss / (e.n - 1));
  e.ci95 = StudentT975(e.n - 1) * sd / std::sqrt(static_cast<double>(e.n));
  return e;
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// s²/n of the sample behind `e`, from its half-width t·s/√n. (Recovered from the interval
// rather than recomputed so that `ccsim compare` keeps its numbers bit for bit.)
double SquaredStandardError(const Estimate& e) {
  return std::pow(e.ci95 / StudentT975(e.n - 1), 2);
}

}  // namespace

Difference PairedDifference(std::span<const double> a, std::span<const double> b) {
  std::vector<double> d;
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) d.push_back(b[i] - a[i]);
  const Estimate e = EstimateMean(d);  // a NaN on either side makes d[i] NaN: skipped
  return {.mean = e.mean, .ci95 = e.n >= 2 ? e.ci95 : kNaN, .dof = e.n >= 2 ? e.n - 1.0 : kNaN};
}

Difference WelchDifference(std::span<const double> a, std::span<const double> b) {
  const Estimate ea = EstimateMean(a), eb = EstimateMean(b);
  Difference out{.mean = eb.mean - ea.mean, .ci95 = kNaN, .dof = kNaN};
  if (ea.n < 2 || eb.n < 2) return out;
  const double qa = SquaredStandardError(ea), qb = SquaredStandardError(eb);
  const double se2 = qa + qb;
  out.dof = se2 * se2 / (qa * qa / (ea.n - 1) + qb * qb / (eb.n - 1));  // NaN when se2 = 0
  out.ci95 = se2 > 0 ? StudentT975(std::max(1, static_cast<int>(out.dof))) * std::sqrt(se2) : 0;
  return out;
}

void LogHistogram::Add(double v) {
  if (bins_.empty()) bins_.assign(kBins + 1, 0);
  int bin = 0;
  if (v > kMin) bin = std::min(kBins, 1 + static_cast<int>(std::log(v / kMin) / std::log(kRatio)));
  ++bins_[bin];
  ++count_;
}

double LogHistogram::Quantile(double q) const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const double target = q * static_cast<double>(count_);
  int64_t seen = 0;
  for (int b = 0; b <= kBins; ++b) {
    seen += bins_[b];
    if (static_cast<double>(seen) >= target) return kMin * std::pow(kRatio, b);
  }
  return kMin * std::pow(kRatio, kBins);
}

}  // namespace ccsim::engine
