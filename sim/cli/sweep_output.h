// What `ccsim sweep` and `ccsim merge` print: one row per design point (or one JSON
// document with a "points" array), and the shard a process runs.
#ifndef CCSIM_CLI_SWEEP_OUTPUT_H_
#define CCSIM_CLI_SWEEP_OUTPUT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/summary.h"
#include "sim/trace/result_reader.h"

namespace ccsim::cli {

struct SweepRow {
  int index = 0;
  std::vector<std::string> values;  // one per varied key
  model::Summary summary;
};

std::string SweepOutput(bool json, const std::string& scenario, uint64_t seed,
                        const std::vector<std::string>& vary_paths,
                        const std::vector<SweepRow>& rows);

// The summaries of a sweep file's points, rebuilt from their /summary rows (the numbers a
// one-process sweep prints, to the bit).
std::vector<SweepRow> SweepRowsOf(const trace::SweepContents& c);

// One slice of a sweep: the points i with i % count == index.
struct Shard {
  int index = 0;
  int count = 1;
};
std::optional<Shard> ParseShard(std::string_view text);  // "I/N"
// SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT when both are set (a Slurm job array).
std::optional<Shard> ShardFromSlurm();

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_SWEEP_OUTPUT_H_
