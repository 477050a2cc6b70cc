// B − A for one KPI of two results (two runs, or two points of a sweep), from its
// per-replication values: paired by replication when both saw the same customers (same
// seed and replications), else Welch's unpaired interval. Backs `ccsim compare`.
//
// Example:
//   KpiDifference d = CompareKpi(a_service_levels, b_service_levels, /*paired=*/true);
//   if (d.significant) ...  // the 95% interval of B − A excludes 0
#ifndef CCSIM_MODEL_COMPARISON_H_
#define CCSIM_MODEL_COMPARISON_H_

#include <cmath>
#include <span>

namespace ccsim::model {

struct KpiDifference {
  double a = NAN, b = NAN;     // the means of each side (NaN values skipped)
  double mean = NAN;           // B − A: paired, the mean of the differences over the pairs
  double ci95 = NAN;           // the half-width used for `significant` (paired or Welch)
  double ci95_unpaired = NAN;  // Welch's half-width, shown beside a paired one
  bool significant = false;    // |mean| > ci95
};

// `a[r]` and `b[r]` are the KPI in replication r (NaN where undefined). With `paired`,
// the difference is taken replication by replication (PairedDifference); otherwise
// `mean` is b − a and `ci95` Welch's.
KpiDifference CompareKpi(std::span<const double> a, std::span<const double> b, bool paired);

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_COMPARISON_H_
