// Prints a Summary: a human table (mean ± 95% half-width per KPI, overall and per contact
// type) or the JSON document of SPEC §4; and the agents by stack-rank band.
#ifndef CCSIM_CLI_SUMMARY_OUTPUT_H_
#define CCSIM_CLI_SUMMARY_OUTPUT_H_

#include <string>
#include <vector>

#include "sim/cli/json_writer.h"
#include "sim/model/summary.h"
#include "sim/scenario/calendar.h"

namespace ccsim::cli {

// The KPI table, then (with Summary::by_group) GroupTable.
std::string SummaryTable(const model::Summary& s);
// One line per agent group: the kGroupKpis (occupancy, staffed hours, ...); "" without groups.
std::string GroupTable(const model::Summary& s);
// {"overall": {KPI: {"mean", "ci95"}, ...}, "by_type": {TYPE: {...}}, "by_group": {GROUP:
// {...}}} (SPEC §4 and §8 "kpis"; "by_group" only when Summary::by_group is filled).
void WriteKpiDocument(JsonWriter& j, const model::Summary& s);
// "interval_start": "2026-03-02T08:00:00", "day_of_week": "Mon": where simulated time t
// falls in the calendar, as the JSON documents of a scenario with a start give it.
void WriteClockTime(JsonWriter& j, const scenario::Calendar& calendar, double t);
// {"mean": ..., "ci95": ...}: an estimate as every JSON document writes it.
void WriteEstimate(JsonWriter& j, const engine::Estimate& e);
// "83.2% ± 1.1", "12.4s ± 0.9", ... : a KPI estimate as the tables show it.
std::string KpiCell(model::Kpi k, const engine::Estimate& e);
// The KPIs for --help, one a line: name, unit and definition, from the KPI table.
std::string KpiHelp();
// Left-aligned columns, three spaces apart; the first row is the header.
std::string Table(const std::vector<std::vector<std::string>>& rows);
// ccsim's additions to SPEC §4: an "agents" object, per band (top, middle, bottom) the
// BandFigures as {"mean", "ci95"}; with `intervals` non-empty, an "intervals" array, one
// {"start", "end", "kpis"} object per reporting interval; with `agent_detail`, an
// "agents_detail" array, one object per agent (Summary::agents). With the scenario's
// start, "start" (ISO 8601 local time) after "seed", and each interval's WriteClockTime.
std::string SummaryJson(const model::Summary& s,
                        const std::vector<model::IntervalSummary>& intervals = {},
                        bool agent_detail = false);
// One line per reporting interval: offered, service level, ASA, abandon rate, occupancy;
// the rows labelled by `labels` (clock time with a start, elapsed h:mm without).
std::string IntervalTable(const std::vector<model::IntervalSummary>& intervals,
                          const scenario::TimeLabels& labels);
// One line per stack-rank band: agents, contacts per agent, AHT, occupancy, resolved
// share, resolved contacts per staffed hour.
std::string AgentBandTable(const model::Summary& s);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_SUMMARY_OUTPUT_H_
