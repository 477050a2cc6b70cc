#include "sim/trace/result_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "sim/trace/hdf5_handle.h"
#include "sim/trace/result_tables.h"

namespace ccsim::trace {

using namespace internal;  // the shared attribute helpers of result_tables.h

namespace {

// The readers below throw (the HDF5 layer does); the public functions turn that into
// an error value at the boundary.
template <class F>
auto Catching(F&& read) -> Expected<decltype(read())> {
  try {
    return read();
  } catch (const std::exception& e) {
    return FileError{e.what()};
  }
}

Hid Open(const std::string& path) {
  SilenceHdf5Errors();
  if (access(path.c_str(), R_OK) != 0) throw std::runtime_error("cannot read " + path);
  return Hid::Check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                    path + " is not an HDF5 file");
}

std::string StringOr(hid_t root, const char* name, const std::string& missing = "") {
  return H5Aexists(root, name) > 0 ? ReadStringAttribute(root, name) : missing;
}

template <class T>
T NumberOr(hid_t root, const char* name, hid_t type, T missing) {
  return H5Aexists(root, name) > 0 ? ReadAttribute<T>(root, name, type) : missing;
}

RootAttributes ReadRoot(const std::string& path, hid_t root) {
  if (H5Aexists(root, "schema_version") <= 0 || H5Aexists(root, "scenario") <= 0) {
    throw std::runtime_error(path + " is not a ccsim result file (no schema_version/scenario attributes)");
  }
  const int32_t schema = ReadAttribute<int32_t>(root, "schema_version", H5T_NATIVE_INT32);
  if (schema != kSchemaVersion) {
    throw std::runtime_error(path + ": schema_version " + std::to_string(schema) +
                             " is not one this ccsim reads (" + std::to_string(kSchemaVersion) + ")");
  }
  RootAttributes a;
  a.kind = StringOr(root, "kind") == "sweep" ? FileKind::kSweep : FileKind::kRun;
  a.ccsim_version = StringOr(root, "ccsim_version");
  a.scenario_text = StringOr(root, "scenario");
  a.scenario_name = StringOr(root, "scenario_name");
  a.scenario_file = StringOr(root, "scenario_file");
  a.overrides = Split(StringOr(root, "overrides"));
  a.seed = NumberOr<uint64_t>(root, "seed", H5T_NATIVE_UINT64, a.seed);
  a.replications = NumberOr<int32_t>(root, "replications", H5T_NATIVE_INT32, a.replications);
  a.trace = StringOr(root, "trace", a.trace);
  a.horizon = NumberOr<double>(root, "horizon", H5T_NATIVE_DOUBLE, 0);
  a.warmup = NumberOr<double>(root, "warmup", H5T_NATIVE_DOUBLE, 0);
  a.interval = NumberOr<double>(root, "interval", H5T_NATIVE_DOUBLE, 0);
  a.service_level_threshold = NumberOr<double>(root, "service_level_threshold", H5T_NATIVE_DOUBLE, 0);
  a.service_level_target = NumberOr<double>(root, "service_level_target", H5T_NATIVE_DOUBLE, 0);
  a.vary_paths = Split(StringOr(root, "vary"));
  a.total_points = NumberOr<int32_t>(root, "points", H5T_NATIVE_INT32, 0);
  a.shard = StringOr(root, "shard");
  return a;
}

// The names of a contact_type enum's members 0, 1, ... (ALL, -1, left out).
std::vector<std::string> ContactTypeNames(hid_t row_type) {
  const Hid e = Hid::Check(H5Tget_member_type(row_type, H5Tget_member_index(row_type, "contact_type")),
                           H5Tclose, "get the contact_type enum");
  std::vector<std::string> names;
  const int members = H5Tget_nmembers(e.get());
  for (int32_t t = 0; t + 1 < members; ++t) {  // every type, and ALL
    char name[1024];
    CheckStatus(H5Tenum_nameof(e.get(), &t, name, sizeof name), "name a contact type");
    names.push_back(name);
  }
  return names;
}

// The float64 columns of a summary table besides its keys, in file order, with their
// description attributes.
std::vector<records::Column> FigureColumns(hid_t dataset, hid_t row_type) {
  std::vector<records::Column> columns;
  for (int m = 0; m < H5Tget_nmembers(row_type); ++m) {
    const Hid member = Hid::Check(H5Tget_member_type(row_type, m), H5Tclose, "get a column type");
    if (H5Tget_class(member.get()) != H5T_FLOAT) continue;
    char* raw = H5Tget_member_name(row_type, m);
    records::Column c{.name = raw};
    H5free_memory(raw);
    c.label = StringOr(dataset, (c.name + ".label").c_str());
    c.unit = StringOr(dataset, (c.name + ".unit").c_str());
    c.definition = StringOr(dataset, (c.name + ".definition").c_str());
    c.scope = StringOr(dataset, (c.name + ".scope").c_str());
    columns.push_back(std::move(c));
  }
  return columns;
}

SummaryContents ReadSummaryTable(const std::string& path, hid_t file, const std::string& group) {
  const std::string name = group.empty() ? "summary" : group + "/summary";
  if (H5Lexists(file, group.empty() ? "summary" : group.c_str(), H5P_DEFAULT) <= 0 ||
      H5Lexists(file, name.c_str(), H5P_DEFAULT) <= 0) {
    throw std::runtime_error(path + " has no /" + name + " table");
  }
  const Hid set = Hid::Check(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose, "open /" + name);
  // Read with the file's own layout (native), then pick the columns by name: the enum
  // column's raw value is the contact type index (-1: ALL).
  const Hid file_type = Hid::Check(H5Dget_type(set.get()), H5Tclose, "get the row type");
  const Hid native = Hid::Check(H5Tget_native_type(file_type.get(), H5T_DIR_ASCEND), H5Tclose,
                                "get the native row type");
  const Hid space = Hid::Check(H5Dget_space(set.get()), H5Sclose, "get the table size");
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  const size_t row_size = H5Tget_size(native.get());
  std::vector<unsigned char> raw(static_cast<size_t>(n) * row_size);
  CheckStatus(H5Dread(set.get(), native.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()),
              "read /" + name);
  auto offset_of = [&](const std::string& column) -> long {
    const int index = H5Tget_member_index(native.get(), column.c_str());
    return index < 0 ? -1 : static_cast<long>(H5Tget_member_offset(native.get(), index));
  };
  const long replication = offset_of("replication"), contact_type = offset_of("contact_type");
  if (replication < 0 || contact_type < 0) {
    throw std::runtime_error("/" + name + " in " + path + " lacks replication/contact_type");
  }
  SummaryContents out{.contact_types = ContactTypeNames(native.get())};
  out.summary.columns = FigureColumns(set.get(), native.get());
  std::vector<long> offsets;
  for (const records::Column& c : out.summary.columns) offsets.push_back(offset_of(c.name));
  out.summary.rows.resize(static_cast<size_t>(n));
  for (hssize_t r = 0; r < n; ++r) {
    const unsigned char* row = raw.data() + r * row_size;
    records::SummaryRow& to = out.summary.rows[r];
    std::memcpy(&to.replication, row + replication, sizeof(int32_t));
    std::memcpy(&to.contact_type, row + contact_type, sizeof(int32_t));
    to.values.resize(offsets.size());
    for (size_t c = 0; c < offsets.size(); ++c) {
      std::memcpy(&to.values[c], row + offsets[c], sizeof(double));
    }
  }
  return out;
}

}  // namespace

