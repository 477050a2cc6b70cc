// Units of SPEC §1: durations ("45s", "2.5m", "1h", "1d", "1w"; a bare number is seconds)
// and rates ("0.5/s", "6/m", "360/h", "2000/d"; a bare number is per hour). Blanks around
// the number and unit are allowed ("2.5 m", "6 / m"); "/w" is accepted as well.
#ifndef CCSIM_SCENARIO_UNITS_H_
#define CCSIM_SCENARIO_UNITS_H_

#include <optional>
#include <string_view>

namespace ccsim::scenario {

// Seconds, or nullopt when `text` is not a duration. Negative values parse (callers check).
std::optional<double> ParseDuration(std::string_view text);

// Per second, or nullopt when `text` is not a rate.
std::optional<double> ParseRate(std::string_view text);

}  // namespace ccsim::scenario

#endif  // CCSIM_SCENARIO_UNITS_H_
