#include "sim/trace/sweep_file.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "sim/trace/atomic_file.h"
#include "sim/trace/hdf5_handle.h"
#include "sim/trace/isolated_read.h"
#include "sim/trace/record_types.h"
#include "sim/trace/result_tables.h"

namespace ccsim::trace {

using namespace internal;

namespace {

Hid CreateGroup(hid_t parent, const std::string& name) {
  return Hid::Check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                    H5Gclose, "create group " + name);
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
      std::memcpy(row + kPointValuesOffset + k * sizeof(const char*), &text, sizeof text);
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

void WritePoint(hid_t points_group, const RootAttributes& info, const SweepPoint& p) {
  const Hid group = CreateGroup(points_group, std::to_string(p.index));
  std::vector<std::string> values;
  for (size_t k = 0; k < p.values.size(); ++k) values.push_back(info.vary_paths[k] + "=" + p.values[k]);
  WriteAttribute(group.get(), "values", Join(values));
  int32_t reps = 0;  // the replications that wrote rows
  for (const records::SummaryRow& r : p.tables.summary.rows) reps = std::max(reps, r.replication + 1);
  if (p.settings) {
    RootAttributes settings = *p.settings;
    settings.replications = reps;
    WriteRunSettings(group.get(), settings);
  } else {
    WriteAttribute(group.get(), "replications", H5T_NATIVE_INT32, &reps);
  }
  WriteResultTables(group.get(), RecordTypes(p.tables.names), p.tables);
}

// Writes the file at `path` (an AtomicFile) with `write(root)`; an error value on failure.
template <class F>
Status WriteAtomically(const std::string& path, F&& write, Env& env = *Env::Default()) {
  try {
    AtomicFile file(path, env);
    write(file.get());
    file.Commit();
    return Done{};
  } catch (const std::exception& e) {
    return FileError{e.what()};
  }
}

}  // namespace

Status WriteSweepFile(const std::string& path, const RootAttributes& info,
                      std::span<const SweepPoint> points, Env& env) {
  return WriteAtomically(path, [&](hid_t root) {
    WriteRootAttributes(root, info);
    const Hid group = CreateGroup(root, "points");
    std::vector<PointValues> values;
    for (const SweepPoint& p : points) values.push_back({p.index, &p.values});
    WritePointsTable(group.get(), info.vary_paths, values);
    for (const SweepPoint& p : points) WritePoint(group.get(), info, p);
  }, env);
}

struct SweepFileWriter::File {
  File(const std::string& path, const RootAttributes& attributes) : file(path), info(attributes) {}
  AtomicFile file;  // closes last
  RootAttributes info;
  Hid points;
};

SweepFileWriter::SweepFileWriter(std::unique_ptr<File> file) : file_(std::move(file)) {}
SweepFileWriter::~SweepFileWriter() = default;  // ~File aborts an uncommitted file

Expected<std::unique_ptr<SweepFileWriter>> SweepFileWriter::Create(
    const std::string& path, const RootAttributes& attributes, std::span<const SweepPoint> points) {
  try {
    auto file = std::make_unique<File>(path, attributes);
    LimitMetadataCache(file->file.get());
    WriteRootAttributes(file->file.get(), attributes);
    file->points = CreateGroup(file->file.get(), "points");
    std::vector<PointValues> values;
    for (const SweepPoint& p : points) values.push_back({p.index, &p.values});
    WritePointsTable(file->points.get(), attributes.vary_paths, values);
    return std::unique_ptr<SweepFileWriter>(new SweepFileWriter(std::move(file)));
  } catch (const std::exception& e) {
    return FileError{e.what()};
  }
}

Status SweepFileWriter::Add(const SweepPoint& point) {
  if (file_ == nullptr) return FileError{error_.empty() ? "the sweep file is closed" : error_};
  try {
    WritePoint(file_->points.get(), file_->info, point);
    return Done{};
  } catch (const std::exception& e) {
    error_ = e.what();
    file_.reset();
    return FileError{error_};
  }
}

Status SweepFileWriter::Commit() {
  if (file_ == nullptr) return FileError{error_.empty() ? "the sweep file is closed" : error_};
  try {
    file_->points.Close("close /points");
    file_->file.Commit();
    file_.reset();
    return Done{};
  } catch (const std::exception& e) {
    error_ = e.what();
    file_.reset();
    return FileError{error_};
  }
}

namespace {

bool SameSweep(const RootAttributes& a, const RootAttributes& b) {
  return a.scenario_text == b.scenario_text && a.seed == b.seed && a.vary_paths == b.vary_paths &&
         a.overrides == b.overrides && a.total_points == b.total_points;
}

// The parts' points in index order, and the part each came from; an error when the parts
// are not of one sweep or do not hold every point once.
Expected<SweepContents> JoinParts(const std::vector<std::string>& parts,
                                  std::vector<std::string>& source,
                                  const std::atomic<bool>* stop) {
  SweepContents merged;
  for (const std::string& part : parts) {
    Expected<SweepContents> c = ReadSweep(part, stop);
    if (!c) return FileError{c.error()};
    if (merged.info.scenario_text.empty()) {
      merged.info = c->info;
      merged.info.shard.clear();
      source.assign(c->info.total_points, "");
    } else if (!SameSweep(c->info, merged.info)) {
      return FileError{part + " is not a part of the same sweep as " + parts.front()};
    }
    for (SweepPointContents& p : c->points) {
      if (p.index < 0 || p.index >= merged.info.total_points || !source[p.index].empty()) {
        return FileError{"point " + std::to_string(p.index) + " is given twice (" + part + ")"};
      }
      source[p.index] = part;
      merged.points.push_back(std::move(p));
    }
  }
  for (int i = 0; i < merged.info.total_points; ++i) {
    if (source[i].empty()) return FileError{"no part holds point " + std::to_string(i)};
  }
  std::sort(merged.points.begin(), merged.points.end(),
            [](const SweepPointContents& a, const SweepPointContents& b) { return a.index < b.index; });
  return merged;
}

}  // namespace

Expected<SweepContents> MergeSweepFiles(const std::vector<std::string>& parts,
                                        const std::string& out, const std::atomic<bool>* stop) {
  std::vector<std::string> source;  // the part holding each point
  Expected<SweepContents> merged = JoinParts(parts, source, stop);
  if (!merged) return merged;
  const Status written = WriteAtomically(out, [&](hid_t root) {
    WriteRootAttributes(root, merged->info);
    const Hid group = CreateGroup(root, "points");
    std::vector<PointValues> values;
    for (const SweepPointContents& p : merged->points) values.push_back({p.index, &p.values});
    WritePointsTable(group.get(), merged->info.vary_paths, values);
    for (const SweepPointContents& p : merged->points) {
      if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
        throw std::runtime_error(kStoppedAnswer);
      }
      const std::string name = std::to_string(p.index);
      const Hid part = Hid::Check(H5Fopen(source[p.index].c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                                  H5Fclose, "open " + source[p.index]);
      CheckStatus(H5Ocopy(part.get(), ("points/" + name).c_str(), group.get(), name.c_str(),
                          H5P_DEFAULT, H5P_DEFAULT),
                  "copy point " + name + " from " + source[p.index]);
    }
  });
  if (!written) return FileError{written.error()};
  return merged;
}

}  // namespace ccsim::trace
