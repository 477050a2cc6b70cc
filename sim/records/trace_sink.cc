#include "sim/records/trace_sink.h"

namespace ccsim::records {

const char* ToString(TraceLevel level) {
  switch (level) {
    case TraceLevel::kSummary:
      return "summary";
    case TraceLevel::kContacts:
      return "contacts";
    case TraceLevel::kEvents:
      return "events";
  }
  return "?";
}

std::optional<TraceLevel> ParseTraceLevel(std::string_view text) {
  for (TraceLevel level : {TraceLevel::kSummary, TraceLevel::kContacts, TraceLevel::kEvents}) {
    if (text == ToString(level)) return level;
  }
  return std::nullopt;
}

}  // namespace ccsim::records
