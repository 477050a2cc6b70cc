// The Router alone: policies decide on idle agents and waiting contacts set up by hand.
#include "sim/model/router.h"

#include <gtest/gtest.h>

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
  return s;
}

// Advances the clock to `time` (>= now) and makes `agent` idle then.
void IdleAt(CentreForTest& c, int agent, double time) {
  struct MakeIdle {
    Router& router;
    void OnTimeAdvance(double, double) {}
    void OnEvent(const engine::Event& e) { router.MakeIdle(static_cast<int>(e.payload)); }
  } handler{c.router};
  c.sim.Schedule(time, kAgentFree, agent, static_cast<uint32_t>(agent));
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
  EXPECT_EQ(Chosen(AgentSelection::kLongestIdle, 0, 0), 0);  // tie: lower id
  EXPECT_EQ(Chosen(AgentSelection::kLongestIdle, 5, 1), 1);  // idle longer
  EXPECT_EQ(Chosen(AgentSelection::kMostSkilled, 0, 5), 1);  // level 1 beats idle time
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
  c.router.Enqueue(c.Contact(0, -2), 0, -1);  // low priority, waiting longer
  c.router.Enqueue(c.Contact(1, -1), 1, -1);  // high priority
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

}  // namespace
}  // namespace ccsim::model::internal
