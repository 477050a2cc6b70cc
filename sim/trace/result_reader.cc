#include "sim/trace/result_reader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>

#include "sim/trace/file_checks.h"
#include "sim/trace/hdf5_handle.h"
#include "sim/trace/heap_scan.h"
#include "sim/trace/isolated_read.h"
#include "sim/trace/result_tables.h"

namespace ccsim::trace {

using namespace internal;  // the shared helpers of result_tables.h and file_checks.h

namespace {

// The readers below throw (the HDF5 layer and the checks do); the public functions turn
// that into an error value at the boundary, naming the file. The read runs first in a
// child process (isolated_read.h): its error, if any, is the answer.
template <class F>
auto Catching(const std::string& path, F&& read, const std::atomic<bool>* stop = nullptr)
    -> Expected<decltype(read())> {
  std::optional<decltype(read())> value;
  auto attempt = [&]() -> std::string {  // "" on success
    try {
      value = read();
      return "";
    } catch (const BadFile& e) {
      return path + ": " + e.what();
    } catch (const Hdf5Error& e) {
      return path + ": " + e.what();
    } catch (const std::exception& e) {
      return e.what();
    }
  };
  std::string error;
  try {
    error = ProbeInChild(attempt, stop);
  } catch (const BadFile& e) {
    return FileError{path + ": " + e.what()};
  }
  if (error.empty()) error = attempt();
  if (!error.empty()) return FileError{error};
  return std::move(*value);
}

// A FIFO or a device would block or stream forever in H5Fopen: only regular files.
Hid Open(const std::string& path) {
  SilenceHdf5Errors();
  struct stat st;
  if (access(path.c_str(), R_OK) != 0 || stat(path.c_str(), &st) != 0) {
    throw std::runtime_error("cannot read " + path);
  }
  if (!S_ISREG(st.st_mode)) throw std::runtime_error(path + " is not a regular file");
  CheckGlobalHeaps(path);  // before HDF5 sees the file: its bug would hang it
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) {
    H5Eclear2(H5E_DEFAULT);
    throw std::runtime_error(path + " is not an HDF5 file");
  }
  return Hid(id, H5Fclose);
}

std::string StringOr(hid_t object, const char* name, const std::string& missing = "") {
  return H5Aexists(object, name) > 0 ? CheckedString(object, name) : missing;
}

double FloatOr(hid_t object, const char* name, double missing) {
  return H5Aexists(object, name) > 0 ? CheckedFloat(object, name) : missing;
}

int IntegerOr(hid_t object, const char* name, int64_t min, int64_t max, int missing) {
  return H5Aexists(object, name) > 0 ? static_cast<int>(CheckedInteger(object, name, min, max))
                                     : missing;
}

// schema_version comes first: a file of another version may lay out anything differently.
void CheckSchema(const std::string& path, hid_t root) {
  if (H5Aexists(root, "schema_version") <= 0 || H5Aexists(root, "scenario") <= 0) {
    throw std::runtime_error(path +
                             " is not a ccsim result file (no schema_version/scenario attributes)");
  }
  const int64_t schema = CheckedInteger(root, "schema_version", INT32_MIN, INT32_MAX);
  if (schema != kSchemaVersion) {
    throw std::runtime_error(path + ": schema_version " + std::to_string(schema) +
                             " is not one this ccsim reads (" + std::to_string(kSchemaVersion) +
                             ")");
  }
}

RootAttributes ReadRoot(const std::string& path, hid_t root) {
  CheckSchema(path, root);
  RootAttributes a;
  a.kind = StringOr(root, "kind") == "sweep" ? FileKind::kSweep : FileKind::kRun;
  a.ccsim_version = StringOr(root, "ccsim_version");
  a.scenario_text = StringOr(root, "scenario");
  a.scenario_name = StringOr(root, "scenario_name");
  a.scenario_file = StringOr(root, "scenario_file");
  a.start = StringOr(root, "start");
  a.overrides = Split(StringOr(root, "overrides"));
  if (H5Aexists(root, "seed") > 0) a.seed = CheckedUnsigned(root, "seed");
  a.replications = IntegerOr(root, "replications", 1, kMaxReplications, a.replications);
  a.trace = StringOr(root, "trace", a.trace);
  a.horizon = FloatOr(root, "horizon", 0);
  a.warmup = FloatOr(root, "warmup", 0);
  a.interval = FloatOr(root, "interval", 0);
  a.service_level_threshold = FloatOr(root, "service_level_threshold", 0);
  a.service_level_target = FloatOr(root, "service_level_target", 0);
  a.service_level_thresholds = Split(StringOr(root, "service_level_thresholds"));
  a.vary_paths = Split(StringOr(root, "vary"));
  if (a.vary_paths.size() > static_cast<size_t>(kMaxVaried)) {
    throw BadFile("attribute vary names more than " + std::to_string(kMaxVaried) + " keys");
  }
  a.total_points = IntegerOr(root, "points", 1, kMaxPoints, 0);
  a.shard = StringOr(root, "shard");
  return a;
}

// Where a /summary table's columns sit in a row of its native type, once checked: the
// keys replication (int32), contact_type and (since by-group rows) agent_group (4-byte
// enums), every other column float64.
struct SummaryLayout {
  size_t row_size = 0;
  long replication = -1, contact_type = -1, agent_group = -1;
  std::vector<std::string> contact_types;
  std::vector<std::string> agent_groups;
  std::vector<records::Column> columns;
  std::vector<size_t> offsets;  // of `columns`
};

// A float64 column with what the table's attributes say of it.
records::Column DescribedColumn(hid_t dataset, const std::string& name) {
  records::Column c{.name = name};
  c.label = StringOr(dataset, (name + ".label").c_str());
  c.unit = StringOr(dataset, (name + ".unit").c_str());
  c.definition = StringOr(dataset, (name + ".definition").c_str());
  c.scope = StringOr(dataset, (name + ".scope").c_str());
  return c;
}

SummaryLayout CheckSummaryType(hid_t dataset, hid_t native, const std::string& table) {
  if (H5Tget_class(native) != H5T_COMPOUND) throw BadFile(table + " is not a table of rows");
  SummaryLayout l{.row_size = H5Tget_size(native)};
  const int members = H5Tget_nmembers(native);
  for (int m = 0; m < members; ++m) {
    char* raw = H5Tget_member_name(native, m);
    const std::string name = raw ? raw : "";
    H5free_memory(raw);
    const size_t offset = H5Tget_member_offset(native, m);
    if (name == "replication") {
      CheckColumn(native, m, H5T_INTEGER, sizeof(int32_t), table);
      l.replication = static_cast<long>(offset);
    } else if (name == "contact_type") {
      CheckColumn(native, m, H5T_ENUM, sizeof(int32_t), table);
      const Hid e =
          Hid::Check(H5Tget_member_type(native, m), H5Tclose, "get the contact_type enum");
      l.contact_types = ContactTypeNames(e.get(), table);
      l.contact_type = static_cast<long>(offset);
    } else if (name == "agent_group") {
      CheckColumn(native, m, H5T_ENUM, sizeof(int32_t), table);
      const Hid e = Hid::Check(H5Tget_member_type(native, m), H5Tclose, "get the agent_group enum");
      l.agent_groups = AgentGroupNames(e.get(), table);
      l.agent_group = static_cast<long>(offset);
    } else {
      CheckColumn(native, m, H5T_FLOAT, sizeof(double), table);
      l.columns.push_back(DescribedColumn(dataset, name));
      l.offsets.push_back(offset);
    }
  }
  if (l.replication < 0 || l.contact_type < 0) {
    throw BadFile(table + " lacks the replication or contact_type column");
  }
  return l;
}

// The replications the table's rows may name: the run's (root attribute) or the
// sweep point's (its group's attribute).
int ReplicationsOf(hid_t file, const std::string& group) {
  const Hid object = Hid::Check(H5Oopen(file, group.empty() ? "/" : group.c_str(), H5P_DEFAULT),
                                H5Oclose, "open /" + group);
  const int reps = IntegerOr(object.get(), "replications", 1, kMaxReplications, 0);
  if (reps == 0) throw BadFile("/" + group + " has no replications attribute");
  return reps;
}

void CheckRowKeys(const records::SummaryRow& row, size_t r, int reps, size_t types, size_t groups,
                  const std::string& table) {
  if (row.agent_group < -1 || row.agent_group >= static_cast<int32_t>(groups)) {
    throw BadFile(table + " row " + std::to_string(r) + ": agent_group " +
                  std::to_string(row.agent_group) + " is not a group of the file's enum");
  }
  if (row.replication < 0 || row.replication >= reps) {
    throw BadFile(table + " row " + std::to_string(r) + ": replication " +
                  std::to_string(row.replication) + " is outside 0.." + std::to_string(reps - 1));
  }
  if (row.contact_type < -1 || row.contact_type >= static_cast<int32_t>(types)) {
    throw BadFile(table + " row " + std::to_string(r) + ": contact_type " +
                  std::to_string(row.contact_type) + " is not a type of the file's enum");
  }
}

SummaryContents ReadSummaryTable(const std::string& path, hid_t file, const std::string& group) {
  const std::string name = group.empty() ? "summary" : group + "/summary";
  if (H5Lexists(file, group.empty() ? "summary" : group.c_str(), H5P_DEFAULT) <= 0 ||
      H5Lexists(file, name.c_str(), H5P_DEFAULT) <= 0) {
    throw std::runtime_error(path + " has no /" + name + " table");
  }
  const std::string table = "/" + name;
  const Hid set = Hid::Check(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + table);
  // Read with the file's own layout (native), then pick the columns by name: the enum
  // column's raw value is the contact type index (-1: ALL).
  const Hid file_type = Hid::Check(H5Dget_type(set.get()), H5Tclose, "get the row type");
  const Hid native = Hid::Check(H5Tget_native_type(file_type.get(), H5T_DIR_ASCEND), H5Tclose,
                                "get the native row type");
  const SummaryLayout l = CheckSummaryType(set.get(), native.get(), table);
  const hsize_t n = CheckedRowCount(set.get(), l.row_size, table);
  const int reps = ReplicationsOf(file, group);
  // Every replication has a row per type and ALL: this bounds what readers build from them.
  if (static_cast<hsize_t>(reps) * (l.contact_types.size() + 1) > n) {
    throw BadFile(table + " has " + std::to_string(n) + " rows, too few for " +
                  std::to_string(reps) + " replications of " +
                  std::to_string(l.contact_types.size()) + " contact types and ALL");
  }
  std::vector<unsigned char> raw(n * l.row_size);
  CheckStatus(H5Dread(set.get(), native.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()),
              "read " + table);
  SummaryContents out{.contact_types = l.contact_types, .agent_groups = l.agent_groups};
  out.summary.columns = l.columns;
  out.summary.rows.resize(n);
  for (hsize_t r = 0; r < n; ++r) {
    const unsigned char* row = raw.data() + r * l.row_size;
    records::SummaryRow& to = out.summary.rows[r];
    std::memcpy(&to.replication, row + l.replication, sizeof(int32_t));
    std::memcpy(&to.contact_type, row + l.contact_type, sizeof(int32_t));
    if (l.agent_group >= 0) std::memcpy(&to.agent_group, row + l.agent_group, sizeof(int32_t));
    CheckRowKeys(to, r, reps, l.contact_types.size(), l.agent_groups.size(), table);
    to.values.resize(l.offsets.size());
    for (size_t c = 0; c < l.offsets.size(); ++c) {
      std::memcpy(&to.values[c], row + l.offsets[c], sizeof(double));
    }
  }
  return out;
}

}  // namespace

