// Command-line parsing shared by the sub-commands (Boost.Program_options).
#ifndef CCSIM_CLI_OPTIONS_H_
#define CCSIM_CLI_OPTIONS_H_

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/diagnostic.h"

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

// A repeatable string option's values (none when not given).
std::vector<std::string> StringList(const po::variables_map& vm, const char* name);

bool FileExists(const std::string& path);

// Prints "ccsim COMMAND: error: MESSAGE" to stderr.
void PrintError(const std::string& command, const std::string& message);

// Prints each diagnostic as FILE:LINE:COL: error: MESSAGE on stderr.
void PrintDiagnostics(const scenario::Diagnostics& errors);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_OPTIONS_H_
