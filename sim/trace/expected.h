// A value or the reason there is none: what the readers of result files return, so that
// a missing or foreign file is an ordinary outcome for the caller, not an exception.
//
// Example:
//   Expected<RootAttributes> info = ReadRootAttributes("out.h5");
//   if (!info) return Fail(info.error());   // "out.h5 is not an HDF5 file: ..."
//   uint64_t seed = info->seed;
#ifndef CCSIM_TRACE_EXPECTED_H_
#define CCSIM_TRACE_EXPECTED_H_

#include <string>
#include <utility>
#include <variant>

namespace ccsim::trace {

// Why a file could not be read or written, in words for the user.
struct FileError {
  std::string message;
};

template <class T>
class Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}         // NOLINT: implicit on purpose
  Expected(FileError error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  // REQUIRES: ok().
  const T& operator*() const& { return std::get<0>(state_); }
  T& operator*() & { return std::get<0>(state_); }
  T&& operator*() && { return std::get<0>(std::move(state_)); }
  const T* operator->() const { return &std::get<0>(state_); }
  T* operator->() { return &std::get<0>(state_); }
  // REQUIRES: !ok().
  const std::string& error() const { return std::get<1>(state_).message; }

 private:
  std::variant<T, FileError> state_;
};

// The outcome of a write: nothing, or why it failed.
struct Done {};
using Status = Expected<Done>;

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_EXPECTED_H_
