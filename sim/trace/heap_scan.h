// A guard against a bug of the HDF5 library (1.10, Debian 12's): a global heap collection
// (where variable-length strings live) whose free-space object has size 0 makes
// H5HG__cache_heap_deserialize loop forever, and an object larger than its collection makes
// it read past its buffer. Found by fuzzing the readers (docs/fuzzing.md). The file's bytes
// are scanned for collections ("GCOL") before HDF5 opens it, and walked as HDF5 walks them.
#ifndef CCSIM_TRACE_HEAP_SCAN_H_
#define CCSIM_TRACE_HEAP_SCAN_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace ccsim::trace::internal {

// What is wrong with the collection in `bytes` (from its "GCOL" signature on), nullopt
// when HDF5 can walk it. `bytes` may end before the collection does (then HDF5's own
// read fails cleanly).
std::optional<std::string> CheckGlobalHeap(std::span<const uint8_t> bytes);

// Throws BadFile naming the first collection of the file at `path` that HDF5 could not
// walk. Reads the whole file once.
void CheckGlobalHeaps(const std::string& path);

}  // namespace ccsim::trace::internal

#endif  // CCSIM_TRACE_HEAP_SCAN_H_
