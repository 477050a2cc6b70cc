// Statistical and bookkeeping validation of journeys (SPEC §2 outcomes, transfers,
// escalation, repeats, preferred agent; §4 journey KPIs).
//
// Statistical checks compare the mean over replications with the value worked out by
// hand, with the tolerance of tests/statistical_test.cc: |mean − exact| ≤ 1.5 × ci95 plus
// a bias allowance that the comment beside each check derives, and ci95 must be small
// enough for the comparison to mean something. Bookkeeping identities are exact.
// Seeds are fixed, so every outcome is repeatable.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/replication_runner.h"
#include "sim/engine/statistics.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/summary.h"
#include "sim/records/trace_sink.h"
#include "tests/replications_for_test.h"

namespace ccsim {
namespace {

using records::ContactOutcome;
using records::ContactRecord;
using model::Counters;
using records::EventKind;
using model::Kpi;
using model::ReplicationResult;
using scenario::Distribution;

constexpr double kHour = 3600;

// ---- building scenarios ----

scenario::ContactType Type(const std::string& name, double rate_per_second, double mean_handle) {
  scenario::ContactType ct;
  ct.name = name;
  ct.arrivals = scenario::Arrivals::Rate(rate_per_second);
  ct.handle_time = Distribution::Exponential(mean_handle);
  return ct;
}

scenario::Outcome Unresolved(double p) {
  scenario::Outcome o;
  o.kind = scenario::Outcome::Kind::kUnresolved;
  o.probability = p;
  return o;
}

scenario::Outcome Transfer(int to, double p, double disconnect = 0) {
  scenario::Outcome o;
  o.kind = scenario::Outcome::Kind::kTransfer;
  o.probability = p;
  o.transfer_to = to;
  o.disconnect = disconnect;
  return o;
}

scenario::AgentGroup Group(const std::string& name, int agents, std::vector<scenario::Skill> skills) {
  scenario::AgentGroup g;
  g.name = name;
  g.agents = agents;
  g.skills = std::move(skills);
  return g;
}

scenario::Scenario Centre(const std::string& name, double horizon, double warmup, int replications) {
  scenario::Scenario s;
  s.name = name;
  s.horizon = horizon;
  s.warmup = warmup;
  s.interval = kHour;
  s.replications = replications;
  return s;
}

// ---- running ----

// Keeps every contact record, by replication; counts outcomes and logged events.
class CollectingSink : public records::TraceSink {
 public:
  void OnContacts(int replication, std::span<const ContactRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto& rows = rows_[replication];
    auto& counts = outcomes_[replication];
    for (const ContactRecord& r : chunk) {
      rows.push_back(r);
      counts[static_cast<int>(r.outcome)]++;
    }
  }
  void OnEvents(int replication, std::span<const records::EventRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto& counts = events_[replication];
    for (const records::EventRecord& e : chunk) counts[static_cast<int>(e.kind)]++;
  }
  const std::vector<ContactRecord>& rows(int rep) { return rows_[rep]; }
  int64_t outcomes(int rep, ContactOutcome o) { return outcomes_[rep][static_cast<int>(o)]; }
  int64_t events(int rep, EventKind k) { return events_[rep][static_cast<int>(k)]; }

