#include "sim/model/coverage.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

#include "sim/model/open_hours.h"
#include "sim/scenario/calendar.h"

namespace ccsim::model {

namespace {

constexpr double kForever = std::numeric_limits<double>::infinity();
constexpr double kDay = 86400;

// Sorted, disjoint [from, to) spans of simulated time; [t, t] is one replayed arrival.
using Span = std::pair<double, double>;
using Spans = std::vector<Span>;

bool IsPoint(const Span& s) { return s.first == s.second; }

// Appends [from, to), joined to the last span when they touch.
void Append(Spans& spans, double from, double to) {
  if (!spans.empty() && !IsPoint(spans.back()) && from <= spans.back().second && from < to) {
    spans.back().second = std::max(spans.back().second, to);
  } else {
    spans.emplace_back(from, to);
  }
}

Spans Merged(Spans spans) {
  std::sort(spans.begin(), spans.end());
  Spans merged;
  for (const auto& [from, to] : spans) Append(merged, from, to);
  return merged;
}

// When the group has someone on duty (kForever for a constant headcount).
void AddDuty(const scenario::AgentGroup& g, double horizon, Spans& duty) {
  if (g.shifts.empty()) {
    if (g.agents > 0) duty.emplace_back(0, kForever);
    return;
  }
  for (const scenario::Shift& shift : g.shifts) {
    if (shift.agents <= 0) continue;
    const bool daily = shift.repeat == scenario::ShiftRepeat::kDaily;
    for (double start = shift.start; start < horizon; start += kDay) {
      duty.emplace_back(start, start + (shift.end - shift.start));
      if (!daily) break;
    }
  }
}

// When someone who serves `type` (a skill or an overflow rule) is on duty.
Spans DutyOf(const scenario::Scenario& s, int type) {
  std::vector<bool> serves(s.agent_groups.size(), false);
  for (size_t g = 0; g < s.agent_groups.size(); ++g) {
    for (const scenario::Skill& skill : s.agent_groups[g].skills) {
      if (skill.contact_type == type) serves[g] = true;
    }
  }
  for (const scenario::Overflow& o : s.routing.overflow) {
    if (o.contact_type != type) continue;
    for (int g : o.add_groups) serves[g] = true;
  }
  Spans duty;
  for (size_t g = 0; g < serves.size(); ++g) {
    if (serves[g]) AddDuty(s.agent_groups[g], s.horizon, duty);
  }
  return Merged(std::move(duty));
}

// The slots of a pattern (weekly pattern, forecast) with a positive rate, within the horizon.
Spans PatternSpans(const scenario::Arrivals& a, double horizon) {
  Spans spans;
  const auto n = static_cast<int64_t>(a.rates.size());
  if (!(a.slot > 0) || n == 0) return spans;
  auto k = static_cast<int64_t>(std::floor(a.offset / a.slot));  // the slot at time 0
  if (!a.repeats) k = std::max<int64_t>(k, 0);
  for (;; ++k) {
    const double from = static_cast<double>(k) * a.slot - a.offset;
    if (from >= horizon || (!a.repeats && k >= n)) break;
    if (a.rates[static_cast<size_t>(((k % n) + n) % n)] > 0) {
      Append(spans, std::max(from, 0.0), std::min(from + a.slot, horizon));
    }
  }
  return spans;
}

// When the type is open within the horizon (always, without open hours).
Spans OpenSpans(const scenario::Scenario& s, const scenario::ContactType& type) {
  if (!type.open) return {{0, s.horizon}};
  const OpenHoursModel open(*type.open, scenario::Calendar(s.start.value_or(0)).SecondsIntoWeek(0));
  Spans spans;
  for (double t = open.NextOpen(0); t < s.horizon;) {
    const double close = open.NextClose(t);
    spans.emplace_back(t, std::min(close, s.horizon));
    t = open.NextOpen(close);
  }
  return spans;
}

// The parts of `a` inside `b` (a point is inside when within [from, to) of a span of b).
Spans Intersect(const Spans& a, const Spans& b) {
  Spans out;
  size_t j = 0;
  for (const Span& x : a) {
    while (j < b.size() && b[j].second <= x.first) ++j;
    for (size_t k = j; k < b.size() && b[k].first <= x.second; ++k) {
      if (IsPoint(x)) {
        if (x.first >= b[k].first && x.first < b[k].second) out.push_back(x);
        break;
      }
      const double from = std::max(x.first, b[k].first), to = std::min(x.second, b[k].second);
      if (from < to) Append(out, from, to);
    }
  }
  return out;
}

// When the type has arrivals (a positive rate, or a replayed time) within the horizon.
Spans ArrivalSpans(const scenario::Scenario& s, const scenario::ContactType& type) {
  const scenario::Arrivals& a = type.arrivals;
  Spans spans;
  switch (a.kind) {
    case scenario::ArrivalKind::kRate:
      if (a.rate > 0) spans.emplace_back(0, s.horizon);
      break;
    case scenario::ArrivalKind::kFile:
      for (double t : a.times) {
        if (t >= s.horizon) break;
        if (spans.empty() || spans.back().first != t) spans.emplace_back(t, t);
      }
      break;
    default:
      spans = PatternSpans(a, s.horizon);
      break;
  }
  return Intersect(spans, OpenSpans(s, type));
}

// The parts of `arrivals` outside every span of `duty`.
Spans Uncovered(const Spans& arrivals, const Spans& duty) {
  Spans out;
  size_t j = 0;  // the first duty span that may still overlap (both lists are sorted)
  for (const Span& x : arrivals) {
    while (j < duty.size() && duty[j].second <= x.first) ++j;
    if (IsPoint(x)) {
      if (j == duty.size() || duty[j].first > x.first) out.push_back(x);
      continue;
    }
    double from = x.first;
    for (size_t k = j; k < duty.size() && duty[k].first < x.second && from < x.second; ++k) {
      if (duty[k].first > from) out.emplace_back(from, duty[k].first);
      from = std::max(from, duty[k].second);
    }
    if (from < x.second) out.emplace_back(from, x.second);
  }
  return out;
}

}  // namespace

std::vector<UncoveredArrivals> FindUncoveredArrivals(const scenario::Scenario& s) {
  std::vector<UncoveredArrivals> out;
  for (size_t t = 0; t < s.contact_types.size(); ++t) {
    const int type = static_cast<int>(t);
    const Spans arrivals = ArrivalSpans(s, s.contact_types[t]);
    const Spans duty = DutyOf(s, type);
    const double last_on_duty = duty.empty() ? 0 : duty.back().second;
    const double last_arrival = arrivals.empty() ? 0 : arrivals.back().second;
    if (last_arrival > last_on_duty) out.push_back({type, last_on_duty, last_arrival});
  }
  return out;
}

std::vector<UnstaffedArrivals> FindUnstaffedArrivals(const scenario::Scenario& s) {
  std::vector<UnstaffedArrivals> out;
  for (size_t t = 0; t < s.contact_types.size(); ++t) {
    const Spans duty = DutyOf(s, static_cast<int>(t));
    if (duty.empty()) continue;  // nobody ever: all of it is UncoveredArrivals'
    UnstaffedArrivals found{.contact_type = static_cast<int>(t)};
    size_t period_end = duty.size();  // the duty span that ends the period being counted
    for (const Span& u : Uncovered(ArrivalSpans(s, s.contact_types[t]), duty)) {
      if (u.first >= duty.back().second) break;  // after the last agent leaves
      // Parts that end before the same duty span are one period (a closed night splits none).
      const auto next = static_cast<size_t>(
          std::upper_bound(duty.begin(), duty.end(), u.first,
                           [](double x, const Span& d) { return x < d.first; }) -
          duty.begin());
      if (next != period_end) {
        period_end = next;
        if (++found.periods == 1) found.from = u.first;
      }
      if (found.periods == 1) found.to = u.second;
    }
    if (found.periods > 0) out.push_back(found);
  }
  return out;
}

std::vector<RepeatingPattern> FindRepeatingPatterns(const scenario::Scenario& s) {
  std::vector<RepeatingPattern> out;
  for (size_t t = 0; t < s.contact_types.size(); ++t) {
    const scenario::Arrivals& a = s.contact_types[t].arrivals;
    double period = 0;
    if (a.kind == scenario::ArrivalKind::kPattern) {
      period = a.slot * static_cast<double>(a.rates.size());
    } else if (a.kind == scenario::ArrivalKind::kWeekly) {
      period = static_cast<double>(scenario::kSecondsPerWeek);
    }
    if (period > 0 && period < s.horizon) out.push_back({static_cast<int>(t), period});
  }
  return out;
}

std::vector<ShortForecast> FindShortForecasts(const scenario::Scenario& s) {
  std::vector<ShortForecast> out;
  for (size_t t = 0; t < s.contact_types.size(); ++t) {
    const scenario::Arrivals& a = s.contact_types[t].arrivals;
    if (a.kind != scenario::ArrivalKind::kForecast) continue;
    const double end = a.slot * static_cast<double>(a.rates.size()) - a.offset;
    if (end < s.horizon) out.push_back({static_cast<int>(t), end});
  }
  return out;
}

}  // namespace ccsim::model
