#include "sim/scenario/calendar.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace ccsim::scenario {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr const char* kDayNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::string_view kLowerDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// Floor division for negative civil seconds (dates before 1970).
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// The digits of text[at, at + n) as a number; nullopt unless they are all digits.
std::optional<int> Digits(std::string_view text, size_t at, size_t n) {
  if (at + n > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

struct Parts {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

Parts Split(int64_t civil) {
  const int64_t day_number = FloorDiv(civil, kSecondsPerDay);
  const int64_t in_day = civil - day_number * kSecondsPerDay;
  const year_month_day ymd{sys_days{days{day_number}}};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(in_day / 3600),
          static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60)};
}

}  // namespace

const char* DayName(int day_of_week) { return kDayNames[((day_of_week % 7) + 7) % 7]; }

std::optional<int> ParseDayName(std::string_view name) {
  for (int i = 0; i < 7; ++i) {
    if (name == kLowerDayNames[i]) return i;
  }
  return std::nullopt;
}

std::optional<int64_t> ParseDateTime(std::string_view text) {
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  if (text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') ||
      text[13] != ':' || (text.size() == 19 && text[16] != ':')) {
    return std::nullopt;
  }
  const auto y = Digits(text, 0, 4), mo = Digits(text, 5, 2), d = Digits(text, 8, 2);
  const auto h = Digits(text, 11, 2), mi = Digits(text, 14, 2);
  const auto s = text.size() == 19 ? Digits(text, 17, 2) : std::optional<int>(0);
  if (!y || !mo || !d || !h || !mi || !s || *y < 1900 || *h > 23 || *mi > 59 || *s > 59) {
    return std::nullopt;
  }
  const year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*mo)},
                           std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  const int64_t day_number = sys_days{ymd}.time_since_epoch().count();
  return day_number * kSecondsPerDay + *h * 3600 + *mi * 60 + *s;
}

std::optional<int64_t> ParseClockTime(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto h = Digits(text, 0, 2), m = Digits(text, 3, 2);
  if (!h || !m || *m > 59 || *h > 24 || (*h == 24 && *m != 0)) return std::nullopt;
  return *h * 3600 + *m * 60;
}

std::string FormatDateTime(int64_t civil_seconds) {
  const Parts p = Split(civil_seconds);
  char text[32];
  if (p.second == 0) {
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", p.year, p.month, p.day, p.hour,
                  p.minute);
  } else {
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", p.year, p.month, p.day,
                  p.hour, p.minute, p.second);
  }
  return text;
}

int64_t Calendar::CivilAt(double t) const {
  return start_ + static_cast<int64_t>(std::floor(t));
}

int Calendar::DayOfWeek(double t) const {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const int64_t day_number = FloorDiv(CivilAt(t), kSecondsPerDay);
  return static_cast<int>(((day_number + 3) % 7 + 7) % 7);
}

double Calendar::SecondsIntoWeek(double t) const {
  // Mondays are the days whose number is 4 mod 7 (1970-01-05 was one).
  const double civil = static_cast<double>(start_) + t;
  const double since_monday = civil - 4.0 * kSecondsPerDay;
  return since_monday - std::floor(since_monday / kSecondsPerWeek) * kSecondsPerWeek;
}

double Calendar::SecondsIntoDay(double t) const {
  const double civil = static_cast<double>(start_) + t;
  return civil - std::floor(civil / kSecondsPerDay) * kSecondsPerDay;
}

int64_t Calendar::DayIndex(double t) const {
  return FloorDiv(CivilAt(t), kSecondsPerDay) - FloorDiv(start_, kSecondsPerDay);
}

double Calendar::NextClockTime(double from, double seconds_of_day) const {
  const double into_day = SecondsIntoDay(from);
  double wait = seconds_of_day - into_day;
  if (wait < 0) wait += kSecondsPerDay;
  return from + wait;
}

std::string Calendar::Label(double t) const {
  const Parts p = Split(CivilAt(t));
  char text[32];
  if (p.second == 0) {
    std::snprintf(text, sizeof text, "%s %02d-%02d %02d:%02d", DayName(DayOfWeek(t)), p.month,
                  p.day, p.hour, p.minute);
  } else {
    std::snprintf(text, sizeof text, "%s %02d-%02d %02d:%02d:%02d", DayName(DayOfWeek(t)),
                  p.month, p.day, p.hour, p.minute, p.second);
  }
  return text;
}

std::string Calendar::Iso(double t) const {
  const Parts p = Split(CivilAt(t));
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", p.year, p.month, p.day,
                p.hour, p.minute, p.second);
  return text;
}

TimeLabels::TimeLabels(std::optional<int64_t> start) {
  if (start) calendar_.emplace(*start);
}

std::string TimeLabels::At(double t) const {
  return calendar_ ? calendar_->Label(t) : ElapsedLabel(t);
}

std::string TimeLabels::Interval(double begin, double end) const {
  return calendar_ ? calendar_->Label(begin) : ElapsedLabel(begin) + "-" + ElapsedLabel(end);
}

const char* TimeLabels::IntervalHeader() const { return calendar_ ? "interval" : "elapsed"; }

std::string TimeLabels::Iso(double t) const { return calendar_ ? calendar_->Iso(t) : ""; }

std::string ElapsedLabel(double t) {
  const auto minutes = static_cast<long long>(t / 60 + 0.5);
  char text[32];
  std::snprintf(text, sizeof text, "%lld:%02lld", minutes / 60, minutes % 60);
  return text;
}

}  // namespace ccsim::scenario
