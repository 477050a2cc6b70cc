#include "sim/model/simulate_all.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <utility>
#include <vector>

#include "sim/model/summary.h"

namespace ccsim::model {
namespace {

// An M/M/n desk for one hour: 0.05 calls a second, 30 s of handling (1.5 erlangs).
scenario::Scenario Desk(int agents, uint64_t seed, int replications) {
  scenario::Scenario s;
  s.name = "desk";
  s.horizon = 3600;
  s.seed = seed;
  s.replications = replications;
  scenario::ContactType ct;
  ct.name = "call";
  ct.arrivals = scenario::Arrivals::Rate(0.05);
  ct.handle_time = scenario::Distribution::Exponential(30);
  s.contact_types.push_back(ct);
  scenario::AgentGroup g;
  g.name = "desk";
  g.agents = agents;
  g.skills = {{.contact_type = 0}};
  s.agent_groups.push_back(g);
  return s;
}

void ExpectSame(const ReplicationResult& a, const ReplicationResult& b) {
  EXPECT_EQ(a.arrivals_total, b.arrivals_total);
  EXPECT_EQ(a.Overall().answered_within, b.Overall().answered_within);
  EXPECT_EQ(a.wait_total, b.wait_total);
  EXPECT_EQ(a.events, b.events);
}

TEST(SimulateAllTest, SimulateReplicationsIsSimulateByIndex) {
  const Model model(Desk(2, 7, 6));
  for (int threads : {1, 2, 0}) {
    const std::vector<ReplicationResult> r = SimulateReplications(model, 6, threads, {.seed = 7});
    ASSERT_EQ(r.size(), 6u);
    for (int rep = 0; rep < 6; ++rep) ExpectSame(r[rep], Simulate(model, rep, {.seed = 7}));
  }
  EXPECT_TRUE(SimulateReplications(model, 0, 2, {}).empty());
}

TEST(SimulateAllTest, SimulateModelsUsesEachScenariosSeedAndReplications) {
  const Model a(Desk(2, 7, 3)), b(Desk(3, 11, 5));
  const std::vector<const Model*> models = {&a, &b};
  for (int threads : {1, 2}) {
    const auto r = SimulateModels(models, threads);
    ASSERT_EQ(r.size(), 2u);
    ASSERT_EQ(r[0].size(), 3u);
    ASSERT_EQ(r[1].size(), 5u);
    for (int rep = 0; rep < 3; ++rep) ExpectSame(r[0][rep], Simulate(a, rep, {.seed = 7}));
    for (int rep = 0; rep < 5; ++rep) ExpectSame(r[1][rep], Simulate(b, rep, {.seed = 11}));
  }
}

TEST(SimulateAllTest, InOrderFoldsEveryReplicationInOrder) {
  const Model model(Desk(2, 7, 40));
  const std::vector<ReplicationResult> all = SimulateReplications(model, 40, 1, {.seed = 7});
  const Summary expected = Summarise(model, 7, all);
  for (int threads : {1, 2, 0}) {
    std::vector<int> order;
    SummaryBuilder b(model, 7);
    SimulateReplicationsInOrder(model, 40, threads, {.seed = 7}, [&](ReplicationResult&& r) {
      ExpectSame(r, all[r.replication]);
      order.push_back(r.replication);
      b.Add(r);
    });
    ASSERT_EQ(order.size(), 40u);
    for (int i = 0; i < 40; ++i) EXPECT_EQ(order[i], i);
    const Summary got = b.Finish();
    for (int k = 0; k < kKpiCount; ++k) {  // bit for bit, NaN where both are NaN
      const engine::Estimate &x = got.overall.values[k], &y = expected.overall.values[k];
      EXPECT_TRUE(x.mean == y.mean || (std::isnan(x.mean) && std::isnan(y.mean))) << k;
      EXPECT_TRUE(x.ci95 == y.ci95 || (std::isnan(x.ci95) && std::isnan(y.ci95))) << k;
    }
  }
}

TEST(SimulateAllTest, InOrderSkipsEverythingOnceStopped) {
  const Model model(Desk(2, 7, 40));
  const std::atomic<bool> stop{true};
  int folded = 0;
  SimulateReplicationsInOrder(model, 1000, 2, {.seed = 7, .stop = &stop},
                              [&](ReplicationResult&&) { ++folded; });
  EXPECT_EQ(folded, 0);
}

TEST(SimulateAllTest, ModelsInOrderFoldsPointByPoint) {
  const Model a(Desk(2, 7, 3)), b(Desk(3, 11, 5));
  const std::vector<const Model*> models = {&a, &b};
  std::vector<std::pair<int, int>> order;
  SimulateModelsInOrder(models, 2, nullptr, nullptr, [&](int m, ReplicationResult&& r) {
    ExpectSame(r, Simulate(*models[m], r.replication, {.seed = m == 0 ? 7u : 11u}));
    order.emplace_back(m, r.replication);
  });
  const std::vector<std::pair<int, int>> expected = {{0, 0}, {0, 1}, {0, 2}, {1, 0},
                                                     {1, 1}, {1, 2}, {1, 3}, {1, 4}};
  EXPECT_EQ(order, expected);
}

}  // namespace
}  // namespace ccsim::model
