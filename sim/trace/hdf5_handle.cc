#include "sim/trace/hdf5_handle.h"

namespace ccsim::trace {

namespace {

// Keeps the innermost (first) message of the current error stack.
herr_t KeepFirst(unsigned n, const H5E_error2_t* err, void* data) {
  auto* out = static_cast<std::string*>(data);
  if (n == 0 && err->desc) *out = err->desc;
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
  config.initial_size = 1 << 20;
  config.min_size = 1 << 20;
  config.max_size = 2 << 20;
  CheckStatus(H5Fset_mdc_config(file, &config), "limit the metadata cache");
}

}  // namespace ccsim::trace
