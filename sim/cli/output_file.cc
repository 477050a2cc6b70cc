#include "sim/cli/output_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "sim/cli/commands.h"
#include "sim/scenario/diagnostic.h"

namespace ccsim::cli {

std::optional<std::string> OutputPathProblem(const std::string& flag, const std::string& path) {
  if (path.empty()) return flag + ": expected a file name; got ''";
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return flag + ": " + path + " is a folder; expected a file name";
  }
  std::string folder = std::filesystem::path(path).parent_path().string();
  if (folder.empty()) folder = ".";
  if (stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return flag + ": the folder " + folder + " does not exist";
  }
  if (access(folder.c_str(), W_OK | X_OK) != 0) {
    return flag + ": cannot write in the folder " + folder + ": " + std::strerror(errno);
  }
  return std::nullopt;
}

std::optional<int> CheckOutput(const std::string& command, const std::string& flag,
                               const std::string& path, bool force, trace::Env& env) {
  // First what the name itself says (empty, a folder, a missing or unwritable folder),
  // then what is there now (a device, FIFO or link is never replaced).
  if (auto problem = OutputPathProblem(flag, path)) {
    std::fprintf(stderr, "ccsim %s: error: %s\n", command.c_str(),
                 scenario::EscapeControlCharacters(*problem).c_str());
    return kExitBadInput;
  }
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
