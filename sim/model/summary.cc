#include "sim/model/summary.h"

#include <algorithm>
#include <cassert>
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
  v[static_cast<int>(Kpi::kBalked)] = static_cast<double>(c.balked);
  v[static_cast<int>(Kpi::kMessages)] = static_cast<double>(c.messages);
  v[static_cast<int>(Kpi::kClosed)] = static_cast<double>(c.closed);
  v[static_cast<int>(Kpi::kLost)] =
      static_cast<double>(c.abandoned + c.balked + c.messages + c.closed);
  // Live contacts: callbacks apart (without callbacks, exactly offered and answered).
  v[static_cast<int>(Kpi::kServiceLevel)] =
      Ratio(c.answered_within, c.offered - c.callbacks_accepted);
  v[static_cast<int>(Kpi::kAsa)] = Ratio(c.wait_answered, c.answered - c.callbacks_reached);
  v[static_cast<int>(Kpi::kAbandonRate)] = Ratio(c.abandoned, c.offered);
  v[static_cast<int>(Kpi::kAht)] = Ratio(c.handle, c.answered);
  v[static_cast<int>(Kpi::kCallbacksOffered)] = static_cast<double>(c.callbacks_offered);
  v[static_cast<int>(Kpi::kCallbacksAccepted)] = static_cast<double>(c.callbacks_accepted);
  v[static_cast<int>(Kpi::kCallbacksReached)] = static_cast<double>(c.callbacks_reached);
  v[static_cast<int>(Kpi::kCallbackWait)] = Ratio(c.callback_wait, c.callbacks_reached);
  v[static_cast<int>(Kpi::kCallbackServiceLevel)] = Ratio(c.callbacks_within, c.callbacks_accepted);
  v[static_cast<int>(Kpi::kOccupancy)] = Ratio(busy_time, staffed_time);
  v[static_cast<int>(Kpi::kStaffedHours)] = staffed_time / 3600;
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

namespace {

// The money KPIs of a priced replication: overall (out[0]) and per contact type.
void AddMoneyKpis(const ReplicationResult& r, std::vector<KpiValues>& out) {
  const MoneyResult& m = r.money;
  double agents = 0, contacts = 0, revenue = 0;
  for (double v : m.agents_by_group) agents += v;
  for (size_t t = 0; t < m.contacts_by_type.size(); ++t) {
    contacts += m.contacts_by_type[t];
    revenue += m.revenue_by_type[t];
    out[1 + t][static_cast<int>(Kpi::kCostContacts)] = m.contacts_by_type[t];
    out[1 + t][static_cast<int>(Kpi::kRevenue)] = m.revenue_by_type[t];
  }
  KpiValues& all = out[0];
  const double total = agents + contacts;
  all[static_cast<int>(Kpi::kCostAgents)] = agents;
  all[static_cast<int>(Kpi::kCostContacts)] = contacts;
  all[static_cast<int>(Kpi::kCostTotal)] = total;
  all[static_cast<int>(Kpi::kCostPerHandled)] = Ratio(total, all[static_cast<int>(Kpi::kAnswered)]);
  all[static_cast<int>(Kpi::kRevenue)] = revenue;
  all[static_cast<int>(Kpi::kMargin)] = revenue - total;
}

}  // namespace

std::vector<KpiValues> ReplicationKpis(const ReplicationResult& r) {
  std::vector<KpiValues> out;
  out.reserve(1 + r.by_type.size());
  out.push_back(ComputeKpis(r.Overall(), r.busy_time, r.staffed_time, &r.journeys));
  out[0][static_cast<int>(Kpi::kAlerts)] = static_cast<double>(r.alerts);
  out[0][static_cast<int>(Kpi::kCoachingSessions)] = static_cast<double>(r.coaching_sessions);
  double paid = 0;
  for (const AgentResult& a : r.agents) paid += a.paid;
  out[0][static_cast<int>(Kpi::kPaidHours)] = paid / 3600;
  for (const Counters& c : r.by_type) out.push_back(ComputeKpis(c, kNaN, kNaN));
  if (r.money.priced()) AddMoneyKpis(r, out);
  return out;
}

