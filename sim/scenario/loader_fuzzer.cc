// libFuzzer target for the scenario loader: any bytes, as a scenario and optionally --set
// overrides, must give a scenario or diagnostics; never a crash, a hang or a leak.
//
// Input: the scenario text; when it holds NUL bytes, the parts after the first NUL are
// --set overrides, one per NUL-separated part. Built with -DCCSIM_FUZZ=ON (clang); the
// normal build replays tests/fuzz/ through it (tests/fuzz/replay_main.cc). docs/fuzzing.md
// says how to run it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string_view text = input.substr(0, nul);
  std::vector<std::string> overrides;
  if (nul != std::string_view::npos) {
    std::string_view rest = input.substr(nul + 1);
    for (size_t next; (next = rest.find('\0')) != std::string_view::npos;) {
      overrides.emplace_back(rest.substr(0, next));
      rest.remove_prefix(next + 1);
    }
    overrides.emplace_back(rest);
  }
  const ccsim::scenario::LoadResult result =
      ccsim::scenario::LoadScenarioText(text, "fuzz.yaml", overrides);
  for (const ccsim::scenario::Diagnostic& d : result.errors) {
    if (d.ToString().find('\n') != std::string::npos) __builtin_trap();  // one line each
  }
  if (result.ok() != result.scenario.has_value()) __builtin_trap();
  return 0;
}
