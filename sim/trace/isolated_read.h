// HDF5 1.10 crashes on some malformed files in ways no check made before the read can see
// (a string attribute referring to an object its global heap does not hold makes H5HG_read
// read out of bounds; found by fuzzing, docs/fuzzing.md). So a reader first reads a file
// in a child process: when the child dies or hangs, the file is refused, and this process
// never touches it; when the child finishes, this process reads the file itself.
#ifndef CCSIM_TRACE_ISOLATED_READ_H_
#define CCSIM_TRACE_ISOLATED_READ_H_

#include <functional>
#include <string>

namespace ccsim::trace::internal {

// How long the child may take before the file is called a hang.
inline constexpr unsigned kProbeSeconds = 120;

// Runs `read` in a child process (its errors are ignored there: this process will meet
// them). Throws BadFile when the child is killed by a signal, times out or exits non-zero.
// Without fork (it fails), does nothing.
void ProbeInChild(const std::function<void()>& read);

// Turns the probe off (on by default) for the fuzz target: there each input is read in
// this process, so that libFuzzer sees what HDF5 does, at full speed (a fork of a process
// under AddressSanitizer takes a while).
void SetProbeInChild(bool on);

}  // namespace ccsim::trace::internal

#endif  // CCSIM_TRACE_ISOLATED_READ_H_
