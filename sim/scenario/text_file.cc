#include "sim/scenario/text_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kBlanks = " \t\r";

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

std::optional<std::string> ReadTextFile(const std::string& path, std::string* reason) {
  errno = 0;
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    *reason = std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  char buffer[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, n);
  if (std::ferror(file.get())) {  // e.g. the path is a directory
    *reason = std::strerror(errno);
    return std::nullopt;
  }
  return text;
}

std::string ResolvePath(const std::string& base_dir, const std::string& path) {
  const std::filesystem::path p(path);
  if (base_dir.empty() || p.is_absolute()) return path;
  return (std::filesystem::path(base_dir) / p).string();
}

std::vector<DataLine> DataLines(std::string_view text) {
  std::vector<DataLine> lines;
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
      lines.push_back({number, static_cast<int>(first) + 1, line.substr(first, last - first + 1)});
    }
    start = end + 1;
  }
  return lines;
}

}  // namespace ccsim::scenario::internal
