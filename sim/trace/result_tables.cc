#include "sim/trace/result_tables.h"

#include <algorithm>
#include <cstring>

namespace ccsim::trace::internal {

Hid VariableString() {
  Hid t = Hid::Check(H5Tcopy(H5T_C_S1), H5Tclose, "create a string type");
  CheckStatus(H5Tset_size(t.get(), H5T_VARIABLE), "make a variable-length string type");
  CheckStatus(H5Tset_cset(t.get(), H5T_CSET_UTF8), "make a UTF-8 string type");
  return t;
}

void WriteAttribute(hid_t object, const char* name, hid_t type, const void* value) {
  const Hid space = Hid::Check(H5Screate(H5S_SCALAR), H5Sclose, "create a scalar space");
  const Hid attr = Hid::Check(H5Acreate2(object, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                              H5Aclose, std::string("create attribute ") + name);
  CheckStatus(H5Awrite(attr.get(), type, value), std::string("write attribute ") + name);
}

void WriteAttribute(hid_t object, const char* name, const std::string& value) {
  const Hid type = VariableString();
  const char* text = value.c_str();
  WriteAttribute(object, name, type.get(), &text);
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}
Hid PointsRowType(const std::vector<std::string>& vary_paths) {
  const size_t row_size = kPointValuesOffset + vary_paths.size() * sizeof(const char*);
  const Hid str = VariableString();
  Hid type = Hid::Check(H5Tcreate(H5T_COMPOUND, row_size), H5Tclose, "create the points row");
  CheckStatus(H5Tinsert(type.get(), "point", 0, H5T_NATIVE_INT32), "add column point");
  for (size_t k = 0; k < vary_paths.size(); ++k) {
    CheckStatus(H5Tinsert(type.get(), vary_paths[k].c_str(),
                          kPointValuesOffset + k * sizeof(const char*), str.get()),
                "add column " + vary_paths[k]);
  }
  return type;
}

void WriteRootAttributes(hid_t root, const RootAttributes& a) {
  const int32_t schema = kSchemaVersion;
  WriteAttribute(root, "schema_version", H5T_NATIVE_INT32, &schema);
  WriteAttribute(root, "ccsim_version", a.ccsim_version);
  if (a.kind == FileKind::kSweep) WriteAttribute(root, "kind", std::string("sweep"));
  WriteAttribute(root, "scenario", a.scenario_text);
  WriteAttribute(root, "scenario_name", a.scenario_name);
  WriteAttribute(root, "scenario_file", a.scenario_file);
  if (!a.start.empty()) WriteAttribute(root, "start", a.start);
  WriteAttribute(root, "overrides", Join(a.overrides));
  if (a.kind == FileKind::kSweep) {
    const int32_t points = a.total_points;
    WriteAttribute(root, "vary", Join(a.vary_paths));
    WriteAttribute(root, "seed", H5T_NATIVE_UINT64, &a.seed);
    WriteAttribute(root, "points", H5T_NATIVE_INT32, &points);
    WriteAttribute(root, "shard", a.shard);
    return;
  }
  WriteAttribute(root, "seed", H5T_NATIVE_UINT64, &a.seed);
  WriteRunSettings(root, a);
  WriteAttribute(root, "trace", a.trace);
}

void WriteRunSettings(hid_t object, const RootAttributes& a) {
  const int32_t reps = a.replications;
  WriteAttribute(object, "replications", H5T_NATIVE_INT32, &reps);
  WriteAttribute(object, "horizon", H5T_NATIVE_DOUBLE, &a.horizon);
  WriteAttribute(object, "warmup", H5T_NATIVE_DOUBLE, &a.warmup);
  WriteAttribute(object, "interval", H5T_NATIVE_DOUBLE, &a.interval);
  WriteAttribute(object, "service_level_threshold", H5T_NATIVE_DOUBLE, &a.service_level_threshold);
  WriteAttribute(object, "service_level_target", H5T_NATIVE_DOUBLE, &a.service_level_target);
  WriteAttribute(object, "service_level_thresholds", Join(a.service_level_thresholds));
}

namespace {

void DescribeColumns(const Table& table, const std::vector<records::Column>& columns) {
  for (const records::Column& c : columns) {
    WriteAttribute(table.id(), (c.name + ".label").c_str(), c.label);
    WriteAttribute(table.id(), (c.name + ".unit").c_str(), c.unit);
    WriteAttribute(table.id(), (c.name + ".definition").c_str(), c.definition);
    WriteAttribute(table.id(), (c.name + ".scope").c_str(), c.scope);
  }
}

// Rows as RecordTypes lays them out: `key(row, bytes)` fills the key fields, the values
// follow as float64.
template <class Row, class Key>
std::vector<unsigned char> Flatten(const std::vector<Row>& rows, size_t key_bytes, size_t columns,
                                   Key key) {
  const size_t row_size = key_bytes + columns * sizeof(double);
  std::vector<unsigned char> flat(rows.size() * row_size, 0);
  for (size_t r = 0; r < rows.size(); ++r) {
    unsigned char* out = flat.data() + r * row_size;
    key(rows[r], out);
    std::memcpy(out + key_bytes, rows[r].values.data(), columns * sizeof(double));
  }
  return flat;
}

std::vector<unsigned char> FlatSummary(const records::SummaryRows& t, size_t columns) {
  for (const records::SummaryRow& r : t.rows) {
    if (r.values.size() != columns) throw Hdf5Error("a /summary row of the wrong width");
  }
  return Flatten(t.rows, kSummaryKeyBytes, columns,
                 [](const records::SummaryRow& r, unsigned char* out) {
                   std::memcpy(out, &r.replication, 4);
                   std::memcpy(out + 4, &r.contact_type, 4);
                   std::memcpy(out + 8, &r.agent_group, 4);
                 });
}

// `clock`: the rows carry interval_start and day_of_week (RecordTypes::IntervalRow).
std::vector<unsigned char> FlatIntervals(const records::IntervalRows& t, size_t columns,
                                         bool clock) {
  for (const records::IntervalRow& r : t.rows) {
    if (r.values.size() != columns) throw Hdf5Error("an /intervals row of the wrong width");
    if (clock && r.interval_start.size() > kIntervalStartBytes) {
      throw Hdf5Error("an /intervals row's interval_start is longer than its column");
    }
  }
  return Flatten(t.rows, IntervalKeyBytes(clock), columns,
                 [clock](const records::IntervalRow& r, unsigned char* out) {
                   std::memcpy(out, &r.replication, 4);
                   std::memcpy(out + 4, &r.interval, 4);
                   std::memcpy(out + 8, &r.start, 8);
                   std::memcpy(out + 16, &r.end, 8);
                   std::memcpy(out + 24, &r.contact_type, 4);
                   if (!clock) return;  // the rest of the key is zeros: the text's padding
                   std::memcpy(out + kIntervalStartOffset, r.interval_start.data(),
                               r.interval_start.size());
                   std::memcpy(out + kDayOfWeekOffset, &r.day_of_week, 1);
                 });
}

void WriteSummary(hid_t parent, const RecordTypes& types, const records::SummaryRows& t) {
  const RowType type = types.SummaryRow(t.columns);
  const auto flat = FlatSummary(t, t.columns.size());
  Table table(parent, "summary", type.file.get(), type.memory.get(), kTableChunkRows);
  table.Append(flat.data(), t.rows.size());
  DescribeColumns(table, t.columns);
}

void WriteIntervals(hid_t parent, const RecordTypes& types, const records::IntervalRows& t) {
  const RowType type = types.IntervalRow(t.columns, t.clock);
  const auto flat = FlatIntervals(t, t.columns.size(), t.clock);
  Table table(parent, "intervals", type.file.get(), type.memory.get(), kTableChunkRows);
  table.Append(flat.data(), t.rows.size());
  DescribeColumns(table, t.columns);
}

}  // namespace

void WriteResultTables(hid_t parent, const RecordTypes& types, const records::ResultTables& t) {
  WriteSummary(parent, types, t.summary);
  WriteIntervals(parent, types, t.intervals);
  Table agents(parent, "agent_results", types.agent_result.file.get(),
               types.agent_result.memory.get(), kTableChunkRows);
  agents.Append(t.agent_results.data(), t.agent_results.size());
}

ResultTablesAppender::ResultTablesAppender(hid_t parent, const RecordTypes& types,
                                           const records::ResultTables& columns)
    : summary_type_(types.SummaryRow(columns.summary.columns)),
      interval_type_(types.IntervalRow(columns.intervals.columns, columns.intervals.clock)),
      summary_columns_(columns.summary.columns.size()),
      interval_columns_(columns.intervals.columns.size()),
      interval_clock_(columns.intervals.clock),
      summary_(parent, "summary", summary_type_.file.get(), summary_type_.memory.get(),
               kTableChunkRows),
      intervals_(parent, "intervals", interval_type_.file.get(), interval_type_.memory.get(),
                 kTableChunkRows),
      agents_(parent, "agent_results", types.agent_result.file.get(),
              types.agent_result.memory.get(), kTableChunkRows) {
  DescribeColumns(summary_, columns.summary.columns);
  DescribeColumns(intervals_, columns.intervals.columns);
}

void ResultTablesAppender::Append(const records::ResultTables& rows) {
  if (!rows.summary.rows.empty()) {
    summary_.Append(FlatSummary(rows.summary, summary_columns_).data(), rows.summary.rows.size());
  }
  if (!rows.intervals.rows.empty()) {
    intervals_.Append(FlatIntervals(rows.intervals, interval_columns_, interval_clock_).data(),
                      rows.intervals.rows.size());
  }
  if (!rows.agent_results.empty()) {
    agents_.Append(rows.agent_results.data(), rows.agent_results.size());
  }
}

}  // namespace ccsim::trace::internal
