// `ccsim merge`: joins the parts of a sharded sweep into one result file.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/cli/interrupt.h"
#include "sim/cli/options.h"
#include "sim/cli/output_file.h"
#include "sim/cli/sweep_output.h"
#include "sim/model/summary.h"
#include "sim/trace/sweep_file.h"

namespace ccsim::cli {

namespace {

constexpr const char* kMergeHelp = R"(Usage: ccsim merge PART.h5... -o ALL.h5 [--json]

Joins the part files written by `ccsim sweep --shard I/N -o PART.h5` (one per shard, e.g.
one per task of a Slurm job array) into one sweep file, and prints the same table (or
--json document) the whole sweep run in one process prints.

Example:
  for i in 0 1 2; do ccsim sweep s.yaml --vary agent_groups.desk.agents=4:9:1 --shard $i/3 -o part$i.h5; done
  ccsim merge part0.h5 part1.h5 part2.h5 -o all.h5

Options)";

}  // namespace

int MergeCommand(const std::vector<std::string>& args) {
  const std::string cmd = "merge";
  po::options_description options(kMergeHelp);
  options.add_options()                                                   //
      ("help,h", "show this help")                                        //
      ("parts", po::value<std::vector<std::string>>(), "part files")       //
      ("output,o", po::value<std::string>(), "the merged sweep file")      //
      ("force", "overwrite an existing -o file")                          //
      ("json", "print one JSON document instead of the table");
  po::variables_map vm;
  if (auto stop = ParseCommandLine(cmd, args, options, "parts", -1, vm)) return *stop;
  if (!vm.count("parts") || !vm.count("output")) {
    PrintError(cmd, "give the part files and -o ALL.h5 (see ccsim merge --help)");
    return kExitBadInput;
  }
  const std::string output = vm["output"].as<std::string>();
  if (auto stop = CheckOutput(cmd, "-o", output, vm.count("force") > 0)) return *stop;
  CatchInterrupts();
  const trace::Expected<trace::SweepContents> merged =
      trace::MergeSweepFiles(vm["parts"].as<std::vector<std::string>>(), output, InterruptFlag());
  if (Interrupted()) return ReportInterrupted(cmd, output);
  if (!merged) {
    PrintError(cmd, merged.error());
    return kExitBadInput;
  }
  std::fputs(SweepOutput(vm.count("json") > 0, merged->info.scenario_name, merged->info.seed,
                         merged->info.vary_paths, SweepRowsOf(*merged))
                 .c_str(),
             stdout);
  return kExitOk;
}

}  // namespace ccsim::cli
