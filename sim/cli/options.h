// Command-line parsing shared by the sub-commands (Boost.Program_options).
#ifndef CCSIM_CLI_OPTIONS_H_
#define CCSIM_CLI_OPTIONS_H_

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/diagnostic.h"
#include "sim/scenario/scenario.h"

namespace ccsim::cli {

namespace po = boost::program_options;

// Parses `args` for `ccsim COMMAND`. Returns false after printing "ccsim COMMAND: error:
// ..." to stderr when they do not parse. `positional` may be null.
bool ParseOptions(const std::string& command, const std::vector<std::string>& args,
                  const po::options_description& options,
                  const po::positional_options_description* positional, po::variables_map& vm);

// Parses `args` for `ccsim COMMAND`, with `positional` (may be null) naming the option that
// takes the bare arguments (`count` of them, -1 for any number). Returns the exit status
// when the command should stop here: after printing --help (kExitOk), or an error
// (kExitBadInput); nullopt when it should go on.
std::optional<int> ParseCommandLine(const std::string& command, const std::vector<std::string>& args,
                                    const po::options_description& options,
                                    const char* positional, int count, po::variables_map& vm);

// The options that run, sweep and staff share, each command wording -r, -s and --set for
// its own use (the order they are added in is the order --help lists them):
//   -r/--replications N, -s/--seed SEED, -j/--threads N (0 = one per core)
void AddReplicationOptions(po::options_description& options, const char* replications_help,
                           const char* seed_help);
//   --set KEY.PATH=VALUE, repeatable
void AddSetOption(po::options_description& options, const char* help);

// Checks -r (1 to kMaxReplications), -s (0 to 2^64 - 1) and -j (0 or more). Returns
// kExitBadInput after printing the reason, nullopt when they are fine.
std::optional<int> CheckReplicationOptions(const std::string& command, const po::variables_map& vm);

// A seed: decimal digits for a value below 2^64 (no sign), or nullopt.
std::optional<uint64_t> ParseSeed(std::string_view text);

// Sets s.replications and s.seed from -r and -s where given. REQUIRES: they were checked.
void ApplyReplicationOptions(const po::variables_map& vm, scenario::Scenario& s);

// -j: worker threads, 0 = one per core.
int Threads(const po::variables_map& vm);

// Loads the `scenario` positional with the --set overrides, then applies -r and -s.
// Returns kExitBadInput after printing the diagnostics when the scenario is invalid,
// nullopt when `out` holds it. REQUIRES: the positional was given.
std::optional<int> LoadScenario(const po::variables_map& vm, scenario::Scenario& out);

// A repeatable string option's values (none when not given).
std::vector<std::string> StringList(const po::variables_map& vm, const char* name);

bool FileExists(const std::string& path);

// Prints "ccsim COMMAND: error: MESSAGE" to stderr.
void PrintError(const std::string& command, const std::string& message);

// Prints each diagnostic as FILE:LINE:COL: error: MESSAGE on stderr.
void PrintDiagnostics(const scenario::Diagnostics& errors);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_OPTIONS_H_
