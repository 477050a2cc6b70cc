#include "sim/engine/statistics.h"

#include <boost/math/distributions/students_t.hpp>
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

}  // namespace ccsim::engine