std::vector<KpiValues> GroupKpis(const Model& model, const ReplicationResult& r) {
  const size_t groups = model.groups().size();
  std::vector<double> busy(groups, 0), staffed(groups, 0), paid(groups, 0);
  for (size_t a = 0; a < r.agents.size(); ++a) {
    const int g = model.seats()[a].group;
    busy[g] += r.agents[a].busy;
    staffed[g] += r.agents[a].staffed;
    paid[g] += r.agents[a].paid;
  }
  std::vector<KpiValues> out(groups);
  for (size_t g = 0; g < groups; ++g) {
    KpiValues all = ComputeKpis(Counters{}, busy[g], staffed[g]);
    all[static_cast<int>(Kpi::kPaidHours)] = paid[g] / 3600;
    // (cost_agents: NaN without costs, as the centre's.)
    if (r.money.priced()) all[static_cast<int>(Kpi::kCostAgents)] = r.money.agents_by_group[g];
    out[g].fill(kNaN);
    for (Kpi k : kGroupKpis) out[g][static_cast<int>(k)] = all[static_cast<int>(k)];
  }
  return out;
}

namespace {

// AgentFigures' fields in the order of SummaryBuilder::AgentSums.
constexpr double AgentFigures::*kAgentFields[] = {
    &AgentFigures::contacts, &AgentFigures::aht, &AgentFigures::occupancy,
    &AgentFigures::resolved_share, &AgentFigures::resolved_per_hour, &AgentFigures::asa,
    &AgentFigures::asked_for, &AgentFigures::asked_wait};

// Each interval's KPIs, all contact types together.
std::vector<KpiValues> IntervalKpis(const Model& model, const ReplicationResult& r) {
  const size_t types = model.types().size();
  std::vector<KpiValues> out(model.interval_count());
  for (int i = 0; i < model.interval_count(); ++i) {
    Counters all;
    for (size_t t = 0; t < types; ++t) all.Add(r.intervals[i * types + t]);
    out[i] = ComputeKpis(all, r.interval_busy[i], r.interval_staffed[i]);
  }
  return out;
}

}  // namespace

namespace {

// SummariseKpis over `replications` whose KPI k of column c (0 overall, 1 + t type t) in
// replication r is value(r, c, k).
template <class Value>
Summary SummariseKpisOf(const std::string& scenario, uint64_t seed,
                        const std::vector<std::string>& type_names, size_t replications,
                        Value&& value) {
  Summary s;
  s.scenario = scenario;
  s.replications = static_cast<int>(replications);
  s.seed = seed;
  s.type_names = type_names;
  const size_t columns = 1 + type_names.size();
  std::vector<KpiEstimates> est(columns);
  std::vector<double> column(replications);
  for (size_t c = 0; c < columns; ++c) {
    for (int k = 0; k < kKpiCount; ++k) {
      for (size_t r = 0; r < replications; ++r) column[r] = value(r, c, k);
      est[c].values[k] = engine::EstimateMean(column);
    }
  }
  s.overall = est[0];
  s.by_type.assign(est.begin() + 1, est.end());
  return s;
}

}  // namespace

SummaryBuilder::SummaryBuilder(const Model& model, uint64_t seed, bool intervals)
    : model_(&model),
      seed_(seed),
      intervals_(intervals),
      agents_(model.seats().size()),
      per_type_slot_(kKpiCount, -1),
      types_(model.types().size()),
      groups_(model.groups().size()) {
  for (const KpiInfo& k : kKpis) {
    if (k.scope == KpiScope::kPerType) per_type_slot_[static_cast<int>(k.kpi)] = per_type_count_++;
  }
  stride_ = kKpiCount + types_ * per_type_count_ + kBandCount * kBandFigureCount +
            groups_ * std::size(kGroupKpis);
}

