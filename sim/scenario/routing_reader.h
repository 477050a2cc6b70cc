// Reading the `routing` section of a scenario (SPEC §2 and §8): agent and contact
// selection, skill levels, weights, overflow rules and their conditions, reservations and
// preferred-agent routing.
#ifndef CCSIM_SCENARIO_ROUTING_READER_H_
#define CCSIM_SCENARIO_ROUTING_READER_H_

#include <vector>

#include "sim/scenario/contact_type_reader.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/value_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario::internal {

// The `routing` map; absent keys keep the defaults of Routing. `groups` are the agent
// groups as read (their skills): a reservation may only name types its group serves.
Routing ReadRouting(const YamlNode& node, const DeclaredNames& names,
                    const std::vector<AgentGroup>& groups, ReadContext& ctx);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_ROUTING_READER_H_
