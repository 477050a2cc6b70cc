// A model's replications as the plain rows of a result file (sim/records/result_rows.h),
// and the KPIs of rows read back. The KPIs are computed here, from the KPI table
// (kpi.h), so the file writer stores numbers it does not need to understand.
//
// Example:
//   records::ResultTables t = ResultRows(model, results);   // then written by sim/trace
//   std::vector<std::vector<KpiValues>> per_rep = KpisFromRows(read.summary, types);
//   Summary s = SummariseKpis(name, seed, type_names, per_rep);  // the same numbers
#ifndef CCSIM_MODEL_RESULT_ROWS_H_
#define CCSIM_MODEL_RESULT_ROWS_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/model/model.h"
#include "sim/model/results.h"
#include "sim/model/summary.h"
#include "sim/records/result_rows.h"

namespace ccsim::model {

// The names of the contact types, agent groups and bands, as the file's enums hold them.
records::EnumNames FileEnumNames(const Model& model);

// /summary: per replication, the ALL row, one per contact type, then one per agent group
// (contact type ALL, the group's KPIs: GroupKpis), every KPI a column (the money KPIs only
// when the scenario has costs, their unit its currency).
records::SummaryRows SummaryRows(const Model& model, std::span<const ReplicationResult> results);
// The currency of /summary rows that have money columns (the unit of cost_total), or
// nullopt when they have none (the scenario had no costs).
std::optional<std::string> CurrencyOf(const records::SummaryRows& rows);
// /intervals: per replication and interval, ALL then each type; the per-interval KPIs
// measured per type, then the centre-wide figures (agents staffed and on a break, then
// the KPIs of the whole centre).
records::IntervalRows IntervalRows(const Model& model, std::span<const ReplicationResult> results);
// /agent_results: per replication, each agent's figures and place in the stack rank.
std::vector<records::AgentResultRow> AgentResultRows(const Model& model,
                                                     std::span<const ReplicationResult> results);
// All of the above.
records::ResultTables ResultRows(const Model& model, std::span<const ReplicationResult> results);

// Adds one replication's rows to `tables` (begun as ResultRows(model, {}): the names and
// columns, no rows), so that rows can be made as replications finish, in order.
void AppendResultRows(const Model& model, const ReplicationResult& result,
                      records::ResultTables& tables);

// Per-replication KPIs of /summary rows: per_rep[r][c][k], c = 0 overall, 1 + t contact
// type t, as SummariseKpis takes them (a group's rows are not among them). KPIs without a
// column, and rows the file lacks, are NaN.
std::vector<std::vector<KpiValues>> KpisFromRows(const records::SummaryRows& rows,
                                                 size_t contact_types);
// The same of the agent groups' rows: per_rep[r][g], as SummariseKpis takes them (empty
// for a file without them).
std::vector<std::vector<KpiValues>> GroupKpisFromRows(const records::SummaryRows& rows,
                                                      size_t groups);

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_RESULT_ROWS_H_
