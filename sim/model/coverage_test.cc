#include "sim/model/coverage.h"

#include <gtest/gtest.h>

#include "sim/scenario/calendar.h"

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

constexpr double kHour = 3600, kDay = 86400;

// Day(), open Monday to Friday 08:00-20:00 over a week from Monday 00:00, with a daily shift
// from `from` to `to` (hours).
scenario::Scenario OpenWeek(double from, double to) {
  scenario::Scenario s = Day();
  s.horizon = 7 * kDay;
  s.start = scenario::ParseDateTime("2026-03-02 00:00");
  scenario::OpenHours open;
  for (int d = 0; d < 5; ++d) open.week.emplace_back(d * kDay + 8 * kHour, d * kDay + 20 * kHour);
  s.contact_types[0].open = open;
  s.agent_groups[0].shifts = {{.start = from * kHour,
                               .end = to * kHour,
                               .agents = 2,
                               .repeat = scenario::ShiftRepeat::kDaily}};
  return s;
}

TEST(CoverageTest, OpenHoursWithoutStaffAreUnstaffedPeriods) {
  // Shifts 08:00-16:00 every day: 16:00-20:00 of each weekday has calls and nobody.
  const std::vector<UnstaffedArrivals> u = FindUnstaffedArrivals(OpenWeek(8, 16));
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].contact_type, 0);
  EXPECT_DOUBLE_EQ(u[0].from, 16 * kHour);
  EXPECT_DOUBLE_EQ(u[0].to, 20 * kHour);
  EXPECT_EQ(u[0].periods, 5);
  // The shifts cover the open hours: nothing to say, and closed nights need no one.
  EXPECT_TRUE(FindUnstaffedArrivals(OpenWeek(7, 21)).empty());
  EXPECT_TRUE(FindUncoveredArrivals(OpenWeek(7, 21)).empty());
}

TEST(CoverageTest, AClosedNightDoesNotSplitAPeriod) {
  // Shifts 10:00-12:00: Monday 08:00-10:00 waits for the first shift; then each evening
  // from 12:00 and the next morning to 10:00 wait for the same shift (one period each, the
  // closed night between them no split): Mon-Tue, ..., Thu-Fri, and Friday 12:00-20:00 for
  // Saturday's shift. Split at every close it would be 10.
  const std::vector<UnstaffedArrivals> u = FindUnstaffedArrivals(OpenWeek(10, 12));
  ASSERT_EQ(u.size(), 1u);
  EXPECT_DOUBLE_EQ(u[0].from, 8 * kHour);
  EXPECT_DOUBLE_EQ(u[0].to, 10 * kHour);
  EXPECT_EQ(u[0].periods, 6);
}

TEST(CoverageTest, TheLastArrivalCountsOpenHours) {
  // Five days, shifts 08:00-16:00: Friday's calls go on to 20:00 after the last shift.
  scenario::Scenario s = OpenWeek(8, 16);
  s.horizon = 5 * kDay;
  const std::vector<UncoveredArrivals> tail = FindUncoveredArrivals(s);
  ASSERT_EQ(tail.size(), 1u);
  EXPECT_DOUBLE_EQ(tail[0].last_on_duty, 4 * kDay + 16 * kHour);
  EXPECT_DOUBLE_EQ(tail[0].last_arrival, 4 * kDay + 20 * kHour);
  // ... and the four evenings before it are waits for the next shift.
  const std::vector<UnstaffedArrivals> u = FindUnstaffedArrivals(s);
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].periods, 4);
}

TEST(CoverageTest, ReplayedArrivalsBetweenShifts) {
  scenario::Scenario s = Day();
  s.contact_types[0].arrivals.kind = scenario::ArrivalKind::kFile;
  s.contact_types[0].arrivals.times = {10, 3600, 5000, 9000};
  s.agent_groups[0].shifts = {{.start = 0, .end = 3600, .agents = 1},
                              {.start = 7200, .end = 10000, .agents = 1}};
  const std::vector<UnstaffedArrivals> u = FindUnstaffedArrivals(s);
  ASSERT_EQ(u.size(), 1u);
  EXPECT_DOUBLE_EQ(u[0].from, 3600);  // a shift's end is off duty
  EXPECT_DOUBLE_EQ(u[0].to, 5000);
  EXPECT_EQ(u[0].periods, 1);
}

TEST(CoverageTest, PatternsThatRepeatAndForecastsThatEnd) {
  scenario::Scenario s = Day();
  s.horizon = 3 * kDay;
  scenario::Arrivals& a = s.contact_types[0].arrivals;
  a.kind = scenario::ArrivalKind::kPattern;
  a.slot = kHour;
  a.rates.assign(24, 0.01);
  std::vector<RepeatingPattern> r = FindRepeatingPatterns(s);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_DOUBLE_EQ(r[0].period, kDay);
  s.horizon = kDay;  // the whole pattern, once
  EXPECT_TRUE(FindRepeatingPatterns(s).empty());
  a.kind = scenario::ArrivalKind::kWeekly;
  a.rates.assign(7 * 24, 0.01);
  s.horizon = 14 * kDay;
  r = FindRepeatingPatterns(s);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_DOUBLE_EQ(r[0].period, 7 * kDay);
  // A forecast of four half hours from 1 h does not repeat: it ends at 3 h.
  a.kind = scenario::ArrivalKind::kForecast;
  a.slot = 1800;
  a.rates = {0.01, 0.02, 0, 0.01};
  a.offset = -kHour;
  a.repeats = false;
  EXPECT_TRUE(FindRepeatingPatterns(s).empty());
  const std::vector<ShortForecast> f = FindShortForecasts(s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_DOUBLE_EQ(f[0].end, 3 * kHour);
  s.horizon = 3 * kHour;
  EXPECT_TRUE(FindShortForecasts(s).empty());
}

}  // namespace
}  // namespace ccsim::model
