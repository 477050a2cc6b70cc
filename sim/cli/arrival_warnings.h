// The warnings `ccsim validate` and `ccsim run` print about a scenario's arrivals (they do
// not stop it): arrivals after everyone who serves them has left, periods with arrivals and
// nobody on duty, a pattern that repeats over the horizon, a forecast that ends before it.
// model/coverage.h finds them.
#ifndef CCSIM_CLI_ARRIVAL_WARNINGS_H_
#define CCSIM_CLI_ARRIVAL_WARNINGS_H_

#include <string>

#include "sim/scenario/scenario.h"

namespace ccsim::cli {

// Prints "ccsim CMD: warning: ..." lines on stderr, one per finding. A pattern repeating
// over the horizon (a daily profile over a quarter is usually meant) is mentioned only
// when `mention_repeats` (validate), not at every run.
void WarnAboutArrivals(const std::string& cmd, const scenario::Scenario& s,
                       bool mention_repeats);

// A duration the way scenarios write it: "1w", "3d", "90m", "45s", "2.5s".
std::string FormatDuration(double seconds);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_ARRIVAL_WARNINGS_H_