Expected<RootAttributes> ReadRootAttributes(const std::string& path) {
  return Catching(path, [&] {
    const Hid file = Open(path);
    return ReadRoot(path, file.get());
  });
}

Expected<SummaryContents> ReadSummary(const std::string& path, const std::string& group) {
  return Catching(path, [&] {
    const Hid file = Open(path);
    CheckSchema(path, file.get());
    return ReadSummaryTable(path, file.get(), group);
  });
}

namespace {

// /points/table: each point's number and values, read into PointsRowType (HDF5 converts
// the file's columns by name; a column of another kind fails the read).
std::vector<SweepPointContents> ReadPointsTable(hid_t root, const RootAttributes& info) {
  const std::vector<std::string>& vary = info.vary_paths;
  const Hid set =
      Hid::Check(H5Dopen2(root, "points/table", H5P_DEFAULT), H5Dclose, "open /points/table");
  const Hid type = PointsRowType(vary);
  const size_t row_size = H5Tget_size(type.get());
  const hsize_t n = CheckedRowCount(set.get(), row_size, "/points/table");
  if (n > static_cast<hsize_t>(info.total_points)) {
    throw BadFile("/points/table has more rows than the sweep's " +
                  std::to_string(info.total_points) + " points");
  }
  const Hid space = Hid::Check(H5Dget_space(set.get()), H5Sclose, "get the table size");
  std::vector<unsigned char> raw(n * row_size, 0);
  CheckStatus(H5Dread(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()),
              "read /points/table");
  std::vector<SweepPointContents> points;
  for (hsize_t r = 0; r < n; ++r) {
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

// Each point once, numbered within the sweep.
void CheckPointIndices(std::vector<SweepPointContents>& points, int total) {
  std::sort(
      points.begin(), points.end(),
      [](const SweepPointContents& a, const SweepPointContents& b) { return a.index < b.index; });
  for (size_t i = 0; i < points.size(); ++i) {
    const int p = points[i].index;
    if (p < 0 || p >= total) {
      throw BadFile("/points/table names point " + std::to_string(p) + "; the sweep has 0.." +
                    std::to_string(total - 1));
    }
    if (i > 0 && points[i - 1].index == p) {
      throw BadFile("/points/table names point " + std::to_string(p) + " twice");
    }
  }
}

}  // namespace

Expected<SweepContents> ReadSweep(const std::string& path, const std::atomic<bool>* stop) {
  return Catching(path, [&] {
    const Hid file = Open(path);
    const hid_t root = file.get();
    CheckSchema(path, root);
    if (H5Aexists(root, "kind") <= 0 || CheckedString(root, "kind") != "sweep") {
      throw std::runtime_error(path + " is not a ccsim sweep file");
    }
    SweepContents c;
    c.info = ReadRoot(path, root);
    if (c.info.total_points < 1) throw BadFile("no points attribute");
    c.points = ReadPointsTable(root, c.info);
    CheckPointIndices(c.points, c.info.total_points);
    for (SweepPointContents& p : c.points) {
      if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
        throw std::runtime_error(kStoppedAnswer);
      }
      p.summary = ReadSummaryTable(path, root, "points/" + std::to_string(p.index));
    }
    return c;
  }, stop);
}

}  // namespace ccsim::trace
