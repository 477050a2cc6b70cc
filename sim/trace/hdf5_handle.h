// A small RAII layer over the HDF5 C API: every identifier has one owner that closes it,
// and every call's status is checked and turned into an Hdf5Error naming what failed
// and HDF5's own reason.
//
// Example:
//   Hid file = Hid::Check(H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
//                         "create " + path);
//   CheckStatus(H5Fflush(file.get(), H5F_SCOPE_LOCAL), "flush");
//
// Thread safety: use the HDF5 library from one thread (the result-file writer's).
#ifndef CCSIM_TRACE_HDF5_HANDLE_H_
#define CCSIM_TRACE_HDF5_HANDLE_H_

#include <hdf5.h>

#include <stdexcept>
#include <string>

namespace ccsim::trace {

class Hdf5Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Turns off HDF5's printing of its error stack to stderr (we report errors ourselves).
void SilenceHdf5Errors();

// Throws Hdf5Error("<what>: <HDF5's innermost error message>") when status < 0.
void CheckStatus(herr_t status, const std::string& what);

// Caps the metadata cache of the open file `file` at 512 KiB, and HDF5's free lists
// (process-wide) at 64 KiB each. HDF5 grows the cache up to 32 MiB as a file gains
// objects, and a file of thousands of groups (replications, sweep points) kept it full:
// tens of MiB that followed the run's length, not its threads. (Objects are written once
// and closed, so a small cache costs no speed: a traced run writes as fast as with 2 MiB.)
void LimitMetadataCache(hid_t file);

// An owned HDF5 identifier, closed with the function it was created with.
class Hid {
 public:
  using Closer = herr_t (*)(hid_t);

  Hid() = default;
  Hid(hid_t id, Closer close) : id_(id), close_(close) {}
  ~Hid() { Reset(); }
  Hid(Hid&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = H5I_INVALID_HID; }
  Hid& operator=(Hid&& o) noexcept {
    if (this != &o) {
      Reset();
      id_ = o.id_;
      close_ = o.close_;
      o.id_ = H5I_INVALID_HID;
    }
    return *this;
  }
  Hid(const Hid&) = delete;
  Hid& operator=(const Hid&) = delete;

  // Wraps `id`, or throws Hdf5Error naming `what` when the call that made it failed.
  static Hid Check(hid_t id, Closer close, const std::string& what);

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  // Closes now; throws when closing fails (a file's close is where data reach the disk).
  // The identifier is given up either way: HDF5 cannot close a file twice.
  void Close(const std::string& what);

 private:
  void Reset() {
    if (id_ >= 0) close_(id_);
    id_ = H5I_INVALID_HID;
  }
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_HDF5_HANDLE_H_
