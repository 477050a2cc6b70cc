#include "sim/trace/sweep_file.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "sim/model/summary.h"
#include "sim/trace/hdf5_handle.h"
#include "sim/trace/result_tables.h"

namespace ccsim::trace {

using namespace internal;

namespace {

constexpr int kSchemaVersion = 1;

Hid CreateGroup(hid_t parent, const std::string& name) {
  return Hid::Check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                    H5Gclose, "create group " + name);
}

// /points/table: point (int32) and one variable-length string column per varied key.
void WritePointsTable(hid_t parent, const SweepInfo& info, std::span<const SweepPoint> points) {
  const size_t n = info.vary_paths.size();
  const size_t row_size = sizeof(int64_t) + n * sizeof(const char*);
  const Hid str = VariableString();
  const Hid type = Hid::Check(H5Tcreate(H5T_COMPOUND, row_size), H5Tclose, "create the points row");
  CheckStatus(H5Tinsert(type.get(), "point", 0, H5T_NATIVE_INT32), "add column point");
  for (size_t k = 0; k < n; ++k) {
    CheckStatus(H5Tinsert(type.get(), info.vary_paths[k].c_str(),
                          sizeof(int64_t) + k * sizeof(const char*), str.get()),
                "add column " + info.vary_paths[k]);
  }
  std::vector<unsigned char> rows(points.size() * row_size, 0);
  for (size_t i = 0; i < points.size(); ++i) {
    unsigned char* row = rows.data() + i * row_size;
    const int32_t index = static_cast<int32_t>(i);
    std::memcpy(row, &index, sizeof index);
    for (size_t k = 0; k < n; ++k) {
      const char* text = points[i].values[k].c_str();
      std::memcpy(row + sizeof(int64_t) + k * sizeof(const char*), &text, sizeof text);
    }
  }
  const hsize_t count = points.size();
  const Hid space = Hid::Check(H5Screate_simple(1, &count, nullptr), H5Sclose, "create a space");
  const Hid set = Hid::Check(H5Dcreate2(parent, "table", type.get(), space.get(), H5P_DEFAULT,
                                        H5P_DEFAULT, H5P_DEFAULT),
                             H5Dclose, "create /points/table");
  CheckStatus(H5Dwrite(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()),
              "write /points/table");
}

void WritePoint(hid_t points_group, size_t i, const SweepInfo& info, const SweepPoint& p) {
  const Hid group = CreateGroup(points_group, std::to_string(i));
  const model::Model& m = *p.model;
  std::vector<std::string> types, groups, values;
  for (const auto& t : m.scenario().contact_types) types.push_back(t.name);
  for (const auto& g : m.scenario().agent_groups) groups.push_back(g.name);
  for (size_t k = 0; k < p.values.size(); ++k) values.push_back(info.vary_paths[k] + "=" + p.values[k]);
  WriteAttribute(group.get(), "values", Join(values));
  const int32_t reps = static_cast<int32_t>(p.results.size());
  WriteAttribute(group.get(), "replications", H5T_NATIVE_INT32, &reps);
  const RecordTypes record_types(types, groups);
  WriteRows(group.get(), "summary", record_types.summary, SummaryRows(p.results));
  WriteRows(group.get(), "intervals", record_types.interval, IntervalRows(m, p.results));
  WriteRows(group.get(), "agent_results", record_types.agent_result, AgentResultRows(m, p.results));
}

}  // namespace

