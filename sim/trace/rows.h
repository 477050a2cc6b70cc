// The rows of the result file's summary tables, as plain structs (no HDF5 here): what
// the writers write and ReadSummary reads back.
#ifndef CCSIM_TRACE_ROWS_H_
#define CCSIM_TRACE_ROWS_H_

#include <cstdint>

#include "sim/model/summary.h"

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

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_ROWS_H_
