#include "sim/scenario/roster_reader.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>

#include "sim/scenario/calendar.h"
#include "sim/scenario/csv_line.h"
#include "sim/scenario/limits.h"
#include "sim/scenario/text_file.h"
#include "sim/scenario/units.h"

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kHeader = "agent,start,end";
constexpr std::string_view kHeaderWithBreaks = "agent,start,end,breaks";
constexpr std::string_view kBlanks = " \t\r";
// A wrong file could have thousands of bad cells: the first few are reported, then a count.
constexpr int kMaxReported = 10;

using Cell = CsvCell;

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kBlanks) - first + 1);
}


// One row's shift, with what is needed to check a person's rows against each other.
struct RosterRow {
  std::string agent;
  Shift shift;
  int line = 0;
  int start_column = 0;
};

class RosterReader {
 public:
  RosterReader(const std::string& file, const std::string& path, ReadContext& ctx)
      : file_(file), path_(path), ctx_(ctx) {}

  std::optional<std::vector<Shift>> Read(std::string_view text);

 private:
  void Error(int line, int column, const std::string& message) {
    if (++errors_ > kMaxReported) return;
    ctx_.Error({file_, line, column}, path_ + ": " + message);
  }
  bool ReadHeader(std::string_view line, int number);
  void ReadRow(std::string_view line, int number);
  // A start or end cell: a date-time (needs the scenario's start) or a duration.
  std::optional<double> ReadTime(const Cell& cell, int line, std::string_view column);
  bool ReadBreaks(const Cell& cell, int line, Shift* shift);
  std::optional<Break> ReadBreak(std::string_view item, int line, int column,
                                 const Shift& shift);
  // A shift of an agent named on an earlier row must not overlap that row's.
  void CheckOverlap(const RosterRow& row);
  std::string TimeText(double t) const {
    return ctx_.start ? FormatDateTime(*ctx_.start + static_cast<int64_t>(t))
                      : FormatNumber(t) + "s";
  }

  const std::string& file_;
  const std::string& path_;
  ReadContext& ctx_;
  std::vector<Cell> cells_;
  size_t columns_ = 0;
  int errors_ = 0;
  std::vector<RosterRow> rows_;
  std::map<std::string, std::vector<size_t>, std::less<>> rows_of_agent_;
};

bool RosterReader::ReadHeader(std::string_view line, int number) {
  std::string header;
  int bad_column = 0;
  if (SplitCsvLine(line, &cells_, &bad_column)) {
    for (size_t i = 0; i < cells_.size(); ++i) header += (i ? "," : "") + cells_[i].text;
  }
  if (header == kHeader || header == kHeaderWithBreaks) {
    columns_ = cells_.size();
    return true;
  }
  Error(number, 1,
        "expected the header " + std::string(kHeader) + " or " + std::string(kHeaderWithBreaks) +
            "; got '" + std::string(line.substr(0, 80)) + "'");
  return false;
}

std::optional<double> RosterReader::ReadTime(const Cell& cell, int line,
                                             std::string_view column) {
  const std::string name(column);
  if (const std::optional<int64_t> civil = ParseDateTime(cell.text)) {
    if (!ctx_.start) {
      Error(line, cell.column,
            name + ": '" + cell.text +
                "' is a date and time, which needs the scenario's 'start'; give 'start' or "
                "write a duration from the start like 8h");
      return std::nullopt;
    }
    const double t = static_cast<double>(*civil - *ctx_.start);
    if (t >= 0 && t <= kMaxDurationSeconds) return t;
    Error(line, cell.column,
          name + ": '" + cell.text + "' is " +
              (t < 0 ? "before the scenario's start (" + FormatDateTime(*ctx_.start) + ")"
                     : std::string("more than ") + kMaxDurationText + " after the start"));
    return std::nullopt;
  }
  const std::optional<double> seconds = ParseDuration(cell.text);
  if (seconds && *seconds >= 0 && *seconds <= kMaxDurationSeconds) return *seconds;
  Error(line, cell.column,
        name + ": expected a date and time like 2026-03-02T08:00 or a duration from the start "
               "like 8h (at most " +
            kMaxDurationText + "); got '" + cell.text + "'");
  return std::nullopt;
}

