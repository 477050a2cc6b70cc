// Every file-system call ccsim makes besides HDF5's own reads and writes goes through an
// Env (after leveldb's): inspecting an output path, writing a whole file, renaming,
// removing, flushing a stream. Tests pass a FaultyEnv to fail any of them on purpose and
// check the error, the exit status and that nothing is left under the final name.
//
// Example:
//   Env& env = *Env::Default();
//   if (Status ok = CheckOutputPath(env, "plan.csv", force); !ok) return Fail(ok.error());
//   Status written = WriteFileAtomically(env, "plan.csv", text);
//
// Thread safety: Env::Default() may be used from any thread.
#ifndef CCSIM_TRACE_ENV_H_
#define CCSIM_TRACE_ENV_H_

#include <cstdio>
#include <string>
#include <string_view>

#include "sim/trace/expected.h"

namespace ccsim::trace {

// What is at a path, without following a symbolic link at its end.
enum class PathKind {
  kMissing,
  kRegular,
  kSymlink,
  kDirectory,
  kSpecial /* device, FIFO, socket */
};

class Env {
 public:
  virtual ~Env() = default;
  // The real file system (POSIX). Never deleted.
  static Env* Default();

  virtual PathKind Inspect(const std::string& path) = 0;
  // Creates or truncates `path`, writes `contents`, syncs them to the disk and closes it.
  virtual Status WriteFile(const std::string& path, std::string_view contents) = 0;
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  virtual Status Remove(const std::string& path) = 0;
  // Flushes `stream` and says whether everything written to it arrived (a full disk or a
  // closed pipe behind stdout is found here).
  virtual Status Flush(std::FILE* stream) = 0;
};

// Whether ccsim may write a file at `path` (-o, --csv): it must not exist, or be a
// regular file and `force` given. A device, FIFO or directory is refused (a result file
// needs a seekable regular file, and renaming over one would replace it); so is a symbolic
// link, dangling or not: ccsim does not write through links (name the target instead).
Status CheckOutputPath(Env& env, const std::string& path, bool force);

// Where a file is written before it is renamed to `path`: PATH.tmp-PID beside it.
std::string TemporaryPathFor(const std::string& path);

// Writes `contents` to TemporaryPathFor(path), then renames it to `path` after checking
// once more that `path` is missing or a regular file. On any failure removes the
// temporary file: `path` holds the whole new file or what it held before.
Status WriteFileAtomically(Env& env, const std::string& path, std::string_view contents);

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_ENV_H_
