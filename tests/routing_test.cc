// Routing v2 against exact values: skill levels and reservations in small loss systems
// (two groups, two types, no waiting room), solved as continuous-time Markov chains here,
// and longest_weighted_wait with equal weights against Erlang C.
//
// Tolerances as in statistical_test.cc: |mean − exact| ≤ 1.5 × ci95 (about three standard
// errors over the replications) plus a small allowance for starting empty; and the
// interval must be narrow enough to mean something.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <tuple>
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

using test_support::ExpectAgrees;

// The loss system: group 0 (n1 agents) serves A at level 1 and B at level 2; group 1 (n2
// agents) serves B at level 1. Poisson arrivals, exponential handle times, no waiting.
struct LossSystem {
  int n1 = 3, n2 = 2;
  double rate_a = 1.0 / 150, rate_b = 1.0 / 100;  // per second
  double handle_a = 300, handle_b = 200;          // seconds
  int keep_idle = 0;  // routing.reserve on group 0 for [A]: B only if this many others stay idle
};

// Where an arriving B goes in state (a1, b1, b2): the chance it goes to group 0 and to
// group 1 (the rest is blocked).
using Routing = std::function<std::pair<double, double>(int idle1, int idle2)>;

// Stationary law of the chain over (a1, b1, b2) (agents of group 0 busy with A and with B,
// of group 1 with B), by Gauss-Jordan elimination on πQ = 0 with Σπ = 1.
std::map<std::tuple<int, int, int>, double> Stationary(const LossSystem& q, const Routing& route) {
  std::vector<std::tuple<int, int, int>> states;
  std::map<std::tuple<int, int, int>, int> index;
  for (int a1 = 0; a1 <= q.n1; ++a1) {
    for (int b1 = 0; a1 + b1 <= q.n1; ++b1) {
      for (int b2 = 0; b2 <= q.n2; ++b2) {
        index[{a1, b1, b2}] = static_cast<int>(states.size());
        states.emplace_back(a1, b1, b2);
      }
    }
  }
  const int n = static_cast<int>(states.size());
  std::vector<std::vector<double>> m(n, std::vector<double>(n + 1, 0));  // rows: Qᵀ | 0
  auto flow = [&](int from, std::tuple<int, int, int> to, double rate) {
    if (rate <= 0) return;
    const int j = index.at(to);
    m[j][from] += rate;  // (Qᵀ)[to][from]
    m[from][from] -= rate;
  };
  for (int i = 0; i < n; ++i) {
    const auto [a1, b1, b2] = states[i];
    const int idle1 = q.n1 - a1 - b1, idle2 = q.n2 - b2;
    if (idle1 > 0) flow(i, {a1 + 1, b1, b2}, q.rate_a);
    const auto [to1, to2] = route(idle1, idle2);
    flow(i, {a1, b1 + 1, b2}, q.rate_b * to1);
    flow(i, {a1, b1, b2 + 1}, q.rate_b * to2);
    flow(i, {a1 - 1, b1, b2}, a1 / q.handle_a);
    flow(i, {a1, b1 - 1, b2}, b1 / q.handle_b);
    flow(i, {a1, b1, b2 - 1}, b2 / q.handle_b);
  }
  m[n - 1].assign(n + 1, 1.0);  // replace one balance equation by Σπ = 1
  for (int c = 0; c < n; ++c) {
    int pivot = c;
    for (int r = c + 1; r < n; ++r) {
      if (std::abs(m[r][c]) > std::abs(m[pivot][c])) pivot = r;
    }
    std::swap(m[c], m[pivot]);
    for (int r = 0; r < n; ++r) {
      if (r == c || m[r][c] == 0) continue;
      const double f = m[r][c] / m[c][c];
      for (int k = c; k <= n; ++k) m[r][k] -= f * m[c][k];
    }
  }
  std::map<std::tuple<int, int, int>, double> pi;
  for (int i = 0; i < n; ++i) pi[states[i]] = m[i][n] / m[i][i];
  return pi;
}

