#include "sim/model/open_hours.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ccsim::model {
namespace {

constexpr double kHour = 3600;
constexpr double kDay = 24 * kHour;

// Monday to Friday 08:00-20:00, Saturday 09:00-13:00.
scenario::OpenHours Office() {
  scenario::OpenHours open;
  for (int d = 0; d < 5; ++d) open.week.emplace_back(d * kDay + 8 * kHour, d * kDay + 20 * kHour);
  open.week.emplace_back(5 * kDay + 9 * kHour, 5 * kDay + 13 * kHour);
  return open;
}

TEST(OpenHoursTest, OpenAndClosedFromMondayMidnight) {
  const OpenHoursModel m(Office(), 0);
  EXPECT_FALSE(m.always_open());
  EXPECT_FALSE(m.IsOpen(7 * kHour));
  EXPECT_TRUE(m.IsOpen(8 * kHour));
  EXPECT_FALSE(m.IsOpen(20 * kHour));
  EXPECT_EQ(m.NextOpen(7 * kHour), 8 * kHour);
  EXPECT_EQ(m.NextOpen(9 * kHour), 9 * kHour);
  EXPECT_EQ(m.NextClose(9 * kHour), 20 * kHour);
  EXPECT_EQ(m.NextClose(20 * kHour), kDay + 20 * kHour);
  // Saturday 13:00 to the next Monday 08:00.
  EXPECT_EQ(m.NextOpen(5 * kDay + 14 * kHour), 7 * kDay + 8 * kHour);
  EXPECT_EQ(m.NextClose(5 * kDay + 14 * kHour), 7 * kDay + 20 * kHour);
}

TEST(OpenHoursTest, OffsetShiftsTheWeek) {
  // Simulated time 0 is Saturday 12:00: open one hour, then closed until Monday 08:00.
  const OpenHoursModel m(Office(), 5 * kDay + 12 * kHour);
  EXPECT_TRUE(m.IsOpen(0));
  EXPECT_EQ(m.NextClose(0), kHour);
  EXPECT_EQ(m.NextOpen(kHour), 44 * kHour);
}

TEST(OpenHoursTest, ASpanAcrossTheWeekEndIsNoClose) {
  scenario::OpenHours open;
  open.week = {{0, 2 * kHour}, {6 * kDay + 22 * kHour, 7 * kDay}};  // Sun 22:00 - Mon 02:00
  const OpenHoursModel m(open, 0);
  EXPECT_EQ(m.NextClose(6 * kDay + 23 * kHour), 7 * kDay + 2 * kHour);
  EXPECT_EQ(m.NextClose(kHour), 2 * kHour);
  EXPECT_TRUE(m.IsOpen(7 * kDay + kHour));
}

TEST(OpenHoursTest, AlwaysAndNever) {
  scenario::OpenHours all;
  all.week = {{0, kDay}, {kDay, 7 * kDay}};
  EXPECT_TRUE(OpenHoursModel(all, 123).always_open());
  EXPECT_TRUE(std::isinf(OpenHoursModel(all, 0).NextClose(5)));
  const OpenHoursModel never(scenario::OpenHours{}, 0);
  EXPECT_FALSE(never.IsOpen(0));
  EXPECT_TRUE(std::isinf(never.NextOpen(0)));
}

}  // namespace
}  // namespace ccsim::model