 private:
  std::mutex mu_;
  std::map<int, std::vector<ContactRecord>> rows_;
  std::map<int, std::array<int64_t, records::kContactOutcomeCount>> outcomes_;
  std::map<int, std::array<int64_t, records::kEventKindCount>> events_;
};

using test_support::RunAll;

model::Summary Summarise(const scenario::Scenario& s, uint64_t seed,
                         const std::vector<ReplicationResult>& results) {
  return model::Summarise(model::Model(s), seed, results);
}

// Contacts of `type` that arrived in reporting intervals [first, last), from the
// per-interval counters (every contact, warmup or not). The last interval also collects
// everything that arrives after the horizon (transfers and escalations out of handlings
// still running then), so a window that stops before it is a clean time window.
Counters IntervalCounters(const ReplicationResult& r, size_t types, int type, int first, int last) {
  Counters c;
  for (int i = first; i < last; ++i) c.Add(r.intervals[static_cast<size_t>(i) * types + type]);
  return c;
}

// Every contact of the run of `type` (all intervals).
Counters AllContacts(const ReplicationResult& r, size_t types, int type) {
  return IntervalCounters(r, types, type, 0, static_cast<int>(r.intervals.size() / types));
}

// |estimate − exact| within 1.5 half-widths plus `bias`; the half-width must be below
// `informative` (default: 5% of the value, at least 0.01).
void ExpectAgrees(const engine::Estimate& e, double exact, double bias, const std::string& what,
                  std::optional<double> informative = std::nullopt) {
  EXPECT_NEAR(e.mean, exact, 1.5 * e.ci95 + bias)
      << what << ": simulated " << e.mean << " ± " << e.ci95 << ", expected " << exact;
  std::string key = what;
  std::replace(key.begin(), key.end(), ' ', '_');
  ::testing::Test::RecordProperty(key, std::to_string(e.mean) + " ± " + std::to_string(e.ci95) +
                                           " (expected " + std::to_string(exact) + ")");
  const double limit = informative.value_or(0.05 * std::max(std::abs(exact), 0.2));
  EXPECT_LT(e.ci95, limit) << what << ": too few replications (ci95 " << e.ci95 << ")";
}

engine::Estimate Mean(const std::vector<double>& v) { return engine::EstimateMean(v); }

// ---- 1. resolution probability with unlimited repeats ----

class ResolutionTest : public ::testing::TestWithParam<int> {};

// Each handling resolves with probability p, otherwise the customer always comes back
// (repeat probability 1): contacts per journey K ~ Geometric(p), E[K] = 1/p,
// Var[K] = (1 − p)/p², and fcr = P(K = 1) = p.
TEST_P(ResolutionTest, ContactsPerJourneyIsOneOverP) {
  const double p = GetParam() / 100.0;
  const double handle = 120, repeat_delay = 300;
  scenario::Scenario s = Centre("resolution", 401 * kHour, kHour, 40);
  scenario::ContactType ct = Type("call", 1.0 / 60, handle);
  ct.outcomes = {Unresolved(1 - p)};
  ct.repeat = scenario::Repeat{1.0, Distribution::Exponential(repeat_delay)};
  s.contact_types.push_back(ct);
  // At most 1/p erlangs × 2 min = 4 erlangs of load on 30 agents: nobody waits long, and
  // without patience nobody abandons.
  s.agent_groups.push_back(Group("desk", 30, {{.contact_type = 0}}));
  s.max_journey_contacts = 1000;  // P(K > 1000) = (1 − p)^1000: never
  const auto results = RunAll(s, 101);
  const model::Summary sum = Summarise(s, 101, results);

  // Edge bias: a journey whose next repeat falls after the horizon ends "open" and is
  // left out of the KPIs. A journey of duration D that started in a window of length W is
  // left out with probability ≈ D/W, and long journeys have many contacts, so the ended
  // ones are short by E[K] − E[K | kept] ≈ Cov(K, D)/W. With D ≈ K·handle + (K − 1)·delay
  // (waits are negligible), Cov(K, D) = (handle + delay)·Var[K]: 14 min against a
  // 400 h window for p = 0.5, i.e. 0.0006 contacts — a tenth of the tolerance. Likewise
  // fcr is high by ≈ (handle + delay)(1 − p)/W. Both are allowed for, twice over.
  const double window = s.horizon - s.warmup;
  const double var_k = (1 - p) / (p * p);
  const double k_bias = 2 * (handle + repeat_delay) * var_k / window;
  const double fcr_bias = 2 * (handle + repeat_delay) * (1 - p) / window;
  ExpectAgrees(sum.overall[Kpi::kContactsPerJourney], 1 / p, k_bias, "contacts per journey");
  ExpectAgrees(sum.overall[Kpi::kFcr], p, fcr_bias, "fcr");
  EXPECT_EQ(sum.overall[Kpi::kUnresolvedShare].mean, 0);
  int64_t open = 0;
  for (const ReplicationResult& r : results) {
    const model::JourneyCounters& j = r.journeys;
    EXPECT_EQ(j.given_up, 0);
    EXPECT_EQ(r.Overall().abandoned, 0);
    // The open journeys that make the bias are few: about E[D]/W ≈ 0.1% at most.
    EXPECT_LT(j.open_at_end, 0.003 * j.started);
    open += j.open_at_end;
  }
  EXPECT_GT(open, 0);
}

INSTANTIATE_TEST_SUITE_P(P, ResolutionTest, ::testing::Values(50, 80));

// ---- 2. traffic equations ----

// Three contact types with external Poisson arrivals γ and routing probabilities P
// (outcomes with transfer_to, no disconnect). Every offered contact is answered (plenty
// of agents, no patience), so the offered rates solve λ = γ + Pᵀλ; transfers into j come
// at Σ_i λ_i p_ij and out of i at λ_i Σ_j p_ij. The A → B transfer loses the context
// with a 60 s re-explanation, so B's AHT is 240 + 60 · λ_A p_AB / λ_B.
TEST(TrafficEquationsTest, OfferedRatesSolveTheTrafficEquations) {
  constexpr int n = 3;
  const std::array<double, n> gamma = {0.04, 0.02, 0.01};
  const std::array<double, n> mean_handle = {180, 240, 300};
  const double p[n][n] = {{0, 0.25, 0.10}, {0.15, 0, 0.20}, {0.05, 0.10, 0}};
  const double re_explain = 60;
  scenario::Scenario s = Centre("traffic", 161 * kHour, kHour, 40);
  s.max_journey_contacts = 1000;  // no journey is cut short
  const char* names[n] = {"A", "B", "C"};
  for (int i = 0; i < n; ++i) {
    scenario::ContactType ct = Type(names[i], gamma[i], mean_handle[i]);
    for (int j = 0; j < n; ++j) {
      if (p[i][j] > 0) ct.outcomes.push_back(Transfer(j, p[i][j]));
    }
    s.contact_types.push_back(ct);
  }
  s.contact_types[0].outcomes[0].context_lost = true;  // A → B
  s.contact_types[0].outcomes[0].re_explain = Distribution::Constant(re_explain);
  // About 25 erlangs on 60 agents.
  s.agent_groups.push_back(
      Group("all", 60, {{.contact_type = 0}, {.contact_type = 1}, {.contact_type = 2}}));

  // λ = γ + Pᵀλ by fixed-point iteration (P's spectral radius is well below 1).
  std::array<double, n> lambda = gamma;
  for (int it = 0; it < 500; ++it) {
    std::array<double, n> next = gamma;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) next[j] += lambda[i] * p[i][j];
    lambda = next;
  }

