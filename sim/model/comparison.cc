#include "sim/model/comparison.h"

#include "sim/engine/statistics.h"

namespace ccsim::model {

KpiDifference CompareKpi(std::span<const double> a, std::span<const double> b, bool paired) {
  const engine::Difference welch = engine::WelchDifference(a, b);
  KpiDifference out{.a = engine::EstimateMean(a).mean,
                    .b = engine::EstimateMean(b).mean,
                    .mean = welch.mean,
                    .ci95 = welch.ci95,
                    .ci95_unpaired = welch.ci95};
  if (paired) {
    const engine::Difference d = engine::PairedDifference(a, b);
    out.mean = d.mean;
    out.ci95 = d.ci95;
  }
  out.significant = std::isfinite(out.ci95) && std::abs(out.mean) > out.ci95;
  return out;
}

}  // namespace ccsim::model
