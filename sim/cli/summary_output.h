// Prints a Summary: a human table (mean ± 95% half-width per KPI, overall and per contact
// type) or the JSON document of SPEC §4; and the agents by stack-rank band.
#ifndef CCSIM_CLI_SUMMARY_OUTPUT_H_
#define CCSIM_CLI_SUMMARY_OUTPUT_H_

#include <string>
#include <string_view>
#include <vector>

#include "sim/cli/json_writer.h"
#include "sim/cli/number_format.h"
#include "sim/model/summary.h"
#include "sim/scenario/calendar.h"

namespace ccsim::cli {

// The run's table: a header (version, scenario, replications, seed, start), then
// `provenance` when not empty (where the scenario came from: "--from x.h5 | --set ..."),
// a note on what the ± means (and that one replication has no interval, or few a wide one),
// one row per KPI, then (with Summary::by_group) GroupTable.
std::string SummaryTable(const model::Summary& s, const std::string& provenance = "");
// One line per agent group: the kGroupKpis (occupancy, staffed and paid hours, and with
// costs cost_agents); "" without groups.
std::string GroupTable(const model::Summary& s);
// {"overall": {KPI: {"mean", "ci95"}, ...}, "by_type": {TYPE: {...}}, "by_group": {GROUP:
// {...}}} (SPEC §4 and §8 "kpis"; "by_group", the kGroupKpis, only when Summary::by_group
// is filled); the money KPIs (cost_agents in by_group too) only with costs.
void WriteKpiDocument(JsonWriter& j, const model::Summary& s);
// "interval_start": "2026-03-02T08:00:00", "day_of_week": "Mon": where simulated time t
// falls in the calendar, as the JSON documents of a scenario with a start give it.
void WriteClockTime(JsonWriter& j, const scenario::Calendar& calendar, double t);
// {"mean": ..., "ci95": ...}: an estimate as every JSON document writes it.
void WriteEstimate(JsonWriter& j, const engine::Estimate& e);
// The KPIs for --help, one a line: name, unit and definition, from the KPI table.
std::string KpiHelp();
// ccsim's additions to SPEC §4: an "agents" object, per band (top, middle, bottom) the
// BandFigures as {"mean", "ci95"}; with `intervals` non-empty, an "intervals" array, one
// {"start", "end", "kpis"} object per reporting interval; with `agent_detail`, an
// "agents_detail" array, one object per agent (Summary::agents). With the scenario's
// start, "start" (ISO 8601 local time) after "seed", and each interval's WriteClockTime;
// with its costs, "currency" before "kpis".
// When agents have names (agent_groups.G.people), a "people" array: their objects alone.
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
// Whether some agent has a name (agent_groups.G.people).
bool HasPeople(const model::Summary& s);
// One line per named agent: its group, contacts, AHT, occupancy, ASA (of the contacts it
// answered), resolved share, resolved per staffed hour and most frequent band (means over
// replications).
std::string NamedAgentTable(const model::Summary& s);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_SUMMARY_OUTPUT_H_
