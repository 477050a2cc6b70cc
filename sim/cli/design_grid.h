// The design points of a sweep: `--vary KEY.PATH=V1,V2,...` (or `A:B:STEP` for numbers)
// given once per key; the points are every combination, the first --vary varying
// slowest.
//
// Example:
//   ParseVary("agent_groups.desk.agents=4:6:1") → {path "agent_groups.desk.agents",
//                                                   values {"4", "5", "6"}}
//   DesignPoints({a, b}) → a×b points, each a list of "PATH=VALUE" overrides
#ifndef CCSIM_CLI_DESIGN_GRID_H_
#define CCSIM_CLI_DESIGN_GRID_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim::cli {

struct Vary {
  std::string path;
  std::vector<std::string> values;  // as YAML text, in the order given
};

// Parses one --vary. Values are split at commas outside braces and brackets, so that
// "{dist: exponential, mean: 3m}" stays one value. A single value "A:B:STEP" of plain
// numbers (STEP > 0) expands to A, A+STEP, ... up to B. On error returns nullopt and
// sets `error`.
std::optional<Vary> ParseVary(std::string_view text, std::string* error);

// The number of design points (the product of the value counts), saturating at
// INT64_MAX.
int64_t CountDesignPoints(const std::vector<Vary>& vary);

// Every combination of the values, as override lists ("PATH=VALUE", one per Vary).
// REQUIRES: CountDesignPoints(vary) is small enough to hold in memory.
std::vector<std::vector<std::string>> DesignPoints(const std::vector<Vary>& vary);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_DESIGN_GRID_H_
