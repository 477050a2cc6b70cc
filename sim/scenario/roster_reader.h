// Reading a roster (SPEC §10): `agent_groups.G.roster: roster.csv` in place of `agents` or
// `shifts`, one row per agent and shift:
//
//   agent,start,end,breaks
//   ann,2026-03-02T08:00,2026-03-02T16:30,12:00+30m;15:00+15m
//   bob,8h,16h30m,
//
// `start` and `end` are date-times (they need the scenario's `start`) or durations from
// simulated time 0; `breaks` (optional column, may be empty) lists `WHEN+LENGTH` items
// separated by ';', WHEN a clock time (its first occurrence at or after the shift's start;
// needs `start`) or a duration from simulated time 0. Each row becomes one Shift of one
// agent, in file order. The names are for people: the model numbers agents by row, and a
// name on several rows is one person working several shifts, which must not overlap.
//
// Example:
//   m.Read("roster", &group->shifts, ReadRosterFile);  // ctx.start: the scenario's start
#ifndef CCSIM_SCENARIO_ROSTER_READER_H_
#define CCSIM_SCENARIO_ROSTER_READER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/value_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario::internal {

// The shifts of the roster file named by `file_node` (relative to ctx.base_dir). An
// unreadable file is reported at `file_node`; a bad cell at FILE:LINE:COL of the CSV as
// "<path>: <column>: ..."; nullopt when anything was reported.
std::optional<std::vector<Shift>> ReadRosterFile(const YamlNode& file_node,
                                                 const std::string& path, ReadContext& ctx);

// The same from the file's text; `file` names it in messages.
std::optional<std::vector<Shift>> ReadRosterText(std::string_view text, const std::string& file,
                                                 const std::string& path, ReadContext& ctx);

// The `roster` key of an agent group, into group->shifts: refused beside `agents` or
// `shifts`. Returns whether the key was given.
bool ReadRosterKey(const MapReader& group_map, AgentGroup* group, ReadContext& ctx);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_ROSTER_READER_H_
