// Reading the `contact_types` section of a scenario (SPEC §2) and the pieces that other
// sections share with it (outcomes, service levels).
#ifndef CCSIM_SCENARIO_CONTACT_TYPE_READER_H_
#define CCSIM_SCENARIO_CONTACT_TYPE_READER_H_

#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/value_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario::internal {

// The names declared under contact_types and agent_groups, in document order: the index of a
// name here is the index of its ContactType or AgentGroup in the Scenario.
struct DeclaredNames {
  std::vector<std::string> contact_types;
  std::vector<std::string> agent_groups;
};

// A value reader (for MapReader::Read) from `read`, a reader that also needs the names.
// REQUIRES: `names` outlives the returned reader.
template <typename ReadWithNames>
auto WithNames(ReadWithNames read, const DeclaredNames& names) {
  return [read, &names](const YamlNode& node, const std::string& path, ReadContext& ctx) {
    return read(node, path, names, ctx);
  };
}

// The contact type declared by `entry` (its key is the name), at key path `path`. Fields
// that fail to read keep their defaults; the mistakes are in ctx.errors. `index` is the
// type's own index, `service_level` the scenario's (which the type's own map overrides).
ContactType ReadContactType(const YamlEntry& entry, int index, const ServiceLevel& service_level,
                            const DeclaredNames& names, ReadContext& ctx);

// A `service_level` map {threshold, target}; missing keys keep their value in `base`.
std::optional<ServiceLevel> ReadServiceLevel(const YamlNode& node, const std::string& path,
                                             const ServiceLevel& base, ReadContext& ctx);

// An `outcomes` list (of a contact type or of one skill). Reports a total probability above 1.
std::optional<std::vector<Outcome>> ReadOutcomes(const YamlNode& node, const std::string& path,
                                                 const DeclaredNames& names, ReadContext& ctx);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_CONTACT_TYPE_READER_H_
