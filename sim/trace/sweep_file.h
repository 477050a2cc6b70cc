// The result file of a sweep (SPEC §5): one group per design point, /points/<i>/, with
// the layout of a run's file (summary, intervals, agent_results; no per-contact traces),
// and the table /points/table naming each point's values (one string column per varied
// key). Written under a temporary name and renamed when complete.
//
// Also reads a /summary table back (a run's, or a point's), for `ccsim compare`.
#ifndef CCSIM_TRACE_SWEEP_FILE_H_
#define CCSIM_TRACE_SWEEP_FILE_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/model/model.h"
#include "sim/model/results.h"
#include "sim/trace/rows.h"

namespace ccsim::trace {

struct SweepPoint {
  int index = 0;  // the point's number in the whole sweep (shards write some of them)
  const model::Model* model = nullptr;
  std::vector<std::string> values;  // the point's values, one per varied key, as given
  std::span<const model::ReplicationResult> results;
};

struct SweepInfo {
  std::string ccsim_version;
  std::string scenario_text;
  std::string scenario_name;
  std::string scenario_file;
  std::vector<std::string> overrides;   // --set applied to every point
  std::vector<std::string> vary_paths;  // the varied keys, in --vary order
  uint64_t seed = 1;
  int total_points = 0;  // in the whole sweep
  std::string shard;     // "I/N" for one shard's part file, "" for the whole sweep
};

// Throws std::runtime_error; leaves nothing under `path` on failure.
void WriteSweepFile(const std::string& path, const SweepInfo& info,
                    std::span<const SweepPoint> points);

// The /summary rows of a result file: `group` is "" for a run's file or "points/<i>" for
// a sweep's point. KPI columns missing from the file read as NaN. Throws
// std::runtime_error when the file or table cannot be read. `type_names`, when given,
// receives the contact types' names (the contact_type enum).
std::vector<SummaryRow> ReadSummary(const std::string& path, const std::string& group = "",
                                    std::vector<std::string>* type_names = nullptr);

// What a sweep file (or one shard's part of it) holds, summary rows included.
struct SweepPointContents {
  int index = 0;
  std::vector<std::string> values;
  std::vector<std::string> type_names;
  std::vector<SummaryRow> rows;
};
struct SweepContents {
  SweepInfo info;
  std::vector<SweepPointContents> points;  // in index order
};
SweepContents ReadSweep(const std::string& path);

// Joins the part files of a sharded sweep into one sweep file at `out` (the points'
// groups are copied as they are) and returns its contents. Throws std::runtime_error when
// the parts are not of one sweep or a point is missing or given twice; nothing is left
// under `out` then.
SweepContents MergeSweepFiles(const std::vector<std::string>& parts, const std::string& out);

// The number of design points in a sweep file (0 for a run's file).
int CountPoints(const std::string& path);

// The root attribute `seed` of a result file.
uint64_t ReadSeed(const std::string& path);

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_SWEEP_FILE_H_
