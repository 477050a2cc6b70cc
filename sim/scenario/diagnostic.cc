#include "sim/scenario/diagnostic.h"

namespace ccsim::scenario {

std::string Diagnostic::ToString() const {
  std::string out = where.file;
  if (where.line > 0) {
    out += ':';
    out += std::to_string(where.line);
    if (where.column > 0) {
      out += ':';
      out += std::to_string(where.column);
    }
  }
  out += ": error: ";
  out += message;
  return out;
}

}  // namespace ccsim::scenario
