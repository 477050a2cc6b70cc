// Ctrl-C and SIGTERM for the commands that simulate or write (run, sweep, staff, merge):
// the first signal sets a flag that the replications and the task loops read, so the
// command ends within a second, removes its temporaries and exits with kExitInterrupted;
// a second signal ends the process at once (the default action), for when the first was
// not enough.
//
// Example:
//   CatchInterrupts();
//   Run(..., {.stop = InterruptFlag()});
//   if (Interrupted()) return ReportInterrupted("run", output);
//
// Under mpirun every rank installs its own handlers: mpirun forwards the signal to each.
#ifndef CCSIM_CLI_INTERRUPT_H_
#define CCSIM_CLI_INTERRUPT_H_

#include <atomic>
#include <string>

namespace ccsim::cli {

// 128 + SIGINT: the shell's convention for "ended by Ctrl-C".
inline constexpr int kExitInterrupted = 130;

// Installs the SIGINT and SIGTERM handlers. Idempotent.
void CatchInterrupts();

// The flag the handlers set; never null. Readers may poll it from any thread.
const std::atomic<bool>* InterruptFlag();
bool Interrupted();

// Says on stderr that `cmd` was interrupted and that `output` (if any) was not written;
// returns kExitInterrupted.
int ReportInterrupted(const std::string& cmd, const std::string& output);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_INTERRUPT_H_
