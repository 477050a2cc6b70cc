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
};

// Throws std::runtime_error; leaves nothing under `path` on failure.
void WriteSweepFile(const std::string& path, const SweepInfo& info,
                    std::span<const SweepPoint> points);

// The /summary rows of a result file: `group` is "" for a run's file or "points/<i>" for
// a sweep's point. KPI columns missing from the file read as NaN. Throws
// std::runtime_error when the file or table cannot be read.
std::vector<SummaryRow> ReadSummary(const std::string& path, const std::string& group = "");

// The number of design points in a sweep file (0 for a run's file).
int CountPoints(const std::string& path);

// The root attribute `seed` of a result file.
uint64_t ReadSeed(const std::string& path);

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_SWEEP_FILE_H_
