// Checks that make a result file from anyone safe to read: every attribute is read only
// after its class and shape are checked (an array attribute read into a scalar would write
// past it), every table only after its row type, shape and size are. Used by the readers
// (result_reader.cc) on the HDF5 thread; each check throws BadFile saying what is wrong,
// and the reader adds the file's name.
#ifndef CCSIM_TRACE_FILE_CHECKS_H_
#define CCSIM_TRACE_FILE_CHECKS_H_

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/trace/hdf5_handle.h"

namespace ccsim::trace::internal {

// What a file may claim before ccsim refuses it, well above any real run's, so that a
// hostile number cannot make a reader allocate without bound.
inline constexpr int64_t kMaxReplications = 1'000'000;
inline constexpr int64_t kMaxPoints = 1'000'000;
inline constexpr int kMaxContactTypes = 10'000;
inline constexpr int kMaxAgentGroups = 100'000;
inline constexpr int kMaxVaried = 1'000;
inline constexpr uint64_t kMaxTableBytes = uint64_t{1} << 28;  // one table read at once

// A result file that is not as docs/trace_format.md says; the message names what is
// wrong but not the file.
class BadFile : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Scalar attributes of `object`. REQUIRES: the attribute exists (H5Aexists > 0).
// A variable-length string (as ccsim and h5py write them).
std::string CheckedString(hid_t object, const char* name);
// An integer in [min, max].
int64_t CheckedInteger(hid_t object, const char* name, int64_t min, int64_t max);
// A non-negative integer.
uint64_t CheckedUnsigned(hid_t object, const char* name);
// A floating-point number.
double CheckedFloat(hid_t object, const char* name);

// The rows of a 1-D table of compound rows of `row_size` bytes each in memory, when the
// table is one and its rows fit kMaxTableBytes.
hsize_t CheckedRowCount(hid_t dataset, size_t row_size, const std::string& table);

// A compound member's class and size: `column` of `table` must be of `expected`
// (H5T_INTEGER, H5T_FLOAT, H5T_ENUM) and `bytes` wide.
void CheckColumn(hid_t row_type, int member, H5T_class_t expected, size_t bytes,
                 const std::string& table);

// The names of a contact_type enum's values 0, 1, ... (ALL, -1, left out): the enum must
// be 4 bytes wide and name -1 and every value from 0 on, at most kMaxContactTypes.
std::vector<std::string> ContactTypeNames(hid_t enum_type, const std::string& table);
// The same of an agent_group enum ((none), -1, left out), at most kMaxAgentGroups.
std::vector<std::string> AgentGroupNames(hid_t enum_type, const std::string& table);

}  // namespace ccsim::trace::internal

#endif  // CCSIM_TRACE_FILE_CHECKS_H_
