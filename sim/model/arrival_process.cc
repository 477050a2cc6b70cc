#include "sim/model/arrival_process.h"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <cmath>
#include <limits>

#include "sim/model/model.h"
#include "sim/scenario/calendar.h"

namespace ccsim::model {

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();
constexpr auto kDay = static_cast<double>(scenario::kSecondsPerDay);

// Weekly patterns and forecasts are patterns with a place in time (offset, repeats).
scenario::ArrivalKind PlainKind(scenario::ArrivalKind k) {
  if (k == scenario::ArrivalKind::kRate || k == scenario::ArrivalKind::kFile) return k;
  return scenario::ArrivalKind::kPattern;
}

// A busyness sd below this is taken as none: the factor would be within a millionth of 1,
// and the gamma's shape 1/sd^2 overflows for sd near the smallest doubles.
constexpr double kNegligibleSd = 1e-6;

// x mod n in [0, n).
int64_t Wrap(int64_t x, int64_t n) { return ((x % n) + n) % n; }
}  // namespace

ArrivalProcess::ArrivalProcess(const scenario::Arrivals& a, double horizon)
    : kind_(PlainKind(a.kind)),
      horizon_(horizon),
      rate_(a.rate),
      slot_(a.slot),
      rates_(a.rates),
      times_(a.times),
      repeats_(a.repeats),
      offset_(a.offset),
      handle_time_factors_(a.handle_time_factors),
      patience_factors_(a.patience_factors) {
  Busyness own;
  if (a.busyness) {
    own = {.sd = a.busyness->sd,
           .per_day = a.busyness->per == scenario::BusynessPer::kDay,
           .entity = 1};
  }
  SetBusyness({}, own, 0);
}

ArrivalProcess::ArrivalProcess(const scenario::Scenario& s, int type)
    : ArrivalProcess(s.contact_types[type].arrivals, s.horizon) {
  const scenario::ContactType& ct = s.contact_types[type];
  if (ct.open) {
    open_ = OpenHoursModel(*ct.open, scenario::Calendar(*s.start).SecondsIntoWeek(0));
    // A replay has no rate to switch off: its times while closed are left out.
    std::erase_if(times_, [this](double t) { return !open_.IsOpen(t); });
  }
  own_.entity = 1 + static_cast<uint64_t>(type);
  Busyness top;
  if (s.busyness && kind_ != scenario::ArrivalKind::kFile) {
    top = {.sd = s.busyness->sd,
           .per_day = s.busyness->per == scenario::BusynessPer::kDay,
           .entity = 0};
  }
  SetBusyness(top, own_, s.start ? scenario::Calendar(*s.start).SecondsIntoDay(0) : 0);
}

void ArrivalProcess::SetBusyness(const Busyness& top, const Busyness& own, double day_offset) {
  top_ = top;
  own_ = own;
  if (top_.sd < kNegligibleSd) top_.sd = 0;
  if (own_.sd < kNegligibleSd) own_.sd = 0;
  day_offset_ = day_offset;
  per_day_ = (top_.sd > 0 && top_.per_day) || (own_.sd > 0 && own_.per_day);
  // The plain kinds keep their own arithmetic, so that scenarios without the calendar's
  // features give the numbers they always gave.
  segmented_ = kind_ != scenario::ArrivalKind::kFile &&
               (offset_ != 0 || !repeats_ || top_.sd > 0 || own_.sd > 0 || !open_.always_open());
}

double ArrivalProcess::Next(double now, Cursor& cursor, engine::RandomStream& g,
                            const Draws& draws) const {
  double t = kNever;
  if (segmented_) {
    t = NextSegmented(now, cursor, g, draws);
  } else {
    switch (kind_) {
      case scenario::ArrivalKind::kRate:
        if (rate_ > 0) t = now + boost::random::exponential_distribution<double>(rate_)(g);
        break;
      case scenario::ArrivalKind::kFile:
        if (cursor.next_index < times_.size()) t = times_[cursor.next_index++];
        break;
      default:
        t = NextPattern(now, g);
        break;
    }
  }
  return t < horizon_ ? t : kNever;
}

// Inversion of the cumulative intensity: walk the slots consuming an Exp(1) amount of
// "expected arrivals". Slot boundaries are computed as k * slot from an integer k, so they
// do not drift over long horizons.
double ArrivalProcess::NextPattern(double now, engine::RandomStream& g) const {
  double need = boost::random::exponential_distribution<double>(1.0)(g);
  auto k = static_cast<long long>(std::floor(now / slot_));
  double t = now;
  const size_t n = rates_.size();
  size_t empty_slots_in_a_row = 0;
  while (t < horizon_) {
    const double rate = rates_[static_cast<size_t>(k) % n];
    const double slot_end = static_cast<double>(k + 1) * slot_;
    const double expected = rate * (slot_end - t);
    if (rate > 0 && expected >= need) return t + need / rate;
    need -= expected;
    empty_slots_in_a_row = rate > 0 ? 0 : empty_slots_in_a_row + 1;
    if (empty_slots_in_a_row > n) return kNever;  // the whole pattern is zero
    t = slot_end;
    ++k;
  }
  return kNever;
}

