#include "sim/model/summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ccsim::model {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Ratio(double num, double den) { return den > 0 ? num / den : kNaN; }
}  // namespace

KpiValues ComputeKpis(const Counters& c, double busy_time, double staffed_time,
                      const JourneyCounters* journeys) {
  KpiValues v;
  v.fill(kNaN);
  v[static_cast<int>(Kpi::kOffered)] = static_cast<double>(c.offered);
  v[static_cast<int>(Kpi::kAnswered)] = static_cast<double>(c.answered);
  v[static_cast<int>(Kpi::kAbandoned)] = static_cast<double>(c.abandoned);
  v[static_cast<int>(Kpi::kBlocked)] = static_cast<double>(c.blocked);
  v[static_cast<int>(Kpi::kUnserved)] = static_cast<double>(c.unserved);
  v[static_cast<int>(Kpi::kServiceLevel)] = Ratio(c.answered_within, c.offered);
  v[static_cast<int>(Kpi::kAsa)] = Ratio(c.wait_answered, c.answered);
  v[static_cast<int>(Kpi::kAbandonRate)] = Ratio(c.abandoned, c.offered);
  v[static_cast<int>(Kpi::kAht)] = Ratio(c.handle, c.answered);
  v[static_cast<int>(Kpi::kOccupancy)] = Ratio(busy_time, staffed_time);
  v[static_cast<int>(Kpi::kTransfersIn)] = static_cast<double>(c.transfers_in);
  v[static_cast<int>(Kpi::kTransfersOut)] = static_cast<double>(c.transfers_out);
  if (journeys != nullptr) {
    const JourneyCounters& j = *journeys;
    const double ended = static_cast<double>(j.resolved + j.given_up);
    v[static_cast<int>(Kpi::kFcr)] = Ratio(j.resolved_first, ended);
    v[static_cast<int>(Kpi::kContactsPerJourney)] = Ratio(j.contacts, ended);
    v[static_cast<int>(Kpi::kTransfersPerJourney)] = Ratio(j.transfers, ended);
    v[static_cast<int>(Kpi::kJourneyTime)] = Ratio(j.resolved_time, j.resolved);
    v[static_cast<int>(Kpi::kJourneyTimeP90)] = j.resolved_times.Quantile(0.9);
    v[static_cast<int>(Kpi::kUnresolvedShare)] = Ratio(j.given_up, ended);
  }
  return v;
}

std::vector<KpiValues> ReplicationKpis(const ReplicationResult& r) {
  std::vector<KpiValues> out;
  out.reserve(1 + r.by_type.size());
  out.push_back(ComputeKpis(r.Overall(), r.busy_time, r.staffed_time, &r.journeys));
  out[0][static_cast<int>(Kpi::kAlerts)] = static_cast<double>(r.alerts);
  out[0][static_cast<int>(Kpi::kCoachingSessions)] = static_cast<double>(r.coaching_sessions);
  for (const Counters& c : r.by_type) out.push_back(ComputeKpis(c, kNaN, kNaN));
  return out;
}