double SummaryBuilder::KpiOf(size_t replication, size_t column, int k) const {
  const size_t base = replication * stride_;
  if (column == 0) return values_[base + k];
  const int slot = per_type_slot_[k];
  if (slot < 0) return kNaN;
  return values_[base + kKpiCount + (column - 1) * per_type_count_ + slot];
}

double SummaryBuilder::BandFigureOf(size_t replication, int band, int figure) const {
  return values_[replication * stride_ + kKpiCount + types_ * per_type_count_ +
                 band * kBandFigureCount + figure];
}

double SummaryBuilder::GroupKpiOf(size_t replication, size_t group, size_t i) const {
  return values_[replication * stride_ + kKpiCount + types_ * per_type_count_ +
                 kBandCount * kBandFigureCount + group * std::size(kGroupKpis) + i];
}

void SummaryBuilder::Add(const ReplicationResult& r) {
  const std::vector<KpiValues> kpis = ReplicationKpis(r);
  values_.insert(values_.end(), kpis[0].begin(), kpis[0].end());
  for (size_t c = 1; c < kpis.size(); ++c) {
    for (int k = 0; k < kKpiCount; ++k) {
      if (per_type_slot_[k] >= 0) values_.push_back(kpis[c][k]);
      assert(per_type_slot_[k] >= 0 || std::isnan(kpis[c][k]));  // overall-only: NaN
    }
  }
  const std::vector<AgentFigures> figures = RankAgents(r.agents, model_->seats());
  for (const BandValues& band : BandAverages(r.agents, figures)) {
    values_.insert(values_.end(), band.begin(), band.end());
  }
  for (const KpiValues& group : GroupKpis(*model_, r)) {
    for (Kpi k : kGroupKpis) values_.push_back(group[static_cast<int>(k)]);
  }
  ++replications_;
  for (size_t a = 0; a < agents_.size(); ++a) {
    AgentSums& sums = agents_[a];
    for (size_t f = 0; f < std::size(kAgentFields); ++f) {
      const double v = figures[a].*kAgentFields[f];
      if (std::isnan(v)) continue;  // as EstimateMean: NaN values are skipped
      sums.sum[f] += v;
      ++sums.n[f];
    }
    const Band band = figures[a].band;
    ++sums.band_replications[band == Band::kNone ? kBandCount : static_cast<int>(band)];
  }
  if (intervals_) interval_kpis_.push_back(IntervalKpis(*model_, r));
}

// Summary::group_names, bands and agents.
void SummaryBuilder::SummariseAgents(Summary& s) const {
  for (const auto& g : model_->scenario().agent_groups) s.group_names.push_back(g.name);
  const size_t n = replications_;
  std::vector<double> column(n);
  for (int b = 0; b < kBandCount; ++b) {
    for (int f = 0; f < kBandFigureCount; ++f) {
      for (size_t r = 0; r < n; ++r) column[r] = BandFigureOf(r, b, f);
      s.bands[b].values[f] = engine::EstimateMean(column);
    }
  }
  s.agents.resize(agents_.size());
  for (size_t a = 0; a < agents_.size(); ++a) {
    const AgentSums& sums = agents_[a];
    auto mean = [&](int f) { return sums.n[f] > 0 ? sums.sum[f] / sums.n[f] : kNaN; };
    AgentSummary& out = s.agents[a];
    out.agent = static_cast<int>(a);
    out.group = model_->seats()[a].group;
    if (const int person = model_->seats()[a].person; person >= 0) {
      out.name = model_->people()[person];
    }
    out.contacts = mean(0);
    out.aht = mean(1);
    out.occupancy = mean(2);
    out.resolved_share = mean(3);
    out.resolved_per_hour = mean(4);
    out.asa = mean(5);
    out.asked_for = mean(6);
    out.asked_wait = mean(7);
    out.band_replications = sums.band_replications;
    const auto most = std::max_element(out.band_replications.begin(),
                                       out.band_replications.end());  // the first of equals
    const int index = static_cast<int>(most - out.band_replications.begin());
    out.band = index == kBandCount || *most == 0 ? Band::kNone : static_cast<Band>(index);
  }
}

