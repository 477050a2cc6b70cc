// The arrival process of one contact type (SPEC §2 `arrivals`, §6, §7): homogeneous
// Poisson, piecewise-constant Poisson (a pattern, a weekly pattern or a forecast, with its
// place in time and whether it repeats), or a replayed list of times; no arrivals while the
// type is closed (`open`); and the rate multiplied by the busyness factors of the day.
//
// The rate at t is base(t) × top(day) × own(day) while open, 0 while closed: the next
// arrival inverts that piecewise-constant intensity exactly, segment by segment (slots,
// days, opening and closing times). A busyness factor is a gamma draw with mean 1 keyed by
// (seed, replication, kBusynessStream, entity, day) alone (entity 0: the scenario's, 1 +
// type: the type's own), so every policy run on a seed sees the same busy days.
//
// Example:
//   ArrivalProcess p(scenario, type);
//   ArrivalProcess::Cursor c;               // per-replication position
//   const ArrivalProcess::Draws d{seed, replication};
//   for (double t = p.Next(0, c, g, d); t < horizon; t = p.Next(t, c, g, d)) ...
#ifndef CCSIM_MODEL_ARRIVAL_PROCESS_H_
#define CCSIM_MODEL_ARRIVAL_PROCESS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/engine/random_stream.h"
#include "sim/model/open_hours.h"
#include "sim/scenario/scenario.h"

namespace ccsim::model {

class ArrivalProcess {
 public:
  // Where one replication is: in a replayed file, and the busyness factor of the day it
  // last drew (24 bytes: a type's arrival state stays within two cache lines).
  struct Cursor {
    size_t next_index = 0;
    int64_t factor_day = -1;  // the day `factor` is for; -1: none drawn yet
    double factor = 1;
  };
  // The replication whose busyness factors are drawn.
  struct Draws {
    uint64_t seed = 1;
    uint32_t replication = 0;
  };

  ArrivalProcess() = default;
  // `a` on its own: no calendar, always open, no busyness but the type's own (entity 1).
  ArrivalProcess(const scenario::Arrivals& a, double horizon);
  // Contact type `type` of `s`: its arrivals, open hours, and the scenario's and its own
  // busyness. REQUIRES: `s` is valid.
  ArrivalProcess(const scenario::Scenario& s, int type);

  // The next arrival time after `now` (a replayed file returns its times in order, equal
  // times included), or +infinity when there is none before the horizon.
  double Next(double now, Cursor& cursor, engine::RandomStream& g, const Draws& draws) const;

  // The base rate per second at time t (0 while closed), without busyness: the expected
  // arrivals per second for analytical comparisons.
  double RateAt(double t) const;
  // The type's open hours (always open without `open`): retrials and repeats that would come
  // while it is closed come at its next opening.
  const OpenHoursModel& open_hours() const { return open_; }
  // The busyness factor (the scenario's × the type's own) at time t of a replication.
  double BusynessAt(double t, const Draws& draws) const;

  // The per-slot factors of a contact arriving at t (1 outside the pattern, or without).
  bool has_handle_time_factors() const { return !handle_time_factors_.empty(); }
  bool has_patience_factors() const { return !patience_factors_.empty(); }
  double HandleTimeFactorAt(double t) const { return FactorAt(handle_time_factors_, t); }
  double PatienceFactorAt(double t) const { return FactorAt(patience_factors_, t); }

 private:
  // One busyness factor: the scenario's or the type's own.
  struct Busyness {
    double sd = 0;  // 0: none
    bool per_day = true;
    uint64_t entity = 0;
  };

  void SetBusyness(const Busyness& top, const Busyness& own, double day_offset);
  double NextPattern(double now, engine::RandomStream& g) const;
  // Offsets, non-repeating patterns, open hours, busyness: the walk over every segment.
  double NextSegmented(double now, Cursor& cursor, engine::RandomStream& g,
                       const Draws& draws) const;
  // The pattern's slot at t (may be negative or past the end when it does not repeat), and
  // the time its slot ends (> t).
  int64_t SlotAt(double t, double* end) const;
  // The base rate at t and the time it may next change (> t); open hours aside.
  double BaseRate(double t, double* end) const;
  // The busyness factor at t, cached in the cursor for its day, and the day's end (> t).
  double Factor(double t, Cursor& cursor, const Draws& draws, double* end) const;
  double DrawFactor(int64_t day, const Draws& draws) const;
  double FactorAt(const std::vector<double>& factors, double t) const;

  // The first fields are what every arrival of the plain kinds reads.
  scenario::ArrivalKind kind_ = scenario::ArrivalKind::kRate;
  double horizon_ = 0;
  double rate_ = 0;
  double slot_ = 0;
  std::vector<double> rates_;
  std::vector<double> times_;
  bool segmented_ = false;  // NextSegmented (else the plain kinds' own arithmetic)
  bool repeats_ = true;
  double offset_ = 0;  // the pattern's own time at simulated time 0
  std::vector<double> handle_time_factors_;
  std::vector<double> patience_factors_;
  Busyness top_, own_;
  bool per_day_ = false;   // a factor changes at midnight
  double day_offset_ = 0;  // seconds from the midnight before simulated time 0
  OpenHoursModel open_;
};

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_ARRIVAL_PROCESS_H_
