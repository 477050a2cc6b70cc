// The result file of a sweep (SPEC §5): one group per design point, /points/<i>/, with
// the layout of a run's file (summary, intervals, agent_results; no per-contact traces),
// and the table /points/table naming each point's values (one string column per varied
// key). Written as an AtomicFile: complete under its name, or not there at all. Read back
// with ReadSweep (result_reader.h).
//
// Example:
//   std::vector<SweepPoint> points = {{.index = 0, .values = {"5"}, .tables = rows}};
//   Status done = WriteSweepFile("sweep.h5", attributes, points);
#ifndef CCSIM_TRACE_SWEEP_FILE_H_
#define CCSIM_TRACE_SWEEP_FILE_H_

#include <atomic>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/records/result_rows.h"
#include "sim/trace/env.h"
#include "sim/trace/expected.h"
#include "sim/trace/result_reader.h"
#include "sim/trace/root_attributes.h"

namespace ccsim::trace {

struct SweepPoint {
  int index = 0;  // the point's number in the whole sweep (shards write some of them)
  std::vector<std::string> values;  // the point's values, one per varied key, as given
  records::ResultTables tables;     // its replications' rows (model::ResultRows)
  // The point's horizon, warmup, interval and service levels (RootAttributes' run
  // settings), written as the attributes of /points/<index>/ when given.
  std::optional<RootAttributes> settings;
};

// REQUIRES: attributes.kind == FileKind::kSweep.
Status WriteSweepFile(const std::string& path, const RootAttributes& attributes,
                      std::span<const SweepPoint> points, Env& env = *Env::Default());

// WriteSweepFile a point at a time, for a sweep that writes each point as it is done
// rather than holding every point's rows until the end. The file is the same: an
// AtomicFile, PATH holding it only once Commit() has succeeded. Used by one thread at a
// time. After a failure, Add and Commit return that error and nothing is left.
//
// Example:
//   auto out = SweepFileWriter::Create("sweep.h5", attributes, points);  // values only
//   for (...) (*out)->Add({.index = i, .values = v, .tables = rows});    // in table order
//   Status done = (*out)->Commit();
class SweepFileWriter {
 public:
  // Creates PATH's temporary file, its root attributes and /points/table from `points`'
  // index and values (their tables are not read). REQUIRES: attributes.kind == kSweep.
  static Expected<std::unique_ptr<SweepFileWriter>> Create(const std::string& path,
                                                           const RootAttributes& attributes,
                                                           std::span<const SweepPoint> points);
  ~SweepFileWriter();  // removes the temporary file unless committed
  SweepFileWriter(const SweepFileWriter&) = delete;
  SweepFileWriter& operator=(const SweepFileWriter&) = delete;

  // Writes /points/<index>/. REQUIRES: a point of Create's, each once.
  Status Add(const SweepPoint& point);
  // Closes the file and renames it to PATH.
  Status Commit();

 private:
  struct File;
  explicit SweepFileWriter(std::unique_ptr<File> file);
  std::unique_ptr<File> file_;  // null after a failure or Commit
  std::string error_;           // the first failure
};

// Joins the part files of a sharded sweep into one sweep file at `out` (the points'
// groups are copied as they are) and returns its contents. An error when a part cannot
// be read, the parts are not of one sweep, or a point is missing or given twice; nothing
// is left under `out` then. When `*stop` becomes true (Ctrl-C) it stops between points
// with the error "stopped", also leaving nothing.
Expected<SweepContents> MergeSweepFiles(const std::vector<std::string>& parts,
                                        const std::string& out,
                                        const std::atomic<bool>* stop = nullptr);

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_SWEEP_FILE_H_
