// Routing v2, exact and hand-computed: skill levels ranked both ways, longest weighted wait,
// reservations, and overflow conditions, each on replayed arrival times and constant
// handle times. Every expected number is worked out in the comment beside it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "sim/model/centre_for_test.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/summary.h"

namespace ccsim::model {
namespace {

using internal::GroupOf;
using internal::ReplayedType;
using scenario::Levels;

class Rows : public TraceSink {
 public:
  void OnContacts(int, std::span<const ContactRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    rows.insert(rows.end(), chunk.begin(), chunk.end());
  }
  void OnAgentSpells(int, std::span<const AgentSpellRecord>) override {}
  void OnEvents(int, std::span<const EventRecord>) override {}
  std::vector<ContactRecord> rows;

 private:
  std::mutex mu_;
};

std::vector<ContactRecord> RunOf(const scenario::Scenario& s) {
  const Model m(s);
  Rows sink;
  Simulate(m, 0, {.seed = 1, .trace = &sink});
  return sink.rows;
}

// The contact of `type` that arrived at `arrival`.
const ContactRecord& At(const std::vector<ContactRecord>& rows, int type, double arrival) {
  const auto it = std::find_if(rows.begin(), rows.end(), [&](const ContactRecord& r) {
    return r.contact_type == type && r.arrival == arrival;
  });
  EXPECT_NE(it, rows.end()) << "no contact of type " << type << " at " << arrival;
  return it == rows.end() ? rows.front() : *it;
}

// Bit for bit (NaN, where a KPI is undefined, equals itself).
bool Same(const std::vector<KpiValues>& a, const std::vector<KpiValues>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(KpiValues)) == 0;
}

scenario::Scenario Base(double horizon = 1000) {
  scenario::Scenario s;
  s.name = "routing";
  s.horizon = horizon;
  return s;
}

// One agent serves "a" (priority 1) at level 2 and "b" (priority 0) at level 1, busy with
// b@0 until 10 while a@1 and b@2 come.
scenario::Scenario FreedAgentChoosesByLevel(Levels levels) {
  scenario::Scenario s = Base();
  s.contact_types.push_back(ReplayedType("a", {1}, 10));
  s.contact_types.push_back(ReplayedType("b", {0, 2}, 10));
  s.contact_types[0].priority = 1;
  s.agent_groups.push_back(GroupOf("g", 1, {{.contact_type = 0, .level = 2}, {.contact_type = 1}}));
  s.routing.levels = levels;
  return s;
}

TEST(RoutingPolicyTest, AFreedAgentServesItsLowestLevelFirstUnderRank) {
  // rank: at 10 the agent takes b@2 (level 1) over a@1 (level 2, higher priority): b@2
  // answered 10, a@1 at 20. ignore (v1): priority first, a@1 at 10, b@2 at 20.
  const auto rank = RunOf(FreedAgentChoosesByLevel(Levels::kRank));
  EXPECT_DOUBLE_EQ(At(rank, 1, 2).answer, 10);
  EXPECT_DOUBLE_EQ(At(rank, 0, 1).answer, 20);
  const auto ignore = RunOf(FreedAgentChoosesByLevel(Levels::kIgnore));
  EXPECT_DOUBLE_EQ(At(ignore, 0, 1).answer, 10);
  EXPECT_DOUBLE_EQ(At(ignore, 1, 2).answer, 20);
}

TEST(RoutingPolicyTest, AGroupAddedByOverflowServesThatTypeAfterItsOwnSkills) {
  // g has the skill b only; a rule adds it to a (priority 1) at once (after: 0), so the
  // type ranks after g's own skills (level 2). Same arrivals: rank takes b@2 at 10, a@1 at
  // 20; ignore takes a@1 first by priority.
  for (Levels levels : scenario::kLevels) {
    scenario::Scenario s = FreedAgentChoosesByLevel(levels);
    s.agent_groups[0].skills = {{.contact_type = 1, .level = 1}};
    s.routing.overflow.push_back({.contact_type = 0, .after = 0, .add_groups = {0}});
    const auto rows = RunOf(s);
    const bool rank = levels == Levels::kRank;
    EXPECT_DOUBLE_EQ(At(rows, 1, 2).answer, rank ? 10 : 20) << scenario::ToString(levels);
    EXPECT_DOUBLE_EQ(At(rows, 0, 1).answer, rank ? 20 : 10) << scenario::ToString(levels);
  }
}

TEST(RoutingPolicyTest, AnArrivalGoesToTheLowestLevelThenByAgentSelection) {
  // "t" is served by g1 (2 agents, level 2) and g2 (1 agent, level 1). t@0 and t@1 with
  // handle 10: rank sends t@0 to g2's agent 2 (level 1) although g1's agent 0 is as long
  // idle and has the lower id, then t@1 to g1 (longest idle: agent 0). ignore: t@0 to
  // agent 0 (tie broken by id), t@1 to agent 1.
  scenario::Scenario s = Base();
  s.contact_types.push_back(ReplayedType("t", {0, 1}, 10));
  s.agent_groups.push_back(GroupOf("g1", 2, {{.contact_type = 0, .level = 2}}));
  s.agent_groups.push_back(GroupOf("g2", 1, {{.contact_type = 0, .level = 1}}));
  const auto rank = RunOf(s);
  EXPECT_EQ(At(rank, 0, 0).agent_id, 2);
  EXPECT_EQ(At(rank, 0, 1).agent_id, 0);
  s.routing.levels = Levels::kIgnore;
  const auto ignore = RunOf(s);
  EXPECT_EQ(At(ignore, 0, 0).agent_id, 0);
  EXPECT_EQ(At(ignore, 0, 1).agent_id, 1);
}

// One agent busy with a@0 until 30; b@1 and a@21 wait. Same priorities.
scenario::Scenario Weighted(double weight_a, int priority_b) {
  scenario::Scenario s = Base();
  s.contact_types.push_back(ReplayedType("a", {0, 21}, 30));
  s.contact_types.push_back(ReplayedType("b", {1}, 30));
  s.contact_types[1].priority = priority_b;
  s.agent_groups.push_back(GroupOf("g", 1, {{.contact_type = 0}, {.contact_type = 1}}));
  s.routing.contact_selection = scenario::ContactSelection::kLongestWeightedWait;
  s.routing.weights = {weight_a, 1};
  return s;
}

TEST(RoutingPolicyTest, LongestWeightedWaitTakesTheLargestWaitTimesWeight) {
  // At 30: b@1 has waited 29 (× 1 = 29), a@21 9. Weight 3 on a: 27 < 29, b first (answered
  // 30, then a at 60). Weight 4: 36 > 29, a first. Weight 4 but b of priority 1: b first.
  auto rows = RunOf(Weighted(3, 0));
  EXPECT_DOUBLE_EQ(At(rows, 1, 1).answer, 30);
  EXPECT_DOUBLE_EQ(At(rows, 0, 21).answer, 60);
  rows = RunOf(Weighted(4, 0));
  EXPECT_DOUBLE_EQ(At(rows, 0, 21).answer, 30);
  EXPECT_DOUBLE_EQ(At(rows, 1, 1).answer, 60);
  rows = RunOf(Weighted(4, 1));
  EXPECT_DOUBLE_EQ(At(rows, 1, 1).answer, 30);
}

TEST(RoutingPolicyTest, EqualWeightsAreLongestWaitToTheBit) {
  // Two types of random arrivals and handle times on one group, equal priorities: equal
  // weights (2 and 2) choose exactly as priority_then_longest_wait and longest_wait.
  scenario::Scenario s = Base(8 * 3600);
  for (const char* name : {"a", "b"}) {
    scenario::ContactType ct;
    ct.name = name;
    ct.arrivals = scenario::Arrivals::Rate(1.0 / 60);
    ct.handle_time = scenario::Distribution::Exponential(200);
    ct.patience = scenario::Distribution::Exponential(300);
    s.contact_types.push_back(ct);
  }
  s.agent_groups.push_back(GroupOf("g", 7, {{.contact_type = 0}, {.contact_type = 1}}));
  auto kpis = [](const scenario::Scenario& sc) {
    const Model m(sc);
    return ReplicationKpis(Simulate(m, 0, {.seed = 5}));
  };
  const auto fifo = kpis(s);
  s.routing.contact_selection = scenario::ContactSelection::kLongestWeightedWait;
  s.routing.weights = {2, 2};
  EXPECT_TRUE(Same(kpis(s), fifo));
  s.routing.contact_selection = scenario::ContactSelection::kLongestWait;
  EXPECT_TRUE(Same(kpis(s), fifo));
}

// Group g (2 agents) serves a and b; with the reservation it keeps 1 idle for a.
scenario::Scenario Reserved(bool reserve) {
  scenario::Scenario s = Base();
  s.contact_types.push_back(ReplayedType("a", {2}, 10));
  s.contact_types.push_back(ReplayedType("b", {0, 1}, 10));
  s.agent_groups.push_back(GroupOf("g", 2, {{.contact_type = 0}, {.contact_type = 1}}));
  if (reserve) s.routing.reserve.push_back({.group = 0, .idle_at_least = 1, .for_types = {0}});
  return s;
}

TEST(RoutingPolicyTest, AReservationKeepsAgentsIdleForItsTypes) {
  // With it: b@0 takes agent 0 (one other stays idle); b@1 would leave none: it waits; a@2
  // takes agent 1 at once. At 10 agent 0 frees, but no other agent is idle: it leaves b@1;
  // at 12 agent 1 frees with agent 0 idle: it takes b@1 at 12.
  auto rows = RunOf(Reserved(true));
  EXPECT_EQ(At(rows, 1, 0).agent_id, 0);
  EXPECT_DOUBLE_EQ(At(rows, 0, 2).answer, 2);
  EXPECT_DOUBLE_EQ(At(rows, 1, 1).answer, 12);
  EXPECT_EQ(At(rows, 1, 1).agent_id, 1);
  // Without: b@1 takes agent 1 at 1 and a@2 waits for agent 0 until 10.
  rows = RunOf(Reserved(false));
  EXPECT_DOUBLE_EQ(At(rows, 1, 1).answer, 1);
  EXPECT_DOUBLE_EQ(At(rows, 0, 2).answer, 10);
}

// g (1 agent) serves t; h (1 agent) serves u, and t by the rule `when`; handle 10.
scenario::Scenario Conditional(scenario::OverflowWhen when, double threshold, int g_agents,
                               std::vector<double> times, double handle) {
  scenario::Scenario s = Base();
  s.contact_types.push_back(ReplayedType("t", std::move(times), handle));
  s.contact_types.push_back(ReplayedType("u", {}, handle));
  s.agent_groups.push_back(GroupOf("g", g_agents, {{.contact_type = 0}}));
  s.agent_groups.push_back(GroupOf("h", 1, {{.contact_type = 1}}));
  scenario::Overflow o{.contact_type = 0, .add_groups = {1}, .when = when};
  if (when == scenario::OverflowWhen::kQueueOver)
    o.queue_over = static_cast<int64_t>(threshold);
  else
    o.expected_wait_over = threshold;
  s.routing.overflow.push_back(o);
  return s;
}

TEST(RoutingPolicyTest, QueueOverOpensTheGroupToContactsThatFindALongQueue) {
  // queue_over 1. t@0 to g (until 10). t@1 finds 0 waiting, t@2 finds 1: they wait for g
  // although h is idle. t@3 finds 2 > 1: h answers it at 3 (until 13). t@4 finds 2: it
  // qualifies but h is busy, so it waits in both queues. At 10 g takes the front, t@1; at
  // 13 h takes t@4 (the contacts that met its condition), not t@2; at 20 g takes t@2.
  const auto rows =
      RunOf(Conditional(scenario::OverflowWhen::kQueueOver, 1, 1, {0, 1, 2, 3, 4}, 10));
  EXPECT_DOUBLE_EQ(At(rows, 0, 0).answer, 0);
  EXPECT_DOUBLE_EQ(At(rows, 0, 1).answer, 10);
  EXPECT_DOUBLE_EQ(At(rows, 0, 2).answer, 20);
  EXPECT_DOUBLE_EQ(At(rows, 0, 3).answer, 3);
  EXPECT_EQ(At(rows, 0, 3).agent_group, 1);
  EXPECT_DOUBLE_EQ(At(rows, 0, 4).answer, 13);
  EXPECT_EQ(At(rows, 0, 4).agent_group, 1);
  EXPECT_EQ(At(rows, 0, 2).agent_group, 0);
}

TEST(RoutingPolicyTest, ExpectedWaitOverUsesQueueAgentsAndMeanHandleTime) {
  // g has 2 agents, handle 100: a contact finding k waiting expects (k + 1) × 100 / 2.
  // Over 100 from k = 2. t@0, t@1 to g (until 100, 101). t@2 (k 0: 50) and t@3 (k 1:
  // 100, not over) wait. t@4 (k 2: 150) goes to h at once (until 104); t@5 (k 2) waits
  // for h. At 100 g takes t@2, at 101 t@3, at 104 h takes t@5.
  const auto rows = RunOf(
      Conditional(scenario::OverflowWhen::kExpectedWaitOver, 100, 2, {0, 1, 2, 3, 4, 5}, 100));
  EXPECT_DOUBLE_EQ(At(rows, 0, 2).answer, 100);
  EXPECT_DOUBLE_EQ(At(rows, 0, 3).answer, 101);
  EXPECT_DOUBLE_EQ(At(rows, 0, 4).answer, 4);
  EXPECT_EQ(At(rows, 0, 4).agent_group, 1);
  EXPECT_DOUBLE_EQ(At(rows, 0, 5).answer, 104);
  EXPECT_EQ(At(rows, 0, 5).agent_group, 1);
}

TEST(RoutingPolicyTest, ExpectedWaitCountsTheAgentsOnDutyOfTheTypesGroups) {
  // (k + 1) × (talk + wrap-up) / agents on duty in the groups serving it at once (not h,
  // added by the rule); nobody on duty: infinite.
  scenario::Scenario s = Conditional(scenario::OverflowWhen::kExpectedWaitOver, 60, 3, {}, 50);
  s.contact_types[0].wrap_up = scenario::Distribution::Constant(10);
  internal::CentreForTest c(s);
  EXPECT_EQ(c.router.ExpectedWait(0, 0), std::numeric_limits<double>::infinity());
  c.router.CountOnDuty(0, 3);
  c.router.CountOnDuty(1, 1);
  EXPECT_DOUBLE_EQ(c.router.ExpectedWait(0, 0), 20);   // 1 × 60 / 3
  EXPECT_DOUBLE_EQ(c.router.ExpectedWait(0, 5), 120);  // 6 × 60 / 3
  c.router.CountOnDuty(0, -1);                         // one goes on a break
  EXPECT_DOUBLE_EQ(c.router.ExpectedWait(0, 5), 180);
  // Chat: an agent of a group with concurrency 3 counts as 3 servers.
  s.contact_types[0].channel = scenario::Channel::kChat;
  s.agent_groups[0].concurrency = 3;
  internal::CentreForTest chat(s);
  chat.router.CountOnDuty(0, 2);
  EXPECT_DOUBLE_EQ(chat.router.ExpectedWait(0, 5), 60);  // 6 × 60 / (2 × 3)
}

TEST(RoutingPolicyTest, AllSkillsAtLevelOneRankAsIgnoreToTheBit) {
  // Three groups with overlapping skills all at level 1, random arrivals: rank is v1.
  scenario::Scenario s = Base(8 * 3600);
  for (const char* name : {"a", "b", "c"}) {
    scenario::ContactType ct;
    ct.name = name;
    ct.arrivals = scenario::Arrivals::Rate(1.0 / 90);
    ct.handle_time = scenario::Distribution::Exponential(240);
    ct.patience = scenario::Distribution::Exponential(200);
    ct.priority = name[0] == 'c';
    s.contact_types.push_back(ct);
  }
  s.agent_groups.push_back(GroupOf("x", 3, {{.contact_type = 0}, {.contact_type = 1}}));
  s.agent_groups.push_back(GroupOf("y", 2, {{.contact_type = 1}, {.contact_type = 2}}));
  s.agent_groups.push_back(GroupOf("z", 2, {{.contact_type = 2}, {.contact_type = 0}}));
  for (scenario::AgentSelection selection : scenario::kAgentSelections) {
    s.routing.agent_selection = selection;
    s.routing.levels = Levels::kRank;
    const auto rank = ReplicationKpis(Simulate(Model(s), 0, {.seed = 3}));
    s.routing.levels = Levels::kIgnore;
    EXPECT_TRUE(Same(ReplicationKpis(Simulate(Model(s), 0, {.seed = 3})), rank))
        << scenario::ToString(selection);
  }
}

}  // namespace
}  // namespace ccsim::model
