// Reads result files back (docs/trace_format.md): root attributes, /summary tables and a
// sweep's points. Every reader returns the values or an error saying why not (missing,
// not HDF5, not a ccsim file, another schema version, a table missing); the rows are
// plain (sim/records), and the model turns them back into KPIs (KpisFromRows).
//
// Example:
//   Expected<SummaryContents> s = ReadSummary("out.h5");
//   if (!s) return Fail(s.error());
//   auto per_rep = model::KpisFromRows(s->summary, s->contact_types.size());
#ifndef CCSIM_TRACE_RESULT_READER_H_
#define CCSIM_TRACE_RESULT_READER_H_

#include <atomic>
#include <string>
#include <vector>

#include "sim/records/result_rows.h"
#include "sim/trace/expected.h"
#include "sim/trace/root_attributes.h"

namespace ccsim::trace {

// The root attributes of a ccsim result file of either kind (those of the other kind keep
// their defaults).
Expected<RootAttributes> ReadRootAttributes(const std::string& path);

// A /summary table: its float64 columns (with what the file says of them, "" when it says
// nothing) and rows, and the contact types' and agent groups' names (the enums; no groups
// in files written before the by-group rows, whose rows all have agent_group -1).
struct SummaryContents {
  std::vector<std::string> contact_types;
  std::vector<std::string> agent_groups;
  records::SummaryRows summary;
};
// `group` is "" for a run's file or "points/<i>" for a sweep's point.
Expected<SummaryContents> ReadSummary(const std::string& path, const std::string& group = "");

// What a sweep file (or one shard's part of it) holds, summary rows included.
struct SweepPointContents {
  int index = 0;
  std::vector<std::string> values;  // one per varied key
  SummaryContents summary;
};
struct SweepContents {
  RootAttributes info;
  std::vector<SweepPointContents> points;  // in index order
};
// When `*stop` becomes true (Ctrl-C) it returns the error "stopped" within 0.1 s.
Expected<SweepContents> ReadSweep(const std::string& path,
                                  const std::atomic<bool>* stop = nullptr);

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_RESULT_READER_H_
