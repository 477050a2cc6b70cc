#include "sim/trace/file_checks.h"

#include <cstdlib>

namespace ccsim::trace::internal {

namespace {

std::string ClassName(H5T_class_t c) {
  switch (c) {
    case H5T_INTEGER:
      return "an integer";
    case H5T_FLOAT:
      return "a floating-point number";
    case H5T_STRING:
      return "a string";
    case H5T_ENUM:
      return "an enum";
    case H5T_COMPOUND:
      return "a compound";
    default:
      return "of HDF5 class " + std::to_string(static_cast<int>(c));
  }
}

// The attribute, opened once its dataspace is a scalar and its class `expected`.
Hid OpenScalar(hid_t object, const char* name, H5T_class_t expected, Hid& type) {
  Hid attr = Hid::Check(H5Aopen(object, name, H5P_DEFAULT), H5Aclose,
                        std::string("open attribute ") + name);
  const Hid space = Hid::Check(H5Aget_space(attr.get()), H5Sclose,
                               std::string("get the shape of attribute ") + name);
  if (H5Sget_simple_extent_type(space.get()) != H5S_SCALAR) {
    throw BadFile(std::string("attribute ") + name + " is not a single value (an array or empty)");
  }
  type = Hid::Check(H5Aget_type(attr.get()), H5Tclose, std::string("get the type of ") + name);
  const H5T_class_t actual = H5Tget_class(type.get());
  if (actual != expected) {
    throw BadFile(std::string("attribute ") + name + " is " + ClassName(actual) + "; expected " +
                  ClassName(expected));
  }
  // HDF5 1.10 copies a whole value of the type out of the attribute's stored bytes
  // without checking that they are as many (an overflow found by fuzzing). A
  // variable-length string is stored as a 16-byte reference (8-byte file addresses, as
  // ccsim and h5py write).
  const hsize_t needed = H5Tis_variable_str(type.get()) > 0 ? 16 : H5Tget_size(type.get());
  const hsize_t stored = H5Aget_storage_size(attr.get());
  if (stored < needed) {
    throw BadFile(std::string("attribute ") + name + " holds " + std::to_string(stored) +
                  " bytes; its type needs " + std::to_string(needed));
  }
  return attr;
}

template <class T>
T ReadNumber(hid_t object, const char* name, H5T_class_t expected, hid_t memory_type) {
  Hid type;
  const Hid attr = OpenScalar(object, name, expected, type);
  T value{};
  CheckStatus(H5Aread(attr.get(), memory_type, &value), std::string("read attribute ") + name);
  return value;
}

}  // namespace

std::string CheckedString(hid_t object, const char* name) {
  Hid type;
  const Hid attr = OpenScalar(object, name, H5T_STRING, type);
  if (H5Tis_variable_str(type.get()) <= 0) {
    throw BadFile(std::string("attribute ") + name +
                  " is a fixed-length string; expected a variable-length one");
  }
  const Hid memory = Hid::Check(H5Tcopy(H5T_C_S1), H5Tclose, "create a string type");
  CheckStatus(H5Tset_size(memory.get(), H5T_VARIABLE), "make a variable-length string type");
  // HDF5 converts no string between character sets: read in the attribute's own.
  CheckStatus(H5Tset_cset(memory.get(), H5Tget_cset(type.get())), "set a string's character set");
  char* text = nullptr;
  CheckStatus(H5Aread(attr.get(), memory.get(), &text), std::string("read attribute ") + name);
  std::string value = text ? text : "";
  H5free_memory(text);
  return value;
}

int64_t CheckedInteger(hid_t object, const char* name, int64_t min, int64_t max) {
  const auto value = ReadNumber<int64_t>(object, name, H5T_INTEGER, H5T_NATIVE_INT64);
  if (value < min || value > max) {
    throw BadFile(std::string("attribute ") + name + " is " + std::to_string(value) +
                  "; expected " + std::to_string(min) + ".." + std::to_string(max));
  }
  return value;
}

uint64_t CheckedUnsigned(hid_t object, const char* name) {
  // A negative number would convert to 0 without complaint: read it signed first.
  Hid type;
  { const Hid attr = OpenScalar(object, name, H5T_INTEGER, type); }
  if (H5Tget_sign(type.get()) == H5T_SGN_2) {
    return static_cast<uint64_t>(CheckedInteger(object, name, 0, INT64_MAX));
  }
  return ReadNumber<uint64_t>(object, name, H5T_INTEGER, H5T_NATIVE_UINT64);
}

double CheckedFloat(hid_t object, const char* name) {
  return ReadNumber<double>(object, name, H5T_FLOAT, H5T_NATIVE_DOUBLE);
}

hsize_t CheckedRowCount(hid_t dataset, size_t row_size, const std::string& table) {
  const Hid space = Hid::Check(H5Dget_space(dataset), H5Sclose, "get the shape of " + table);
  if (H5Sget_simple_extent_type(space.get()) != H5S_SIMPLE ||
      H5Sget_simple_extent_ndims(space.get()) != 1) {
    throw BadFile(table + " is not a table (a 1-D dataset)");
  }
  hsize_t rows = 0;
  CheckStatus(H5Sget_simple_extent_dims(space.get(), &rows, nullptr), "get the size of " + table);
  if (row_size == 0 || rows > kMaxTableBytes / row_size) {
    throw BadFile(table + " has " + std::to_string(rows) + " rows, more than ccsim reads (" +
                  std::to_string(kMaxTableBytes >> 20) + " MiB)");
  }
  return rows;
}

void CheckColumn(hid_t row_type, int member, H5T_class_t expected, size_t bytes,
                 const std::string& table) {
  char* raw = H5Tget_member_name(row_type, member);
  const std::string name = raw ? raw : "?";
  H5free_memory(raw);
  const Hid type =
      Hid::Check(H5Tget_member_type(row_type, member), H5Tclose, "get the type of column " + name);
  const H5T_class_t actual = H5Tget_class(type.get());
  const size_t size = H5Tget_size(type.get());
  if (actual != expected || size != bytes) {
    throw BadFile("column " + name + " of " + table + " is " + ClassName(actual) + " of " +
                  std::to_string(size) + " bytes; expected " + ClassName(expected) + " of " +
                  std::to_string(bytes));
  }
}

namespace {

// The names of an enum's values 0, 1, ... (-1, named `none`, left out), at most `max`.
std::vector<std::string> IndexNames(hid_t enum_type, const std::string& table,
                                    const std::string& column, const std::string& none,
                                    const std::string& what, int max) {
  const int members = H5Tget_nmembers(enum_type);
  if (members < 1 || members > max + 1) {
    throw BadFile("the " + column + " enum of " + table + " has " + std::to_string(members) +
                  " values; expected " + none + " and 1.." + std::to_string(max) + " " + what);
  }
  auto name_of = [&](int32_t value) {
    char name[1024];
    if (H5Tenum_nameof(enum_type, &value, name, sizeof name) < 0) {
      H5Eclear2(H5E_DEFAULT);
      throw BadFile("the " + column + " enum of " + table + " names no value " +
                    std::to_string(value));
    }
    return std::string(name);
  };
  name_of(-1);
  std::vector<std::string> names;
  for (int32_t t = 0; t + 1 < members; ++t) names.push_back(name_of(t));
  return names;
}

}  // namespace

std::vector<std::string> ContactTypeNames(hid_t enum_type, const std::string& table) {
  return IndexNames(enum_type, table, "contact_type", "ALL", "types", kMaxContactTypes);
}

std::vector<std::string> AgentGroupNames(hid_t enum_type, const std::string& table) {
  return IndexNames(enum_type, table, "agent_group", "(none)", "groups", kMaxAgentGroups);
}

}  // namespace ccsim::trace::internal
