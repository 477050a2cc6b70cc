#include "sim/cli/output_file.h"

#include <cstdio>

#include "sim/cli/commands.h"

namespace ccsim::cli {

std::optional<int> CheckOutput(const std::string& command, const std::string& flag,
                               const std::string& path, bool force, trace::Env& env) {
  const trace::Status ok = trace::CheckOutputPath(env, path, force);
  if (ok) return std::nullopt;
  std::fprintf(stderr, "ccsim %s: error: %s: %s\n", command.c_str(), flag.c_str(),
               ok.error().c_str());
  return kExitBadInput;
}

int FinishStdout(const std::string& command, int status, trace::Env& env) {
  const trace::Status flushed = env.Flush(stdout);
  if (flushed) return status;
  std::fprintf(stderr, "ccsim %s: error: cannot write to standard output: %s\n", command.c_str(),
               flushed.error().c_str());
  return status == kExitOk ? kExitFailure : status;
}

}  // namespace ccsim::cli
