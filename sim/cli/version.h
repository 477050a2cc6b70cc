#ifndef CCSIM_CLI_VERSION_H_
#define CCSIM_CLI_VERSION_H_

namespace ccsim::cli {
inline constexpr const char* kVersion = CCSIM_VERSION;  // set by CMake from project()
}  // namespace ccsim::cli

#endif  // CCSIM_CLI_VERSION_H_
