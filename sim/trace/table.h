// A 1-D table of compound rows in an HDF5 file, chunked and compressed (shuffle +
// deflate), that grows as rows are appended: the writer never holds a whole table.
#ifndef CCSIM_TRACE_TABLE_H_
#define CCSIM_TRACE_TABLE_H_

#include <cstddef>
#include <string>

#include "sim/trace/hdf5_handle.h"

namespace ccsim::trace {

class Table {
 public:
  Table() = default;
  // Creates `name` in `parent`. Rows are laid out in memory as `memory_type` and stored
  // as `file_type` (the same fields, packed).
  Table(hid_t parent, const std::string& name, hid_t file_type, hid_t memory_type,
        size_t chunk_rows);

  // Appends `n` rows laid out as the memory type.
  void Append(const void* rows, size_t n);
  size_t size() const { return size_; }
  bool valid() const { return dataset_.valid(); }

 private:
  std::string name_;
  Hid dataset_;
  hid_t memory_type_ = H5I_INVALID_HID;  // owned by the caller, outlives the table
  size_t size_ = 0;
};

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_TABLE_H_