// The same inversion over segments of constant intensity: between two of a slot's end, a
// day's end (a new busyness factor) and an opening or closing time. Closed time holds no
// arrivals: the walk jumps to the next opening with what is left of the Exp(1) amount
// (the process is memoryless). Every boundary is computed from whole periods (k * slot -
// offset, a week's spans), not by adding up segments, so that it is exact for whole-second
// times and the walk never stalls on one.
double ArrivalProcess::NextSegmented(double now, Cursor& cursor, engine::RandomStream& g,
                                     const Draws& draws) const {
  double need = boost::random::exponential_distribution<double>(1.0)(g);
  double t = now;
  while (t < horizon_) {
    double end = horizon_;
    if (!open_.always_open()) {
      if (!open_.IsOpen(t)) {
        const double open = open_.NextOpen(t);
        t = open > t ? open : std::nextafter(t, kNever);
        continue;
      }
      end = std::min(end, open_.NextClose(t));
    }
    double slot_end = kNever;
    const double base = BaseRate(t, &slot_end);
    if (base == 0 && slot_end == kNever) return kNever;  // no rate from here on
    double day_end = kNever;
    const double rate = base > 0 ? base * Factor(t, cursor, draws, &day_end) : 0;
    end = std::min({end, slot_end, day_end});
    if (!(end > t)) end = std::nextafter(t, kNever);  // a boundary rounded onto t
    if (rate > 0) {
      const double expected = rate * (end - t);
      if (expected >= need) {
        const double at = t + need / rate;
        return at < end ? at : std::nextafter(end, t);  // never at a close itself
      }
      need -= expected;
    }
    t = end;
  }
  return kNever;
}

int64_t ArrivalProcess::SlotAt(double t, double* end) const {
  auto k = static_cast<int64_t>(std::floor((t + offset_) / slot_));
  double e = static_cast<double>(k + 1) * slot_ - offset_;
  while (!(e > t)) e = static_cast<double>(++k + 1) * slot_ - offset_;
  *end = e;
  return k;
}

double ArrivalProcess::BaseRate(double t, double* end) const {
  if (kind_ == scenario::ArrivalKind::kRate) {
    *end = kNever;
    return rate_;
  }
  const int64_t k = SlotAt(t, end);
  const auto n = static_cast<int64_t>(rates_.size());
  if (repeats_) return rates_[static_cast<size_t>(Wrap(k, n))];
  if (k < 0) {
    *end = -offset_;  // the pattern's time 0: its first slot
    return 0;
  }
  if (k >= n) {
    *end = kNever;
    return 0;
  }
  return rates_[static_cast<size_t>(k)];
}

double ArrivalProcess::Factor(double t, Cursor& cursor, const Draws& draws, double* end) const {
  *end = kNever;
  if (!(top_.sd > 0) && !(own_.sd > 0)) return 1;
  int64_t day = 0;
  if (per_day_) {
    day = static_cast<int64_t>(std::floor((t + day_offset_) / kDay));
    double e = static_cast<double>(day + 1) * kDay - day_offset_;
    while (!(e > t)) e = static_cast<double>(++day + 1) * kDay - day_offset_;
    *end = e;
  }
  if (cursor.factor_day != day) {
    cursor.factor = DrawFactor(day, draws);
    cursor.factor_day = day;
  }
  return cursor.factor;
}

// Gamma with mean 1 and standard deviation sd: shape 1/sd^2, scale sd^2.
double ArrivalProcess::DrawFactor(int64_t day, const Draws& draws) const {
  double factor = 1;
  for (const Busyness* b : {&top_, &own_}) {
    if (!(b->sd > 0)) continue;
    const auto sub = static_cast<uint64_t>(b->per_day ? day : 0);
    engine::RandomStream g(draws.seed, draws.replication, kBusynessStream, b->entity, sub);
    const double variance = b->sd * b->sd;
    factor *= boost::random::gamma_distribution<double>(1 / variance, variance)(g);
  }
  return factor;
}

double ArrivalProcess::BusynessAt(double t, const Draws& draws) const {
  Cursor cursor;
  double end = 0;
  return Factor(t, cursor, draws, &end);
}

double ArrivalProcess::FactorAt(const std::vector<double>& factors, double t) const {
  if (factors.empty()) return 1;
  double end = 0;
  const int64_t k = SlotAt(t, &end);
  const auto n = static_cast<int64_t>(factors.size());
  if (repeats_) return factors[static_cast<size_t>(Wrap(k, n))];
  return k >= 0 && k < n ? factors[static_cast<size_t>(k)] : 1;
}

double ArrivalProcess::RateAt(double t) const {
  if (!open_.IsOpen(t)) return 0;
  double end = 0;
  switch (kind_) {
    case scenario::ArrivalKind::kRate:
      return rate_;
    case scenario::ArrivalKind::kFile:
      return 0;
    default:
      return BaseRate(t, &end);
  }
}

}  // namespace ccsim::model