  const auto results = RunAll(s, 202);
  // Window [warmup, horizon − 1 interval): see IntervalCounters. The warmup (20 handle
  // times) lets the transfer flows build up from an empty centre.
  const int first = 1, last = static_cast<int>(s.horizon / s.interval) - 1;
  const double window = (last - first) * s.interval;
  for (int t = 0; t < n; ++t) {
    std::vector<double> offered, in, out, aht;
    for (const ReplicationResult& r : results) {
      const Counters c = IntervalCounters(r, n, t, first, last);
      offered.push_back(c.offered / window);
      in.push_back(c.transfers_in / window);
      out.push_back(c.transfers_out / window);
      aht.push_back(c.handle / c.answered);
      EXPECT_EQ(c.answered, c.offered);
      EXPECT_EQ(c.abandoned, 0);
    }
    double exact_in = 0, exact_out = 0;
    for (int i = 0; i < n; ++i) exact_in += lambda[i] * p[i][t];
    for (int j = 0; j < n; ++j) exact_out += lambda[t] * p[t][j];
    const std::string type = names[t];
    // Rates per second are small numbers: the half-width must be within 3% of the value.
    ExpectAgrees(Mean(offered), lambda[t], 0, type + " offered rate", 0.03 * lambda[t]);
    ExpectAgrees(Mean(in), exact_in, 0, type + " transfers in", 0.05 * exact_in);
    ExpectAgrees(Mean(out), exact_out, 0, type + " transfers out", 0.05 * exact_out);
    const double exact_aht =
        mean_handle[t] + (t == 1 ? re_explain * lambda[0] * p[0][1] / lambda[1] : 0);
    ExpectAgrees(Mean(aht), exact_aht, 0, type + " AHT", 0.01 * exact_aht);
  }
}

// ---- 3. Little's law for journeys ----

// A centre with queueing, abandonment and retrials, transfers, repeats and blocking.
scenario::Scenario BusyCentre(double horizon, double warmup, int replications) {
  scenario::Scenario s = Centre("busy", horizon, warmup, replications);
  scenario::ContactType a = Type("A", 0.03, 240);
  a.wrap_up = Distribution::Constant(15);
  a.patience = Distribution::Exponential(180);
  a.retrial = scenario::Retrial{0.5, Distribution::Exponential(300)};
  a.outcomes = {Transfer(1, 0.15), Unresolved(0.10)};
  a.repeat = scenario::Repeat{0.6, Distribution::Exponential(1200)};
  scenario::ContactType b = Type("B", 0.01, 300);
  b.patience = Distribution::Exponential(300);
  b.retrial = scenario::Retrial{0.5, Distribution::Exponential(600)};
  b.queue_capacity = 10;
  b.outcomes = {Transfer(0, 0.05), Unresolved(0.10)};
  b.repeat = scenario::Repeat{0.5, Distribution::Exponential(1800)};
  s.contact_types = {a, b};
  s.agent_groups.push_back(Group("front", 9, {{.contact_type = 0}}));
  s.agent_groups.push_back(Group("back", 6, {{.contact_type = 1}}));
  return s;
}

// L = λW for journeys: the time-average number of journeys in the centre over the window
// equals the journey start rate times the mean journey duration (a customer away between
// contacts is in the centre; a journey that ends "open" ends when its return is found to
// fall after the horizon).
//
// journey_area_window is the sum over every journey of its time inside [warmup, horizon];
// λW·window is the sum of the whole durations of the journeys that started in the
// window. They differ by exactly two edge terms: (+) the time inside the window of
// journeys that started before warmup, (−) the time after the horizon of journeys that
// started in the window. In a stationary centre the two have the same expectation, but
// the horizon truncates the second one: customers due back after the horizon end "open"
// when they leave, and no one arrives after the horizon, so queues drain faster. So L is
// slightly larger than λW, by at most (journeys in the centre) × (mean remaining journey
// time, under 30 min here) / window: 0.25% of L for a 200 h window (measured: 0.08%).
// The difference is nearly free of noise (only the edges contribute), so it is this
// allowance that sets the test's power: an error of a third of a percent in the journey
// area or durations fails it.
TEST(JourneyLittlesLawTest, JourneysInCentreEqualStartRateTimesDuration) {
  const scenario::Scenario s = BusyCentre(201 * kHour, kHour, 20);
  const auto results = RunAll(s, 303);
  const double window = s.horizon - s.warmup;
  std::vector<double> diff, lq, rel;
  for (const ReplicationResult& r : results) {
    const model::JourneyCounters& j = r.journeys;
    const int64_t ended = j.resolved + j.given_up + j.open_at_end;
    ASSERT_EQ(ended, j.started);  // every journey that started ends (flow conservation)
    const double L = r.journey_area_window / window;
    const double lambda = static_cast<double>(j.started) / window;
    const double W = j.durations / static_cast<double>(ended);
    diff.push_back(L - lambda * W);
    lq.push_back(L);
    rel.push_back((L - lambda * W) / L);
    // The centre is the one described: queueing, abandonment, retrials, transfers, repeats.
    const Counters c = r.Overall();
    EXPECT_GT(c.abandoned, 0.02 * c.offered);
    EXPECT_GT(r.retrials, 0);
    EXPECT_GT(c.transfers_in, 0);
    EXPECT_GT(j.open_at_end, 0);
    EXPECT_GT(c.wait_answered / c.answered, 10.0);
  }
  const engine::Estimate d = Mean(diff), l = Mean(lq);
  ASSERT_GT(l.mean, 5);  // journeys that matter
  EXPECT_NEAR(d.mean, 0.0, 1.5 * d.ci95 + l.mean * 1800 / window)
      << "L = " << l.mean << " ± " << l.ci95 << ", L − λW = " << d.mean << " ± " << d.ci95
      << " (relative " << Mean(rel).mean << ")";
  RecordProperty("L", std::to_string(l.mean) + " ± " + std::to_string(l.ci95));
  RecordProperty("L_minus_lambda_W", std::to_string(d.mean) + " ± " + std::to_string(d.ci95));
  RecordProperty("relative", std::to_string(Mean(rel).mean) + " ± " + std::to_string(Mean(rel).ci95));
}

// ---- 4. flow conservation ----

// Everything at once: abandonment and retrials, blocking, transfers with lost context and
// disconnects, repeats, escalation, preferred agent.
scenario::Scenario EverythingCentre(int max_contacts) {
  scenario::Scenario s = BusyCentre(12 * kHour, 0, 6);
  s.max_journey_contacts = max_contacts;
  s.contact_types[0].outcomes = {Transfer(1, 0.15, 0.2), Unresolved(0.10)};
  s.contact_types[0].outcomes[0].context_lost = true;
  s.contact_types[0].outcomes[0].re_explain = Distribution::Constant(30);
  s.contact_types[0].escalation = scenario::Escalation{2, 600};
  s.contact_types[0].queue_capacity = 3;
  s.contact_types[1].outcomes = {Transfer(0, 0.10, 0.1), Unresolved(0.05)};
  scenario::ContactType c = Type("C", 0.002, 400);
  c.outcomes = {Unresolved(0.2), Transfer(0, 0.1)};
  c.repeat = scenario::Repeat{0.3, Distribution::Exponential(3600)};
  s.contact_types.push_back(c);
  s.agent_groups.push_back(Group("tier2", 3, {{.contact_type = 2}}));
  s.routing.preferred_agent_wait = 120;
  return s;
}

// Over a whole run (warmup 0, so every journey and contact counts) each contact is
// offered or blocked; each offered one is answered or abandoned (agents stay until the
// centre is empty); each contact that does not resolve its journey leads to exactly one
// of: the journey's next contact (transfer, escalation, retrial, repeat), giving up, or
// "open" (due back after the horizon). Transfers out count transferred and disconnected
// handlings; transfers in count the transfers that arrived: the difference is the
// disconnects plus the transfers refused for max_journey_contacts.
void CheckFlowIdentities(int max_contacts, bool expect_cap_hit) {
  const scenario::Scenario s = EverythingCentre(max_contacts);
  const size_t types = s.contact_types.size();
  CollectingSink sink;
  const auto results = RunAll(s, 404, &sink, records::TraceLevel::kEvents);
  int64_t cap_refusals = 0;
  for (const ReplicationResult& r : results) {
    SCOPED_TRACE("replication " + std::to_string(r.replication));
    const int rep = r.replication;
    const model::JourneyCounters& j = r.journeys;
    Counters all;
    for (size_t t = 0; t < types; ++t) all.Add(AllContacts(r, types, static_cast<int>(t)));
    // No warmup: the per-type and per-interval views agree.
    EXPECT_EQ(r.Overall().offered, all.offered);
    EXPECT_EQ(r.Overall().transfers_in, all.transfers_in);

    // Journeys: resolved, given up or open.
    EXPECT_EQ(j.started, j.resolved + j.given_up + j.open_at_end);
    EXPECT_EQ(j.started, sink.events(rep, EventKind::kArrival));
    EXPECT_EQ(j.given_up, sink.events(rep, EventKind::kGiveUp));
    // Contacts.
    EXPECT_EQ(r.waiting_at_end, 0);
    EXPECT_EQ(all.offered, all.answered + all.abandoned + all.unserved);
    EXPECT_EQ(all.unserved, r.waiting_at_end);
    EXPECT_EQ(all.offered + all.blocked, r.arrivals_total);
    const int64_t repeats = sink.events(rep, EventKind::kRepeat);
    const int64_t retrials = sink.events(rep, EventKind::kRetrial);
    EXPECT_EQ(r.retrials, retrials);
    EXPECT_EQ(r.arrivals_total,
              j.started + all.transfers_in + all.escalations_in + retrials + repeats);
    // Contact endings against journey steps.
    const auto rec = [&](ContactOutcome o) { return sink.outcomes(rep, o); };
    EXPECT_EQ(rec(ContactOutcome::kResolved), j.resolved);
    EXPECT_EQ(rec(ContactOutcome::kAbandoned), all.abandoned);
    EXPECT_EQ(rec(ContactOutcome::kBlocked), all.blocked);
    EXPECT_EQ(rec(ContactOutcome::kTransferred) + rec(ContactOutcome::kDisconnected),
              all.transfers_out);
    EXPECT_EQ(rec(ContactOutcome::kEscalated), all.escalations_out);
    const int64_t not_resolving = r.arrivals_total - rec(ContactOutcome::kResolved);
    EXPECT_EQ(not_resolving, all.transfers_in + all.escalations_in + retrials + repeats +
                                 j.given_up + j.open_at_end);
    // Transfers and escalations refused because the journey has had max_contacts.
    const int64_t transfer_refusals =
        all.transfers_out - rec(ContactOutcome::kDisconnected) - all.transfers_in;
    const int64_t escalation_refusals = all.escalations_out - all.escalations_in;
    EXPECT_GE(transfer_refusals, 0);
    EXPECT_GE(escalation_refusals, 0);
    EXPECT_LE(transfer_refusals + escalation_refusals, j.given_up);
    cap_refusals += transfer_refusals + escalation_refusals;
    if (!expect_cap_hit) {
      EXPECT_EQ(transfer_refusals, 0);
      EXPECT_EQ(escalation_refusals, 0);
    }
    // Open journeys' transfers are not counted in the journey KPIs.
    EXPECT_LE(j.transfers, all.transfers_in);
    // Every mechanism took part.
    EXPECT_GT(all.abandoned, 0);
    EXPECT_GT(all.blocked, 0);
    EXPECT_GT(rec(ContactOutcome::kDisconnected), 0);
    EXPECT_GT(all.escalations_in, 0);
    EXPECT_GT(repeats, 0);
    EXPECT_GT(j.open_at_end, 0);
    // No journey has more contacts than allowed.
    for (const ContactRecord& c : sink.rows(rep)) {
      ASSERT_LE(c.attempt, max_contacts) << "customer " << c.customer_id;
    }
  }
  if (expect_cap_hit) {
    EXPECT_GT(cap_refusals, 0);
  }
}

TEST(FlowConservationTest, EveryContactAndJourneyIsAccountedFor) { CheckFlowIdentities(1000, false); }

TEST(FlowConservationTest, IdentitiesHoldWhenJourneysHitMaxContacts) { CheckFlowIdentities(3, true); }

// results.h: `retrials` counts "retrial contacts that arrived". A customer who abandons
// twice with max_journey_contacts 2 is due back for a retrial that is refused (the journey
// has had its 2 contacts) and gives up: no contact arrives. One agent with a 10 min talk,
// patience 30 s, retrial probability 1 after 1 min: many customers abandon twice.
// Retrial contacts that arrived = arrivals − journeys started (no transfers or repeats).
TEST(FlowConservationTest, RetrialsCountsOnlyRetrialsThatArrive) {
  scenario::Scenario s = Centre("retrials", 2 * kHour, 0, 1);
  s.max_journey_contacts = 2;
  scenario::ContactType ct = Type("call", 0.01, 600);
  ct.patience = Distribution::Constant(30);
  ct.retrial = scenario::Retrial{1.0, Distribution::Constant(60)};
  s.contact_types.push_back(ct);
  s.agent_groups.push_back(Group("desk", 1, {{.contact_type = 0}}));
  const ReplicationResult r = RunAll(s, 1)[0];
  const Counters c = AllContacts(r, 1, 0);
  ASSERT_GT(c.abandoned, 10);
  EXPECT_EQ(r.arrivals_total, c.offered + c.blocked);
  EXPECT_EQ(r.retrials, r.arrivals_total - r.journeys.started)
      << "retrials counted: " << r.retrials
      << ", retrial contacts that arrived: " << r.arrivals_total - r.journeys.started;
}

// A always transfers to B and B to A; max_journey_contacts 5. Every journey is A, B, A,
// B, A and is given up when the fifth handling's transfer is refused: 5 contacts,
// 4 transfers, 5 transfers out and 4 in.
TEST(FlowConservationTest, PingPongJourneysEndAtMaxContacts) {
  scenario::Scenario s = Centre("ping-pong", 10 * kHour, 0, 4);
  s.max_journey_contacts = 5;
  scenario::ContactType a = Type("A", 0.01, 120);
  a.outcomes = {Transfer(1, 1.0)};
  scenario::ContactType b = Type("B", 0, 120);  // reached by transfer only
  b.outcomes = {Transfer(0, 1.0)};
  s.contact_types = {a, b};
  s.agent_groups.push_back(Group("desk", 10, {{.contact_type = 0}, {.contact_type = 1}}));
  const auto results = RunAll(s, 505);
  for (const ReplicationResult& r : results) {
    const model::JourneyCounters& j = r.journeys;
    ASSERT_GT(j.started, 100);
    EXPECT_EQ(j.given_up, j.started);
    EXPECT_EQ(j.resolved, 0);
    EXPECT_EQ(j.open_at_end, 0);
    EXPECT_EQ(j.contacts, 5 * j.started);
    EXPECT_EQ(j.transfers, 4 * j.started);
    const Counters ca = r.by_type[0], cb = r.by_type[1];
    EXPECT_EQ(ca.offered, 3 * j.started);
    EXPECT_EQ(cb.offered, 2 * j.started);
    const Counters all = r.Overall();
    EXPECT_EQ(all.transfers_out, 5 * j.started);
    EXPECT_EQ(all.transfers_in, 4 * j.started);
    EXPECT_EQ(all.transfers_out, all.transfers_in + j.given_up);
    const model::KpiValues k = model::ReplicationKpis(r)[0];
    EXPECT_EQ(k[static_cast<int>(Kpi::kContactsPerJourney)], 5);
    EXPECT_EQ(k[static_cast<int>(Kpi::kTransfersPerJourney)], 4);
    EXPECT_EQ(k[static_cast<int>(Kpi::kUnresolvedShare)], 1);
    EXPECT_EQ(k[static_cast<int>(Kpi::kFcr)], 0);
  }
}

// ---- 5. escalation ----

// Handle time exponential with mean m, escalation after a: a handling is escalated when
// its talk would exceed a, with probability exp(−a/m); its talk is then cut to a, so
// A's AHT is E[min(X, a)] = m(1 − exp(−a/m)). Escalated customers are resolved at tier 2:
// contacts per journey 1 + exp(−a/m), fcr 1 − exp(−a/m).
TEST(EscalationTest, ShareEscalatedIsExpMinusAOverM) {
  const double m = 300, a = 240, tier2_handle = 400;
  scenario::Scenario s = Centre("escalation", 161 * kHour, kHour, 40);
  scenario::ContactType t1 = Type("tier1", 0.02, m);
  t1.escalation = scenario::Escalation{1, a};
  scenario::ContactType t2 = Type("tier2", 0, tier2_handle);
  s.contact_types = {t1, t2};
  s.agent_groups.push_back(Group("first", 15, {{.contact_type = 0}}));
  s.agent_groups.push_back(Group("second", 15, {{.contact_type = 1}}));
  const auto results = RunAll(s, 606);
  const double q = std::exp(-a / m);
  std::vector<double> share, aht1, aht2;
  for (const ReplicationResult& r : results) {
    const Counters& c1 = r.by_type[0];
    const Counters& c2 = r.by_type[1];
    share.push_back(static_cast<double>(c1.escalations_out) / c1.answered);
    aht1.push_back(c1.handle / c1.answered);
    aht2.push_back(c2.handle / c2.answered);
    // Exactly: every escalation arrives at tier2, and only there (whole run).
    const Counters all1 = AllContacts(r, 2, 0), all2 = AllContacts(r, 2, 1);
    EXPECT_EQ(all2.escalations_in, all1.escalations_out);
    EXPECT_EQ(all1.escalations_in, 0);
    EXPECT_EQ(all2.escalations_out, 0);
    EXPECT_EQ(all2.offered, all2.escalations_in);  // tier2 has no arrivals of its own
  }
  ExpectAgrees(Mean(share), q, 0, "escalated share");
  ExpectAgrees(Mean(aht1), m * (1 - q), 0, "tier1 AHT");
  ExpectAgrees(Mean(aht2), tier2_handle, 0, "tier2 AHT");
  const model::Summary sum = Summarise(s, 606, results);
  ExpectAgrees(sum.overall[Kpi::kContactsPerJourney], 1 + q, 0, "contacts per journey");
  ExpectAgrees(sum.overall[Kpi::kFcr], 1 - q, 0, "fcr");
  EXPECT_EQ(sum.overall[Kpi::kUnresolvedShare].mean, 0);
}

// ---- 6. disconnect ----

// A transfers to B with probability 0.3, and the transfer drops the customer with
// probability d = 0.2. Without repeats a dropped customer gives up: the share of transfers
// out that never arrive is d, and the unresolved share of journeys is 0.3·d.
TEST(DisconnectTest, ShareOfTransfersDroppedIsTheDisconnectProbability) {
  const double p_transfer = 0.3, d = 0.2;
  scenario::Scenario s = Centre("disconnect", 161 * kHour, kHour, 40);
  scenario::ContactType a = Type("A", 0.02, 180);
  a.outcomes = {Transfer(1, p_transfer, d)};
  scenario::ContactType b = Type("B", 0, 240);
  s.contact_types = {a, b};
  s.agent_groups.push_back(Group("front", 15, {{.contact_type = 0}}));
  s.agent_groups.push_back(Group("back", 10, {{.contact_type = 1}}));
  const auto results = RunAll(s, 707);
  std::vector<double> dropped, transferred;
  for (const ReplicationResult& r : results) {
    // Whole run, so every transfer out has its transfer in (or was dropped).
    const Counters all_a = AllContacts(r, 2, 0), all_b = AllContacts(r, 2, 1);
    dropped.push_back(1.0 - static_cast<double>(all_b.transfers_in) / all_a.transfers_out);
    transferred.push_back(static_cast<double>(all_a.transfers_out) / all_a.answered);
    EXPECT_EQ(r.journeys.open_at_end, 0);  // nobody comes back
  }
  ExpectAgrees(Mean(dropped), d, 0, "dropped share of transfers");
  ExpectAgrees(Mean(transferred), p_transfer, 0, "transferred share of handlings");
  const model::Summary sum = Summarise(s, 707, results);
  ExpectAgrees(sum.overall[Kpi::kUnresolvedShare], p_transfer * d, 0, "unresolved share");
  ExpectAgrees(sum.overall[Kpi::kTransfersPerJourney], p_transfer * (1 - d), 0,
               "transfers per journey");
}

// A dropped customer follows the repeat of the type it was in (A): with repeat
// probability 1 it always comes back to A, so A is offered γ/(1 − 0.3·d) and nobody gives
// up.
TEST(DisconnectTest, DroppedCustomersFollowTheRepeatOfTheirType) {
  const double gamma = 0.02, p_transfer = 0.3, d = 0.2;
  scenario::Scenario s = Centre("disconnect-repeat", 161 * kHour, kHour, 40);
  s.max_journey_contacts = 1000;
  scenario::ContactType a = Type("A", gamma, 180);
  a.outcomes = {Transfer(1, p_transfer, d)};
  a.repeat = scenario::Repeat{1.0, Distribution::Exponential(600)};
  scenario::ContactType b = Type("B", 0, 240);  // no repeat: B would let them give up
  s.contact_types = {a, b};
  s.agent_groups.push_back(Group("front", 15, {{.contact_type = 0}}));
  s.agent_groups.push_back(Group("back", 10, {{.contact_type = 1}}));
  const auto results = RunAll(s, 708);
  const int first = 1, last = static_cast<int>(s.horizon / s.interval) - 1;
  const double window = (last - first) * s.interval;
  std::vector<double> rate_a;
  for (const ReplicationResult& r : results) {
    rate_a.push_back(IntervalCounters(r, 2, 0, first, last).offered / window);
    EXPECT_EQ(r.journeys.given_up, 0);
  }
  const double exact = gamma / (1 - p_transfer * d);
  ExpectAgrees(Mean(rate_a), exact, 0, "A offered rate", 0.03 * exact);
}

// ---- 7. preferred agent ----

// Customers come back (repeat probability 1) after an unresolved handling, to a centre of
// 10 agents at about 80% load. With routing.preferred_agent.wait = 1 h and no abandonment
// a returning customer waits for its last agent: almost every answered repeat contact is
// answered by the previous agent, at the cost of a longer wait. Without it, the longest
// idle of 10 agents answers: about one in ten by chance. Same seed: the same customers.
struct RepeatStats {
  int64_t repeats_answered = 0;
  int64_t same_agent = 0;
  double repeat_wait = 0;  // sum
};

RepeatStats PreferredAgentRun(std::optional<double> wait) {
  scenario::Scenario s = Centre("preferred", 20 * kHour, 0, 6);
  s.max_journey_contacts = 1000;
  scenario::ContactType ct = Type("call", 0.016, 300);
  ct.outcomes = {Unresolved(0.4)};
  ct.repeat = scenario::Repeat{1.0, Distribution::Exponential(1800)};
  s.contact_types.push_back(ct);
  s.agent_groups.push_back(Group("desk", 10, {{.contact_type = 0}}));
  s.routing.preferred_agent_wait = wait;
  CollectingSink sink;
  RunAll(s, 808, &sink);
  RepeatStats st;
  for (int rep = 0; rep < s.replications; ++rep) {
    // Agent of each (customer, attempt).
    std::map<std::pair<uint64_t, int>, int> agent_of;
    for (const ContactRecord& c : sink.rows(rep)) agent_of[{c.customer_id, c.attempt}] = c.agent_id;
    for (const ContactRecord& c : sink.rows(rep)) {
      if (c.attempt < 2) continue;
      EXPECT_GE(c.agent_id, 0);  // no patience: every contact is answered
      const auto prev = agent_of.find({c.customer_id, c.attempt - 1});
      EXPECT_NE(prev, agent_of.end());
      st.repeats_answered++;
      st.same_agent += prev != agent_of.end() && prev->second == c.agent_id;
      st.repeat_wait += c.wait;
    }
  }
  return st;
}

TEST(PreferredAgentTest, RepeatContactsGoBackToTheirAgent) {
  const RepeatStats with = PreferredAgentRun(3600), without = PreferredAgentRun(std::nullopt);
  ASSERT_GT(with.repeats_answered, 1000);
  ASSERT_GT(without.repeats_answered, 1000);
  const double share_with = static_cast<double>(with.same_agent) / with.repeats_answered;
  const double share_without = static_cast<double>(without.same_agent) / without.repeats_answered;
  const double wait_with = with.repeat_wait / with.repeats_answered;
  const double wait_without = without.repeat_wait / without.repeats_answered;
  EXPECT_GE(share_with, 0.9) << "same agent with preferred routing";
  EXPECT_LE(share_without, 0.3) << "same agent without preferred routing";
  EXPECT_GT(wait_with, 1.5 * wait_without)
      << "repeat contacts' mean wait: " << wait_with << " s with, " << wait_without << " s without";
  RecordProperty("same_agent_with", std::to_string(share_with));
  RecordProperty("same_agent_without", std::to_string(share_without));
  RecordProperty("repeat_wait_with", std::to_string(wait_with));
  RecordProperty("repeat_wait_without", std::to_string(wait_without));
}

// ---- 8. per-skill outcomes ----

// Two groups of 5 serve one type whose outcomes leave 5% unresolved; one group's skill
// overrides them with 40% unresolved. Handlings by each group end unresolved at its rate.
TEST(SkillOutcomesTest, OverrideAppliesToTheGroupsHandlingsOnly) {
  scenario::Scenario s = Centre("skill-outcomes", 80 * kHour, 0, 20);
  scenario::ContactType ct = Type("call", 0.025, 240);
  ct.outcomes = {Unresolved(0.05)};
  s.contact_types.push_back(ct);
  scenario::Skill sloppy{.contact_type = 0};
  sloppy.outcomes = std::vector<scenario::Outcome>{Unresolved(0.4)};
  s.agent_groups.push_back(Group("sloppy", 5, {sloppy}));
  s.agent_groups.push_back(Group("careful", 5, {{.contact_type = 0}}));
  CollectingSink sink;
  const auto results = RunAll(s, 909, &sink);
  std::vector<double> share[2];
  for (int rep = 0; rep < s.replications; ++rep) {
    int64_t handled[2] = {0, 0}, unresolved[2] = {0, 0};
    for (const ContactRecord& c : sink.rows(rep)) {
      if (c.agent_group < 0) continue;
      handled[c.agent_group]++;
      unresolved[c.agent_group] += c.outcome == ContactOutcome::kUnresolved;
    }
    for (int g = 0; g < 2; ++g) {
      ASSERT_GT(handled[g], 500) << "group " << g;
      share[g].push_back(static_cast<double>(unresolved[g]) / handled[g]);
    }
  }
  ExpectAgrees(Mean(share[0]), 0.4, 0, "unresolved share of the overriding group");
  ExpectAgrees(Mean(share[1]), 0.05, 0, "unresolved share of the other group");
}

}  // namespace
}  // namespace ccsim
