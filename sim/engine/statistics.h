// Output analysis across independent replications: mean and the half-width of the
// Student-t 95% confidence interval.
#ifndef CCSIM_ENGINE_STATISTICS_H_
#define CCSIM_ENGINE_STATISTICS_H_

#include <cstdint>
#include <span>
#include <vector>

namespace ccsim::engine {

struct Estimate {
  double mean = 0;  // NaN when no replication defines the value
  double ci95 = 0;  // half-width; 0 with fewer than two values
  int n = 0;        // replications that define the value (NaN entries are skipped)
};

// Mean and Student-t 95% half-width of the non-NaN values, summed in index order so the
// result does not depend on how the values were computed in parallel.
Estimate EstimateMean(std::span<const double> values);

// Quantiles of a positive quantity without keeping the values: counts in bins whose
// width grows with the value (1% apart), from 1e-3 to 1e9. Memory is fixed; a quantile is
// exact to the bin's 1%.
class LogHistogram {
 public:
  void Add(double v);
  int64_t count() const { return count_; }
  // The q-quantile (0 < q < 1): the upper edge of the bin where the cumulative count
  // reaches q·count. NaN when empty.
  double Quantile(double q) const;

 private:
  static constexpr double kMin = 1e-3;
  static constexpr double kRatio = 1.01;
  static constexpr int kBins = 2780;  // log(1e12) / log(1.01)
  std::vector<int64_t> bins_;  // allocated on the first Add
  int64_t count_ = 0;
};

// The 0.975 quantile of Student's t with `dof` degrees of freedom (dof >= 1).
double StudentT975(int dof);

}  // namespace ccsim::engine

#endif  // CCSIM_ENGINE_STATISTICS_H_
