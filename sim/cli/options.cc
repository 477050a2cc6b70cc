#include "sim/cli/options.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "sim/cli/commands.h"
#include "sim/scenario/limits.h"
#include "sim/scenario/loader.h"

namespace ccsim::cli {

std::optional<int> ParseCommandLine(const std::string& command, const std::vector<std::string>& args,
                                    const po::options_description& options,
                                    const char* positional, int count, po::variables_map& vm) {
  po::positional_options_description bare;
  if (positional != nullptr) bare.add(positional, count);
  if (!ParseOptions(command, args, options, positional ? &bare : nullptr, vm)) return kExitBadInput;
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  return std::nullopt;
}

void AddReplicationOptions(po::options_description& options, const char* replications_help,
                           const char* seed_help) {
  options.add_options()                                        //
      ("replications,r", po::value<int>(), replications_help)  //
      ("seed,s", po::value<std::string>(), seed_help)          //
      ("threads,j", po::value<int>()->default_value(0), "worker threads; 0 = one per core");
}

void AddSetOption(po::options_description& options, const char* help) {
  options.add_options()("set", po::value<std::vector<std::string>>()->composing(), help);
}

std::optional<int> CheckReplicationOptions(const std::string& command, const po::variables_map& vm) {
  if (Threads(vm) < 0) {
    PrintError(command, "-j: expected 0 (one per core) or a positive number of threads");
    return kExitBadInput;
  }
  if (vm.count("replications") && vm["replications"].as<int>() < 1) {
    PrintError(command, "-r: expected at least 1 replication");
    return kExitBadInput;
  }
  if (vm.count("replications") && vm["replications"].as<int>() > scenario::kMaxReplications) {
    PrintError(command, "-r: expected at most " + std::to_string(scenario::kMaxReplications) +
                            " replications; got " + std::to_string(vm["replications"].as<int>()));
    return kExitBadInput;
  }
  if (vm.count("seed") && !ParseSeed(vm["seed"].as<std::string>())) {
    PrintError(command, "-s: expected a non-negative integer below 2^64; got '" +
                            vm["seed"].as<std::string>() + "'");
    return kExitBadInput;
  }
  return std::nullopt;
}

std::optional<uint64_t> ParseSeed(std::string_view text) {
  // Digits only: Boost would read "-1" as 2^64 - 1.
  uint64_t seed = 0;
  const char* end = text.data() + text.size();
  const auto [rest, ec] = std::from_chars(text.data(), end, seed);
  if (text.empty() || text.front() == '-' || ec != std::errc() || rest != end) {
    return std::nullopt;
  }
  return seed;
}

void ApplyReplicationOptions(const po::variables_map& vm, scenario::Scenario& s) {
  if (vm.count("replications")) s.replications = vm["replications"].as<int>();
  if (vm.count("seed")) s.seed = *ParseSeed(vm["seed"].as<std::string>());
}

int Threads(const po::variables_map& vm) { return vm["threads"].as<int>(); }

std::optional<int> LoadScenario(const po::variables_map& vm, scenario::Scenario& out) {
  scenario::LoadResult loaded =
      scenario::LoadScenarioFile(vm["scenario"].as<std::string>(), StringList(vm, "set"));
  if (!loaded.ok()) {
    PrintDiagnostics(loaded.errors);
    return kExitBadInput;
  }
  out = std::move(*loaded.scenario);
  ApplyReplicationOptions(vm, out);
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
  std::fprintf(stderr, "ccsim %s: error: %s\n", command.c_str(),
               scenario::EscapeControlCharacters(message).c_str());
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
