// The HDF5 types of ccsim's tables (docs/trace_format.md): enums named after the
// scenario's contact types and agent groups, and one compound type per row kind, in
// memory (the C++ structs as they are) and in the file (the same fields, packed).
#ifndef CCSIM_TRACE_RECORD_TYPES_H_
#define CCSIM_TRACE_RECORD_TYPES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/summary.h"
#include "sim/trace/hdf5_handle.h"
#include "sim/trace/table.h"

namespace ccsim::trace {

// A row of /summary: one column per KPI, named as model::ToString(Kpi) names it.
struct SummaryRow {
  int32_t replication = 0;
  int32_t contact_type = -1;  // -1: ALL
  double kpis[model::kKpiCount] = {};
};

// A row of /intervals.
struct IntervalRow {
  int32_t replication = 0;
  int32_t interval = 0;
  double start = 0, end = 0;
  int32_t contact_type = -1;  // -1: ALL
  double offered = 0, answered = 0, abandoned = 0, blocked = 0;
  double service_level = 0, asa = 0, abandon_rate = 0, aht = 0;
  double agents_staffed = 0, agents_on_break = 0, occupancy = 0;
};

// A row of /agent_results: one agent in one replication (model::AgentFigures).
struct AgentResultRow {
  int32_t replication = 0;
  int32_t agent_id = 0;
  int32_t group = 0;
  double contacts = 0, aht = 0, occupancy = 0, resolved_share = 0, resolved_per_hour = 0;
  int8_t band = -1;   // model::Band
  int32_t rank = -1;  // 1 = best; -1 when not ranked
  double staffed = 0;
};

// A compound type twice: as laid out in memory, and packed for the file.
struct RowType {
  Hid memory;
  Hid file;
  PackedLayout layout;  // how one becomes the other, for ChunkEncoder
};

class RecordTypes {
 public:
  RecordTypes(const std::vector<std::string>& contact_types,
              const std::vector<std::string>& agent_groups);

  RowType contact;       // model::ContactRecord
  RowType spell;         // model::AgentSpellRecord
  RowType event;         // model::EventRecord
  RowType summary;       // SummaryRow
  RowType interval;      // IntervalRow
  RowType agent_result;  // AgentResultRow

 private:
  Hid contact_type_enum_;
  Hid agent_group_enum_;
  Hid outcome_enum_;
  Hid state_enum_;
  Hid event_kind_enum_;
  Hid band_enum_;
};

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_RECORD_TYPES_H_
