#include "sim/schedule/roster_csv.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "sim/scenario/calendar.h"

namespace ccsim::schedule {
namespace {

// Seconds as the shortest exact text: "28800", "1800.5".
std::string Seconds(double t) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", t);
  return buf;
}

// A length as "30m" when whole minutes, else seconds.
std::string Length(double seconds) {
  const double minutes = seconds / 60;
  if (minutes == std::floor(minutes)) return Seconds(minutes) + "m";
  return Seconds(seconds);
}

std::string Time(const scenario::Scenario& s, double t) {
  if (!s.start || t != std::floor(t)) return Seconds(t);
  std::string text = scenario::FormatDateTime(*s.start + static_cast<int64_t>(t));
  text[text.find(' ')] = 'T';
  return text;
}

// A break as WHEN+LENGTH: a clock time when the scenario has a start and the break begins on
// a whole minute, else seconds from time 0.
std::string BreakText(const scenario::Scenario& s, double at, double length) {
  if (s.start && at == std::floor(at)) {
    const double tod = scenario::Calendar(*s.start).SecondsIntoDay(at);
    if (std::fmod(tod, 60) == 0) {
      char buf[16];
      const int minutes = static_cast<int>(tod / 60);
      std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
      return std::string(buf) + "+" + Length(length);
    }
  }
  return Seconds(at) + "+" + Length(length);
}

}  // namespace

std::string RosterCsv(const scenario::Scenario& s, const std::vector<ShiftColumn>& columns,
                      const std::vector<int>& counts,
                      const std::vector<scenario::ShiftTemplate>& templates, int group) {
  std::string csv = "agent,start,end,breaks\n";
  std::map<int, int> numbered;  // by template
  for (size_t j = 0; j < columns.size(); ++j) {
    const ShiftColumn& c = columns[j];
    if (c.group != group) continue;
    std::string breaks;
    for (const scenario::Break& b : c.breaks) {
      if (!breaks.empty()) breaks += ';';
      breaks += BreakText(s, c.start + b.after, b.duration);
    }
    const std::string times = Time(s, c.start) + "," + Time(s, c.end) + "," + breaks + "\n";
    for (int k = 0; k < counts[j]; ++k) {
      char number[16];
      std::snprintf(number, sizeof number, "-%03d", ++numbered[c.shift_template]);
      std::string name = templates[c.shift_template].name + number;
      if (name.find_first_of(",\"") != std::string::npos) {
        std::string quoted = "\"";
        for (char ch : name) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        name = quoted + "\"";
      }
      csv += name + "," + times;
    }
  }
  return csv;
}

}  // namespace ccsim::schedule
