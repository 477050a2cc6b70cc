#include "sim/trace/table.h"

namespace ccsim::trace {

namespace {
constexpr unsigned kDeflateLevel = 4;
}  // namespace

Table::Table(hid_t parent, const std::string& name, hid_t file_type, hid_t memory_type,
             size_t chunk_rows)
    : name_(name), memory_type_(memory_type) {
  const hsize_t initial = 0, unlimited = H5S_UNLIMITED, chunk = chunk_rows;
  const Hid space = Hid::Check(H5Screate_simple(1, &initial, &unlimited), H5Sclose,
                               "create the dataspace of " + name);
  const Hid props = Hid::Check(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "create properties");
  CheckStatus(H5Pset_chunk(props.get(), 1, &chunk), "set the chunk size of " + name);
  CheckStatus(H5Pset_shuffle(props.get()), "set the shuffle filter of " + name);
  CheckStatus(H5Pset_deflate(props.get(), kDeflateLevel), "set the deflate filter of " + name);
  dataset_ = Hid::Check(H5Dcreate2(parent, name.c_str(), file_type, space.get(), H5P_DEFAULT,
                                   props.get(), H5P_DEFAULT),
                        H5Dclose, "create dataset " + name);
}

void Table::Append(const void* rows, size_t n) {
  if (n == 0) return;
  const hsize_t start = size_, count = n, new_size = size_ + n;
  CheckStatus(H5Dset_extent(dataset_.get(), &new_size), "extend " + name_);
  const Hid file_space = Hid::Check(H5Dget_space(dataset_.get()), H5Sclose, "get the space of " + name_);
  CheckStatus(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr),
              "select rows of " + name_);
  const Hid memory_space = Hid::Check(H5Screate_simple(1, &count, nullptr), H5Sclose,
                                      "create a memory space for " + name_);
  CheckStatus(H5Dwrite(dataset_.get(), memory_type_, memory_space.get(), file_space.get(),
                       H5P_DEFAULT, rows),
              "write rows of " + name_);
  size_ = new_size;
}

}  // namespace ccsim::trace
