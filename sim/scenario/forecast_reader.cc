#include "sim/scenario/forecast_reader.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/calendar.h"
#include "sim/scenario/csv_line.h"
#include "sim/scenario/limits.h"
#include "sim/scenario/text_file.h"
#include "sim/scenario/units.h"

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kHeader = "interval_start,contact_type,volume";
constexpr std::string_view kHeaderWithAht = "interval_start,contact_type,volume,aht";
constexpr std::string_view kBlanks = " \t";
// A wrong file could have thousands of bad cells: the first few are reported, then a count.
constexpr int kMaxReported = 10;

using Cell = CsvCell;


std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [rest, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || rest != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// One interval of one contact type.
struct Row {
  double start = 0;  // simulated seconds
  double volume = 0;
  double aht = std::numeric_limits<double>::quiet_NaN();  // NaN: none given
  int line = 0;
  int start_column = 0, volume_column = 0, aht_column = 0;
  bool date_time = false;                         // interval_start written as a date and time
  std::string start_text, volume_text, aht_text;  // as written, for messages
};

// One forecast file and the contact types that name it.
struct Forecast {
  std::string file;
  std::vector<int> types;              // scenario order
  std::vector<std::vector<Row>> rows;  // by position in `types`
  bool has_aht = false;
};

class ForecastFileReader {
 public:
  ForecastFileReader(Scenario& s, Forecast& f, ReadContext& ctx) : s_(s), f_(f), ctx_(ctx) {}

  void Read();

 private:
  std::string PathOf(size_t k) const {
    return JoinPath("contact_types", s_.contact_types[f_.types[k]].name) + ".arrivals.forecast";
  }
  // A mistake at (line, column) of the file, about the rows of types[k].
  void Error(int line, int column, size_t k, const std::string& message);
  // The header's line; false when the file has no header or a wrong one.
  bool ReadHeader(std::string_view line, int number);
  void ReadRow(std::string_view line, int number);
  bool ParseStart(const Cell& cell, int line, size_t k, Row* row);
  bool ParseVolumeAndAht(const std::vector<Cell>& cells, int line, size_t k, Row* row);
  // The interval length of types[k]'s rows (another type's when it has one row), or 0.
  double LengthOf(size_t k);
  // The rows of types[k] into its arrivals.
  void Finish(size_t k);
  std::vector<double> AhtFactors(size_t k);

  Scenario& s_;
  Forecast& f_;
  ReadContext& ctx_;
  std::vector<Cell> cells_;
  size_t columns_ = 0;
  int errors_ = 0;
};

void ForecastFileReader::Error(int line, int column, size_t k, const std::string& message) {
  if (++errors_ > kMaxReported) return;
  ctx_.Error({f_.file, line, column}, PathOf(k) + ": " + message);
}

bool ForecastFileReader::ReadHeader(std::string_view line, int number) {
  std::string header;
  int bad_column = 0;
  if (SplitCsvLine(line, &cells_, &bad_column)) {
    for (size_t i = 0; i < cells_.size(); ++i) header += (i ? "," : "") + cells_[i].text;
  }
  if (header == kHeader || header == kHeaderWithAht) {
    columns_ = cells_.size();
    f_.has_aht = columns_ == 4;
    return true;
  }
  Error(number, 1, 0,
        "expected the header " + std::string(kHeader) + " or " + std::string(kHeaderWithAht) +
            "; got '" + std::string(line.substr(0, 80)) + "'");
  return false;
}

bool ForecastFileReader::ParseStart(const Cell& cell, int line, size_t k, Row* row) {
  row->start_column = cell.column;
  row->start_text = cell.text;
  if (const std::optional<int64_t> civil = ParseDateTime(cell.text)) {
    row->date_time = true;
    if (!s_.start) {
      Error(line, cell.column, k,
            "interval_start: '" + cell.text +
                "' is a date and time, which needs the scenario's 'start'; give 'start' or "
                "write seconds from the start");
      return false;
    }
    row->start = static_cast<double>(*civil - *s_.start);
    return true;
  }
  const std::optional<double> seconds = ParseDuration(cell.text);
  if (!seconds || *seconds < 0 || *seconds > kMaxDurationSeconds) {
    Error(line, cell.column, k,
          "interval_start: expected a date and time like 2026-03-02 08:00 or seconds from "
          "the start; got '" +
              cell.text + "'");
    return false;
  }
  row->start = *seconds;
  return true;
}

bool ForecastFileReader::ParseVolumeAndAht(const std::vector<Cell>& cells, int line, size_t k,
                                           Row* row) {
  bool ok = true;
  row->volume_column = cells[2].column;
  row->volume_text = cells[2].text;
  const std::optional<double> volume = ParseNumber(cells[2].text);
  if (!volume || *volume < 0) {
    Error(line, cells[2].column, k,
          "volume: expected a non-negative number; got '" + cells[2].text + "'");
    ok = false;
  } else {
    row->volume = *volume;
  }
  if (!f_.has_aht || cells[3].text.empty()) return ok;
  row->aht_column = cells[3].column;
  row->aht_text = cells[3].text;
  const std::optional<double> aht = ParseDuration(cells[3].text);
  if (!aht || *aht < 0 || *aht > kMaxDurationSeconds) {
    Error(line, cells[3].column, k,
          "aht: expected a duration like 4m or 240 (seconds), or nothing; got '" + cells[3].text +
              "'");
    return false;
  }
  row->aht = *aht;
  return ok;
}

void ForecastFileReader::ReadRow(std::string_view line, int number) {
  int bad_column = 0;
  if (!SplitCsvLine(line, &cells_, &bad_column)) {
    Error(number, bad_column, 0, "a quoted cell is not closed where it should be");
    return;
  }
  if (cells_.size() != columns_) {
    Error(number, 1, 0,
          "expected " + std::to_string(columns_) + " cells (" +
              std::string(columns_ == 4 ? kHeaderWithAht : kHeader) + "); got " +
              std::to_string(cells_.size()));
    return;
  }
  size_t k = 0;
  while (k < f_.types.size() && s_.contact_types[f_.types[k]].name != cells_[1].text) ++k;
  if (k == f_.types.size()) return;  // a type that does not read this file
  Row row;
  row.line = number;
  const bool start_ok = ParseStart(cells_[0], number, k, &row);
  if (ParseVolumeAndAht(cells_, number, k, &row) && start_ok) f_.rows[k].push_back(std::move(row));
}

void ForecastFileReader::Read() {
  std::string reason;
  const std::optional<std::string> text = ReadTextFile(f_.file, kMaxDataFileBytes, &reason);
  if (!text) {
    const std::string path = PathOf(0);
    ctx_.Error(ctx_.locations.Value(path),
               path + ": cannot read file '" + f_.file + "': " + reason);
    return;
  }
  std::string_view rest = *text;
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);  // a spreadsheet's BOM
  bool header = false;
  int number = 0;
  while (!rest.empty()) {
    const size_t end = std::min(rest.find('\n'), rest.size());
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    ++number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    const size_t first = line.find_first_not_of(kBlanks);
    if (first == std::string_view::npos || line[first] == '#') continue;
    if (!header) {
      if (!ReadHeader(line, number)) return;
      header = true;
    } else {
      ReadRow(line, number);
    }
  }
  if (!header) {
    const std::string path = PathOf(0);
    ctx_.Error(ctx_.locations.Value(path), path + ": file '" + f_.file + "' has no header (" +
                                               std::string(kHeaderWithAht) + ")");
    return;
  }
  // Rows with bad cells are left out: their types' intervals are not checked further.
  if (errors_ == 0) {
    for (size_t k = 0; k < f_.types.size(); ++k) Finish(k);
  }
  if (errors_ > kMaxReported) {
    ctx_.Error({f_.file, 0, 0}, PathOf(0) + ": " + std::to_string(errors_ - kMaxReported) +
                                    " more mistakes in this file");
  }
}

