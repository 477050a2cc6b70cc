// Reading the scenario's text files: the scenario itself and the one-value-a-line data files
// that `file:` keys name (arrival times, empirical samples).
#ifndef CCSIM_SCENARIO_TEXT_FILE_H_
#define CCSIM_SCENARIO_TEXT_FILE_H_

#include <algorithm>
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

// Calls visit(const DataLine&) for each value of a one-value-a-line file, in order: blank
// lines and '#' comments (whole line or trailing) are skipped, blanks and a '\r' around each
// value removed. (A callback rather than a vector: a 64 MiB file has millions of lines.)
template <typename Visit>
void ForEachDataLine(std::string_view text, Visit visit) {
  constexpr std::string_view kBlanks = " \t\r";
  int number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    ++number;
    std::string_view line = text.substr(start, end - start);
    line = line.substr(0, line.find('#'));
    const size_t first = line.find_first_not_of(kBlanks);
    if (first != std::string_view::npos) {
      const size_t last = line.find_last_not_of(kBlanks);
      visit(DataLine{number, static_cast<int>(first) + 1, line.substr(first, last - first + 1)});
    }
    start = end + 1;
  }
}

// The values of a one-value-a-line file, as ForEachDataLine visits them.
std::vector<DataLine> DataLines(std::string_view text);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_TEXT_FILE_H_
