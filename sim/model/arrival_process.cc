#include "sim/model/arrival_process.h"

#include <boost/random/exponential_distribution.hpp>
#include <cmath>
#include <limits>

namespace ccsim::model {

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();
}  // namespace

ArrivalProcess::ArrivalProcess(const scenario::Arrivals& a, double horizon)
    : kind_(a.kind), horizon_(horizon), rate_(a.rate), slot_(a.slot), rates_(a.rates),
      times_(a.times) {}

double ArrivalProcess::Next(double now, Cursor& cursor, engine::RandomStream& g) const {
  double t = kNever;
  switch (kind_) {
    case scenario::ArrivalKind::kRate:
      if (rate_ > 0) t = now + boost::random::exponential_distribution<double>(rate_)(g);
      break;
    case scenario::ArrivalKind::kPattern:
      t = NextPattern(now, g);
      break;
    case scenario::ArrivalKind::kFile:
      if (cursor.next_index < times_.size()) t = times_[cursor.next_index++];
      break;
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

double ArrivalProcess::RateAt(double t) const {
  switch (kind_) {
    case scenario::ArrivalKind::kRate:
      return rate_;
    case scenario::ArrivalKind::kPattern:
      return rates_[static_cast<size_t>(std::floor(t / slot_)) % rates_.size()];
    case scenario::ArrivalKind::kFile:
      return 0;
  }
  return 0;
}

}  // namespace ccsim::model
