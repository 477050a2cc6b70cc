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
#include <cstdint>
#include <deque>
#include <optional>
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
  std::string name;  // a named agent's (agent_groups.G.people); empty for the others
  double contacts = 0;
  double aht = 0;
  double occupancy = 0;
  double resolved_share = 0;
  double resolved_per_hour = 0;
  double asa = 0;
  double asked_for = 0;
  double asked_wait = 0;
  // Replications the agent spent in each band: top, middle, bottom, then not ranked.
  std::array<int, kBandCount + 1> band_replications{};
  // The band it fell in most often; ties go to the first of top, middle, bottom, none.
  Band band = Band::kNone;
};

struct Summary {
  std::string scenario;
  int replications = 0;
  uint64_t seed = 0;
  // The scenario's start (civil seconds, sim/scenario/calendar.h): outputs then speak clock
  // time. Absent without one, and in summaries read back from files.
  std::optional<int64_t> start;
  KpiEstimates overall;
  std::vector<std::string> type_names;
  std::vector<KpiEstimates> by_type;  // same order as type_names
  std::vector<std::string> group_names;
  // Same order as group_names: the kGroupKpis (the rest NaN; cost_agents too without
  // costs). Empty in summaries read back from files without group rows.
  std::vector<KpiEstimates> by_group;
  std::array<BandEstimates, kBandCount> bands;  // index static_cast<int>(Band)
  std::vector<AgentSummary> agents;             // by agent id
  // With the scenario's costs: their currency. Without it the money KPIs are NaN and every
  // output leaves them out.
  std::optional<std::string> currency;
};

// Per-replication KPIs: index 0 is overall, 1 + t is contact type t.
std::vector<KpiValues> ReplicationKpis(const ReplicationResult& r);

// Per-replication KPIs of each agent group (index g), over its agents' time as the
// centre's are over all agents': the kGroupKpis, NaN elsewhere.
std::vector<KpiValues> GroupKpis(const Model& model, const ReplicationResult& r);

Summary Summarise(const Model& model, uint64_t seed, std::span<const ReplicationResult> results);

// KPIs of one reporting interval, all contact types together, by arrival interval
// (occupancy: busy / staffed agent time inside the interval). Warmup intervals included.
struct IntervalSummary {
  double start = 0;  // seconds
  double end = 0;
  KpiEstimates kpis;
};

// Summarise and SummariseIntervals for replications handed over one at a time, in
// replication order, without keeping them: memory grows by a few hundred bytes a
// replication (its KPIs and band figures, which the confidence intervals need; each
// interval's KPIs too when `intervals` is set) instead of the whole result. Agents' means
// are summed as they come, in the same order: the numbers are Summarise's, to the bit.
//
// Example:
//   SummaryBuilder b(model, seed);
//   for (const ReplicationResult& r : results) b.Add(r);
//   Summary s = b.Finish();
class SummaryBuilder {
 public:
  SummaryBuilder(const Model& model, uint64_t seed, bool intervals = false);
  // REQUIRES: replications in order, each once.
  void Add(const ReplicationResult& r);
  Summary Finish() const;
  // REQUIRES: built with `intervals`.
  std::vector<IntervalSummary> Intervals() const;

 private:
  // One agent's figures summed over the replications that define them.
  struct AgentSums {
    // contacts, aht, occupancy, resolved_share, resolved_per_hour, asa, asked_for, asked_wait
    std::array<double, 8> sum{};
    std::array<int, 8> n{};
    std::array<int, kBandCount + 1> band_replications{};
  };
  void SummariseAgents(Summary& s) const;
  // KPI k of column c (0 overall, 1 + t type t), a band's figure, and the i-th of the
  // kGroupKpis of group g, of a replication.
  double KpiOf(size_t replication, size_t column, int k) const;
  double BandFigureOf(size_t replication, int band, int figure) const;
  double GroupKpiOf(size_t replication, size_t group, size_t i) const;
  void SummariseGroups(Summary& s) const;

  const Model* model_;
  uint64_t seed_;
  bool intervals_;
  std::vector<AgentSums> agents_;
  std::vector<int> per_type_slot_;  // by KPI: its place among a type's values, or -1
  size_t per_type_count_ = 0;
  size_t types_ = 0;
  size_t groups_ = 0;
  size_t stride_ = 0;
  size_t replications_ = 0;
  // Per replication, `stride_` values: every KPI of the whole centre, each contact type's
  // per-type KPIs (its others are NaN), the band figures, then each group's kGroupKpis.
  // One flat deque: nothing per replication but the values, and no copy of them all as it
  // grows.
  std::deque<double> values_;
  std::deque<std::vector<KpiValues>> interval_kpis_;  // [replication][interval]
};

// The KPI part of a Summary (no agents) from per-replication KPIs: per_rep[r][c][k] with
// column c = 0 overall, 1 + t contact type t, and, with `group_names`, the groups'
// per_rep_groups[r][g][k] (GroupKpis). Summarise's numbers, to the bit, when given the
// same values (as read back from a result file).
Summary SummariseKpis(const std::string& scenario, uint64_t seed,
                      const std::vector<std::string>& type_names,
                      const std::vector<std::vector<KpiValues>>& per_rep,
                      const std::vector<std::string>& group_names = {},
                      const std::vector<std::vector<KpiValues>>& per_rep_groups = {});

std::vector<IntervalSummary> SummariseIntervals(const Model& model,
                                                std::span<const ReplicationResult> results);

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_SUMMARY_H_
