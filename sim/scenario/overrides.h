// --set overrides: "KEY.PATH=VALUE" strings applied to the scenario's YAML tree before it is
// read, so that an overridden value is validated exactly like one written in the file.
//
// Example:
//   ApplyOverride("agent_groups.tier1.agents=45", &tree, &errors);
#ifndef CCSIM_SCENARIO_OVERRIDES_H_
#define CCSIM_SCENARIO_OVERRIDES_H_

#include <string_view>

#include "sim/scenario/diagnostic.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario::internal {

// The file name that locations inside overrides carry.
inline constexpr char kOverrideFile[] = "--set";

// Sets the entry at KEY.PATH (dot-separated keys into nested maps; a number selects an item
// of a list) to VALUE read as YAML ("45", "400/h", "{dist: exponential, mean: 3m}"). Missing
// maps on the way are created; a repeated key has its first occurrence replaced. New keys and
// values are located in file "--set", line 1, at their 1-based column in `text`.
// Returns false, with a diagnostic at the offending column, when `text` has no '=', a key is
// empty, the path crosses a value that is not a map, or VALUE is not valid YAML.
// REQUIRES: root->IsMap() or root->IsNull() (a null root becomes an empty map).
bool ApplyOverride(std::string_view text, YamlNode* root, Diagnostics* errors);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_OVERRIDES_H_
