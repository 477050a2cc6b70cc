#include "sim/trace/sweep_file.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <algorithm>
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

// The in-memory row of /points/table: point (int32, in an 8-byte slot) and one
// variable-length string per varied key.
Hid PointsRowType(const std::vector<std::string>& vary_paths) {
  const size_t row_size = sizeof(int64_t) + vary_paths.size() * sizeof(const char*);
  const Hid str = VariableString();
  Hid type = Hid::Check(H5Tcreate(H5T_COMPOUND, row_size), H5Tclose, "create the points row");
  CheckStatus(H5Tinsert(type.get(), "point", 0, H5T_NATIVE_INT32), "add column point");
  for (size_t k = 0; k < vary_paths.size(); ++k) {
    CheckStatus(H5Tinsert(type.get(), vary_paths[k].c_str(),
                          sizeof(int64_t) + k * sizeof(const char*), str.get()),
                "add column " + vary_paths[k]);
  }
  return type;
}

struct PointValues {
  int index;
  const std::vector<std::string>* values;
};

// /points/table: one row per point of this file.
void WritePointsTable(hid_t parent, const std::vector<std::string>& vary_paths,
                      const std::vector<PointValues>& points) {
  const size_t n = vary_paths.size();
  const Hid type = PointsRowType(vary_paths);
  const size_t row_size = H5Tget_size(type.get());
  std::vector<unsigned char> rows(points.size() * row_size, 0);
  for (size_t i = 0; i < points.size(); ++i) {
    unsigned char* row = rows.data() + i * row_size;
    const int32_t index = points[i].index;
    std::memcpy(row, &index, sizeof index);
    for (size_t k = 0; k < n; ++k) {
      const char* text = (*points[i].values)[k].c_str();
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

void WritePoint(hid_t points_group, const SweepInfo& info, const SweepPoint& p) {
  const Hid group = CreateGroup(points_group, std::to_string(p.index));
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

void WriteRootAttributes(hid_t root, const SweepInfo& info) {
  const int32_t schema = kSchemaVersion;
  const int32_t count = info.total_points;
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
  WriteAttribute(root, "shard", info.shard);
}

// Writes to PATH.tmp-PID with `write(file)`, then renames; removes the temporary on failure.
template <class F>
void WriteAtomically(const std::string& path, F&& write) {
  SilenceHdf5Errors();
  const std::string temp = path + ".tmp-" + std::to_string(getpid());
  try {
    {
      Hid file = Hid::Check(H5Fcreate(temp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                            H5Fclose, "create " + temp);
      write(file.get());
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

}  // namespace

void WriteSweepFile(const std::string& path, const SweepInfo& info,
                    std::span<const SweepPoint> points) {
  WriteAtomically(path, [&](hid_t root) {
    WriteRootAttributes(root, info);
    const Hid group = CreateGroup(root, "points");
    std::vector<PointValues> values;
    for (const SweepPoint& p : points) values.push_back({p.index, &p.values});
    WritePointsTable(group.get(), info.vary_paths, values);
    for (const SweepPoint& p : points) WritePoint(group.get(), info, p);
  });
}

std::vector<SummaryRow> ReadSummary(const std::string& path, const std::string& group,
                                    std::vector<std::string>* type_names) {
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
  if (type_names != nullptr) {
    type_names->clear();
    const Hid e = Hid::Check(H5Tget_member_type(native.get(), H5Tget_member_index(native.get(), "contact_type")),
                             H5Tclose, "get the contact_type enum");
    const int members = H5Tget_nmembers(e.get());
    for (int32_t t = 0; t + 1 < members; ++t) {  // every type, and ALL
      char name[1024];
      CheckStatus(H5Tenum_nameof(e.get(), &t, name, sizeof name), "name a contact type");
      type_names->push_back(name);
    }
  }
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

namespace ccsim::trace {

SweepContents ReadSweep(const std::string& path) {
  SilenceHdf5Errors();
  if (access(path.c_str(), R_OK) != 0) throw std::runtime_error("cannot read " + path);
  SweepContents c;
  {
    const Hid file = Hid::Check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                                path + " is not an HDF5 file");
    const hid_t root = file.get();
    if (H5Aexists(root, "kind") <= 0 || ReadStringAttribute(root, "kind") != "sweep") {
      throw std::runtime_error(path + " is not a ccsim sweep file");
    }
    SweepInfo& info = c.info;
    info.ccsim_version = ReadStringAttribute(root, "ccsim_version");
    info.scenario_text = ReadStringAttribute(root, "scenario");
    info.scenario_name = ReadStringAttribute(root, "scenario_name");
    info.scenario_file = ReadStringAttribute(root, "scenario_file");
    info.overrides = Split(ReadStringAttribute(root, "overrides"));
    info.vary_paths = Split(ReadStringAttribute(root, "vary"));
    info.seed = ReadAttribute<uint64_t>(root, "seed", H5T_NATIVE_UINT64);
    info.total_points = ReadAttribute<int32_t>(root, "points", H5T_NATIVE_INT32);
    info.shard = ReadStringAttribute(root, "shard");
    const Hid set = Hid::Check(H5Dopen2(root, "points/table", H5P_DEFAULT), H5Dclose,
                               "open /points/table");
    const Hid type = PointsRowType(info.vary_paths);
    const Hid space = Hid::Check(H5Dget_space(set.get()), H5Sclose, "get the table size");
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    const size_t row_size = H5Tget_size(type.get());
    std::vector<unsigned char> raw(static_cast<size_t>(n) * row_size);
    CheckStatus(H5Dread(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()),
                "read /points/table");
    for (hssize_t r = 0; r < n; ++r) {
      const unsigned char* row = raw.data() + r * row_size;
      SweepPointContents p;
      std::memcpy(&p.index, row, sizeof(int32_t));
      for (size_t k = 0; k < info.vary_paths.size(); ++k) {
        const char* text;
        std::memcpy(&text, row + sizeof(int64_t) + k * sizeof(const char*), sizeof text);
        p.values.push_back(text ? text : "");
      }
      c.points.push_back(std::move(p));
    }
    H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, raw.data());
  }
  for (SweepPointContents& p : c.points) {
    p.rows = ReadSummary(path, "points/" + std::to_string(p.index), &p.type_names);
  }
  std::sort(c.points.begin(), c.points.end(),
            [](const SweepPointContents& a, const SweepPointContents& b) { return a.index < b.index; });
  return c;
}

SweepContents MergeSweepFiles(const std::vector<std::string>& parts, const std::string& out) {
  SweepContents merged;
  std::vector<std::string> source(0);  // the part holding each point
  for (const std::string& part : parts) {
    SweepContents c = ReadSweep(part);
    if (merged.info.scenario_text.empty()) {
      merged.info = c.info;
      merged.info.shard.clear();
      source.assign(c.info.total_points, "");
    } else if (c.info.scenario_text != merged.info.scenario_text || c.info.seed != merged.info.seed ||
               c.info.vary_paths != merged.info.vary_paths ||
               c.info.overrides != merged.info.overrides ||
               c.info.total_points != merged.info.total_points) {
      throw std::runtime_error(part + " is not a part of the same sweep as " + parts.front());
    }
    for (SweepPointContents& p : c.points) {
      if (p.index < 0 || p.index >= merged.info.total_points || !source[p.index].empty()) {
        throw std::runtime_error("point " + std::to_string(p.index) + " is given twice (" + part +
                                 ")");
      }
      source[p.index] = part;
      merged.points.push_back(std::move(p));
    }
  }
  for (int i = 0; i < merged.info.total_points; ++i) {
    if (source[i].empty()) throw std::runtime_error("no part holds point " + std::to_string(i));
  }
  std::sort(merged.points.begin(), merged.points.end(),
            [](const SweepPointContents& a, const SweepPointContents& b) { return a.index < b.index; });
  WriteAtomically(out, [&](hid_t root) {
    WriteRootAttributes(root, merged.info);
    const Hid group = CreateGroup(root, "points");
    std::vector<PointValues> values;
    for (const SweepPointContents& p : merged.points) values.push_back({p.index, &p.values});
    WritePointsTable(group.get(), merged.info.vary_paths, values);
    for (const SweepPointContents& p : merged.points) {
      const std::string name = std::to_string(p.index);
      const Hid part = Hid::Check(H5Fopen(source[p.index].c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                                  H5Fclose, "open " + source[p.index]);
      CheckStatus(H5Ocopy(part.get(), ("points/" + name).c_str(), group.get(), name.c_str(),
                          H5P_DEFAULT, H5P_DEFAULT),
                  "copy point " + name + " from " + source[p.index]);
    }
  });
  return merged;
}

}  // namespace ccsim::trace
