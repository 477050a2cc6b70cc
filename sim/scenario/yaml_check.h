// A first pass over YAML text with libyaml, before yaml-cpp builds the tree.
//
// yaml-cpp 0.7 can loop for ever on some malformed text (a file holding only ",":
// jbeder/yaml-cpp#1040) and recurses once per nesting level. libyaml is fuzzed continuously
// upstream and parses without recursion, so it vets the text first: text it rejects and text
// that nests deeper than kMaxYamlDepth never reach yaml-cpp (which still reports a second
// document). Only yaml_check.cc includes libyaml.
#ifndef CCSIM_SCENARIO_YAML_CHECK_H_
#define CCSIM_SCENARIO_YAML_CHECK_H_

#include <string>
#include <string_view>

#include "sim/scenario/diagnostic.h"

namespace ccsim::scenario::internal {

// Returns true when `text` is well-formed YAML in UTF-8 without control characters, nested at
// most kMaxYamlDepth deep. Otherwise appends one diagnostic at libyaml's location (line and
// column in `file`, `column_offset` added on the first line) and returns false.
bool CheckYamlText(std::string_view text, const std::string& file, int column_offset,
                   Diagnostics* errors);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_YAML_CHECK_H_
