#include "sim/cli/options.h"

#include <sys/stat.h>

#include <cstdio>
#include <iostream>

namespace ccsim::cli {

std::optional<int> ParseCommandLine(const std::string& command, const std::vector<std::string>& args,
                                    const po::options_description& options,
                                    const char* positional, int count, po::variables_map& vm) {
  po::positional_options_description bare;
  if (positional != nullptr) bare.add(positional, count);
  if (!ParseOptions(command, args, options, positional ? &bare : nullptr, vm)) return 2;
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  return std::nullopt;
}

std::vector<std::string> StringList(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

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
