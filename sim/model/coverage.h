// Whether the arrivals of each contact type find someone on duty, and what a planner should
// know about how they run over the horizon. Checked before simulating so that `ccsim
// validate` (and `run`) can warn:
//   - arrivals after everyone who serves the type has gone off duty: those contacts end
//     `unserved` (UncoveredArrivals);
//   - arrivals while nobody who serves the type is on duty, someone coming later: those
//     contacts wait, or abandon, until then (UnstaffedArrivals);
//   - a pattern or weekly pattern shorter than the horizon, which repeats
//     (RepeatingPattern), and a forecast that ends before the horizon (ShortForecast).
// Open hours count: closed time has no arrivals. Breaks and absenteeism do not.
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
// scenario order. REQUIRES: a valid scenario.
std::vector<UncoveredArrivals> FindUncoveredArrivals(const scenario::Scenario& s);

struct UnstaffedArrivals {
  int contact_type = 0;
  double from = 0;  // seconds: the first such period
  double to = 0;
  int periods = 0;  // how many such periods in the horizon
};

// The contact types with arrivals while nobody who serves them is on duty, before someone
// comes on duty again (what comes after the last agent leaves is UncoveredArrivals').
std::vector<UnstaffedArrivals> FindUnstaffedArrivals(const scenario::Scenario& s);

struct RepeatingPattern {
  int contact_type = 0;
  double period = 0;  // seconds: the pattern's length (a week for a weekly pattern)
};

// The contact types whose pattern or weekly pattern is shorter than the horizon.
std::vector<RepeatingPattern> FindRepeatingPatterns(const scenario::Scenario& s);

struct ShortForecast {
  int contact_type = 0;
  double end = 0;  // seconds: the end of the forecast's last interval
};

// The contact types whose forecast ends before the horizon: no arrivals after it.
std::vector<ShortForecast> FindShortForecasts(const scenario::Scenario& s);

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_COVERAGE_H_
