// Output analysis across independent replications: mean and the half-width of the
// Student-t 95% confidence interval.
#ifndef CCSIM_ENGINE_STATISTICS_H_
#define CCSIM_ENGINE_STATISTICS_H_

#include <span>

namespace ccsim::engine {

struct Estimate {
  double mean = 0;  // NaN when no replication defines the value
  double ci95 = 0;  // half-width; 0 with fewer than two values
  int n = 0;        // replications that define the value (NaN entries are skipped)
};

// Mean and Student-t 95% half-width of the non-NaN values, summed in index order so the
// result does not depend on how the values were computed in parallel.
Estimate EstimateMean(std::span<const double> values);

// The 0.975 quantile of Student's t with `dof` degrees of freedom (dof >= 1).
double StudentT975(int dof);

}  // namespace ccsim::engine

#endif  // CCSIM_ENGINE_STATISTICS_H_
