// Where the commands' output goes, checked through trace::Env: the files named by -o and
// --csv before any work is done, and standard output when a command ends.
#ifndef CCSIM_CLI_OUTPUT_FILE_H_
#define CCSIM_CLI_OUTPUT_FILE_H_

#include <optional>
#include <string>

#include "sim/trace/env.h"

namespace ccsim::cli {

// Why a result cannot be written to `path` (given to `flag`, like "-o"), checked before
// anything is simulated: an empty path, a folder that does not exist or cannot be written
// to, a path that is a folder. nullopt when it looks writable.
std::optional<std::string> OutputPathProblem(const std::string& flag, const std::string& path);

// Whether `path` (given with `flag`) may be written: OutputPathProblem, then
// trace::CheckOutputPath. Returns
// kExitBadInput after printing "ccsim COMMAND: error: FLAG: ..." when not.
std::optional<int> CheckOutput(const std::string& command, const std::string& flag,
                               const std::string& path, bool force,
                               trace::Env& env = *trace::Env::Default());

// Flushes stdout at the end of a command. When what was printed did not all arrive (a
// full disk, a closed pipe) says so and returns kExitFailure, or `status` when that was
// already a failure; else `status`.
int FinishStdout(const std::string& command, int status, trace::Env& env = *trace::Env::Default());

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_OUTPUT_FILE_H_
