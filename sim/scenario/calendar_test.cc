#include "sim/scenario/calendar.h"

#include <gtest/gtest.h>

namespace ccsim::scenario {
namespace {

TEST(CalendarTest, ParsesDateTimesWithSpaceOrT) {
  EXPECT_EQ(ParseDateTime("1970-01-01 00:00"), 0);
  EXPECT_EQ(ParseDateTime("1970-01-02T01:30"), 86400 + 5400);
  EXPECT_EQ(ParseDateTime("1970-01-01 00:00:07"), 7);
  // 2026-03-02 is day 20514 after 1970-01-01 (56 years, 14 of them leap years, + 60 days).
  EXPECT_EQ(ParseDateTime("2026-03-02 08:00"), 20514 * 86400 + 8 * 3600);
}

TEST(CalendarTest, RefusesWhatIsNotADateTime) {
  for (const char* bad : {"2026-02-29 08:00", "2026-13-01 08:00", "2026-03-02 24:00",
                          "2026-03-02 08:60", "2026-03-02", "2026-3-2 8:00", "1899-12-31 00:00",
                          "2026-03-02 08:00Z", "monday", ""}) {
    EXPECT_FALSE(ParseDateTime(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseDateTime("2024-02-29 08:00").has_value());
}

TEST(CalendarTest, ParsesClockTimes) {
  EXPECT_EQ(ParseClockTime("00:00"), 0);
  EXPECT_EQ(ParseClockTime("08:30"), 8 * 3600 + 1800);
  EXPECT_EQ(ParseClockTime("24:00"), 86400);
  EXPECT_FALSE(ParseClockTime("24:01").has_value());
  EXPECT_FALSE(ParseClockTime("8:30").has_value());
  EXPECT_FALSE(ParseClockTime("08:75").has_value());
}

TEST(CalendarTest, LabelsAndWeekdays) {
  const Calendar c(*ParseDateTime("2026-03-02 08:00"));  // a Monday
  EXPECT_EQ(c.DayOfWeek(0), 0);
  EXPECT_EQ(c.DayOfWeek(16 * 3600), 1);  // Tuesday 00:00
  EXPECT_EQ(c.DayOfWeek(6 * 86400), 6);  // Sunday 08:00
  EXPECT_EQ(c.DayOfWeek(6 * 86400 + 16 * 3600), 0);  // Monday 00:00 again
  EXPECT_EQ(c.DayOfWeek(5 * 86400), 5);  // Saturday
  EXPECT_EQ(c.Label(3600), "Mon 03-02 09:00");
  EXPECT_EQ(c.Label(16 * 3600 + 90), "Tue 03-03 00:01:30");
  EXPECT_EQ(c.Iso(3600), "2026-03-02T09:00:00");
  EXPECT_EQ(FormatDateTime(c.start()), "2026-03-02 08:00");
  EXPECT_DOUBLE_EQ(c.SecondsIntoWeek(0), 8 * 3600);
  EXPECT_DOUBLE_EQ(c.SecondsIntoWeek(7 * 86400 - 8 * 3600), 0);
  EXPECT_DOUBLE_EQ(c.SecondsIntoDay(0.5), 8 * 3600 + 0.5);
  EXPECT_EQ(c.DayIndex(0), 0);
  EXPECT_EQ(c.DayIndex(16 * 3600 - 1), 0);
  EXPECT_EQ(c.DayIndex(16 * 3600), 1);
}

TEST(CalendarTest, NextClockTime) {
  const Calendar c(*ParseDateTime("2026-03-02 10:00"));
  EXPECT_DOUBLE_EQ(c.NextClockTime(0, 12 * 3600), 2 * 3600);
  EXPECT_DOUBLE_EQ(c.NextClockTime(0, 10 * 3600), 0);
  EXPECT_DOUBLE_EQ(c.NextClockTime(0, 8 * 3600), 22 * 3600);
}

// Dates checked against Python's datetime (proleptic Gregorian, as std::chrono).
TEST(CalendarTest, LabelsAcrossMidnightWeekAndYearEnds) {
  const Calendar new_year(*ParseDateTime("2026-12-31 22:00"));  // a Thursday
  EXPECT_EQ(new_year.Label(3600), "Thu 12-31 23:00");
  EXPECT_EQ(new_year.Label(2 * 3600), "Fri 01-01 00:00");
  EXPECT_EQ(new_year.Iso(2 * 3600 - 1), "2026-12-31T23:59:59");
  EXPECT_EQ(new_year.Iso(2 * 3600), "2027-01-01T00:00:00");
  EXPECT_EQ(new_year.DayIndex(2 * 3600), 1);
  const Calendar sunday(*ParseDateTime("2026-03-08 23:30"));
  EXPECT_EQ(sunday.Label(0), "Sun 03-08 23:30");
  EXPECT_EQ(sunday.Label(1800), "Mon 03-09 00:00");
  EXPECT_EQ(sunday.DayOfWeek(1800), 0);
  EXPECT_EQ(sunday.Label(1800 + kSecondsPerWeek), "Mon 03-16 00:00");
  const Calendar leap(*ParseDateTime("2028-02-28 23:00"));  // 2028 is a leap year
  EXPECT_EQ(leap.Label(3600), "Tue 02-29 00:00");
  EXPECT_EQ(leap.Label(3600 + kSecondsPerDay), "Wed 03-01 00:00");
  EXPECT_EQ(leap.Iso(3600 + kSecondsPerDay), "2028-03-01T00:00:00");
}

TEST(TimeLabelsTest, ClockTimeWithAStartElapsedWithout) {
  const TimeLabels clock(ParseDateTime("2026-03-02 08:00")), elapsed(std::nullopt);
  ASSERT_NE(clock.calendar(), nullptr);
  EXPECT_EQ(clock.calendar()->start(), *ParseDateTime("2026-03-02 08:00"));
  EXPECT_EQ(elapsed.calendar(), nullptr);
  EXPECT_EQ(clock.At(1800), "Mon 03-02 08:30");
  EXPECT_EQ(clock.At(16 * 3600), "Tue 03-03 00:00");
  EXPECT_EQ(clock.Interval(1800, 3600), "Mon 03-02 08:30");
  EXPECT_STREQ(clock.IntervalHeader(), "interval");
  EXPECT_EQ(clock.Iso(0), "2026-03-02T08:00:00");
  EXPECT_EQ(elapsed.Iso(0), "");
  // Without a start: the labels of before (h:mm from time 0, rounded to the minute).
  EXPECT_EQ(elapsed.At(99000), "27:30");
  EXPECT_EQ(elapsed.At(29.9), "0:00");
  EXPECT_EQ(elapsed.At(30), "0:01");
  EXPECT_EQ(elapsed.Interval(0, 1800), "0:00-0:30");
  EXPECT_EQ(elapsed.Interval(23.5 * 3600, 24 * 3600), "23:30-24:00");
  EXPECT_STREQ(elapsed.IntervalHeader(), "elapsed");
  EXPECT_EQ(ElapsedLabel(13 * kSecondsPerWeek), "2184:00");
}

TEST(CalendarTest, DayNames) {
  EXPECT_STREQ(DayName(0), "Mon");
  EXPECT_STREQ(DayName(6), "Sun");
  EXPECT_EQ(ParseDayName("sat"), 5);
  EXPECT_FALSE(ParseDayName("Sat").has_value());
}

}  // namespace
}  // namespace ccsim::scenario
