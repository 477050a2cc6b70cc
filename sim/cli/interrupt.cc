#include "sim/cli/interrupt.h"

#include <csignal>

#include "sim/cli/options.h"

namespace ccsim::cli {

namespace {

std::atomic<bool> g_interrupted{false};
// A signal handler may only touch lock-free atomics.
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void OnInterrupt(int) {
  g_interrupted.store(true);
  // The next Ctrl-C or SIGTERM ends the process at once. signal() is async-signal-safe.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

}  // namespace

void CatchInterrupts() {
  if (g_interrupted.load()) return;  // the handlers have already given way to the default
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
}

const std::atomic<bool>* InterruptFlag() { return &g_interrupted; }

bool Interrupted() { return g_interrupted.load(std::memory_order_relaxed); }

int ReportInterrupted(const std::string& cmd, const std::string& output) {
  PrintError(cmd, output.empty() ? "interrupted; nothing printed"
                                 : "interrupted; " + output + " was not written");
  return kExitInterrupted;
}

}  // namespace ccsim::cli
