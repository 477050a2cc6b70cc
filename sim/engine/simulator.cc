#include "sim/engine/simulator.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace ccsim::engine {

void Simulator::ReportProgress() {
  if (control_.progress_seconds == nullptr) return;
  const auto done = static_cast<int64_t>(std::min(now_, control_.progress_until));
  control_.progress_seconds->fetch_add(done - progress_reported_, std::memory_order_relaxed);
  progress_reported_ = done;
}

void Simulator::TimeWentBack(const Event& e) const {
  std::fprintf(stderr, "ccsim: event of kind %u due at %.17g, before the clock at %.17g\n",
               e.kind, e.time, now_);
  std::abort();
}

}  // namespace ccsim::engine
