#include "sim/schedule/shift_columns.h"

#include <algorithm>
#include <cmath>

#include "sim/scenario/calendar.h"

namespace ccsim::schedule {

using scenario::kSecondsPerDay;

int PlanningGrid::count() const {
  return std::max(1, static_cast<int>(std::ceil(horizon / interval - 1e-9)));
}

double PlanningGrid::End(int i) const { return std::min((i + 1) * interval, horizon); }

namespace {

// Without a start, clock times count from time 0: a calendar whose time 0 is a midnight
// (Monday 2001-01-01 00:00), so that a time of day is t modulo 24 h.
constexpr int64_t kMidnightWithoutStart = 978307200;

constexpr double kEpsilon = 1e-6;

scenario::Calendar CalendarOf(const scenario::Scenario& s) {
  return scenario::Calendar(s.start.value_or(kMidnightWithoutStart));
}

// Where break `b` may start in the shift [start, end): every step of its window, the
// window taken on each day the shift touches.
std::vector<double> BreakPositions(const scenario::BreakWindow& b, double start, double end,
                                   double step, const scenario::Calendar& cal) {
  const double span = std::fmod(b.latest - b.earliest + kSecondsPerDay, kSecondsPerDay);
  std::vector<double> positions;
  for (double o = cal.NextClockTime(start - kSecondsPerDay, b.earliest); o < end;
       o += kSecondsPerDay) {
    for (double p = o; p <= o + span + kEpsilon; p += step) {
      if (p >= start - kEpsilon && p + b.length <= end + kEpsilon) positions.push_back(p);
    }
  }
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  return positions;
}

// Appends one column per choice of positions for breaks k.. (in time order, not
// overlapping), after the breaks already chosen in `column`. False when over kMaxColumns.
bool AddBreakChoices(const std::vector<std::vector<double>>& positions,
                     const std::vector<scenario::BreakWindow>& windows, size_t k,
                     ShiftColumn& column, std::vector<ShiftColumn>& out) {
  if (k == windows.size()) {
    if (out.size() >= kMaxColumns) return false;
    out.push_back(column);
    return true;
  }
  const double free_from =
      column.breaks.empty() ? column.start
                            : column.start + column.breaks.back().after + column.breaks.back().duration;
  for (double p : positions[k]) {
    if (p < free_from - kEpsilon) continue;
    column.breaks.push_back({.after = p - column.start, .duration = windows[k].length});
    const bool ok = AddBreakChoices(positions, windows, k + 1, column, out);
    column.breaks.pop_back();
    if (!ok) return false;
  }
  return true;
}

// The groups that may work template `t`: its own, each of which must be scheduled.
std::vector<int> GroupsOf(const scenario::ShiftTemplate& t, const std::vector<int>& scheduled,
                          const scenario::Scenario& s, scenario::Diagnostics& errors) {
  if (t.groups.empty()) return scheduled;
  std::vector<int> groups;
  for (size_t k = 0; k < t.groups.size(); ++k) {
    if (std::find(scheduled.begin(), scheduled.end(), t.groups[k]) != scheduled.end()) {
      groups.push_back(t.groups[k]);
      continue;
    }
    errors.push_back({t.group_where[k], "templates." + t.name + ".groups: group '" +
                                            s.agent_groups[t.groups[k]].name +
                                            "' is not scheduled; add --group " +
                                            s.agent_groups[t.groups[k]].name +
                                            " or leave it out"});
  }
  return groups;
}

// The columns of one template for one group. False when over kMaxColumns.
bool AddTemplateColumns(const scenario::Scenario& s, const scenario::ShiftTemplate& t,
                        int index, int group, const PlanningGrid& grid,
                        std::vector<ShiftColumn>& out) {
  const scenario::Calendar cal = CalendarOf(s);
  const double first_midnight = -cal.SecondsIntoDay(0);
  for (double midnight = first_midnight; midnight < s.horizon; midnight += kSecondsPerDay) {
    for (double tod : t.starts) {
      const double start = midnight + tod;
      if (start < 0 || start >= s.horizon) continue;
      if (s.start && !(t.days & (1u << cal.DayOfWeek(start)))) continue;
      ShiftColumn column{.shift_template = index, .group = group, .start = start,
                         .end = start + t.length, .cost = t.cost_per_hour * t.length / 3600};
      std::vector<std::vector<double>> positions;
      for (const scenario::BreakWindow& b : t.breaks) {
        positions.push_back(
            BreakPositions(b, column.start, column.end, b.step > 0 ? b.step : grid.interval, cal));
      }
      if (!AddBreakChoices(positions, t.breaks, 0, column, out)) return false;
    }
  }
  return true;
}

}  // namespace

ColumnsResult BuildColumns(const scenario::Scenario& s,
                           const std::vector<scenario::ShiftTemplate>& templates,
                           const std::vector<int>& groups, const PlanningGrid& grid) {
  ColumnsResult result;
  for (size_t k = 0; k < templates.size(); ++k) {
    const scenario::ShiftTemplate& t = templates[k];
    const size_t before = result.columns.size();
    const size_t errors_before = result.errors.size();
    for (int g : GroupsOf(t, groups, s, result.errors)) {
      if (!AddTemplateColumns(s, t, static_cast<int>(k), g, grid, result.columns)) {
        result.errors.push_back(
            {t.where, "templates." + t.name + ": the templates make more than " +
                          std::to_string(kMaxColumns) +
                          " possible shifts; use fewer start times, wider break steps or a "
                          "shorter horizon"});
        return result;
      }
    }
    if (result.columns.size() == before && result.errors.size() == errors_before) {
      result.unused.push_back(t.where.file + ":" + std::to_string(t.where.line) + ":" +
                              std::to_string(t.where.column) + ": templates." + t.name +
                              ": no shift of this template fits: none starts within the "
                              "horizon on its days with its breaks inside the shift");
    }
  }
  return result;
}

std::vector<std::pair<int, double>> Coverage(const ShiftColumn& c, const PlanningGrid& grid) {
  std::vector<std::pair<int, double>> cover;
  const int n = grid.count();
  const int first = std::max(0, static_cast<int>(c.start / grid.interval));
  for (int i = first; i < n && grid.Start(i) < c.end; ++i) {
    const double a = grid.Start(i), b = grid.End(i);
    const auto overlap = [a, b](double from, double to) {
      return std::max(0.0, std::min(b, to) - std::max(a, from));
    };
    double on = overlap(c.start, c.end);
    for (const scenario::Break& br : c.breaks) {
      on -= overlap(c.start + br.after, c.start + br.after + br.duration);
    }
    const double share = on / (b - a);
    if (share > kEpsilon) cover.push_back({i, std::min(1.0, share)});
  }
  return cover;
}

}  // namespace ccsim::schedule
