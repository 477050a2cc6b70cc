#include "sim/model/coverage.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace ccsim::model {

namespace {

constexpr double kForever = std::numeric_limits<double>::infinity();
constexpr double kDay = 86400;

// When the group's last agent goes off duty within the horizon (kForever for a constant
// headcount; 0 when it never has anyone).
double LastOnDuty(const scenario::AgentGroup& g, double horizon) {
  if (g.shifts.empty()) return g.agents > 0 ? kForever : 0;
  double last = 0;
  for (const scenario::Shift& shift : g.shifts) {
    if (shift.agents <= 0 || shift.start >= horizon) continue;
    double start = shift.start;
    if (shift.repeat == scenario::ShiftRepeat::kDaily) {
      start += std::floor((horizon - shift.start) / kDay) * kDay;
      if (start >= horizon) start -= kDay;  // the last repeat that starts inside
    }
    last = std::max(last, start + (shift.end - shift.start));
  }
  return last;
}

// The type's last arrival within the horizon (0 when it has none).
double LastArrival(const scenario::Arrivals& a, double horizon) {
  switch (a.kind) {
    case scenario::ArrivalKind::kRate:
      return a.rate > 0 ? horizon : 0;
    case scenario::ArrivalKind::kPattern: {
      // The pattern repeats: from the slot holding the horizon's last instant, back one
      // slot at a time; a cycle of slots finds a positive rate if there is one.
      const auto n = static_cast<int64_t>(a.rates.size());
      if (!(a.slot > 0) || n == 0) return 0;
      const auto last = static_cast<int64_t>(std::ceil(horizon / a.slot)) - 1;
      for (int64_t k = last; k >= 0 && k > last - n; --k) {
        if (a.rates[k % n] > 0) return std::min(static_cast<double>(k + 1) * a.slot, horizon);
      }
      return 0;
    }
    case scenario::ArrivalKind::kFile: {
      const auto end = std::lower_bound(a.times.begin(), a.times.end(), horizon);
      return end == a.times.begin() ? 0 : *(end - 1);
    }
  }
  return 0;
}

}  // namespace

std::vector<UncoveredArrivals> FindUncoveredArrivals(const scenario::Scenario& s) {
  std::vector<double> on_duty(s.agent_groups.size());
  for (size_t g = 0; g < s.agent_groups.size(); ++g) {
    on_duty[g] = LastOnDuty(s.agent_groups[g], s.horizon);
  }
  std::vector<UncoveredArrivals> out;
  for (size_t t = 0; t < s.contact_types.size(); ++t) {
    const int type = static_cast<int>(t);
    double last_on_duty = 0;
    for (size_t g = 0; g < s.agent_groups.size(); ++g) {
      for (const scenario::Skill& skill : s.agent_groups[g].skills) {
        if (skill.contact_type == type) last_on_duty = std::max(last_on_duty, on_duty[g]);
      }
    }
    for (const scenario::Overflow& o : s.routing.overflow) {
      if (o.contact_type != type) continue;
      for (int g : o.add_groups) last_on_duty = std::max(last_on_duty, on_duty[g]);
    }
    const double last_arrival = LastArrival(s.contact_types[t].arrivals, s.horizon);
    if (last_arrival > last_on_duty) out.push_back({type, last_on_duty, last_arrival});
  }
  return out;
}

}  // namespace ccsim::model
