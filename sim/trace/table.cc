#include "sim/trace/table.h"

#include <libdeflate.h>

#include <algorithm>
#include <new>

namespace ccsim::trace {

PackedLayout PackedLayout::Of(hid_t memory_type, hid_t file_type) {
  PackedLayout layout;
  layout.memory_size = H5Tget_size(memory_type);
  layout.file_size = H5Tget_size(file_type);
  const int members = H5Tget_nmembers(memory_type);
  CheckStatus(members, "count the fields of a row type");
  for (int m = 0; m < members; ++m) {
    const Hid member = Hid::Check(H5Tget_member_type(file_type, m), H5Tclose, "get a field type");
    layout.fields.push_back({.memory_offset = H5Tget_member_offset(memory_type, m),
                             .file_offset = H5Tget_member_offset(file_type, m),
                             .size = H5Tget_size(member.get())});
  }
  return layout;
}

ChunkEncoder::ChunkEncoder() : compressor_(libdeflate_alloc_compressor(kDeflateLevel)) {
  if (compressor_ == nullptr) throw std::bad_alloc();
}

ChunkEncoder::~ChunkEncoder() { libdeflate_free_compressor(compressor_); }

const std::vector<uint8_t>& ChunkEncoder::Encode(const PackedLayout& layout, const void* rows,
                                                 size_t n) {
  // Packing and HDF5's shuffle filter in one pass: byte b of a row's packed form goes to
  // b * n + row.
  // Rows go in tiles that stay in the L1 cache while their bytes are scattered.
  constexpr size_t kTile = 64;
  shuffled_.resize(n * layout.file_size);
  const auto* base = static_cast<const uint8_t*>(rows);
  for (size_t first = 0; first < n; first += kTile) {
    const size_t last = std::min(n, first + kTile);
    for (const PackedLayout::Field& f : layout.fields) {
      for (size_t b = 0; b < f.size; ++b) {
        uint8_t* dst = shuffled_.data() + (f.file_offset + b) * n;
        const uint8_t* src = base + f.memory_offset + b;
        for (size_t i = first; i < last; ++i) dst[i] = src[i * layout.memory_size];
      }
    }
  }
  // HDF5's deflate filter stores a zlib stream.
  compressed_.resize(libdeflate_zlib_compress_bound(compressor_, shuffled_.size()));
  const size_t written = libdeflate_zlib_compress(compressor_, shuffled_.data(), shuffled_.size(),
                                                  compressed_.data(), compressed_.size());
  if (written == 0) throw Hdf5Error("deflate a chunk: output buffer too small");
  compressed_.resize(written);
  return compressed_;
}

Table::Table(hid_t parent, const std::string& name, hid_t file_type, hid_t memory_type,
             size_t chunk_rows)
    : name_(name), memory_type_(memory_type), chunk_rows_(chunk_rows) {
  const hsize_t initial = 0, unlimited = H5S_UNLIMITED, chunk = chunk_rows;
  const Hid space = Hid::Check(H5Screate_simple(1, &initial, &unlimited), H5Sclose,
                               "create the dataspace of " + name);
  const Hid props = Hid::Check(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "create properties");
  CheckStatus(H5Pset_chunk(props.get(), 1, &chunk), "set the chunk size of " + name);
  // The order matters: ChunkEncoder applies the same two filters in the same order.
  CheckStatus(H5Pset_shuffle(props.get()), "set the shuffle filter of " + name);
  CheckStatus(H5Pset_deflate(props.get(), ChunkEncoder::kDeflateLevel),
              "set the deflate filter of " + name);
  dataset_ = Hid::Check(H5Dcreate2(parent, name.c_str(), file_type, space.get(), H5P_DEFAULT,
                                   props.get(), H5P_DEFAULT),
                        H5Dclose, "create dataset " + name);
}

void Table::Extend(size_t new_size) {
  const hsize_t extent = new_size;
  CheckStatus(H5Dset_extent(dataset_.get(), &extent), "extend " + name_);
}

void Table::AppendEncoded(const std::vector<uint8_t>& chunk, size_t n) {
  Extend(size_ + n);
  const hsize_t offset = size_;
  CheckStatus(H5Dwrite_chunk(dataset_.get(), H5P_DEFAULT, /*filters=*/0, &offset, chunk.size(),
                             chunk.data()),
              "write a chunk of " + name_);
  size_ += n;
}

void Table::Append(const void* rows, size_t n) {
  if (n == 0) return;
  const hsize_t start = size_, count = n;
  Extend(size_ + n);
  const Hid file_space = Hid::Check(H5Dget_space(dataset_.get()), H5Sclose, "get the space of " + name_);
  CheckStatus(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr),
              "select rows of " + name_);
  const Hid memory_space = Hid::Check(H5Screate_simple(1, &count, nullptr), H5Sclose,
                                      "create a memory space for " + name_);
  CheckStatus(H5Dwrite(dataset_.get(), memory_type_, memory_space.get(), file_space.get(),
                       H5P_DEFAULT, rows),
              "write rows of " + name_);
  size_ += n;
}

}  // namespace ccsim::trace