std::optional<Break> RosterReader::ReadBreak(std::string_view item, int line, int column,
                                             const Shift& shift) {
  const size_t plus = item.find('+');
  const std::string when(Trim(item.substr(0, plus)));
  std::optional<double> length;
  if (plus != std::string_view::npos) length = ParseDuration(Trim(item.substr(plus + 1)));
  std::optional<double> at;  // simulated seconds
  if (const std::optional<int64_t> clock = ParseClockTime(when)) {
    if (!ctx_.start) {
      Error(line, column,
            "breaks: '" + when +
                "' is a clock time, which needs the scenario's 'start'; give 'start' or write "
                "the break's time as a duration from the start like 12h+30m");
      return std::nullopt;
    }
    at = Calendar(*ctx_.start).NextClockTime(shift.start, static_cast<double>(*clock));
  } else if (const std::optional<double> d = ParseDuration(when); d && *d >= 0) {
    at = *d;
  }
  if (!at || !length || *length <= 0 || *length > kMaxDurationSeconds) {
    Error(line, column,
          "breaks: expected breaks like 12:00+30m;15:00+15m (a clock time or a duration from "
          "the start, '+', a positive length); got '" +
              std::string(item) + "'");
    return std::nullopt;
  }
  if (*at < shift.start || *at >= shift.end) {
    Error(line, column,
          "breaks: a break must start within its shift (" + TimeText(shift.start) + " to " +
              TimeText(shift.end) + "); got '" + std::string(item) + "' at " + TimeText(*at));
    return std::nullopt;
  }
  return Break{.after = *at - shift.start, .duration = *length};
}

bool RosterReader::ReadBreaks(const Cell& cell, int line, Shift* shift) {
  bool ok = true;
  size_t from = 0;
  const std::string_view text = cell.text;
  while (from <= text.size()) {
    const size_t end = std::min(text.find(';', from), text.size());
    const std::string_view raw = text.substr(from, end - from);
    if (!Trim(raw).empty()) {
      const int column =
          cell.column + static_cast<int>(from + raw.find_first_not_of(kBlanks));
      if (auto b = ReadBreak(Trim(raw), line, column, *shift)) {
        shift->breaks.push_back(*b);
      } else {
        ok = false;
      }
    }
    from = end + 1;
  }
  // The workforce takes breaks in order of time, whatever order the cell lists them in.
  std::stable_sort(shift->breaks.begin(), shift->breaks.end(),
                   [](const Break& a, const Break& b) { return a.after < b.after; });
  return ok;
}

void RosterReader::CheckOverlap(const RosterRow& row) {
  std::vector<size_t>& earlier = rows_of_agent_[row.agent];
  for (size_t k : earlier) {
    const RosterRow& other = rows_[k];
    if (row.shift.start < other.shift.end && other.shift.start < row.shift.end) {
      Error(row.line, row.start_column,
            "start: agent '" + row.agent + "' already works from " +
                TimeText(other.shift.start) + " to " + TimeText(other.shift.end) + " (line " +
                std::to_string(other.line) + "); a person's shifts must not overlap");
      return;
    }
  }
  earlier.push_back(rows_.size());
}

