// HDF5 1.10 crashes on some malformed files in ways no check made before the read can see
// (a string attribute referring to an object its global heap does not hold makes H5HG_read
// read out of bounds), and allocates whatever length a string claims (18 GB from a
// 70 KB file); both found by fuzzing (docs/fuzzing.md). So a reader first reads a file in
// a child process with bounded memory and time: when the child dies or hangs the file is
// refused, when its read fails that error is the answer, and only when it succeeds does
// this process read the file itself, within the same bounds.
#ifndef CCSIM_TRACE_ISOLATED_READ_H_
#define CCSIM_TRACE_ISOLATED_READ_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace ccsim::trace::internal {

// How long the child may take before the file is called a hang, and how much address
// space it may add to what the process already has.
inline constexpr unsigned kProbeSeconds = 120;
inline constexpr uint64_t kProbeMemoryBytes = uint64_t{4} << 30;

// Runs `read` in a child process and returns what it returned: "" for success, else its
// error message. Throws BadFile when the child is killed by a signal, times out or exits
// otherwise. Without a child (turned off, or fork fails) returns "" at once. When `*stop`
// becomes true (Ctrl-C) the child is killed and kStoppedAnswer returned within 0.1 s.
inline constexpr char kStoppedAnswer[] = "stopped";
std::string ProbeInChild(const std::function<std::string()>& read,
                         const std::atomic<bool>* stop = nullptr);

// Turns the probe off (on by default) for the fuzz target: there each input is read in
// this process, so that libFuzzer sees what HDF5 does, at full speed (a fork of a process
// under AddressSanitizer takes a while).
void SetProbeInChild(bool on);

}  // namespace ccsim::trace::internal

#endif  // CCSIM_TRACE_ISOLATED_READ_H_
