#include "sim/trace/atomic_file.h"

#include <unistd.h>

#include <cstdio>
#include <stdexcept>

namespace ccsim::trace {

AtomicFile::AtomicFile(const std::string& path)
    : path_(path), temp_path_(path + ".tmp-" + std::to_string(getpid())) {
  SilenceHdf5Errors();
  handle_ = Hid::Check(H5Fcreate(temp_path_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                       H5Fclose, "create " + temp_path_);
}

void AtomicFile::Commit() {
  try {
    handle_.Close("close " + temp_path_);
    if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
      throw std::runtime_error("cannot rename " + temp_path_ + " to " + path_);
    }
    finished_ = true;
  } catch (...) {
    Abort();
    throw;
  }
}

void AtomicFile::Abort() noexcept {
  if (finished_) return;
  finished_ = true;
  handle_ = Hid();  // closes the file; errors no longer matter
  std::remove(temp_path_.c_str());
}

}  // namespace ccsim::trace
