// The rows of a result file's summary tables (/summary, /intervals, /agent_results) as
// plain values with plain column descriptions: what the model computes from its
// replications and the HDF5 writer stores, and what the readers hand back. The writer
// computes nothing: a figure is in a row because the model put it there.
//
// Example:
//   records::ResultTables t = model::ResultRows(model, results);  // sim/model/result_rows.h
//   t.summary.columns[5].name      // "asa"
//   t.summary.rows[0].values[5]    // replication 0, all contact types: its ASA in seconds
#ifndef CCSIM_RECORDS_RESULT_ROWS_H_
#define CCSIM_RECORDS_RESULT_ROWS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ccsim::records {

// A float64 column and what it means; the file stores label, unit, definition and scope
// as attributes of the table (docs/trace_format.md).
struct Column {
  std::string name;  // as in the file: lower_snake_case
  std::string label;
  std::string unit;
  std::string definition;
  std::string scope;  // "per_type", or "overall_only": NaN on a contact type's rows
};

// The names behind the file's enums: contact_type ("ALL" = -1 besides these), agent_group
// ("(none)" = -1), agent_name (the named agents, "(none)" = -1) and band (name and value,
// "none" = -1 among them).
struct EnumNames {
  std::vector<std::string> contact_types;
  std::vector<std::string> agent_groups;
  std::vector<std::string> people;
  std::vector<std::pair<std::string, int8_t>> bands;
};

// A row of /summary: values[i] is the figure of column i. A group's row has contact_type
// ALL and its agent_group; the rows of the centre and of the contact types have none (-1).
struct SummaryRow {
  int32_t replication = 0;
  int32_t contact_type = -1;  // -1: ALL
  std::vector<double> values;
  int32_t agent_group = -1;  // -1: (none)
};
struct SummaryRows {
  std::vector<Column> columns;
  std::vector<SummaryRow> rows;
};

// A row of /intervals: the interval [start, end) in seconds, then values[i] of column i.
struct IntervalRow {
  int32_t replication = 0;
  int32_t interval = 0;
  double start = 0, end = 0;
  int32_t contact_type = -1;  // -1: ALL
  std::vector<double> values;
  // IntervalRows::clock only: the interval's start as ISO 8601 local time
  // ("2026-03-02T08:00:00") and its day of the week, 0 Monday .. 6 Sunday.
  std::string interval_start;
  int8_t day_of_week = -1;
};
struct IntervalRows {
  std::vector<Column> columns;
  std::vector<IntervalRow> rows;
  bool clock = false;  // the scenario has a start: rows carry interval_start and day_of_week
};

// A row of /agent_results: one agent in one replication.
struct AgentResultRow {
  int32_t replication = 0;
  int32_t agent_id = 0;
  int32_t group = 0;
  double contacts = 0, aht = 0, occupancy = 0, resolved_share = 0, resolved_per_hour = 0;
  int8_t band = -1;   // a value of EnumNames::bands
  int32_t rank = -1;  // 1 = best; -1 when not ranked
  double staffed = 0;
  double asa = 0;     // mean wait of the contacts it answered (NaN when none)
  double asked_for = 0;   // repeat contacts that asked for it (routing.preferred_agent)
  double asked_wait = 0;  // their mean wait (NaN when none)
  int32_t name = -1;  // a value of EnumNames::people, -1 when the agent has no name
};

// Everything a set of replications puts in a result file besides the traces.
struct ResultTables {
  EnumNames names;
  SummaryRows summary;
  IntervalRows intervals;
  std::vector<AgentResultRow> agent_results;
};

}  // namespace ccsim::records

#endif  // CCSIM_RECORDS_RESULT_ROWS_H_
