#include "sim/cli/arrival_warnings.h"

#include <cmath>
#include <cstdio>

#include "sim/model/coverage.h"
#include "sim/scenario/calendar.h"

namespace ccsim::cli {

std::string FormatDuration(double seconds) {
  constexpr std::pair<double, const char*> kUnits[] = {
      {604800, "w"}, {86400, "d"}, {3600, "h"}, {60, "m"}};
  for (const auto& [unit, suffix] : kUnits) {
    const double n = seconds / unit;
    if (n >= 1 && n == std::floor(n)) return std::to_string(static_cast<long long>(n)) + suffix;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%gs", seconds);
  return text;
}

void WarnAboutArrivals(const std::string& cmd, const scenario::Scenario& s,
                       bool mention_repeats) {
  const char* c = cmd.c_str();
  const auto name = [&s](int type) { return s.contact_types[type].name.c_str(); };
  const scenario::TimeLabels labels(s.start);
  const auto when = [&labels](double t) { return labels.At(t); };
  // Arrivals going on after everyone who serves them has gone off duty: without this, such
  // a run only shows long waits and a perfect FCR.
  for (const model::UncoveredArrivals& u : model::FindUncoveredArrivals(s)) {
    std::fprintf(stderr,
                 "ccsim %s: warning: contact type '%s' has arrivals until %s but nobody who "
                 "serves it is on duty after %s: those contacts will end unserved\n",
                 c, name(u.contact_type), when(u.last_arrival).c_str(),
                 when(u.last_on_duty).c_str());
  }
  for (const model::UnstaffedArrivals& u : model::FindUnstaffedArrivals(s)) {
    std::string more;
    if (u.periods > 1) {
      more = " (and " + std::to_string(u.periods - 1) + " more such period" +
             (u.periods > 2 ? "s" : "") + ")";
    }
    std::fprintf(stderr,
                 "ccsim %s: warning: contact type '%s' has arrivals from %s to %s but nobody "
                 "who serves it is on duty then%s: those contacts wait for the next shift\n",
                 c, name(u.contact_type), when(u.from).c_str(), when(u.to).c_str(),
                 more.c_str());
  }
  for (const model::RepeatingPattern& r : model::FindRepeatingPatterns(s)) {
    if (!mention_repeats) break;
    std::fprintf(stderr,
                 "ccsim %s: warning: contact type '%s': its arrival pattern repeats every %s "
                 "over a horizon of %s\n",
                 c, name(r.contact_type), FormatDuration(r.period).c_str(),
                 FormatDuration(s.horizon).c_str());
  }
  for (const model::ShortForecast& f : model::FindShortForecasts(s)) {
    std::fprintf(stderr,
                 "ccsim %s: warning: contact type '%s': its forecast ends at %s, before the "
                 "horizon (%s): no arrivals after it\n",
                 c, name(f.contact_type), when(f.end).c_str(), when(s.horizon).c_str());
  }
}

}  // namespace ccsim::cli
