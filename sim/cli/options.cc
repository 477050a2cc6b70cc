#include "sim/cli/options.h"

#include <sys/stat.h>

#include <cstdio>

namespace ccsim::cli {

bool FileExists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

void PrintError(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "ccsim %s: error: %s\n", command.c_str(), message.c_str());
}

void PrintDiagnostics(const scenario::Diagnostics& errors) {
  for (const scenario::Diagnostic& d : errors) std::fprintf(stderr, "%s\n", d.ToString().c_str());
}

bool ParseOptions(const std::string& command, const std::vector<std::string>& args,
                  const po::options_description& options,
                  const po::positional_options_description* positional, po::variables_map& vm) {
  try {
    po::command_line_parser parser(args);
    parser.options(options);
    if (positional) parser.positional(*positional);
    po::store(parser.run(), vm);
    po::notify(vm);
    return true;
  } catch (const po::error& e) {
    PrintError(command, std::string(e.what()) + " (see ccsim " + command + " --help)");
    return false;
  }
}

}  // namespace ccsim::cli