void RosterReader::ReadRow(std::string_view line, int number) {
  int bad_column = 0;
  if (!SplitCsvLine(line, &cells_, &bad_column)) {
    Error(number, bad_column, "a quoted cell is not closed, or text follows its closing quote");
    return;
  }
  if (cells_.size() < 3 || cells_.size() > columns_) {
    const int column = cells_.size() > columns_ ? cells_[columns_].column : cells_.back().column;
    Error(number, column,
          "expected " + std::string(columns_ == 3 ? kHeader : kHeaderWithBreaks) + " (" +
              std::to_string(columns_) + " columns); got " + std::to_string(cells_.size()));
    return;
  }
  RosterRow row{.agent = cells_[0].text, .line = number, .start_column = cells_[1].column};
  bool ok = true;
  if (row.agent.empty() || HasControlCharacter(row.agent)) {
    Error(number, cells_[0].column, std::string("agent: expected ") + kNoControlCharacters +
                                        "; got '" + row.agent + "'");
    ok = false;
  }
  const std::optional<double> start = ReadTime(cells_[1], number, "start");
  const std::optional<double> end = ReadTime(cells_[2], number, "end");
  if (!start || !end) return;
  if (*end <= *start) {
    Error(number, cells_[2].column,
          "end: a shift needs start < end; got start '" + cells_[1].text + "' and end '" +
              cells_[2].text + "'");
    return;
  }
  row.shift = Shift{.start = *start, .end = *end, .agents = 1};
  if (cells_.size() == 4) ok = ReadBreaks(cells_[3], number, &row.shift) && ok;
  if (!ok) return;
  CheckOverlap(row);
  rows_.push_back(std::move(row));
}

std::optional<std::vector<Shift>> RosterReader::Read(std::string_view text) {
  int number = 0;
  bool header = false;
  size_t from = 0;
  while (from < text.size()) {
    const size_t end = std::min(text.find('\n', from), text.size());
    const std::string_view line = text.substr(from, end - from);
    ++number;
    from = end + 1;
    if (Trim(line).empty() || Trim(line).front() == '#') continue;  // blank or a comment
    if (!header) {
      if (!ReadHeader(line, number)) return std::nullopt;
      header = true;
      continue;
    }
    if (static_cast<int64_t>(rows_.size()) >= kMaxAgents) {
      Error(number, 1, "more than " + std::to_string(kMaxAgents) + " rows (agents' shifts)");
      break;
    }
    ReadRow(line, number);
  }
  if (!header) Error(0, 0, "expected the header " + std::string(kHeaderWithBreaks) + "; the file is empty");
  if (errors_ > kMaxReported) {
    ctx_.Error({file_, 0, 0},
               path_ + ": " + std::to_string(errors_ - kMaxReported) + " more mistakes");
  }
  if (errors_ > 0) return std::nullopt;
  if (rows_.empty()) {
    Error(0, 0, "the roster has no rows; give at least one agent's shift");
    return std::nullopt;
  }
  std::vector<Shift> shifts;
  for (RosterRow& row : rows_) shifts.push_back(std::move(row.shift));
  return shifts;
}

}  // namespace

std::optional<std::vector<Shift>> ReadRosterText(std::string_view text, const std::string& file,
                                                 const std::string& path, ReadContext& ctx) {
  return RosterReader(file, path, ctx).Read(text);
}

std::optional<std::vector<Shift>> ReadRosterFile(const YamlNode& file_node,
                                                 const std::string& path, ReadContext& ctx) {
  const std::optional<std::string> name = ReadName(file_node, path, ctx);
  if (!name) return std::nullopt;
  const std::string resolved = ResolvePath(ctx.base_dir, *name);
  std::string reason;
  const std::optional<std::string> text = ReadTextFile(resolved, kMaxDataFileBytes, &reason);
  if (!text) {
    ctx.Error(file_node.where, path + ": cannot read file '" + resolved + "': " + reason);
    return std::nullopt;
  }
  return ReadRosterText(*text, resolved, path, ctx);
}

bool ReadRosterKey(const MapReader& m, AgentGroup* group, ReadContext& ctx) {
  if (m.Get("roster") == nullptr) return false;
  for (const char* other : {"agents", "shifts"}) {
    if (m.Get(other) != nullptr) {
      ctx.Error(ctx.locations.Key(m.PathOf("roster")),
                m.path() + ": give one of 'agents', 'shifts' and 'roster', not '" + other +
                    "' and 'roster'");
    }
  }
  m.Read("roster", &group->shifts, ReadRosterFile);
  return true;
}

}  // namespace ccsim::scenario::internal
