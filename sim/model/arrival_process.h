// The arrival process of one contact type (SPEC §2 `arrivals`): homogeneous Poisson,
// piecewise-constant Poisson repeating over the horizon, or a replayed list of times.
//
// Example:
//   ArrivalProcess p(type.arrivals, horizon);
//   ArrivalProcess::Cursor c;               // per-replication position
//   for (double t = p.Next(0, c, g); t < horizon; t = p.Next(t, c, g)) ...
#ifndef CCSIM_MODEL_ARRIVAL_PROCESS_H_
#define CCSIM_MODEL_ARRIVAL_PROCESS_H_

#include <cstddef>
#include <vector>

#include "sim/engine/random_stream.h"
#include "sim/scenario/scenario.h"

namespace ccsim::model {

class ArrivalProcess {
 public:
  // Where one replication is in a replayed file.
  struct Cursor {
    size_t next_index = 0;
  };

  ArrivalProcess() = default;
  ArrivalProcess(const scenario::Arrivals& a, double horizon);

  // The next arrival time after `now` (a replayed file returns its times in order, equal
  // times included), or +infinity when there is none before the horizon.
  double Next(double now, Cursor& cursor, engine::RandomStream& g) const;

  // The expected number of arrivals per second at time t (for analytical comparisons).
  double RateAt(double t) const;

 private:
  double NextPattern(double now, engine::RandomStream& g) const;

  scenario::ArrivalKind kind_ = scenario::ArrivalKind::kRate;
  double horizon_ = 0;
  double rate_ = 0;
  double slot_ = 0;
  std::vector<double> rates_;
  std::vector<double> times_;
};

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_ARRIVAL_PROCESS_H_
