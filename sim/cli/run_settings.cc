#include "sim/cli/run_settings.h"

#include <charconv>
#include <string>

namespace ccsim::cli {

namespace {

// The shortest text that reads back as `v` ("20", "0.5").
std::string Shortest(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, ec == std::errc() ? end : buf);
}

}  // namespace

trace::RootAttributes RunSettings(const scenario::Scenario& s) {
  trace::RootAttributes a{.replications = s.replications,
                          .horizon = s.horizon,
                          .warmup = s.warmup,
                          .interval = s.interval,
                          .service_level_threshold = s.service_level.threshold,
                          .service_level_target = s.service_level.target};
  for (const scenario::ContactType& t : s.contact_types) {
    a.service_level_thresholds.push_back(t.name + "=" + Shortest(t.service_level.threshold));
  }
  return a;
}

}  // namespace ccsim::cli
