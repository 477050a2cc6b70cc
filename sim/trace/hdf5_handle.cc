#include "sim/trace/hdf5_handle.h"

namespace ccsim::trace {

namespace {

// HDF5 1.10 cannot recover from a failed H5Fclose (a full disk): the file's ID stays valid
// but half torn down, and the library's cleanup at exit closes it again and crashes (exit
// 139 after the right message). ccsim closes every file it opens itself, and never a file
// twice (Hid::Close), so that cleanup is turned off before the library starts: a file
// whose close failed is left alone, and its temporary file removed by its AtomicFile.
const bool kNoCleanupAtExit = H5dont_atexit() >= 0;

// Keeps the innermost (first) message of the current error stack, or the operating
// system's reason when a message carries one ("... errno = 28, error message = 'No space
// left on device' ..."): that is the one a user can act on.
herr_t KeepFirst(unsigned n, const H5E_error2_t* err, void* data) {
  auto* out = static_cast<std::string*>(data);
  if (err->desc == nullptr) return 0;
  const std::string desc = err->desc;
  const std::string marker = "error message = '";
  if (const size_t at = desc.find(marker); at != std::string::npos) {
    const size_t from = at + marker.size();
    *out = desc.substr(from, desc.find('\'', from) - from);
    return 1;  // stop the walk: nothing below says more
  }
  if (n == 0) *out = desc;
  return 0;
}

[[noreturn]] void Fail(const std::string& what) {
  std::string reason;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, KeepFirst, &reason);
  H5Eclear2(H5E_DEFAULT);
  throw Hdf5Error(reason.empty() ? what : what + ": " + reason);
}

}  // namespace

void SilenceHdf5Errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

void CheckStatus(herr_t status, const std::string& what) {
  if (status < 0) Fail(what);
}

Hid Hid::Check(hid_t id, Closer close, const std::string& what) {
  if (id < 0) Fail(what);
  return Hid(id, close);
}

void Hid::Close(const std::string& what) {
  if (id_ < 0) return;
  const herr_t status = close_(id_);
  id_ = H5I_INVALID_HID;
  CheckStatus(status, what);
}

void LimitMetadataCache(hid_t file) {
  H5AC_cache_config_t config;
  config.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  CheckStatus(H5Fget_mdc_config(file, &config), "read the metadata cache's configuration");
  config.set_initial_size = true;
  config.initial_size = 256 << 10;
  config.min_size = 256 << 10;
  config.max_size = 512 << 10;
  CheckStatus(H5Fset_mdc_config(file, &config), "limit the metadata cache");
  // Global and per-list limits of the regular, array and block free lists, in bytes.
  H5set_free_list_limits(1 << 16, 1 << 14, 1 << 16, 1 << 14, 1 << 16, 1 << 14);
}

}  // namespace ccsim::trace
