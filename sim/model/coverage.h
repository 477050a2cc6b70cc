// Whether someone is on duty for every contact type's arrivals: a type whose arrivals go
// on after the last shift of every group that serves it (its skills and overflows) has
// contacts that nobody can answer; they end `unserved` when no event is left. Checked
// before simulating so that `ccsim validate` (and `run`) can warn.
//
// Example:
//   for (const UncoveredArrivals& u : FindUncoveredArrivals(scenario))
//     warn(scenario.contact_types[u.contact_type].name, u.last_on_duty, u.last_arrival);
#ifndef CCSIM_MODEL_COVERAGE_H_
#define CCSIM_MODEL_COVERAGE_H_

#include <vector>

#include "sim/scenario/scenario.h"

namespace ccsim::model {

struct UncoveredArrivals {
  int contact_type = 0;
  double last_on_duty = 0;  // seconds: when the last agent who serves it goes off duty
  double last_arrival = 0;  // seconds: its last arrival (the horizon for a constant rate)
};

// The contact types with arrivals after everyone who serves them has gone off duty, in
// scenario order. Gaps between shifts are not reported: those contacts wait for the next
// shift. REQUIRES: a valid scenario.
std::vector<UncoveredArrivals> FindUncoveredArrivals(const scenario::Scenario& s);

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_COVERAGE_H_
