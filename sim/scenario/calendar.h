// Local dates and times of day (SPEC §6): the scenario's `start`, clock times such as
// "08:30", and the labels every output uses when a scenario has a start.
//
// Local time has no zones and no daylight saving: every day has 24 h. A date-time is held
// as whole seconds since 1970-01-01 00:00 local time ("civil seconds"), so simulated time t
// is at civil second start + t.
//
// Example:
//   std::optional<int64_t> start = ParseDateTime("2026-03-02 08:00");   // a Monday
//   Calendar c(*start);
//   c.Label(3600);          // "Mon 03-02 09:00"
//   c.Iso(3600);            // "2026-03-02T09:00:00"
//   c.DayOfWeek(86400);     // 1 (Tuesday; Monday is 0)
//   ParseClockTime("17:30");   // 63000 (seconds after midnight)
#ifndef CCSIM_SCENARIO_CALENDAR_H_
#define CCSIM_SCENARIO_CALENDAR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ccsim::scenario {

inline constexpr int64_t kSecondsPerDay = 86400;
inline constexpr int64_t kSecondsPerWeek = 7 * kSecondsPerDay;

// "Mon", ..., "Sun" for 0..6.
const char* DayName(int day_of_week);
// 0..6 for "mon".."sun" (lower case, as in scenario keys); nullopt otherwise.
std::optional<int> ParseDayName(std::string_view name);

// "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM" (seconds ":SS" accepted), a valid date between
// the years 1900 and 9999, as civil seconds; nullopt otherwise.
std::optional<int64_t> ParseDateTime(std::string_view text);
// "HH:MM" (00:00 to 24:00), as seconds after midnight; nullopt otherwise.
std::optional<int64_t> ParseClockTime(std::string_view text);
// Civil seconds as "YYYY-MM-DD HH:MM" (":SS" when not whole minutes).
std::string FormatDateTime(int64_t civil_seconds);

// Simulated time against the calendar of a scenario with a start.
class Calendar {
 public:
  explicit Calendar(int64_t start) : start_(start) {}

  int64_t start() const { return start_; }
  // Civil seconds at simulated time t (rounded down to the second).
  int64_t CivilAt(double t) const;
  // 0 (Monday) .. 6 (Sunday) at simulated time t.
  int DayOfWeek(double t) const;
  // Seconds since the Monday 00:00 before (or at) simulated time t, in [0, 7 days).
  double SecondsIntoWeek(double t) const;
  // Seconds since the midnight before (or at) simulated time t, in [0, 24 h).
  double SecondsIntoDay(double t) const;
  // Calendar days since the start's day: 0 before the first midnight after the start.
  int64_t DayIndex(double t) const;
  // The first simulated time >= `from` at which the clock reads `seconds_of_day`.
  double NextClockTime(double from, double seconds_of_day) const;
  // "Mon 03-02 08:00" (":SS" when not whole minutes): interval tables.
  std::string Label(double t) const;
  // "2026-03-02T08:00:00": ISO 8601 local time, for files.
  std::string Iso(double t) const;

 private:
  int64_t start_;
};

// How every output names simulated time (interval tables, JSON, result files, warnings):
// with the scenario's start as clock time, without it as the time elapsed since time 0.
// The one place the labels are made, so that every output says the same.
//
// Example:
//   TimeLabels clock(ParseDateTime("2026-03-02 08:00")), elapsed(std::nullopt);
//   clock.At(1800);              // "Mon 03-02 08:30"
//   elapsed.At(99000);           // "27:30"
//   clock.Interval(0, 1800);     // "Mon 03-02 08:00" (the interval's start)
//   elapsed.Interval(0, 1800);   // "0:00-0:30"
//   clock.calendar()->Iso(0);    // "2026-03-02T08:00:00", for files
class TimeLabels {
 public:
  explicit TimeLabels(std::optional<int64_t> start);

  // The scenario's calendar; null without a start.
  const Calendar* calendar() const { return calendar_ ? &*calendar_ : nullptr; }
  // Simulated time t: "Mon 03-02 08:30" with a start, elapsed "h:mm" ("27:30") without.
  std::string At(double t) const;
  // A reporting interval [begin, end): its start's clock time with a start, elapsed
  // "h:mm-h:mm" without.
  std::string Interval(double begin, double end) const;
  // What an Interval() column is headed: "interval" with a start, "elapsed" without.
  const char* IntervalHeader() const;
  // Calendar::Iso(t) with a start ("2026-03-02T08:00:00"), "" without: Iso(0) is the
  // `start` that result files carry.
  std::string Iso(double t) const;

 private:
  std::optional<Calendar> calendar_;
};

// Elapsed time as "h:mm", rounded to the minute ("27:30" on the second day).
std::string ElapsedLabel(double t);

}  // namespace ccsim::scenario

#endif  // CCSIM_SCENARIO_CALENDAR_H_
