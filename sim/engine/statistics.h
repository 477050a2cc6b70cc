// Output analysis across independent replications: mean and the half-width of the
// Student-t 95% confidence interval, and the same for the difference B − A of two
// configurations, paired by replication (common random numbers) or not (Welch).
//
// Example:
//   Estimate e = EstimateMean(service_levels);             // e.mean ± e.ci95
//   Difference d = PairedDifference(before, after);        // after − before, pair by pair
//   bool significant = std::abs(d.mean) > d.ci95;
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

// B − A and the half-width of its 95% confidence interval. ci95 is NaN when the samples
// cannot give one.
struct Difference {
  double mean = 0;
  double ci95 = 0;
  double dof = 0;  // degrees of freedom of the interval (NaN without one)
};

// Paired: the differences b[i] − a[i] for i below both sizes, skipping pairs where either
// value is NaN; their mean and Student-t half-width with (pairs − 1) degrees of freedom.
// ci95 is NaN with fewer than two pairs. Use it when a[i] and b[i] saw the same random
// numbers (the same seed and replication): the noise they share cancels.
Difference PairedDifference(std::span<const double> a, std::span<const double> b);

// Welch: mean(b) − mean(a) of two independent samples (NaN values skipped), with
// se² = s_a²/n_a + s_b²/n_b and the Welch–Satterthwaite degrees of freedom; the interval
// uses the t quantile at the whole part of those (at least 1), which is slightly wider
// than a fractional quantile. ci95 is NaN when either side has fewer than two values, 0
// when both are constant.
Difference WelchDifference(std::span<const double> a, std::span<const double> b);

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