Expected<RootAttributes> ReadRootAttributes(const std::string& path) {
  return Catching([&] {
    const Hid file = Open(path);
    return ReadRoot(path, file.get());
  });
}

Expected<SummaryContents> ReadSummary(const std::string& path, const std::string& group) {
  return Catching([&] {
    const Hid file = Open(path);
    return ReadSummaryTable(path, file.get(), group);
  });
}

namespace {

// /points/table: each point's number and values.
std::vector<SweepPointContents> ReadPointsTable(hid_t root, const std::vector<std::string>& vary) {
  const Hid set = Hid::Check(H5Dopen2(root, "points/table", H5P_DEFAULT), H5Dclose,
                             "open /points/table");
  const Hid type = PointsRowType(vary);
  const Hid space = Hid::Check(H5Dget_space(set.get()), H5Sclose, "get the table size");
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  const size_t row_size = H5Tget_size(type.get());
  std::vector<unsigned char> raw(static_cast<size_t>(n) * row_size);
  CheckStatus(H5Dread(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()),
              "read /points/table");
  std::vector<SweepPointContents> points;
  for (hssize_t r = 0; r < n; ++r) {
    const unsigned char* row = raw.data() + r * row_size;
    SweepPointContents p;
    std::memcpy(&p.index, row, sizeof(int32_t));
    for (size_t k = 0; k < vary.size(); ++k) {
      const char* text;
      std::memcpy(&text, row + kPointValuesOffset + k * sizeof(const char*), sizeof text);
      p.values.push_back(text ? text : "");
    }
    points.push_back(std::move(p));
  }
  H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, raw.data());
  return points;
}

}  // namespace

Expected<SweepContents> ReadSweep(const std::string& path) {
  return Catching([&] {
    const Hid file = Open(path);
    const hid_t root = file.get();
    if (H5Aexists(root, "kind") <= 0 || ReadStringAttribute(root, "kind") != "sweep") {
      throw std::runtime_error(path + " is not a ccsim sweep file");
    }
    SweepContents c;
    c.info = ReadRoot(path, root);
    c.points = ReadPointsTable(root, c.info.vary_paths);
    for (SweepPointContents& p : c.points) {
      p.summary = ReadSummaryTable(path, root, "points/" + std::to_string(p.index));
    }
    std::sort(c.points.begin(), c.points.end(),
              [](const SweepPointContents& a, const SweepPointContents& b) { return a.index < b.index; });
    return c;
  });
}

}  // namespace ccsim::trace
