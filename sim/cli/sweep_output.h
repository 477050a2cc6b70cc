// What `ccsim sweep` and `ccsim merge` print: one row per design point (or one JSON
// document with a "points" array), and the shard a process runs.
#ifndef CCSIM_CLI_SWEEP_OUTPUT_H_
#define CCSIM_CLI_SWEEP_OUTPUT_H_

#include <cstdint>
#include <cstdio>
#include <functional>
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

// What a sweep prints, made as its points are summarised so that a sweep of many points
// keeps only the printed text, never their summaries: a table row's cells (its columns'
// widths are known only at the end) or, for JSON, the point's object, spooled to an
// unnamed temporary file (about 2 KB a point). Printed only at the end, so an
// interrupted or failed sweep prints nothing, as before.
//
// Example:
//   SweepPrinter out(json, "help-desk", 2026, {"agent_groups.desk.agents"}, points.size());
//   for (...) out.Add({i, values, summary});  // in index order
//   out.Print(stdout);
class SweepPrinter {
 public:
  SweepPrinter(bool json, const std::string& scenario, uint64_t seed,
               std::vector<std::string> vary_paths, size_t points);
  ~SweepPrinter();
  SweepPrinter(const SweepPrinter&) = delete;
  SweepPrinter& operator=(const SweepPrinter&) = delete;

  // REQUIRES: rows in the order they are printed, `points` of them before Print.
  void Add(const SweepRow& row);
  void Print(std::FILE* out) const;
  std::string Text() const;

 private:
  void Emit(const std::function<void(std::string_view)>& out) const;
  void Unspool(const std::function<void(std::string_view)>& out) const;
  void ForEachRow(const std::function<void(const std::string&)>& use) const;
  void AddCells(const std::vector<std::string>& cells);
  void Spool(const std::string& text);

  const bool json_;
  const std::vector<std::string> vary_paths_;
  std::string head_;            // table: the heading lines; JSON: the document up to "points": [
  std::vector<size_t> width_;   // table: each column's widest cell
  // Table: the header, then each row, cells joined by '\0', each row after its length (8
  // bytes); JSON: the points' objects, ", " apart. In a temporary file: a 10,000-point
  // sweep keeps its rows out of memory until they are printed.
  std::FILE* spool_ = nullptr;
  std::string spooled_;         // ... here when no temporary file could be made
  bool any_point_ = false;
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
