// Fuzz target for the result-file readers: the input bytes are written to a file and read
// with every reader (ReadRootAttributes, ReadSummary of a run and of a sweep point,
// ReadSweep). Any crash, sanitizer report or hang is a bug: a reader must return the
// contents or an error value. Built with libFuzzer by -DCCSIM_FUZZ=ON (docs/fuzzing.md);
// replay_main.cc replays the corpus and past crashes through it in the normal build.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/trace/isolated_read.h"
#include "sim/trace/result_reader.h"

namespace {

// One scratch file per process, rewritten for each input (readers need a path: HDF5
// opens files by name).
const std::string& ScratchPath() {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/ccsim_fuzz_XXXXXX";
    const int fd = mkstemp(pattern.data());
    if (fd < 0) std::abort();
    close(fd);
    return pattern;
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // HDF5 is fuzzed in this process (docs/fuzzing.md); the replay test keeps the probe, as
  // ccsim does, so that the crashes found inside HDF5 are refused there.
  static const bool in_process = [] {
    if (std::getenv("CCSIM_FUZZ_IN_PROCESS")) ccsim::trace::internal::SetProbeInChild(false);
    return true;
  }();
  (void)in_process;
  const std::string& path = ScratchPath();
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
  using namespace ccsim::trace;
  const Expected<RootAttributes> root = ReadRootAttributes(path);
  const Expected<SummaryContents> summary = ReadSummary(path);
  const Expected<SummaryContents> point = ReadSummary(path, "points/0");
  const Expected<SweepContents> sweep = ReadSweep(path);
  // Touch what came back, so a value that is not what it claims shows under ASan.
  size_t seen = 0;
  if (root) seen += root->scenario_text.size() + root->vary_paths.size();
  for (const auto* s : {&summary, &point}) {
    if (*s) {
      for (const auto& row : (**s).summary.rows) seen += row.values.size();
    }
  }
  if (sweep) seen += sweep->points.size();
  return seen == SIZE_MAX ? 1 : 0;
}