namespace {

// Summary::by_group for `groups` groups over `replications` whose i-th group KPI of group g
// in replication r is value(r, g, i).
template <class Value>
std::vector<KpiEstimates> SummariseGroupsOf(size_t groups, size_t replications, Value&& value) {
  std::vector<KpiEstimates> out(groups);
  std::vector<double> column(replications);
  for (size_t g = 0; g < groups; ++g) {
    out[g].values.fill({.mean = kNaN, .ci95 = 0, .n = 0});  // as EstimateMean of none
    for (size_t i = 0; i < std::size(kGroupKpis); ++i) {
      for (size_t r = 0; r < replications; ++r) column[r] = value(r, g, i);
      out[g].values[static_cast<int>(kGroupKpis[i])] = engine::EstimateMean(column);
    }
  }
  return out;
}

}  // namespace

void SummaryBuilder::SummariseGroups(Summary& s) const {
  s.by_group = SummariseGroupsOf(groups_, replications_,
                                 [&](size_t r, size_t g, size_t i) { return GroupKpiOf(r, g, i); });
}

Summary SummaryBuilder::Finish() const {
  std::vector<std::string> type_names;
  for (const auto& ct : model_->scenario().contact_types) type_names.push_back(ct.name);
  Summary s = SummariseKpisOf(model_->scenario().name, seed_, type_names, replications_,
                              [&](size_t r, size_t c, int k) { return KpiOf(r, c, k); });
  s.start = model_->scenario().start;
  SummariseAgents(s);
  SummariseGroups(s);
  if (const auto& costs = model_->scenario().costs) s.currency = costs->currency;
  return s;
}

std::vector<IntervalSummary> SummaryBuilder::Intervals() const {
  const double length = model_->scenario().interval;
  std::vector<IntervalSummary> out(model_->interval_count());
  std::vector<double> column(interval_kpis_.size());
  for (int i = 0; i < model_->interval_count(); ++i) {
    out[i].start = i * length;
    out[i].end = std::min((i + 1) * length, model_->scenario().horizon);
    for (int k = 0; k < kKpiCount; ++k) {
      for (size_t r = 0; r < interval_kpis_.size(); ++r) column[r] = interval_kpis_[r][i][k];
      out[i].kpis.values[k] = engine::EstimateMean(column);
    }
  }
  return out;
}

Summary SummariseKpis(const std::string& scenario, uint64_t seed,
                      const std::vector<std::string>& type_names,
                      const std::vector<std::vector<KpiValues>>& per_rep,
                      const std::vector<std::string>& group_names,
                      const std::vector<std::vector<KpiValues>>& per_rep_groups) {
  Summary s = SummariseKpisOf(scenario, seed, type_names, per_rep.size(),
                              [&](size_t r, size_t c, int k) { return per_rep[r][c][k]; });
  if (group_names.empty()) return s;
  s.group_names = group_names;
  s.by_group =
      SummariseGroupsOf(group_names.size(), per_rep.size(), [&](size_t r, size_t g, size_t i) {
        if (r >= per_rep_groups.size()) return kNaN;
        return per_rep_groups[r][g][static_cast<int>(kGroupKpis[i])];
      });
  return s;
}

Summary Summarise(const Model& model, uint64_t seed, std::span<const ReplicationResult> results) {
  SummaryBuilder b(model, seed);
  for (const ReplicationResult& r : results) b.Add(r);
  return b.Finish();
}

std::vector<IntervalSummary> SummariseIntervals(const Model& model,
                                                std::span<const ReplicationResult> results) {
  SummaryBuilder b(model, /*seed=*/0, /*intervals=*/true);
  for (const ReplicationResult& r : results) b.Add(r);
  return b.Intervals();
}

}  // namespace ccsim::model
