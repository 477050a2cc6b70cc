// Draws from a scenario Distribution (SPEC §1) with Boost.Random.
//
// Parameters are converted once (lognormal and gamma from mean/sd to their natural
// parameters); a draw is one switch, no virtual call, no allocation.
//
// Example:
//   Sampler handle(scenario.contact_types[0].handle_time);
//   double seconds = handle(stream);
#ifndef CCSIM_MODEL_SAMPLER_H_
#define CCSIM_MODEL_SAMPLER_H_

#include <vector>

#include "sim/engine/random_stream.h"
#include "sim/scenario/scenario.h"

namespace ccsim::model {

class Sampler {
 public:
  Sampler() = default;  // constant 0
  explicit Sampler(const scenario::Distribution& d);

  // A non-negative draw, in seconds.
  double operator()(engine::RandomStream& g) const;

  double mean() const { return mean_; }
  bool is_constant() const { return kind_ == scenario::DistributionKind::kConstant; }

 private:
  scenario::DistributionKind kind_ = scenario::DistributionKind::kConstant;
  double p1_ = 0, p2_ = 0, p3_ = 0;  // the kind's natural parameters
  double mean_ = 0;
  std::vector<double> values_;  // kEmpirical
};

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_SAMPLER_H_