struct Exact {
  double blocking_a = 0, blocking_b = 0, occupancy1 = 0, occupancy2 = 0;
};

Exact Solve(const LossSystem& q, const Routing& route) {
  Exact x;
  for (const auto& [state, p] : Stationary(q, route)) {
    const auto [a1, b1, b2] = state;
    const auto [to1, to2] = route(q.n1 - a1 - b1, q.n2 - b2);
    x.blocking_a += p * (a1 + b1 == q.n1);  // PASTA: arrivals see the stationary law
    x.blocking_b += p * (1 - to1 - to2);
    x.occupancy1 += p * (a1 + b1) / q.n1;
    x.occupancy2 += p * b2 / q.n2;
  }
  return x;
}

scenario::Scenario LossScenario(const LossSystem& q, scenario::Levels levels,
                                scenario::AgentSelection selection) {
  scenario::Scenario s;
  s.name = "loss";
  s.warmup = 3600;
  s.horizon = s.warmup + 100 * 3600;
  s.replications = 20;
  const std::pair<const char*, std::pair<double, double>> types[] = {{"A", {q.rate_a, q.handle_a}},
                                                                     {"B", {q.rate_b, q.handle_b}}};
  for (const auto& [name, rate_handle] : types) {
    scenario::ContactType ct;
    ct.name = name;
    ct.arrivals = scenario::Arrivals::Rate(rate_handle.first);
    ct.handle_time = Distribution::Exponential(rate_handle.second);
    ct.queue_capacity = 0;
    s.contact_types.push_back(ct);
  }
  scenario::AgentGroup g1{.name = "g1", .agents = q.n1};
  g1.skills = {{.contact_type = 0, .level = 1}, {.contact_type = 1, .level = 2}};
  scenario::AgentGroup g2{.name = "g2", .agents = q.n2};
  g2.skills = {{.contact_type = 1, .level = 1}};
  s.agent_groups = {g1, g2};
  s.routing.levels = levels;
  s.routing.agent_selection = selection;
  if (q.keep_idle > 0) {
    s.routing.reserve.push_back({.group = 0, .idle_at_least = q.keep_idle, .for_types = {0}});
  }
  return s;
}

void CheckLossSystem(const LossSystem& q, scenario::Levels levels,
                     scenario::AgentSelection selection, const Routing& route, uint64_t seed) {
  const scenario::Scenario s = LossScenario(q, levels, selection);
  const model::Model m(s);
  const auto results = engine::RunReplications<model::ReplicationResult>(
      s.replications, 0, [&](int rep) { return model::Simulate(m, rep, {.seed = seed}); });
  std::vector<double> blocked_a, blocked_b;
  for (const auto& r : results) {
    for (auto [t, out] : {std::pair{0, &blocked_a}, std::pair{1, &blocked_b}}) {
      const model::Counters& c = r.by_type[t];
      out->push_back(static_cast<double>(c.blocked) / static_cast<double>(c.blocked + c.offered));
    }
  }
  const model::Summary sum = model::Summarise(m, seed, results);
  const Exact x = Solve(q, route);
  ExpectAgrees(engine::EstimateMean(blocked_a), x.blocking_a, 0.002, "blocking of A");
  ExpectAgrees(engine::EstimateMean(blocked_b), x.blocking_b, 0.002, "blocking of B");
  ExpectAgrees(sum.by_group[0][Kpi::kOccupancy], x.occupancy1, 0.002, "occupancy of g1");
  ExpectAgrees(sum.by_group[1][Kpi::kOccupancy], x.occupancy2, 0.002, "occupancy of g2");
}

// B to its level-1 group while it has an idle agent, else to group 0 if the reservation
// lets it (more than keep_idle idle there).
Routing Ranked(int keep_idle) {
  return [keep_idle](int idle1, int idle2) -> std::pair<double, double> {
    if (idle2 > 0) return {0, 1};
    return {idle1 > keep_idle ? 1 : 0, 0};
  };
}

