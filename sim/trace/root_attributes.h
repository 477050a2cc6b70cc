// What a result file says about the run or sweep that made it: its root attributes
// (docs/trace_format.md), one struct for both kinds of file, and the schema version.
//
// Example:
//   RootAttributes a{.kind = FileKind::kRun, .scenario_text = yaml, .seed = 7};
//   Expected<RootAttributes> back = ReadRootAttributes("out.h5");  // result_reader.h
#ifndef CCSIM_TRACE_ROOT_ATTRIBUTES_H_
#define CCSIM_TRACE_ROOT_ATTRIBUTES_H_

#include <cstdint>
#include <string>
#include <vector>

namespace ccsim::trace {

// The layout version every result file carries (root attribute schema_version). Readers
// take files of this version; bump it when a reader could misread an older file.
inline constexpr int kSchemaVersion = 1;

enum class FileKind { kRun, kSweep };  // a sweep's file has the root attribute kind = "sweep"

struct RootAttributes {
  FileKind kind = FileKind::kRun;
  std::string ccsim_version;
  std::string scenario_text;  // the YAML as read
  std::string scenario_name;
  std::string scenario_file;
  // The scenario's start, ISO 8601 local time ("2026-03-02T08:00:00"); "" when it has none
  // (the attribute is then left out).
  std::string start;
  std::vector<std::string> overrides;  // --set KEY.PATH=VALUE
  uint64_t seed = 1;

  // A run's file only.
  int replications = 1;
  std::string trace = "summary";
  double horizon = 0, warmup = 0, interval = 0;  // seconds
  double service_level_threshold = 0, service_level_target = 0;
  // Each contact type's service-level threshold in seconds (its own, else the scenario's),
  // "TYPE=SECONDS" in the types' order, so that readers need not interpret the scenario.
  // In a sweep's file the fields from `replications` to here are each point's (WritePoint).
  std::vector<std::string> service_level_thresholds;

  // A sweep's file only.
  std::vector<std::string> vary_paths;  // the varied keys, in --vary order
  int total_points = 0;                 // in the whole sweep
  std::string shard;                    // "I/N" or "rank R/N" for a part, "" for a whole sweep
};

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_ROOT_ATTRIBUTES_H_
