// Reading the `agent_groups` section of a scenario (SPEC §2).
#ifndef CCSIM_SCENARIO_AGENT_GROUP_READER_H_
#define CCSIM_SCENARIO_AGENT_GROUP_READER_H_

#include <cstdint>
#include <optional>

#include "sim/scenario/contact_type_reader.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/value_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario::internal {

// The agent group declared by `entry` (its key is the name). Exactly one of `agents` and
// `shifts` is required. Skills naming unknown contact types are reported and left out; other
// fields that fail to read keep their defaults, the mistakes being in ctx.errors. `start` is
// the scenario's (civil seconds, calendar.h): with it, shift times may be clock times.
AgentGroup ReadAgentGroup(const YamlEntry& entry, const DeclaredNames& names,
                          const std::optional<int64_t>& start, ReadContext& ctx);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_AGENT_GROUP_READER_H_
