// Reading the top-level `costs` section of a scenario (SPEC §10): the currency, agents'
// hourly rates by group, and amounts per contact by contact type.
//
// Example (YAML):
//   costs:
//     currency: EUR
//     agent_hour: {tier1: 28, tech_team: 35}   # or one number for every group
//     per_handled: {billing: 0.40}              # or one number for every type
//     per_abandoned: 5
#ifndef CCSIM_SCENARIO_COSTS_READER_H_
#define CCSIM_SCENARIO_COSTS_READER_H_

#include <optional>
#include <string>

#include "sim/scenario/contact_type_reader.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/value_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario::internal {

// The `costs` map at `path`. `currency` is required; every amount is a number in
// [0, kMaxAmount], or a map from agent group (agent_hour) or contact type names to such
// numbers, unknown names reported with a "did you mean". Nullopt after any mistake.
std::optional<Costs> ReadCosts(const YamlNode& node, const std::string& path,
                               const DeclaredNames& names, ReadContext& ctx);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_COSTS_READER_H_
