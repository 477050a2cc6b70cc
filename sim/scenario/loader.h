// Loads a scenario (SPEC §2) from YAML into a validated Scenario.
//
// Every mistake is collected, not just the first: wrong types, negative or missing values,
// unknown keys (with "did you mean"), keys given twice, unknown contact types or groups
// referenced, probabilities outside [0, 1], a contact type no group can serve, a pattern
// with no rates, an unreadable `file:`. Relative `file:` paths are relative to the
// scenario file's folder.
//
// Example:
//   LoadResult r = LoadScenarioFile("scenarios/help_desk.yaml", {"agent_groups.desk.agents=4"});
//   if (!r.ok()) { for (auto& d : r.errors) std::cerr << d.ToString() << "\n"; return 2; }
//   const Scenario& s = *r.scenario;
#ifndef CCSIM_SCENARIO_LOADER_H_
#define CCSIM_SCENARIO_LOADER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/diagnostic.h"
#include "sim/scenario/scenario.h"

namespace ccsim::scenario {

struct LoadResult {
  std::optional<Scenario> scenario;  // set only when errors is empty
  Diagnostics errors;
  bool ok() const { return errors.empty(); }
};

// `overrides` are "KEY.PATH=VALUE" strings (the CLI's --set), applied to the YAML tree
// before validation; VALUE is read as a YAML scalar or flow value.
LoadResult LoadScenarioFile(const std::string& path,
                            const std::vector<std::string>& overrides = {});

// As above, from text; `file_name` is used in diagnostics and to resolve relative paths.
LoadResult LoadScenarioText(std::string_view text, const std::string& file_name,
                            const std::vector<std::string>& overrides = {});

}  // namespace ccsim::scenario

#endif  // CCSIM_SCENARIO_LOADER_H_
