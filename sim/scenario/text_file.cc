#include "sim/scenario/text_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace ccsim::scenario::internal {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

std::optional<std::string> ReadTextFile(const std::string& path, int64_t max_bytes,
                                        std::string* reason) {
  errno = 0;
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    *reason = std::strerror(errno);
    return std::nullopt;
  }
  // Checked on the open file, so that the file read is the file checked.
  struct stat st;
  if (fstat(fileno(file.get()), &st) != 0) {
    *reason = std::strerror(errno);
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    *reason = S_ISDIR(st.st_mode) ? "it is a folder" : "not a regular file";
    return std::nullopt;
  }
  const std::string too_large = "larger than the limit of " + FormatBytes(max_bytes);
  if (st.st_size > max_bytes) {
    *reason = too_large;
    return std::nullopt;
  }
  std::string text;
  char buffer[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, n);
    if (static_cast<int64_t>(text.size()) > max_bytes) {  // it grew while being read
      *reason = too_large;
      return std::nullopt;
    }
  }
  if (std::ferror(file.get())) {
    *reason = std::strerror(errno);
    return std::nullopt;
  }
  return text;
}

std::string FormatBytes(int64_t bytes) {
  if (bytes % (int64_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

std::string ResolvePath(const std::string& base_dir, const std::string& path) {
  const std::filesystem::path p(path);
  if (base_dir.empty() || p.is_absolute()) return path;
  return (std::filesystem::path(base_dir) / p).string();
}

std::vector<DataLine> DataLines(std::string_view text) {
  std::vector<DataLine> lines;
  ForEachDataLine(text, [&lines](const DataLine& line) { lines.push_back(line); });
  return lines;
}

}  // namespace ccsim::scenario::internal
