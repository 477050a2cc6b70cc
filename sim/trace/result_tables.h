// Helpers shared by the writers of result files (a run's, a sweep's) and their readers:
// attributes, and the /summary, /intervals and /agent_results rows of a set of
// replications. Used on the HDF5 thread only.
#ifndef CCSIM_TRACE_RESULT_TABLES_H_
#define CCSIM_TRACE_RESULT_TABLES_H_

#include <span>
#include <string>
#include <vector>

#include "sim/model/model.h"
#include "sim/model/results.h"
#include "sim/trace/hdf5_handle.h"
#include "sim/trace/record_types.h"
#include "sim/trace/table.h"

namespace ccsim::trace::internal {

inline constexpr size_t kTableChunkRows = 4096;

Hid VariableString();
void WriteAttribute(hid_t object, const char* name, hid_t type, const void* value);
void WriteAttribute(hid_t object, const char* name, const std::string& value);
std::string ReadStringAttribute(hid_t object, const char* name);
std::string Join(const std::vector<std::string>& lines);  // one a line
std::vector<std::string> Split(const std::string& text);  // Join's inverse

template <class T>
T ReadAttribute(hid_t object, const char* name, hid_t type) {
  const Hid attr = Hid::Check(H5Aopen(object, name, H5P_DEFAULT), H5Aclose,
                              std::string("open attribute ") + name);
  T value{};
  CheckStatus(H5Aread(attr.get(), type, &value), std::string("read attribute ") + name);
  return value;
}

template <class Row>
void WriteRows(hid_t parent, const char* name, const RowType& type, const std::vector<Row>& rows) {
  Table table(parent, name, type.file.get(), type.memory.get(), kTableChunkRows);
  table.Append(rows.data(), rows.size());
}

std::vector<SummaryRow> SummaryRows(std::span<const model::ReplicationResult> results);
std::vector<IntervalRow> IntervalRows(const model::Model& m,
                                      std::span<const model::ReplicationResult> results);
std::vector<AgentResultRow> AgentResultRows(const model::Model& m,
                                            std::span<const model::ReplicationResult> results);

}  // namespace ccsim::trace::internal

#endif  // CCSIM_TRACE_RESULT_TABLES_H_
