#include "sim/trace/atomic_file.h"

#include <stdexcept>

namespace ccsim::trace {

AtomicFile::AtomicFile(const std::string& path, Env& env)
    : env_(env), path_(path), temp_path_(TemporaryPathFor(path)) {
  SilenceHdf5Errors();
  // Evict on close: an object's metadata (its header, with every attribute's type and
  // space decoded) leaves the cache when the object is closed. A file that gains thousands
  // of groups (a sweep's points, a run's replications) would otherwise keep them all.
  const Hid access = Hid::Check(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "create properties");
  CheckStatus(H5Pset_evict_on_close(access.get(), true), "set evict on close");
  handle_ = Hid::Check(H5Fcreate(temp_path_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.get()),
                       H5Fclose, "create " + temp_path_);
}

void AtomicFile::Commit() {
  try {
    // A flush first: when the disk is full its error says so (the close's only says that
    // closing failed).
    CheckStatus(H5Fflush(handle_.get(), H5F_SCOPE_GLOBAL), "write " + temp_path_);
    handle_.Close("close " + temp_path_);
    // Checked again at the last moment: a device or link put there meanwhile stays.
    if (const Status target = CheckOutputPath(env_, path_, /*force=*/true); !target) {
      throw std::runtime_error(target.error());
    }
    if (const Status renamed = env_.Rename(temp_path_, path_); !renamed) {
      throw std::runtime_error(renamed.error());
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
  env_.Remove(temp_path_);
}

}  // namespace ccsim::trace