namespace {

// Summary::group_names, bands and agents.
void SummariseAgents(const Model& model, std::span<const ReplicationResult> results, Summary& s) {
  for (const auto& g : model.scenario().agent_groups) s.group_names.push_back(g.name);
  const size_t n = results.size();
  const size_t agents = model.seats().size();
  std::vector<std::array<BandValues, kBandCount>> bands(n);
  std::vector<std::vector<AgentFigures>> figures(n);
  for (size_t r = 0; r < n; ++r) {
    figures[r] = RankAgents(results[r].agents, model.seats());
    bands[r] = BandAverages(results[r].agents, figures[r]);
  }
  std::vector<double> column(n);
  for (int b = 0; b < kBandCount; ++b) {
    for (int f = 0; f < kBandFigureCount; ++f) {
      for (size_t r = 0; r < n; ++r) column[r] = bands[r][b][f];
      s.bands[b].values[f] = engine::EstimateMean(column);
    }
  }
  auto mean = [&](size_t a, double AgentFigures::*field) {
    for (size_t r = 0; r < n; ++r) column[r] = figures[r][a].*field;
    return engine::EstimateMean(column).mean;
  };
  s.agents.resize(agents);
  for (size_t a = 0; a < agents; ++a) {
    AgentSummary& out = s.agents[a];
    out.agent = static_cast<int>(a);
    out.group = model.seats()[a].group;
    out.contacts = mean(a, &AgentFigures::contacts);
    out.aht = mean(a, &AgentFigures::aht);
    out.occupancy = mean(a, &AgentFigures::occupancy);
    out.resolved_share = mean(a, &AgentFigures::resolved_share);
    out.resolved_per_hour = mean(a, &AgentFigures::resolved_per_hour);
    for (size_t r = 0; r < n; ++r) {
      const Band band = figures[r][a].band;
      ++out.band_replications[band == Band::kNone ? kBandCount : static_cast<int>(band)];
    }
    const auto most = std::max_element(out.band_replications.begin(),
                                       out.band_replications.end());  // the first of equals
    const int index = static_cast<int>(most - out.band_replications.begin());
    out.band = index == kBandCount || *most == 0 ? Band::kNone : static_cast<Band>(index);
  }
}

}  // namespace

Summary SummariseKpis(const std::string& scenario, uint64_t seed,
                      const std::vector<std::string>& type_names,
                      const std::vector<std::vector<KpiValues>>& per_rep) {
  Summary s;
  s.scenario = scenario;
  s.replications = static_cast<int>(per_rep.size());
  s.seed = seed;
  s.type_names = type_names;
  const size_t columns = 1 + type_names.size();
  std::vector<KpiEstimates> est(columns);
  std::vector<double> column(per_rep.size());
  for (size_t c = 0; c < columns; ++c) {
    for (int k = 0; k < kKpiCount; ++k) {
      for (size_t r = 0; r < per_rep.size(); ++r) column[r] = per_rep[r][c][k];
      est[c].values[k] = engine::EstimateMean(column);
    }
  }
  s.overall = est[0];
  s.by_type.assign(est.begin() + 1, est.end());
  return s;
}

Summary Summarise(const Model& model, uint64_t seed, std::span<const ReplicationResult> results) {
  std::vector<std::string> type_names;
  for (const auto& ct : model.scenario().contact_types) type_names.push_back(ct.name);
  std::vector<std::vector<KpiValues>> per_rep;
  per_rep.reserve(results.size());
  for (const ReplicationResult& r : results) per_rep.push_back(ReplicationKpis(r));
  Summary s = SummariseKpis(model.scenario().name, seed, type_names, per_rep);
  SummariseAgents(model, results, s);
  return s;
}

std::vector<IntervalSummary> SummariseIntervals(const Model& model,
                                                std::span<const ReplicationResult> results) {
  const size_t types = model.types().size();
  const double length = model.scenario().interval;
  std::vector<IntervalSummary> out(model.interval_count());
  std::vector<KpiValues> per_rep(results.size());
  std::vector<double> column(results.size());
  for (int i = 0; i < model.interval_count(); ++i) {
    out[i].start = i * length;
    out[i].end = std::min((i + 1) * length, model.scenario().horizon);
    for (size_t r = 0; r < results.size(); ++r) {
      Counters all;
      for (size_t t = 0; t < types; ++t) all.Add(results[r].intervals[i * types + t]);
      per_rep[r] = ComputeKpis(all, results[r].interval_busy[i], results[r].interval_staffed[i]);
    }
    for (int k = 0; k < kKpiCount; ++k) {
      for (size_t r = 0; r < results.size(); ++r) column[r] = per_rep[r][k];
      out[i].kpis.values[k] = engine::EstimateMean(column);
    }
  }
  return out;
}

}  // namespace ccsim::model
