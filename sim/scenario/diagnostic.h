// A mistake in user input (a scenario file, a --set override, a command-line value),
// reported as a value rather than thrown, so that one run can report every mistake.
#ifndef CCSIM_SCENARIO_DIAGNOSTIC_H_
#define CCSIM_SCENARIO_DIAGNOSTIC_H_

#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.h"

namespace ccsim::scenario {

struct Diagnostic {
  SourceLocation where;
  std::string message;  // names the key path and what was expected

  // "FILE:LINE:COL: error: MESSAGE" ("FILE: error: MESSAGE" when there is no line,
  // "FILE:LINE: error: MESSAGE" when there is a line but no column), on one line: control
  // characters are escaped (EscapeControlCharacters).
  std::string ToString() const;
};

// `text` with every control character (below 0x20, and 0x7F) written as \n, \r, \t or \xNN,
// so that a value quoted in a message cannot break it into lines or forge another one.
std::string EscapeControlCharacters(std::string_view text);

using Diagnostics = std::vector<Diagnostic>;

}  // namespace ccsim::scenario

#endif  // CCSIM_SCENARIO_DIAGNOSTIC_H_
