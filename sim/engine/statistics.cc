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