void WriteSweepFile(const std::string& path, const SweepInfo& info,
                    std::span<const SweepPoint> points) {
  SilenceHdf5Errors();
  const std::string temp = path + ".tmp-" + std::to_string(getpid());
  try {
    {
      Hid file = Hid::Check(H5Fcreate(temp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                            H5Fclose, "create " + temp);
      const hid_t root = file.get();
      const int32_t schema = kSchemaVersion;
      const int32_t count = static_cast<int32_t>(points.size());
      WriteAttribute(root, "schema_version", H5T_NATIVE_INT32, &schema);
      WriteAttribute(root, "ccsim_version", info.ccsim_version);
      WriteAttribute(root, "kind", std::string("sweep"));
      WriteAttribute(root, "scenario", info.scenario_text);
      WriteAttribute(root, "scenario_name", info.scenario_name);
      WriteAttribute(root, "scenario_file", info.scenario_file);
      WriteAttribute(root, "overrides", Join(info.overrides));
      WriteAttribute(root, "vary", Join(info.vary_paths));
      WriteAttribute(root, "seed", H5T_NATIVE_UINT64, &info.seed);
      WriteAttribute(root, "points", H5T_NATIVE_INT32, &count);
      {
        const Hid group = CreateGroup(root, "points");
        WritePointsTable(group.get(), info, points);
        for (size_t i = 0; i < points.size(); ++i) WritePoint(group.get(), i, info, points[i]);
      }
      file.Close("close " + temp);
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
      throw std::runtime_error("cannot rename " + temp + " to " + path);
    }
  } catch (...) {
    std::remove(temp.c_str());
    throw;
  }
}

std::vector<SummaryRow> ReadSummary(const std::string& path, const std::string& group) {
  SilenceHdf5Errors();
  if (access(path.c_str(), R_OK) != 0) throw std::runtime_error("cannot read " + path);
  const Hid file = Hid::Check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                              path + " is not an HDF5 file");
  const std::string name = group.empty() ? "summary" : group + "/summary";
  if (H5Lexists(file.get(), group.empty() ? "summary" : group.c_str(), H5P_DEFAULT) <= 0 ||
      H5Lexists(file.get(), name.c_str(), H5P_DEFAULT) <= 0) {
    throw std::runtime_error(path + " has no /" + name + " table");
  }
  const Hid set = Hid::Check(H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT), H5Dclose,
                             "open /" + name);
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
  auto offset_of = [&](const char* column) -> long {
    const int index = H5Tget_member_index(native.get(), column);
    return index < 0 ? -1 : static_cast<long>(H5Tget_member_offset(native.get(), index));
  };
  const long replication = offset_of("replication"), contact_type = offset_of("contact_type");
  if (replication < 0 || contact_type < 0) {
    throw std::runtime_error("/" + name + " in " + path + " lacks replication/contact_type");
  }
  std::vector<long> kpi(model::kKpiCount);
  for (int k = 0; k < model::kKpiCount; ++k) kpi[k] = offset_of(model::ToString(static_cast<model::Kpi>(k)));
  std::vector<SummaryRow> rows(static_cast<size_t>(n));
  for (hssize_t r = 0; r < n; ++r) {
    const unsigned char* row = raw.data() + r * row_size;
    std::memcpy(&rows[r].replication, row + replication, sizeof(int32_t));
    std::memcpy(&rows[r].contact_type, row + contact_type, sizeof(int32_t));
    for (int k = 0; k < model::kKpiCount; ++k) {
      rows[r].kpis[k] = std::numeric_limits<double>::quiet_NaN();
      if (kpi[k] >= 0) std::memcpy(&rows[r].kpis[k], row + kpi[k], sizeof(double));
    }
  }
  return rows;
}

namespace {

// A numeric root attribute, or `missing` when the file lacks it.
template <class T>
T ReadRootNumber(const std::string& path, const char* name, hid_t type, T missing) {
  SilenceHdf5Errors();
  if (access(path.c_str(), R_OK) != 0) throw std::runtime_error("cannot read " + path);
  const Hid file = Hid::Check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                              path + " is not an HDF5 file");
  if (H5Aexists(file.get(), name) <= 0) return missing;
  const Hid attr = Hid::Check(H5Aopen(file.get(), name, H5P_DEFAULT), H5Aclose,
                              std::string("open attribute ") + name);
  T value{};
  CheckStatus(H5Aread(attr.get(), type, &value), std::string("read attribute ") + name);
  return value;
}

}  // namespace

int CountPoints(const std::string& path) {
  return ReadRootNumber<int32_t>(path, "points", H5T_NATIVE_INT32, 0);
}

uint64_t ReadSeed(const std::string& path) {
  return ReadRootNumber<uint64_t>(path, "seed", H5T_NATIVE_UINT64, 0);
}

}  // namespace ccsim::trace