// levels: ignore with agent_selection random: uniform over the idle agents B may take.
Routing Uniform(int keep_idle) {
  return [keep_idle](int idle1, int idle2) -> std::pair<double, double> {
    const double open1 = idle1 > keep_idle ? idle1 : 0;
    if (open1 + idle2 == 0) return {0, 0};
    return {open1 / (open1 + idle2), idle2 / (open1 + idle2)};
  };
}

TEST(LossSystemTest, LevelsRankSendsToTheLevelOneGroupFirst) {
  CheckLossSystem({}, scenario::Levels::kRank, scenario::AgentSelection::kLongestIdle, Ranked(0),
                  21);
}

TEST(LossSystemTest, LevelsIgnoredWithRandomSelectionSpreadOverIdleAgents) {
  CheckLossSystem({}, scenario::Levels::kIgnore, scenario::AgentSelection::kRandom, Uniform(0), 22);
}

TEST(LossSystemTest, AReservationKeepsAgentsForItsType) {
  // Group 0 keeps 1 agent idle for A: B takes one of its agents only when 2 are idle.
  const LossSystem q{.keep_idle = 1};
  CheckLossSystem(q, scenario::Levels::kRank, scenario::AgentSelection::kLongestIdle, Ranked(1),
                  23);
  CheckLossSystem(q, scenario::Levels::kIgnore, scenario::AgentSelection::kRandom, Uniform(1), 24);
}

TEST(LossSystemTest, TheChainsDiffer) {
  // The checks above could not pass by chance of the models being alike: the policies'
  // blocking of A differ by far more than the tolerances.
  const double ranked = Solve({}, Ranked(0)).blocking_a;
  const double uniform = Solve({}, Uniform(0)).blocking_a;
  const double reserved = Solve({.keep_idle = 1}, Ranked(1)).blocking_a;
  EXPECT_GT(uniform - ranked, 0.02);
  EXPECT_GT(ranked - reserved, 0.02);
}

TEST(WeightedWaitTest, EqualWeightsGiveErlangC) {
  // Two types on one group of 6, exponential 240 s, 36/h each: M/M/6 at 4.8 erlangs.
  scenario::Scenario s;
  s.name = "weighted";
  s.warmup = 2 * 3600;
  s.horizon = s.warmup + 1000 * 3600;
  s.replications = 30;
  for (const char* name : {"a", "b"}) {
    scenario::ContactType ct;
    ct.name = name;
    ct.arrivals = scenario::Arrivals::Rate(36.0 / 3600);
    ct.handle_time = Distribution::Exponential(240);
    s.contact_types.push_back(ct);
  }
  scenario::AgentGroup g{.name = "g", .agents = 6};
  g.skills = {{.contact_type = 0}, {.contact_type = 1}};
  s.agent_groups.push_back(g);
  s.routing.contact_selection = scenario::ContactSelection::kLongestWeightedWait;
  s.routing.weights = {2, 2};
  const model::Model m(s);
  const auto results = engine::RunReplications<model::ReplicationResult>(
      s.replications, 0, [&](int rep) { return model::Simulate(m, rep, {.seed = 9}); });
  const model::Summary sum = model::Summarise(m, 9, results);
  const model::QueueKpis exact =
      model::ErlangCKpis({.arrival_rate = 72.0 / 3600, .mean_handle = 240, .agents = 6});
  ExpectAgrees(sum.overall[Kpi::kServiceLevel], exact.service_level, 0.002, "service level");
  ExpectAgrees(sum.overall[Kpi::kAsa], exact.asa, 0.02 * exact.asa, "ASA");
  ExpectAgrees(sum.by_group[0][Kpi::kOccupancy], exact.occupancy, 0.002, "occupancy");
}

}  // namespace
}  // namespace ccsim
