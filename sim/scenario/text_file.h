// Reading the scenario's text files: the scenario itself and the one-value-a-line data files
// that `file:` keys name (arrival times, empirical samples).
#ifndef CCSIM_SCENARIO_TEXT_FILE_H_
#define CCSIM_SCENARIO_TEXT_FILE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim::scenario::internal {

// The whole content of `path`, or nullopt with *reason set (e.g. "No such file or directory",
// "not a regular file", "larger than the limit of 4 MiB"). Only regular files of at most
// `max_bytes` are read: a device (/dev/zero), a pipe or a folder is refused rather than read
// for ever.
std::optional<std::string> ReadTextFile(const std::string& path, int64_t max_bytes,
                                        std::string* reason);

// "4 MiB" for whole mebibytes, else "1234 bytes".
std::string FormatBytes(int64_t bytes);

// `path` as given when absolute or when `base_dir` is empty, else `base_dir`/`path`.
std::string ResolvePath(const std::string& base_dir, const std::string& path);

// One value of a data file, with its 1-based line and column.
struct DataLine {
  int line = 0;
  int column = 0;
  std::string_view text;  // trimmed; points into the file's text
};

// The values of a one-value-a-line file: blank lines and '#' comments (whole line or
// trailing) are skipped, blanks and a '\r' around each value removed.
std::vector<DataLine> DataLines(std::string_view text);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_TEXT_FILE_H_
