// Statistical and bookkeeping validation of named agents (agent_groups.G.people) and warm
// transfers.
//
// Statistical checks compare the mean over replications with the value worked out by hand,
// with the tolerance of tests/statistical_test.cc: |mean − exact| ≤ 1.5 × ci95 (the
// estimators here are unbiased: a share or a mean of independent handlings, given their
// number), and ci95 must be small enough for the comparison to mean something.
// Bookkeeping identities are exact. Seeds are fixed, so every outcome is repeatable.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "sim/engine/replication_runner.h"
#include "sim/engine/statistics.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/summary.h"
#include "sim/records/trace_sink.h"

namespace ccsim {
namespace {

using model::Counters;
using model::Kpi;
using model::ReplicationResult;
using records::AgentSpellRecord;
using records::AgentState;
using records::ContactOutcome;
using records::ContactRecord;
using scenario::Distribution;

constexpr double kHour = 3600;

// Keeps every contact row and the busy and wrap-up time of the agent spells, by replication.
class CollectingSink : public records::TraceSink {
 public:
  void OnContacts(int replication, std::span<const ContactRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto& rows = rows_[replication];
    rows.insert(rows.end(), chunk.begin(), chunk.end());
  }
  void OnAgentSpells(int replication, std::span<const AgentSpellRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const AgentSpellRecord& s : chunk) {
      if (s.state == AgentState::kBusy || s.state == AgentState::kWrapUp) {
        working_[replication] += s.end - s.start;
      }
    }
  }
  void OnEvents(int, std::span<const records::EventRecord>) override {}
  const std::vector<ContactRecord>& rows(int rep) { return rows_[rep]; }
  double working(int rep) { return working_[rep]; }

