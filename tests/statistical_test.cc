// Statistical validation: the simulator against queueing theory.
//
// Each check compares the mean over replications with the analytical value, with a
// tolerance taken from the replications themselves: |mean − exact| ≤ 1.5 × ci95 (about
// three standard errors) plus a small allowance for the finite-horizon bias of starting
// empty (a warmup removes most of it). Seeds are fixed, so the outcome is repeatable; a
// model or bookkeeping error of a few percent makes them fail.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/engine/replication_runner.h"
#include "sim/engine/statistics.h"
#include "sim/model/erlang.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/summary.h"
#include "tests/replications_for_test.h"

namespace ccsim {
namespace {

using model::Kpi;
using scenario::Distribution;

struct Mmc {
  double rate;  // per second
  double aht;   // seconds
  int agents;
  std::optional<double> patience;
  std::optional<int64_t> capacity;
};

scenario::Scenario MmcScenario(const Mmc& q, double horizon, int replications) {
  scenario::Scenario s;
  s.name = "mmc";
  s.horizon = horizon;
  s.warmup = 2 * 3600;
  s.replications = replications;
  scenario::ContactType ct;
  ct.name = "call";
  ct.arrivals = scenario::Arrivals::Rate(q.rate);
  ct.handle_time = Distribution::Exponential(q.aht);
  if (q.patience) ct.patience = Distribution::Exponential(*q.patience);
  ct.queue_capacity = q.capacity;
  s.contact_types.push_back(ct);
  scenario::AgentGroup g;
  g.name = "agents";
  g.agents = q.agents;
  g.skills.push_back({.contact_type = 0});
  s.agent_groups.push_back(g);
  return s;
}

using test_support::RunAll;

using test_support::ExpectAgrees;

class ErlangCTest : public ::testing::TestWithParam<int> {};

// Three loads on 10 agents with AHT 5 min: occupancy 0.70, 0.85 and 0.93.
TEST_P(ErlangCTest, ServiceLevelAndAsaMatchErlangC) {
  const double load = GetParam() / 100.0;
  const Mmc q{.rate = load * 10 / 300.0, .aht = 300, .agents = 10};
  const scenario::Scenario s = MmcScenario(q, 1000 * 3600, 30);
  const auto results = RunAll(s, 2026);
  const model::Summary sum = model::Summarise(model::Model(s), 2026, results);
  const model::QueueKpis exact =
      model::ErlangCKpis({.arrival_rate = q.rate, .mean_handle = q.aht, .agents = q.agents});
  ExpectAgrees(sum.overall[Kpi::kServiceLevel], exact.service_level, 0.002, "service level");
  ExpectAgrees(sum.overall[Kpi::kAsa], exact.asa, 0.02 * exact.asa, "ASA");
  ExpectAgrees(sum.overall[Kpi::kOccupancy], exact.occupancy, 0.002, "occupancy");
}

INSTANTIATE_TEST_SUITE_P(Loads, ErlangCTest, ::testing::Values(70, 85, 93));

TEST(ErlangATest, AbandonmentAndServiceLevelMatchErlangA) {
  // 20 agents, AHT 4 min, mean patience 2 min, offered 22 erlangs: overloaded without
  // abandonment, stable with it.
  const Mmc q{.rate = 22.0 / 240, .aht = 240, .agents = 20, .patience = 120};
  const scenario::Scenario s = MmcScenario(q, 300 * 3600, 30);
  const model::Summary sum = model::Summarise(model::Model(s), 7, RunAll(s, 7));
  const model::QueueKpis exact = model::ErlangAKpis(
      {.arrival_rate = q.rate, .mean_handle = q.aht, .agents = q.agents, .mean_patience = q.patience});
  ExpectAgrees(sum.overall[Kpi::kAbandonRate], exact.abandon_rate, 0.002, "abandon rate");
  ExpectAgrees(sum.overall[Kpi::kServiceLevel], exact.service_level, 0.002, "service level");
  ExpectAgrees(sum.overall[Kpi::kAsa], exact.asa, 0.02 * exact.asa, "ASA");
}

TEST(ErlangBTest, NoWaitingRoomBlocksAsErlangB) {
  // 8 agents, 6 erlangs offered, queue_capacity 0: blocked / arrivals = B(6, 8).
  const Mmc q{.rate = 6.0 / 180, .aht = 180, .agents = 8, .capacity = 0};
  const scenario::Scenario s = MmcScenario(q, 1000 * 3600, 30);
  const auto results = RunAll(s, 11);
  std::vector<double> blocking;
  for (const auto& r : results) {
    const model::Counters c = r.Overall();
    blocking.push_back(static_cast<double>(c.blocked) / (c.blocked + c.offered));
    EXPECT_EQ(c.answered, c.offered);  // nobody waits, so everyone offered is answered
    EXPECT_EQ(c.wait_answered, 0);
  }
  ExpectAgrees(engine::EstimateMean(blocking), model::ErlangB(6.0, 8), 0.002, "blocking");
}

// A multi-skill centre with overflow, priorities, abandonment and retrials.
scenario::Scenario MultiSkill() {
  scenario::Scenario s;
  s.name = "multi-skill";
  s.horizon = 20 * 3600;
  s.warmup = 3600;
  s.replications = 20;
  scenario::ContactType billing;
  billing.name = "billing";
  billing.arrivals = scenario::Arrivals::Rate(0.05);
  billing.handle_time = {.kind = scenario::DistributionKind::kLognormal, .mean = 240, .sd = 120};
  billing.wrap_up = Distribution::Constant(20);
  billing.patience = Distribution::Exponential(180);
  billing.retrial = scenario::Retrial{0.5, Distribution::Exponential(600)};
  scenario::ContactType tech = billing;
  tech.name = "tech";
  tech.priority = 1;
  tech.arrivals = scenario::Arrivals::Rate(0.02);
  tech.handle_time = {.kind = scenario::DistributionKind::kGamma, .mean = 400, .sd = 200};
  s.contact_types = {billing, tech};
  scenario::AgentGroup g1{.name = "billing_team", .agents = 12, .skills = {{.contact_type = 0}}};
  scenario::AgentGroup g2{.name = "tech_team", .agents = 8,
                          .skills = {{.contact_type = 1}, {.contact_type = 0, .level = 2, .handle_time_factor = 1.3}}};
  s.agent_groups = {g1, g2};
  s.routing.overflow.push_back({.contact_type = 1, .after = 60, .add_groups = {0}});
  return s;
}

TEST(LittlesLawTest, QueueLengthEqualsArrivalRateTimesWait) {
  const scenario::Scenario s = MultiSkill();
  const auto results = RunAll(s, 3);
  std::vector<double> diff, lq;
  for (const auto& r : results) {
    // Sample-path identity over the whole run (empty at both ends): area under the
    // number waiting equals the sum of every contact's wait.
    EXPECT_NEAR(r.queue_area, r.wait_total, 1e-6 * r.wait_total);
    // Little's law over the window: L = λ W, with λ the offered rate and W the mean wait
    // (answered and abandoned alike) of contacts arriving in the window.
    const model::Counters c = r.Overall();
    const double window = s.horizon - s.warmup;
    const double L = r.queue_area_window / window;
    const double lambda_w = (c.wait_answered + c.wait_abandoned) / window;
    diff.push_back(L - lambda_w);
    lq.push_back(L);
  }
  const engine::Estimate d = engine::EstimateMean(diff);
  const engine::Estimate l = engine::EstimateMean(lq);
  ASSERT_GT(l.mean, 0.5);  // a queue that matters
  EXPECT_NEAR(d.mean, 0.0, 1.5 * d.ci95 + 0.01 * l.mean) << "L = " << l.mean;
}

TEST(FlowConservationTest, OfferedIsAnsweredPlusAbandonedPlusWaiting) {
  scenario::Scenario s = MultiSkill();
  s.warmup = 0;
  for (const auto& r : RunAll(s, 5)) {
    model::Counters all;  // by interval: every contact, warmup or not
    for (const model::Counters& c : r.intervals) all.Add(c);
    EXPECT_EQ(all.offered, all.answered + all.abandoned + all.unserved);
    EXPECT_EQ(all.unserved, r.waiting_at_end);
    EXPECT_EQ(all.offered + all.blocked, r.arrivals_total);
    EXPECT_EQ(r.waiting_at_end, 0);  // agents stay until the centre is empty
    const model::Counters by_type = r.Overall();
    EXPECT_EQ(by_type.offered, all.offered);  // no warmup: the two views agree
    EXPECT_GT(all.abandoned, 0);
    EXPECT_GT(r.retrials, 0);
  }
}

TEST(FlowConservationTest, ContactsLeftWaitingWhenNobodyCanServeThem) {
  scenario::Scenario s = MultiSkill();
  s.agent_groups[1].agents = 0;  // tech only reachable by overflow to billing_team
  s.contact_types[1].patience.reset();
  s.contact_types[0].patience.reset();
  s.agent_groups[0].agents = 0;
  s.replications = 2;
  for (const auto& r : RunAll(s, 5)) {
    model::Counters all;
    for (const model::Counters& c : r.intervals) all.Add(c);
    EXPECT_EQ(all.answered, 0);
    EXPECT_GT(r.waiting_at_end, 0);
    EXPECT_EQ(all.offered, all.answered + all.abandoned + all.unserved);
    EXPECT_EQ(all.unserved, r.waiting_at_end);
  }
}

TEST(DeterminismTest, ThreadCountDoesNotChangeResults) {
  scenario::Scenario s = MultiSkill();
  s.horizon = 4 * 3600;
  s.replications = 6;
  const model::Model m(s);
  auto run = [&](int threads) {
    return engine::RunReplications<model::ReplicationResult>(
        s.replications, threads, [&](int rep) { return model::Simulate(m, rep, {.seed = 9}); });
  };
  const auto one = run(1), two = run(2);
  for (int r = 0; r < s.replications; ++r) {
    EXPECT_EQ(one[r].events, two[r].events);
    EXPECT_EQ(one[r].wait_total, two[r].wait_total);  // bit-identical, not just close
    EXPECT_EQ(one[r].busy_time, two[r].busy_time);
  }
}

}  // namespace
}  // namespace ccsim
