// A new HDF5 file that appears under its name only when complete: it is written as
// PATH.tmp-PID beside PATH, renamed to PATH by Commit(), and removed by Abort(), by a
// failed Commit() or by the destructor. So PATH never holds a partial file.
//
// Example:
//   AtomicFile file("out.h5");             // throws Hdf5Error when it cannot be created
//   WriteAttribute(file.get(), ...);
//   file.Commit();                         // throws; nothing is left behind then
#ifndef CCSIM_TRACE_ATOMIC_FILE_H_
#define CCSIM_TRACE_ATOMIC_FILE_H_

#include <string>

#include "sim/trace/env.h"
#include "sim/trace/hdf5_handle.h"

namespace ccsim::trace {

class AtomicFile {
 public:
  // `env` renames and removes the file (tests fail those on purpose); it must outlive this.
  explicit AtomicFile(const std::string& path, Env& env = *Env::Default());
  ~AtomicFile() { Abort(); }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  hid_t get() const { return handle_.get(); }
  const std::string& temporary_path() const { return temp_path_; }

  // Closes the file (where the data reach the disk) and renames it to PATH, unless PATH
  // is now something other than a regular file (CheckOutputPath). Throws Hdf5Error or
  // std::runtime_error after removing the temporary file.
  // REQUIRES: every object opened in the file is closed.
  void Commit();
  // Closes and removes the temporary file, unless committed. Never throws.
  void Abort() noexcept;

 private:
  Env& env_;
  std::string path_;
  std::string temp_path_;
  Hid handle_;
  bool finished_ = false;
};

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_ATOMIC_FILE_H_
