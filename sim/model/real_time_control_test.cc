// Real-time control alone: decided contacts counted by hand, checks run at time 0.
#include "sim/model/real_time_control.h"

#include <gtest/gtest.h>

#include "sim/model/centre_for_test.h"

namespace ccsim::model::internal {
namespace {

scenario::Scenario Controlled() {
  scenario::Scenario s;
  s.name = "control";
  s.horizon = 1000;
  s.contact_types.push_back(ReplayedType("call", {}, 10));
  s.agent_groups.push_back(GroupOf("desk", 1, {{.contact_type = 0}}));
  s.real_time = scenario::RealTime{.check_every = 10, .window = 10, .service_level_below = 0.8};
  s.real_time->postpone_breaks_max = 30;
  return s;
}

TEST(RealTimeControlTest, AnAlertWhenTheServiceLevelFallsBelowTheTrigger) {
  CentreForTest c(Controlled());
  c.control.Start();
  c.agents[0].state = AgentState::kIdle;  // someone on duty
  c.control.CountDecided(true);
  c.control.CountDecided(false);  // 1 of 2 within: below 0.8
  EXPECT_FALSE(c.control.BreakHeld(0));
  c.control.OnCheck();
  EXPECT_EQ(c.recorder.result().alerts, 1);
  EXPECT_TRUE(c.control.BreakHeld(0));
  EXPECT_DOUBLE_EQ(c.control.LookAgainAt(0), 30);   // the hold ends
  EXPECT_DOUBLE_EQ(c.control.LookAgainAt(-20), 10);  // the break's cap comes first
  EXPECT_FALSE(c.control.OnBreaksResume());          // still held at 0
}

TEST(RealTimeControlTest, NoAlertWhileTheServiceLevelHolds) {
  CentreForTest c(Controlled());
  c.control.Start();
  c.agents[0].state = AgentState::kIdle;
  for (int i = 0; i < 4; ++i) c.control.CountDecided(true);
  c.control.CountDecided(false);  // 4 of 5: not below 0.8
  c.control.OnCheck();
  EXPECT_EQ(c.recorder.result().alerts, 0);
  EXPECT_FALSE(c.control.BreakHeld(0));
}

TEST(RealTimeControlTest, NoAlertWhileTheCentreIsClosed) {
  CentreForTest c(Controlled());
  c.control.Start();
  c.control.CountDecided(false);  // every agent offline
  c.control.OnCheck();
  EXPECT_EQ(c.recorder.result().alerts, 0);
}

}  // namespace
}  // namespace ccsim::model::internal
