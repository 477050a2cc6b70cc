#include "sim/model/coverage.h"

#include <gtest/gtest.h>

namespace ccsim::model {
namespace {

// One call type at 10/h over 8 h, served by `desk`.
scenario::Scenario Day() {
  scenario::Scenario s;
  s.horizon = 8 * 3600;
  scenario::ContactType call;
  call.name = "call";
  call.arrivals = scenario::Arrivals::Rate(10.0 / 3600);
  s.contact_types.push_back(call);
  scenario::AgentGroup desk;
  desk.name = "desk";
  desk.agents = 2;
  desk.skills = {{.contact_type = 0}};
  s.agent_groups.push_back(desk);
  return s;
}

TEST(CoverageTest, AConstantHeadcountCoversEverything) {
  EXPECT_TRUE(FindUncoveredArrivals(Day()).empty());
}

TEST(CoverageTest, ArrivalsAfterTheLastShiftAreReported) {
  scenario::Scenario s = Day();
  s.agent_groups[0].shifts = {{.start = 0, .end = 3600, .agents = 2},
                              {.start = 3600, .end = 4 * 3600, .agents = 1}};
  const std::vector<UncoveredArrivals> u = FindUncoveredArrivals(s);
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].contact_type, 0);
  EXPECT_DOUBLE_EQ(u[0].last_on_duty, 4 * 3600);
  EXPECT_DOUBLE_EQ(u[0].last_arrival, 8 * 3600);
}

TEST(CoverageTest, AShiftToTheHorizonOrAnOverflowGroupCovers) {
  scenario::Scenario s = Day();
  s.agent_groups[0].shifts = {{.start = 0, .end = 4 * 3600, .agents = 2},
                              {.start = 4 * 3600, .end = 8 * 3600, .agents = 1}};
  EXPECT_TRUE(FindUncoveredArrivals(s).empty());
  s.agent_groups[0].shifts.pop_back();
  scenario::AgentGroup backup;
  backup.name = "backup";
  backup.agents = 1;
  s.agent_groups.push_back(backup);
  s.routing.overflow.push_back({.contact_type = 0, .after = 60, .add_groups = {1}});
  EXPECT_TRUE(FindUncoveredArrivals(s).empty());
}

TEST(CoverageTest, DailyShiftsAndPatternsCountTheirLastRepeat) {
  scenario::Scenario s = Day();
  s.horizon = 3 * 86400;
  s.agent_groups[0].shifts = {
      {.start = 8 * 3600, .end = 16 * 3600, .agents = 2, .repeat = scenario::ShiftRepeat::kDaily}};
  // Calls only between 09:00 and 15:00 of each day: always someone on duty.
  s.contact_types[0].arrivals.kind = scenario::ArrivalKind::kPattern;
  s.contact_types[0].arrivals.slot = 3600;
  s.contact_types[0].arrivals.rates.assign(24, 0.0);
  for (int h = 9; h < 15; ++h) s.contact_types[0].arrivals.rates[h] = 0.01;
  EXPECT_TRUE(FindUncoveredArrivals(s).empty());
  // Calls until 20:00: after the last day's shift ends at 16:00 of day 3.
  s.contact_types[0].arrivals.rates[19] = 0.01;
  const std::vector<UncoveredArrivals> u = FindUncoveredArrivals(s);
  ASSERT_EQ(u.size(), 1u);
  EXPECT_DOUBLE_EQ(u[0].last_on_duty, 2 * 86400 + 16 * 3600);
  EXPECT_DOUBLE_EQ(u[0].last_arrival, 2 * 86400 + 20 * 3600);
}

TEST(CoverageTest, ReplayedArrivalsEndAtTheirLastTime) {
  scenario::Scenario s = Day();
  s.contact_types[0].arrivals.kind = scenario::ArrivalKind::kFile;
  s.contact_types[0].arrivals.times = {10, 100, 5000};
  s.agent_groups[0].shifts = {{.start = 0, .end = 4000, .agents = 1}};
  const std::vector<UncoveredArrivals> u = FindUncoveredArrivals(s);
  ASSERT_EQ(u.size(), 1u);
  EXPECT_DOUBLE_EQ(u[0].last_arrival, 5000);
  s.contact_types[0].arrivals.times.pop_back();
  EXPECT_TRUE(FindUncoveredArrivals(s).empty());
}

}  // namespace
}  // namespace ccsim::model
