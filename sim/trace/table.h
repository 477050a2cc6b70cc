// A 1-D table of compound rows in an HDF5 file, chunked and compressed (shuffle +
// deflate), that grows as rows are appended: the writer never holds a whole table.
//
// Whole chunks can be encoded outside HDF5 (ChunkEncoder: pack to the file layout,
// shuffle, deflate with libdeflate, which is several times faster than zlib for the same
// format) on any thread, and stored with AppendEncoded (H5Dwrite_chunk). The bytes are
// exactly what HDF5's own shuffle + deflate filters would write, so any reader decodes
// them. Other appends go through HDF5's filter pipeline.
#ifndef CCSIM_TRACE_TABLE_H_
#define CCSIM_TRACE_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/trace/hdf5_handle.h"

struct libdeflate_compressor;

namespace ccsim::trace {

// Where each field of a compound row sits in memory and in the (packed) file layout.
struct PackedLayout {
  struct Field {
    size_t memory_offset, file_offset, size;
  };
  size_t memory_size = 0, file_size = 0;
  std::vector<Field> fields;

  // REQUIRES: file_type is a packed copy of memory_type (same members, same order).
  static PackedLayout Of(hid_t memory_type, hid_t file_type);
};

// Turns rows into a stored chunk. Pure computation, no HDF5 call: any thread may use its
// own encoder.
class ChunkEncoder {
 public:
  static constexpr int kDeflateLevel = 1;

  ChunkEncoder();
  ~ChunkEncoder();
  ChunkEncoder(const ChunkEncoder&) = delete;
  ChunkEncoder& operator=(const ChunkEncoder&) = delete;

  // `n` rows in `layout`'s memory form → packed, shuffled, deflated (a zlib stream).
  // The result stays valid until the next call.
  const std::vector<uint8_t>& Encode(const PackedLayout& layout, const void* rows, size_t n);

 private:
  libdeflate_compressor* compressor_;
  std::vector<uint8_t> shuffled_, compressed_;
};

class Table {
 public:
  Table() = default;
  // Creates `name` in `parent`. Rows are laid out in memory as `memory_type` and stored
  // as `file_type`. Both types must outlive the table.
  Table(hid_t parent, const std::string& name, hid_t file_type, hid_t memory_type,
        size_t chunk_rows);

  // Appends `n` rows laid out as the memory type, through HDF5's filters.
  void Append(const void* rows, size_t n);
  // Appends one whole chunk of `n` rows encoded by ChunkEncoder.
  // REQUIRES: n == chunk_rows() and size() % chunk_rows() == 0.
  void AppendEncoded(const std::vector<uint8_t>& chunk, size_t n);

  // Whether appending `n` rows now can take AppendEncoded.
  bool AtChunkBoundary(size_t n) const { return n == chunk_rows_ && size_ % chunk_rows_ == 0; }
  size_t chunk_rows() const { return chunk_rows_; }
  size_t size() const { return size_; }
  bool valid() const { return dataset_.valid(); }
  hid_t id() const { return dataset_.get(); }  // for attributes
  // Closes the dataset now, writing out its cached chunks; throws when that fails.
  void Close() { dataset_.Close("close " + name_); }

 private:
  void Extend(size_t new_size);

  std::string name_;
  Hid dataset_;
  hid_t memory_type_ = H5I_INVALID_HID;
  size_t chunk_rows_ = 0;
  size_t size_ = 0;
};

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_TABLE_H_