 private:
  std::mutex mu_;
  std::map<int, std::vector<ContactRecord>> rows_;
  std::map<int, double> working_;
};

std::vector<ReplicationResult> RunAll(const scenario::Scenario& s, records::TraceSink* sink,
                                      records::TraceLevel level = records::TraceLevel::kContacts) {
  const model::Model m(s);
  return engine::RunReplications<ReplicationResult>(s.replications, 0, [&](int rep) {
    return model::Simulate(m, rep, {.seed = s.seed, .trace = sink, .trace_level = level});
  });
}

// |estimate − exact| within 1.5 half-widths; the half-width must be below `informative`.
void ExpectAgrees(const std::vector<double>& per_replication, double exact,
                  const std::string& what, double informative) {
  const engine::Estimate e = engine::EstimateMean(per_replication);
  EXPECT_NEAR(e.mean, exact, 1.5 * e.ci95)
      << what << ": simulated " << e.mean << " ± " << e.ci95 << ", expected " << exact;
  ::testing::Test::RecordProperty(what, std::to_string(e.mean) + " ± " + std::to_string(e.ci95) +
                                            " (expected " + std::to_string(exact) + ")");
  EXPECT_LT(e.ci95, informative) << what << ": too few replications (ci95 " << e.ci95 << ")";
}

scenario::ContactType Type(const std::string& name, double rate_per_second,
                           Distribution handle) {
  scenario::ContactType ct;
  ct.name = name;
  ct.arrivals = scenario::Arrivals::Rate(rate_per_second);
  ct.handle_time = std::move(handle);
  return ct;
}

scenario::Outcome Transfer(int to, double p) {
  scenario::Outcome o;
  o.kind = scenario::Outcome::Kind::kTransfer;
  o.probability = p;
  o.transfer_to = to;
  return o;
}

scenario::Outcome Unresolved(double p) {
  scenario::Outcome o;
  o.probability = p;
  return o;
}

scenario::AgentGroup Group(const std::string& name, int agents, int type) {
  scenario::AgentGroup g;
  g.name = name;
  g.agents = agents;
  g.skills = {{.contact_type = type}};
  return g;
}

scenario::Scenario Centre(const std::string& name, double horizon, int replications) {
  scenario::Scenario s;
  s.name = name;
  s.horizon = horizon;
  s.warmup = kHour;
  s.interval = kHour;
  s.replications = replications;
  s.seed = 12;
  return s;
}

// ---- resolution_factor ----

class ResolutionFactorTest : public ::testing::TestWithParam<double> {};

// Outcomes {transfer: 0.2, unresolved: 0.3} (P = 0.5). The desk's first four agents are
// named with resolution_factor r, the other four are not. A named agent's handling is a
// transfer with probability 0.2 / max(r, P), unresolved with 0.3 / max(r, P); the others'
// keep 0.2 and 0.3. Each handling draws its outcome independently of everything else, so
// the share of a replication's handlings is unbiased for the probability.
TEST_P(ResolutionFactorTest, NamedAgentsFailWithTheChancesDividedByTheFactor) {
  const double r = GetParam();
  scenario::Scenario s = Centre("resolution", 41 * kHour, 20);
  scenario::ContactType front = Type("front", 1.0 / 60, Distribution::Exponential(240));
  front.outcomes = {Transfer(1, 0.2), Unresolved(0.3)};
  s.contact_types.push_back(front);
  s.contact_types.push_back(Type("back", 0, Distribution::Constant(60)));
  // 4 erlangs of front calls on 8 agents, the transfers on a back office of 5.
  s.agent_groups.push_back(Group("desk", 8, 0));
  s.agent_groups.push_back(Group("back_office", 5, 1));
  for (const char* name : {"Ana", "Bo", "Cy", "Di"}) {
    s.agent_groups[0].people.push_back({.name = name, .resolution_factor = r});
  }
  CollectingSink sink;
  const auto results = RunAll(s, &sink);
  const double d = std::max(r, 0.5);
  // Per replication and side (named, not): shares of transfers and unresolved.
  std::vector<double> transfer[2], unresolved[2];
  for (const ReplicationResult& res : results) {
    double n[2] = {0, 0}, t[2] = {0, 0}, u[2] = {0, 0};
    for (const ContactRecord& row : sink.rows(res.replication)) {
      if (row.contact_type != 0 || row.agent_id < 0 || row.arrival < s.warmup) continue;
      const int named = row.agent_id < 4 ? 0 : 1;
      n[named] += 1;
      t[named] += row.outcome == ContactOutcome::kTransferred;
      u[named] += row.outcome == ContactOutcome::kUnresolved;
    }
    for (int side = 0; side < 2; ++side) {
      ASSERT_GT(n[side], 500);
      transfer[side].push_back(t[side] / n[side]);
      unresolved[side].push_back(u[side] / n[side]);
    }
  }
  ExpectAgrees(transfer[0], 0.2 / d, "named transfer share", 0.01);
  ExpectAgrees(unresolved[0], 0.3 / d, "named unresolved share", 0.01);
  ExpectAgrees(transfer[1], 0.2, "unnamed transfer share", 0.01);
  ExpectAgrees(unresolved[1], 0.3, "unnamed unresolved share", 0.01);
  if (r < 0.5) {
    // A factor below P leaves nothing resolved: exactly.
    for (const ReplicationResult& res : results) {
      for (int a = 0; a < 4; ++a) EXPECT_EQ(res.agents[a].resolved, 0);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Factors, ResolutionFactorTest, ::testing::Values(2.0, 0.25));

// ---- warm transfers ----

// front: Poisson 60/h, talk exponential 240 s, wrap-up 30 s; a quarter end in a warm
// transfer to back with an exponential consult of mean 60 s. back (transfers only): talk
// exponential 300 s, no wrap-up, on 30 agents: 1.5 erlangs offered to 30 agents, so a
// transfer never waits (P(all 30 busy) < 1e-20) and the first agent holds nothing but the
// consult. Then front's AHT is E[talk] + wrap-up + 1/4 · E[consult] = 240 + 30 + 15 = 285 s,
// and back's is E[consult] + E[talk] = 360 s: every back handling begins with a consult.
TEST(WarmTransferStatisticsTest, AhtCountsTheConsultOnBothSides) {
  scenario::Scenario s = Centre("warm", 41 * kHour, 20);
  scenario::ContactType front = Type("front", 1.0 / 60, Distribution::Exponential(240));
  front.wrap_up = Distribution::Constant(30);
  scenario::Outcome warm = Transfer(1, 0.25);
  warm.warm = true;
  warm.consult = Distribution::Exponential(60);
  front.outcomes = {warm};
  s.contact_types.push_back(front);
  s.contact_types.push_back(Type("back", 0, Distribution::Exponential(300)));
  s.agent_groups.push_back(Group("front_desk", 8, 0));
  s.agent_groups.push_back(Group("back_office", 30, 1));
  const model::Model m(s);
  const auto results = RunAll(s, nullptr);
  std::vector<double> front_aht, back_aht;
  for (const ReplicationResult& r : results) {
    const std::vector<model::KpiValues> k = model::ReplicationKpis(r);
    front_aht.push_back(k[1][static_cast<int>(Kpi::kAht)]);
    back_aht.push_back(k[2][static_cast<int>(Kpi::kAht)]);
    EXPECT_EQ(r.by_type[1].wait_answered, 0);  // nobody waited for the back office
    EXPECT_GT(r.by_type[1].answered, 400);
  }
  ExpectAgrees(front_aht, 240 + 30 + 0.25 * 60, "front aht", 0.02 * 285);
  ExpectAgrees(back_aht, 60 + 300, "back aht", 0.02 * 360);
}

// front as above (consult a constant 45 s) into a busy back office: 4 agents, fresh back
// calls of their own, callers who give up after 2 minutes on average and half of whom try
// again. Whatever happens, the books balance: every contact is counted once, every
// journey ends once, the time agents spent busy or in wrap-up is the handle time of the
// contacts, and each warm transfer's first agent left the customer exactly when its
// second agent's consult ended, or when the customer left the back queue unanswered.
TEST(WarmTransferStatisticsTest, TheBooksBalanceWhenTheTargetIsBusy) {
  scenario::Scenario s = Centre("warm-busy", 25 * kHour, 10);
  scenario::ContactType front = Type("front", 1.0 / 60, Distribution::Exponential(240));
  front.wrap_up = Distribution::Constant(30);
  scenario::Outcome warm = Transfer(1, 0.3);
  warm.warm = true;
  warm.consult = Distribution::Constant(45);
  front.outcomes = {warm, Unresolved(0.1)};
  front.repeat = scenario::Repeat{.probability = 0.5, .delay = Distribution::Exponential(1800)};
  s.contact_types.push_back(front);
  scenario::ContactType back = Type("back", 1.0 / 600, Distribution::Exponential(300));
  back.patience = Distribution::Exponential(120);
  back.retrial = scenario::Retrial{.probability = 0.5, .delay = Distribution::Exponential(300)};
  s.contact_types.push_back(back);
  s.agent_groups.push_back(Group("front_desk", 6, 0));
  s.agent_groups.push_back(Group("back_office", 4, 1));
  CollectingSink sink;
  const auto results = RunAll(s, &sink, records::TraceLevel::kEvents);
  int64_t held_and_answered = 0, held_and_left = 0;
  for (const ReplicationResult& r : results) {
    SCOPED_TRACE("replication " + std::to_string(r.replication));
    Counters c;  // every contact of the run, warm-up included
    for (const Counters& cell : r.intervals) c.Add(cell);
    EXPECT_EQ(c.offered, c.answered + c.abandoned + c.balked + c.messages + c.closed + c.unserved);
    EXPECT_EQ(c.offered + c.blocked, r.arrivals_total);
    EXPECT_EQ(r.journeys.started, r.journeys.resolved + r.journeys.given_up + r.journeys.open_at_end);
    EXPECT_NEAR(r.queue_area, r.wait_total, 1e-9 * r.wait_total);  // Little's law, sample path
    std::vector<ContactRecord> rows = sink.rows(r.replication);
    ASSERT_EQ(static_cast<int64_t>(rows.size()), r.arrivals_total);
    double handle = 0;
    for (const ContactRecord& row : rows) handle += row.handle_time;
    EXPECT_NEAR(handle, sink.working(r.replication), 1e-9 * handle);
    // Each warm transfer and the back contact it became: the same customer, next attempt.
    std::map<std::pair<uint64_t, int32_t>, const ContactRecord*> by_attempt;
    for (const ContactRecord& row : rows) by_attempt[{row.customer_id, row.attempt}] = &row;
    for (const ContactRecord& first : rows) {
      if (first.contact_type != 0 || first.outcome != ContactOutcome::kTransferred) continue;
      const ContactRecord& second = *by_attempt.at({first.customer_id, first.attempt + 1});
      ASSERT_EQ(second.contact_type, 1);
      EXPECT_NEAR(first.handle_time, first.end - first.answer + 30, 1e-9 * first.handle_time);
      EXPECT_GE(first.end, second.arrival);  // it held the customer at least until then
      if (!std::isnan(second.answer)) {
        EXPECT_NEAR(first.end, second.answer + 45, 1e-9 * first.end);
        ++held_and_answered;
      } else {
        EXPECT_EQ(first.end, second.end);  // freed when the customer left
        ++held_and_left;
      }
    }
  }
  // Both ways out happened many times.
  EXPECT_GT(held_and_answered, 1000);
  EXPECT_GT(held_and_left, 100);
}

}  // namespace
}  // namespace ccsim
