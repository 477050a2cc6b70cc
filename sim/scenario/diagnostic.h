// A mistake in user input (a scenario file, a --set override, a command-line value),
// reported as a value rather than thrown, so that one run can report every mistake.
#ifndef CCSIM_SCENARIO_DIAGNOSTIC_H_
#define CCSIM_SCENARIO_DIAGNOSTIC_H_

#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace ccsim::scenario {

struct Diagnostic {
  SourceLocation where;
  std::string message;  // names the key path and what was expected

  // "FILE:LINE:COL: error: MESSAGE" ("FILE: error: MESSAGE" when there is no line,
  // "FILE:LINE: error: MESSAGE" when there is a line but no column).
  std::string ToString() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace ccsim::scenario

#endif  // CCSIM_SCENARIO_DIAGNOSTIC_H_