double ForecastFileReader::LengthOf(size_t k) {
  const std::vector<Row>& rows = f_.rows[k];
  if (rows.size() >= 2) {
    if (rows[1].start > rows[0].start) return rows[1].start - rows[0].start;
    Error(rows[1].line, rows[1].start_column, k,
          "interval_start: expected a time after the previous row of '" +
              s_.contact_types[f_.types[k]].name + "' (" + rows[0].start_text + "); got '" +
              rows[1].start_text + "'");
    return 0;
  }
  for (const std::vector<Row>& other : f_.rows) {
    if (other.size() >= 2 && other[1].start > other[0].start) {
      return other[1].start - other[0].start;
    }
  }
  Error(rows[0].line, rows[0].start_column, k,
        "interval_start: '" + s_.contact_types[f_.types[k]].name +
            "' has a single row, so the length of its intervals is unknown; add its next "
            "interval (with volume 0 if need be)");
  return 0;
}

// aht / the handle time's mean for each row (1 where no aht is given).
std::vector<double> ForecastFileReader::AhtFactors(size_t k) {
  const ContactType& type = s_.contact_types[f_.types[k]];
  const double mean = type.handle_time.Mean();
  std::vector<double> factors;
  for (const Row& row : f_.rows[k]) {
    double factor = 1;
    if (row.aht > 0 && !(mean > 0)) {
      const std::string path = PathOf(k);
      ctx_.Error(ctx_.locations.Value(path),
                 path + ": the aht column scales the handle time of '" + type.name +
                     "', whose mean is 0; give it a handle_time with a positive mean");
      return {};
    }
    if (row.aht > 0) {
      factor = row.aht / mean;
    } else if (row.aht == 0 && row.volume > 0) {
      Error(row.line, row.aht_column, k,
            "aht: expected a positive duration where the volume is positive; got '0'");
    }
    if (factor > kMaxFactor) {
      Error(row.line, row.aht_column, k,
            "aht: '" + row.aht_text + "' is more than " + FormatNumber(kMaxFactor) +
                " times the mean of the handle time (" + FormatNumber(mean) + "s)");
    }
    factors.push_back(factor);
  }
  return factors;
}

