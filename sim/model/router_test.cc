// The Router alone: policies decide on idle agents and waiting contacts set up by hand.
#include "sim/model/router.h"

#include <gtest/gtest.h>

#include <boost/random/uniform_int_distribution.hpp>
#include <deque>
#include <random>
#include <utility>

#include "sim/model/centre_for_test.h"

namespace ccsim::model::internal {
namespace {

// Two groups serve type 0: "desk" (agent 0, level 2, one skill) and "experts" (agent 1,
// level 1, two skills).
scenario::Scenario TwoGroups(scenario::AgentSelection selection) {
  scenario::Scenario s;
  s.name = "router";
  s.horizon = 100;
  s.contact_types.push_back(ReplayedType("call", {}, 10));
  s.contact_types.push_back(ReplayedType("other", {}, 10));
  s.agent_groups.push_back(GroupOf("desk", 1, {{.contact_type = 0, .level = 2}}));
  s.agent_groups.push_back(
      GroupOf("experts", 1, {{.contact_type = 0, .level = 1}, {.contact_type = 1}}));
  s.routing.agent_selection = selection;
  s.routing.levels = scenario::Levels::kIgnore;  // the v1 policies alone
  return s;
}

// Advances the clock to `time` (>= now) and makes `agent` idle then (-1: nobody).
void IdleAt(CentreForTest& c, int agent, double time) {
  struct MakeIdle {
    Router& router;
    void OnTimeAdvance(double, double) {}
    void OnEvent(const engine::Event& e) {
      if (static_cast<int>(e.payload) >= 0) router.MakeIdle(static_cast<int>(e.payload));
    }
  } handler{c.router};
  c.sim.Schedule(time, kAgentFree, agent + 1, static_cast<uint32_t>(agent));
  c.sim.Run(handler);
}

int Chosen(scenario::AgentSelection selection, double idle_since_0, double idle_since_1) {
  CentreForTest c(TwoGroups(selection));
  if (idle_since_0 <= idle_since_1) {
    IdleAt(c, 0, idle_since_0);
    IdleAt(c, 1, idle_since_1);
  } else {
    IdleAt(c, 1, idle_since_1);
    IdleAt(c, 0, idle_since_0);
  }
  const Eligibility* terms = nullptr;
  const int agent = c.router.FindIdleAgent(0, 0, &terms);
  EXPECT_NE(terms, nullptr);
  EXPECT_FALSE(c.router.TakeIfIdle(agent));  // taken off its idle list
  return agent;
}

TEST(RouterTest, EachAgentSelectionPolicyPicksItsAgent) {
  using scenario::AgentSelection;
  EXPECT_EQ(Chosen(AgentSelection::kLongestIdle, 0, 0), 0);   // tie: lower id
  EXPECT_EQ(Chosen(AgentSelection::kLongestIdle, 5, 1), 1);   // idle longer
  EXPECT_EQ(Chosen(AgentSelection::kMostSkilled, 0, 5), 1);   // level 1 beats idle time
  EXPECT_EQ(Chosen(AgentSelection::kFewestSkills, 5, 0), 0);  // one skill beats idle time
}

TEST(RouterTest, NoIdleAgentNoPick) {
  CentreForTest c(TwoGroups(scenario::AgentSelection::kLongestIdle));
  const Eligibility* terms = nullptr;
  EXPECT_EQ(c.router.FindIdleAgent(0, 0, &terms), -1);
}

TEST(RouterTest, OverflowGroupServesOnlyAfterTheWait) {
  scenario::Scenario s = TwoGroups(scenario::AgentSelection::kLongestIdle);
  s.agent_groups[1].skills = {{.contact_type = 1}};
  s.routing.overflow.push_back({.contact_type = 0, .after = 30, .add_groups = {1}});
  CentreForTest c(s);
  c.router.MakeIdle(1);
  const Eligibility* terms = nullptr;
  EXPECT_EQ(c.router.FindIdleAgent(0, /*arrival=*/0, &terms), -1);  // waited 0 of 30 s
  EXPECT_EQ(c.router.FindIdleAgent(0, /*arrival=*/-30, &terms), 1);
  EXPECT_DOUBLE_EQ(terms->after, 30);
}

scenario::Scenario TwoQueues(scenario::ContactSelection selection) {
  scenario::Scenario s = TwoGroups(scenario::AgentSelection::kLongestIdle);
  s.contact_types[1].priority = 1;
  s.routing.contact_selection = selection;
  return s;
}

int TakenType(scenario::ContactSelection selection) {
  CentreForTest c(TwoQueues(selection));
  c.router.Enqueue(c.Contact(0, -2), 0, -1);      // low priority, waiting longer
  c.router.Enqueue(c.Contact(1, -1), 1, -1);      // high priority
  const Router::Pick pick = c.router.NextFor(1);  // an expert serves both
  EXPECT_NE(pick.slot, Router::kNone);
  return c.router.Unqueue(pick.slot).type;
}

TEST(RouterTest, EachContactSelectionPolicyPicksItsContact) {
  EXPECT_EQ(TakenType(scenario::ContactSelection::kPriorityThenLongestWait), 1);
  EXPECT_EQ(TakenType(scenario::ContactSelection::kLongestWait), 0);
}

TEST(RouterTest, EmailOnlyWhenNoCallWaits) {
  scenario::Scenario s = TwoQueues(scenario::ContactSelection::kLongestWait);
  s.contact_types[0].channel = scenario::Channel::kEmail;
  CentreForTest c(s);
  c.router.Enqueue(c.Contact(0, -2), 0, -1);  // the email waited longer
  c.router.Enqueue(c.Contact(1, -1), 1, -1);
  Router::Pick pick = c.router.NextFor(1);
  EXPECT_EQ(c.router.Unqueue(pick.slot).type, 1);
  pick = c.router.NextFor(1);
  EXPECT_EQ(c.router.Unqueue(pick.slot).type, 0);
  EXPECT_EQ(c.router.NextFor(1).slot, Router::kNone);
}

TEST(RouterTest, WaitingRoomCountsWaitingContactsOnly) {
  scenario::Scenario s = TwoGroups(scenario::AgentSelection::kLongestIdle);
  s.contact_types[0].queue_capacity = 1;
  CentreForTest c(s);
  EXPECT_TRUE(c.router.HasWaitingRoom(0));
  c.router.Enqueue(c.Contact(0, 0), 0, -1);
  EXPECT_FALSE(c.router.HasWaitingRoom(0));
  EXPECT_TRUE(c.router.HasWaitingRoom(1));  // unlimited
  EXPECT_EQ(c.router.waiting_total(), 1);
  const Router::Pick pick = c.router.NextFor(0);
  c.router.Unqueue(pick.slot);
  EXPECT_TRUE(c.router.HasWaitingRoom(0));
  EXPECT_EQ(c.router.waiting_total(), 0);
}

TEST(RouterTest, PatienceSchedulesAnAbandonmentThatGoesStaleOnceAnswered) {
  scenario::Scenario s = TwoGroups(scenario::AgentSelection::kLongestIdle);
  s.contact_types[0].patience = scenario::Distribution::Constant(8);
  CentreForTest c(s);
  const Work w = c.Contact(0, 0);
  c.router.Enqueue(w, c.journey_pool[w.journey].customer_key, -1);
  ASSERT_EQ(c.sim.pending(), 1u);
  struct Catch {
    engine::Event event;
    void OnTimeAdvance(double, double) {}
    void OnEvent(const engine::Event& e) { event = e; }
  } caught;
  c.sim.Run(caught);
  EXPECT_EQ(caught.event.kind, kAbandon);
  EXPECT_DOUBLE_EQ(caught.event.time, 8);
  EXPECT_TRUE(c.router.StillWaiting(caught.event));
  c.router.Unqueue(caught.event.payload);
  EXPECT_FALSE(c.router.StillWaiting(caught.event));
}

// Five groups over four types with levels, overlaps and two overflow rules; with
// `reserve`, g1 keeps one agent idle for type c and g4 two for type d.
scenario::Scenario Overlapping(scenario::AgentSelection selection, scenario::Levels levels,
                               bool reserve) {
  scenario::Scenario s;
  s.name = "overlapping";
  s.horizon = 1e6;
  for (const char* name : {"a", "b", "c", "d"})
    s.contact_types.push_back(ReplayedType(name, {}, 10));
  s.agent_groups.push_back(
      GroupOf("g0", 2, {{.contact_type = 0}, {.contact_type = 1, .level = 2}}));
  s.agent_groups.push_back(GroupOf(
      "g1", 3, {{.contact_type = 0, .level = 2}, {.contact_type = 2}, {.contact_type = 3}}));
  s.agent_groups.push_back(GroupOf("g2", 2, {{.contact_type = 1}}));
  s.agent_groups.push_back(
      GroupOf("g3", 1, {{.contact_type = 2, .level = 2}, {.contact_type = 0, .level = 3}}));
  s.agent_groups.push_back(
      GroupOf("g4", 2, {{.contact_type = 3}, {.contact_type = 1, .level = 3}}));
  s.routing.overflow.push_back({.contact_type = 2, .after = 30, .add_groups = {0, 2}});
  s.routing.overflow.push_back({.contact_type = 3, .after = 60, .add_groups = {2}});
  s.routing.agent_selection = selection;
  s.routing.levels = levels;
  if (reserve) {
    s.routing.reserve.push_back({.group = 1, .idle_at_least = 1, .for_types = {2}});
    s.routing.reserve.push_back({.group = 4, .idle_at_least = 2, .for_types = {3}});
  }
  return s;
}

// The choice as routing made it before the rows: every eligible group's longest-idle agent
// compared by the policy (under levels: rank the level first, then the policy's rank, then
// idle_since, then agent id), or, for random, a uniform draw over the eligible groups'
// idle agents (of the lowest level under rank) in group order. A group is eligible with
// more idle agents than its reservation keeps for the type. Returns (agent, group).
using IdleLists = std::vector<std::deque<std::pair<int, double>>>;  // by group
std::pair<int, int> BruteForce(const Model& m, const IdleLists& idle, int type, double arrival,
                               double now, engine::RandomStream& g) {
  const scenario::Routing& routing = m.scenario().routing;
  const scenario::AgentSelection selection = routing.agent_selection;
  const bool rank = routing.levels == scenario::Levels::kRank;
  std::vector<const Eligibility*> eligible;
  int lowest = 1 << 30;
  for (const Eligibility& e : m.types()[type].groups) {
    const size_t keep = static_cast<size_t>(KeepIdle(routing, e.group, type));
    if (idle[e.group].size() <= keep || (e.after > 0 && arrival + e.after > now)) continue;
    eligible.push_back(&e);
    lowest = std::min(lowest, e.level);
  }
  if (rank && selection == scenario::AgentSelection::kRandom) {
    std::erase_if(eligible, [&](const Eligibility* e) { return e->level != lowest; });
  }
  int total = 0;
  for (const Eligibility* e : eligible) total += static_cast<int>(idle[e->group].size());
  if (eligible.empty()) return {-1, -1};
  if (selection == scenario::AgentSelection::kRandom) {
    int pick = boost::random::uniform_int_distribution<int>(0, total - 1)(g);
    for (const Eligibility* e : eligible) {
      const int n = static_cast<int>(idle[e->group].size());
      if (pick < n) return {idle[e->group][pick].first, e->group};
      pick -= n;
    }
  }
  auto key = [&](const Eligibility* e) {
    const auto& [agent, since] = idle[e->group].front();
    return std::tuple(rank ? e->level : 0, AgentRank(selection, *e, m.groups()[e->group]), since,
                      agent);
  };
  const Eligibility* best = eligible[0];
  for (const Eligibility* e : eligible) best = key(e) < key(best) ? e : best;
  return {idle[best->group].front().first, best->group};
}

void Remove(IdleLists& idle, int group, int agent) {
  for (auto it = idle[group].begin(); it != idle[group].end(); ++it) {
    if (it->first == agent) {
      idle[group].erase(it);
      return;
    }
  }
}

// Random sequences of agents going idle (often at the same instant), leaving idle, and
// contacts (some having waited past an overflow) taking one: the Router's choice, and each
// type's row in a separate IdleAgents fed the same changes, stay equal to a brute-force scan.
void CheckAgainstBruteForce(scenario::AgentSelection selection, scenario::Levels levels,
                            bool reserve) {
  CentreForTest c(Overlapping(selection, levels, reserve));
  IdleAgents rows(c.model, selection);
  IdleLists idle(c.model.groups().size());
  engine::RandomStream draws = c.streams.Get(kRoutingStream, 0);
  std::mt19937 rng(7);
  const int n_agents = c.model.agent_count(), n_types = 4;
  for (int step = 0; step < 3000; ++step) {
    const int op = static_cast<int>(rng() % 10), agent = static_cast<int>(rng() % n_agents);
    const int group = c.agents[agent].group;
    const double now = c.sim.now();
    if (op < 3) {
      if (rng() % 2) IdleAt(c, -1, now + 1 + rng() % 3);  // (-1: advance the clock only)
    } else if (op < 6) {
      if (c.agents[agent].idle_since >= 0) continue;
      c.router.MakeIdle(agent);
      rows.PushBack(group, agent, now);
      idle[group].emplace_back(agent, now);
    } else if (op < 7) {
      const bool was_idle = c.agents[agent].idle_since >= 0;
      EXPECT_EQ(c.router.TakeIfIdle(agent), was_idle);
      EXPECT_EQ(rows.Erase(group, agent), was_idle);
      Remove(idle, group, agent);
      c.agents[agent].idle_since = -1;
    } else {
      const int type = static_cast<int>(rng() % n_types);
      const double arrival = now - 35.0 * (rng() % 3);
      const Eligibility* terms = nullptr;
      const int chosen = c.router.FindIdleAgent(type, arrival, &terms);
      const auto [expected, expected_group] = BruteForce(c.model, idle, type, arrival, now, draws);
      ASSERT_EQ(chosen, expected) << "step " << step;
      if (chosen < 0) continue;
      EXPECT_EQ(terms->group, expected_group);
      EXPECT_EQ(terms->contact_type, type);
      EXPECT_TRUE(rows.Erase(expected_group, chosen));
      Remove(idle, expected_group, chosen);
      c.agents[chosen].idle_since = -1;
    }
    if (selection == scenario::AgentSelection::kRandom) continue;  // rows are not drawn from
    for (int t = 0; t < n_types; ++t) {
      engine::RandomStream unused = c.streams.Get(kRoutingStream, 1);
      uint32_t best = rows.BestDirect(t);
      const uint32_t overflow = rows.BestOverflow(t, c.sim.now() - 70, c.sim.now());
      if (rows.Before(overflow, best)) best = overflow;
      const auto [agent_bf, group_bf] =
          BruteForce(c.model, idle, t, c.sim.now() - 70, c.sim.now(), unused);
      ASSERT_EQ(best == IdleAgents::kNone ? -1 : rows.terms(best).group, group_bf);
      if (best != IdleAgents::kNone) {
        EXPECT_EQ(static_cast<int>(static_cast<uint32_t>(rows.key(best))), agent_bf);
      }
    }
  }
}

TEST(RouterTest, RowsAndChoicesMatchABruteForceScanForEveryAgentSelection) {
  for (scenario::AgentSelection selection : scenario::kAgentSelections) {
    for (scenario::Levels levels : scenario::kLevels) {
      for (bool reserve : {false, true}) {
        SCOPED_TRACE(std::string(scenario::ToString(selection)) + " levels " +
                     scenario::ToString(levels) + (reserve ? " reserve" : ""));
        CheckAgainstBruteForce(selection, levels, reserve);
      }
    }
  }
}

TEST(RouterTest, AFreedAgentSeesOnlyContactsWaitingForItsGroup) {
  CentreForTest c(TwoQueues(scenario::ContactSelection::kLongestWait));
  const Work w = c.Contact(1, 0);  // only the experts (agent 1) serve type 1
  c.router.Enqueue(w, c.journey_pool[w.journey].customer_key, -1);
  EXPECT_EQ(c.router.NextFor(0).slot, Router::kNone);
  const Router::Pick pick = c.router.NextFor(1);
  ASSERT_NE(pick.slot, Router::kNone);
  c.router.Unqueue(pick.slot);
  c.router.Enqueue(c.Contact(1, 0), 1, -1);
  ASSERT_TRUE(c.router.contact(pick.slot).waiting);  // the freed slot, reused
  c.router.Unqueue(pick.slot);                       // gave up: its queue entry stays, dead
  EXPECT_EQ(c.router.NextFor(1).slot, Router::kNone);
}

}  // namespace
}  // namespace ccsim::model::internal
