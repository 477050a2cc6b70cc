#include "sim/trace/heap_scan.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <iterator>

#include "sim/trace/file_checks.h"

namespace ccsim::trace::internal {

namespace {

// The layout of a collection (HDF5 file format spec, "Global Heap"), with 8-byte lengths
// as ccsim and h5py write them: signature, version 1, 3 reserved bytes, collection size;
// then objects of index (2 bytes), reference count (2), reserved (4), size (8), data
// padded to 8 bytes. Index 0 is the free space.
constexpr size_t kHeaderBytes = 16;
constexpr size_t kObjectHeaderBytes = 16;

uint64_t Little(const uint8_t* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | p[i];
  return v;
}

}  // namespace

std::optional<std::string> CheckGlobalHeap(std::span<const uint8_t> bytes) {
  if (bytes.size() < kHeaderBytes) return std::nullopt;
  const uint64_t size = Little(bytes.data() + 8, 8);
  if (size > bytes.size()) return std::nullopt;  // HDF5 fails to read it: no walk
  size_t at = kHeaderBytes;
  while (at < size) {
    if (at + kObjectHeaderBytes > size) break;  // too small for an object: free space
    const uint64_t index = Little(bytes.data() + at, 2);
    const uint64_t object = Little(bytes.data() + at + 8, 8);
    // As HDF5 steps: a free-space object by its size, others by header + padded data.
    const uint64_t step = index == 0 ? object : kObjectHeaderBytes + ((object + 7) & ~uint64_t{7});
    if (step == 0) return "its free space has size 0";
    if (object > size || step > size - at) {
      return "object " + std::to_string(index) + " is larger than the collection";
    }
    at += step;
  }
  return std::nullopt;
}

void CheckGlobalHeaps(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;  // the open that follows says why
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
      st.st_size < static_cast<off_t>(kHeaderBytes)) {
    close(fd);
    return;
  }
  // Mapped, not read: a traced run's file may be larger than memory.
  const size_t length = static_cast<size_t>(st.st_size);
  void* mapped = mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (mapped == MAP_FAILED) return;
  const std::span<const uint8_t> file(static_cast<const uint8_t*>(mapped), length);
  static constexpr uint8_t kSignature[] = {'G', 'C', 'O', 'L', 1};
  std::optional<std::string> wrong;
  size_t at = 0;
  for (; !wrong; ++at) {
    at = static_cast<size_t>(
        std::search(file.begin() + at, file.end(), std::begin(kSignature), std::end(kSignature)) -
        file.begin());
    if (at + kHeaderBytes > file.size()) break;
    wrong = CheckGlobalHeap(file.subspan(at));
  }
  munmap(mapped, length);
  if (wrong) {
    throw BadFile("the global heap at byte " + std::to_string(at - 1) + " is corrupt (" + *wrong +
                  ")");
  }
}

}  // namespace ccsim::trace::internal
