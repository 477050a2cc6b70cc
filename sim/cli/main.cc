// ccsim: a discrete-event contact-centre simulator. See `ccsim --help`.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/cli/output_file.h"
#include "sim/cli/version.h"

namespace {

constexpr const char* kUsage = R"(ccsim - simulate a contact centre before you change it

Usage:
  ccsim run SCENARIO.yaml [-o OUT.h5] [-r N] [-s SEED] [-j THREADS] [--set KEY.PATH=VALUE]...
                         [--trace summary|contacts|events] [--json] [--intervals] [--agents]
  ccsim validate SCENARIO.yaml [--set KEY.PATH=VALUE]...
  ccsim sweep SCENARIO.yaml --vary KEY.PATH=V1,V2,... [--vary ...] [-o OUT.h5] [--json]
  ccsim merge PART.h5... -o ALL.h5       (the parts of sweep --shard I/N)
  ccsim compare A.h5 B.h5 | ccsim compare SWEEP.h5 --points I J
  ccsim staff SCENARIO.yaml --target 0.8 [--group NAME] [--interval 30m] [--csv FILE] [--json]
  ccsim schedule SCENARIO.yaml --templates SHIFTS.yaml --target 0.8 [--group NAME]...
                 [--shrinkage 0.3] [--interval 30m] -o ROSTER.csv [--json]
  ccsim erlang --rate RATE --aht DURATION (--agents N | --target 0.8) [--patience DURATION]
               [--threshold DURATION] [--json]
  ccsim COMMAND --help        options of one command
  ccsim --version

Commands:
  run       simulate the scenario's replications in parallel and print service level,
            ASA, abandonment, AHT, occupancy and the customers' journeys (first-contact
            resolution, contacts and transfers per journey) with 95% confidence
            intervals, overall and per contact type; -o writes an HDF5 result file
  validate  check a scenario and report every mistake as FILE:LINE:COL: error: ...
  sweep     run every combination of --vary values, all points side by side on the
            same customers, and print one row per point
  merge     join the part files of a sharded sweep (sweep --shard I/N, Slurm arrays)
  compare   B − A for each KPI with its 95% confidence interval, paired by replication
            when both saw the same customers, and whether it is significant
  staff     the fewest agents per interval that meet a service-level target: Erlang,
            then checked and adjusted by simulation
  schedule  the cheapest roster of shift templates that meets the target in every
            interval: Erlang, an integer program (COIN-OR CBC), then simulation
  erlang    the analytical answer for one interval: Erlang C, or Erlang A when
            customers abandon (--patience); with --target, how many agents

Examples:
  ccsim run scenarios/help_desk.yaml -r 30
  ccsim run scenarios/retail_bank.yaml --set agent_groups.tier1.agents=45 --json
  ccsim erlang --rate 360/h --aht 4m --agents 28 --threshold 20s
  ccsim erlang --rate 360/h --aht 4m --target 0.8
  ccsim schedule scenarios/week.yaml --templates scenarios/week_shifts.yaml --target 0.8 -o roster.csv

Units: durations 45s, 2.5m, 1h, 1d, 1w (a bare number is seconds); rates 0.5/s, 6/m,
360/h, 2000/d (a bare number is per hour).
Exit status: 0 success, 2 bad input (scenario or arguments), 1 any other failure.
)";

}  // namespace

namespace ccsim::cli {
namespace {

// Runs `ccsim COMMAND ARGS...`; returns its exit status.
int Dispatch(const std::string& command, const std::vector<std::string>& args) {
  if (command == "-h" || command == "--help" || command == "help") {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (command == "--version") {
    std::printf("ccsim %s\n", kVersion);
    return kExitOk;
  }
  if (command == "run") return RunCommand(args);
  if (command == "validate") return ValidateCommand(args);
  if (command == "erlang") return ErlangCommand(args);
  if (command == "sweep") return SweepCommand(args);
  if (command == "compare") return CompareCommand(args);
  if (command == "staff") return StaffCommand(args);
  if (command == "schedule") return ScheduleCommand(args);
  if (command == "merge") return MergeCommand(args);
  std::fprintf(stderr, "ccsim: error: unknown command '%s' (expected run, validate, sweep, merge, compare, staff, schedule or erlang; see ccsim --help)\n",
               command.c_str());
  return kExitBadInput;
}

}  // namespace
}  // namespace ccsim::cli

int main(int argc, char** argv) {
  using namespace ccsim::cli;
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitBadInput;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  int status;
  try {
    status = Dispatch(command, args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ccsim: error: %s\n", e.what());
    status = kExitFailure;
  }
  // Every command's printed output must have arrived: `ccsim run --json > /dev/full` fails.
  return FinishStdout(command, status);
}