void ForecastFileReader::Finish(size_t k) {
  const std::vector<Row>& rows = f_.rows[k];
  ContactType& type = s_.contact_types[f_.types[k]];
  if (rows.empty()) {
    const std::string path = PathOf(k);
    ctx_.Error(ctx_.locations.Value(path),
               path + ": file '" + f_.file + "' has no row for contact type '" + type.name + "'");
    return;
  }
  const double length = LengthOf(k);
  if (!(length > 0)) return;
  Arrivals& a = type.arrivals;
  a.slot = length;
  a.offset = -rows[0].start;
  a.rates.clear();
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    const double expected = rows[0].start + static_cast<double>(i) * length;
    if (std::abs(row.start - expected) > 1e-6) {
      const std::string shown = row.date_time ? FormatDateTime(*s_.start + std::llround(expected))
                                              : FormatNumber(expected);
      Error(row.line, row.start_column, k,
            "interval_start: expected " + shown + ", the interval after the previous row of '" +
                type.name + "' (intervals of " + FormatNumber(length) + "s); got '" +
                row.start_text + "'");
      return;
    }
    a.rates.push_back(row.volume / length);
    if (a.rates.back() > kMaxRatePerSecond) {
      Error(row.line, row.volume_column, k,
            "volume: '" + row.volume_text + "' in an interval of " + FormatNumber(length) +
                "s is a rate above the limit of " + kMaxRateText);
    }
  }
  if (f_.has_aht) a.handle_time_factors = AhtFactors(k);
}

}  // namespace

void ReadForecasts(Scenario& s, ReadContext& ctx) {
  std::vector<Forecast> forecasts;
  for (size_t t = 0; t < s.contact_types.size(); ++t) {
    const Arrivals& a = s.contact_types[t].arrivals;
    if (a.kind != ArrivalKind::kForecast) continue;
    size_t f = 0;
    while (f < forecasts.size() && forecasts[f].file != a.file) ++f;
    if (f == forecasts.size()) forecasts.push_back({.file = a.file});
    forecasts[f].types.push_back(static_cast<int>(t));
    forecasts[f].rows.emplace_back();
  }
  for (Forecast& f : forecasts) ForecastFileReader(s, f, ctx).Read();
}

}  // namespace ccsim::scenario::internal
