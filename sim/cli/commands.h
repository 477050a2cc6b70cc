// The sub-commands of `ccsim`. Each takes the arguments after its name and returns the
// process exit status: 0 success, 2 bad input (scenario, arguments), 1 any other failure.
#ifndef CCSIM_CLI_COMMANDS_H_
#define CCSIM_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace ccsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

int RunCommand(const std::vector<std::string>& args);
int ValidateCommand(const std::vector<std::string>& args);
int ErlangCommand(const std::vector<std::string>& args);
int SweepCommand(const std::vector<std::string>& args);
int CompareCommand(const std::vector<std::string>& args);
int StaffCommand(const std::vector<std::string>& args);
int ScheduleCommand(const std::vector<std::string>& args);
int MergeCommand(const std::vector<std::string>& args);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_COMMANDS_H_
