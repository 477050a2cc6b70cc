#include "sim/scenario/csv_line.h"

#include <algorithm>

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kBlanks = " \t\r";

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kBlanks) - first + 1);
}

}  // namespace

bool SplitCsvLine(std::string_view line, std::vector<CsvCell>* cells, int* bad_column) {
  cells->clear();
  size_t i = 0;
  const auto skip_blanks = [&] {
    while (i < line.size() && kBlanks.find(line[i]) != std::string_view::npos) ++i;
  };
  while (true) {
    skip_blanks();
    CsvCell& cell = cells->emplace_back();
    cell.column = static_cast<int>(i) + 1;
    if (i < line.size() && line[i] == '"') {
      for (++i;; ++i) {
        if (i >= line.size()) {
          *bad_column = cell.column;
          return false;
        }
        if (line[i] == '"' && (i + 1 >= line.size() || line[i + 1] != '"')) break;
        if (line[i] == '"') ++i;  // "" stands for one quote
        cell.text += line[i];
      }
      ++i;
      skip_blanks();
      if (i < line.size() && line[i] != ',') {
        *bad_column = static_cast<int>(i) + 1;
        return false;
      }
    } else {
      const size_t end = std::min(line.find(',', i), line.size());
      cell.text = std::string(Trim(line.substr(i, end - i)));
      i = end;
    }
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

}  // namespace ccsim::scenario::internal
