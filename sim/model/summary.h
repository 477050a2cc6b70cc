// KPIs (SPEC §4) per replication, and their mean and 95% confidence half-width over
// replications, overall and per contact type; and the agents' figures by stack-rank band
// and one by one (agent_ranking.h).
//
// Example:
//   Summary s = Summarise(model, seed, results);
//   s.overall[Kpi::kServiceLevel].mean
//   s.bands[static_cast<int>(Band::kTop)][BandFigure::kAht].mean
#ifndef CCSIM_MODEL_SUMMARY_H_
#define CCSIM_MODEL_SUMMARY_H_

#include <array>
#include <span>
#include <string>
#include <vector>

#include "sim/engine/statistics.h"
#include "sim/model/agent_ranking.h"
#include "sim/model/kpi.h"
#include "sim/model/model.h"
#include "sim/model/results.h"

namespace ccsim::model {

// One replication's KPIs; NaN where a ratio has no denominator, and for the overall-only
// KPIs when `journeys` is null (contact types).
using KpiValues = std::array<double, kKpiCount>;
KpiValues ComputeKpis(const Counters& c, double busy_time, double staffed_time,
                      const JourneyCounters* journeys = nullptr);

struct KpiEstimates {
  std::array<engine::Estimate, kKpiCount> values;
  const engine::Estimate& operator[](Kpi k) const { return values[static_cast<int>(k)]; }
};

// A band's figures (BandAverages, per replication) as mean and 95% half-width over
// replications; a replication where the band is empty counts 0 agents and leaves the
// other figures undefined (NaN, skipped).
struct BandEstimates {
  std::array<engine::Estimate, kBandFigureCount> values;
  const engine::Estimate& operator[](BandFigure f) const { return values[static_cast<int>(f)]; }
};

// One agent over the replications: each figure is the mean of its per-replication values
// (AgentFigures) over the replications that define it (NaN when none does).
struct AgentSummary {
  int agent = 0;
  int group = 0;
  double contacts = 0;
  double aht = 0;
  double occupancy = 0;
  double resolved_share = 0;
  double resolved_per_hour = 0;
  // Replications the agent spent in each band: top, middle, bottom, then not ranked.
  std::array<int, kBandCount + 1> band_replications{};
  // The band it fell in most often; ties go to the first of top, middle, bottom, none.
  Band band = Band::kNone;
};

struct Summary {
  std::string scenario;
  int replications = 0;
  uint64_t seed = 0;
  KpiEstimates overall;
  std::vector<std::string> type_names;
  std::vector<KpiEstimates> by_type;  // same order as type_names
  std::vector<std::string> group_names;
  std::array<BandEstimates, kBandCount> bands;  // index static_cast<int>(Band)
  std::vector<AgentSummary> agents;             // by agent id
};

// Per-replication KPIs: index 0 is overall, 1 + t is contact type t.
std::vector<KpiValues> ReplicationKpis(const ReplicationResult& r);

Summary Summarise(const Model& model, uint64_t seed, std::span<const ReplicationResult> results);

// The KPI part of a Summary (no agents) from per-replication KPIs: per_rep[r][c][k] with
// column c = 0 overall, 1 + t contact type t. Summarise's numbers, to the bit, when given
// the same values (as read back from a result file).
Summary SummariseKpis(const std::string& scenario, uint64_t seed,
                      const std::vector<std::string>& type_names,
                      const std::vector<std::vector<KpiValues>>& per_rep);

// KPIs of one reporting interval, all contact types together, by arrival interval
// (occupancy: busy / staffed agent time inside the interval). Warmup intervals included.
struct IntervalSummary {
  double start = 0;  // seconds
  double end = 0;
  KpiEstimates kpis;
};
std::vector<IntervalSummary> SummariseIntervals(const Model& model,
                                                std::span<const ReplicationResult> results);

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_SUMMARY_H_
