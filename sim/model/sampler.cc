#include "sim/model/sampler.h"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>
#include <cmath>

namespace ccsim::model {

using scenario::DistributionKind;

Sampler::Sampler(const scenario::Distribution& d) : kind_(d.kind), mean_(d.Mean()) {
  switch (d.kind) {
    case DistributionKind::kConstant:
      p1_ = d.value;
      break;
    case DistributionKind::kExponential:
      p1_ = 1.0 / d.mean;  // rate
      break;
    case DistributionKind::kUniform:
      p1_ = d.min;
      p2_ = d.max;
      break;
    case DistributionKind::kTriangular:
      p1_ = d.min;
      p2_ = d.mode;
      p3_ = d.max;
      break;
    case DistributionKind::kLognormal: {
      // sigma^2 = ln(1 + sd^2/mean^2), mu = ln(mean) - sigma^2/2 (moments of the variable).
      const double s2 = std::log1p((d.sd * d.sd) / (d.mean * d.mean));
      p1_ = std::log(d.mean) - s2 / 2;
      p2_ = std::sqrt(s2);
      break;
    }
    case DistributionKind::kGamma:
      p1_ = (d.mean * d.mean) / (d.sd * d.sd);  // shape
      p2_ = (d.sd * d.sd) / d.mean;             // scale
      break;
    case DistributionKind::kWeibull:
      p1_ = d.shape;
      p2_ = d.scale;
      break;
    case DistributionKind::kEmpirical:
      values_ = d.values;
      break;
  }
}

double Sampler::operator()(engine::RandomStream& g) const {
  switch (kind_) {
    case DistributionKind::kConstant:
      return p1_;
    case DistributionKind::kExponential:
      return boost::random::exponential_distribution<double>(p1_)(g);
    case DistributionKind::kUniform:
      return p1_ < p2_ ? boost::random::uniform_real_distribution<double>(p1_, p2_)(g) : p1_;
    case DistributionKind::kTriangular:
      return p1_ < p3_ ? boost::random::triangle_distribution<double>(p1_, p2_, p3_)(g) : p1_;
    case DistributionKind::kLognormal:
      if (p2_ == 0) return mean_;  // sd = 0: a constant (exp(log(mean)) may be off by an ulp)
      return boost::random::lognormal_distribution<double>(p1_, p2_)(g);
    case DistributionKind::kGamma:
      if (!std::isfinite(p1_)) return mean_;  // sd = 0: a constant
      return boost::random::gamma_distribution<double>(p1_, p2_)(g);
    case DistributionKind::kWeibull:
      return boost::random::weibull_distribution<double>(p1_, p2_)(g);
    case DistributionKind::kEmpirical: {
      boost::random::uniform_int_distribution<size_t> pick(0, values_.size() - 1);
      return values_[pick(g)];
    }
  }
  return 0;
}

}  // namespace ccsim::model
