// One line of a CSV data file (forecasts, rosters): cells with the column each starts at,
// for diagnostics at FILE:LINE:COL.
//
// Example:
//   std::vector<CsvCell> cells;
//   int bad = 0;
//   if (!SplitCsvLine("2026-03-02 08:00, billing ,\"1,200\"", &cells, &bad)) ...
//   // cells: {"2026-03-02 08:00", 1}, {"billing", 19}, {"1,200", 28}
#ifndef CCSIM_SCENARIO_CSV_LINE_H_
#define CCSIM_SCENARIO_CSV_LINE_H_

#include <string>
#include <string_view>
#include <vector>

namespace ccsim::scenario::internal {

struct CsvCell {
  std::string text;
  int column = 0;  // 1-based, where the cell starts
};

// Splits one CSV line into cells. A cell may be quoted ("a,b"; "" is a quote inside);
// blanks (spaces, tabs, a carriage return) around a cell are dropped. False, with
// *bad_column, when a quote is not closed or text follows a closing quote.
bool SplitCsvLine(std::string_view line, std::vector<CsvCell>* cells, int* bad_column);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_CSV_LINE_H_
