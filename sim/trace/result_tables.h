// Helpers shared by the writers of result files (a run's, a sweep's) and their readers:
// attributes, the root attributes, and the /summary, /intervals and /agent_results tables
// written from plain rows. Used on the HDF5 thread only.
#ifndef CCSIM_TRACE_RESULT_TABLES_H_
#define CCSIM_TRACE_RESULT_TABLES_H_

#include <string>
#include <vector>

#include "sim/records/result_rows.h"
#include "sim/trace/hdf5_handle.h"
#include "sim/trace/record_types.h"
#include "sim/trace/root_attributes.h"
#include "sim/trace/table.h"

namespace ccsim::trace::internal {

inline constexpr size_t kTableChunkRows = 4096;

Hid VariableString();
void WriteAttribute(hid_t object, const char* name, hid_t type, const void* value);
void WriteAttribute(hid_t object, const char* name, const std::string& value);
std::string Join(const std::vector<std::string>& lines);  // one a line
std::vector<std::string> Split(const std::string& text);  // Join's inverse

// The in-memory row of a sweep's /points/table: point (int32, in an 8-byte slot), then
// one variable-length string per varied key from kPointValuesOffset on.
inline constexpr size_t kPointValuesOffset = sizeof(int64_t);
Hid PointsRowType(const std::vector<std::string>& vary_paths);

// The root attributes of `a.kind`'s file, schema_version first.
void WriteRootAttributes(hid_t root, const RootAttributes& a);

// What a run was run with, as attributes of `object` (a run's root, a sweep's point):
// replications, horizon, warmup, interval and the service levels of `a`.
void WriteRunSettings(hid_t object, const RootAttributes& a);

// /summary, /intervals and /agent_results in `parent`, with each float64 column's label,
// unit, definition and scope as the table's attributes "<column>.label", ".unit", ...
void WriteResultTables(hid_t parent, const RecordTypes& types, const records::ResultTables& t);

// WriteResultTables's tables, created once and then appended to a few rows at a time (a
// run's replications as they are folded), so that the rows need not all wait in memory
// for the end. The file holds the same tables.
class ResultTablesAppender {
 public:
  // Creates the tables in `parent`, with `columns`' columns and their attributes (its
  // rows are not written). REQUIRES: `types` outlives this.
  ResultTablesAppender(hid_t parent, const RecordTypes& types,
                       const records::ResultTables& columns);
  // REQUIRES: rows with the columns given at creation.
  void Append(const records::ResultTables& rows);

 private:
  RowType summary_type_, interval_type_;  // declared first: they outlive the tables
  size_t summary_columns_, interval_columns_;
  bool interval_clock_;  // the /intervals rows carry interval_start and day_of_week
  Table summary_, intervals_, agents_;
};

}  // namespace ccsim::trace::internal

#endif  // CCSIM_TRACE_RESULT_TABLES_H_
