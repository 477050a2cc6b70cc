#include "sim/scenario/open_hours_reader.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/calendar.h"

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr char kSpanLike[] = "opening hours like \"08:00-20:00\", a list of them, or closed";
constexpr auto kDay = static_cast<double>(kSecondsPerDay);
constexpr auto kWeek = static_cast<double>(kSecondsPerWeek);

// The days (0 = Monday) a key names: "mon", or a range "mon-fri" (which may wrap: "sat-mon").
std::optional<std::vector<int>> ParseDays(std::string_view key) {
  const size_t dash = key.find('-');
  const std::optional<int> first = ParseDayName(key.substr(0, dash));
  if (!first) return std::nullopt;
  if (dash == std::string_view::npos) return std::vector<int>{*first};
  const std::optional<int> last = ParseDayName(key.substr(dash + 1));
  if (!last) return std::nullopt;
  std::vector<int> days;
  for (int d = *first;; d = (d + 1) % 7) {
    days.push_back(d);
    if (d == *last) return days;
  }
}

// "08:00-20:00" as seconds after midnight; the end is after the start (a span crossing
// midnight ends the next day). Reports and returns nullopt when wrong.
std::optional<std::pair<double, double>> ReadSpan(const YamlNode& node, const std::string& path,
                                                  ReadContext& ctx) {
  const size_t dash = node.IsScalar() ? node.scalar.find('-') : std::string::npos;
  std::optional<int64_t> from, to;
  if (dash != std::string::npos) {
    const auto trim = [](std::string_view s) {
      const size_t a = s.find_first_not_of(' ');
      return a == std::string_view::npos ? std::string_view()
                                         : s.substr(a, s.find_last_not_of(' ') - a + 1);
    };
    const std::string_view text = node.scalar;
    from = ParseClockTime(trim(text.substr(0, dash)));
    to = ParseClockTime(trim(text.substr(dash + 1)));
  }
  if (!from || !to) {
    ReportExpected(node, path, kSpanLike, ctx);
    return std::nullopt;
  }
  if (*from == kSecondsPerDay) {
    ctx.Error(node.where, path + ": '" + node.scalar +
                              "' opens at 24:00; write it as the next day's, from 00:00");
    return std::nullopt;
  }
  if (*from == *to) {
    ctx.Error(node.where, path + ": '" + node.scalar + "' opens and closes at the same time");
    return std::nullopt;
  }
  const auto end = static_cast<double>(*to > *from ? *to : *to + kSecondsPerDay);
  return std::pair(static_cast<double>(*from), end);
}

// A day's value: one span, a list of spans, or `closed` (an empty list too).
std::optional<std::vector<std::pair<double, double>>> ReadDaySpans(const YamlNode& node,
                                                                   const std::string& path,
                                                                   ReadContext& ctx) {
  if (node.IsScalar() && node.scalar == "closed") return std::vector<std::pair<double, double>>{};
  if (node.IsSequence()) return ReadList(node, path, ctx, ReadSpan, kSpanLike);
  std::optional<std::pair<double, double>> span = ReadSpan(node, path, ctx);
  if (!span) return std::nullopt;
  return std::vector{*span};
}

// `spans` (seconds of the week, possibly past its end) sorted, merged, and cut at the
// week's end (the part past it wraps to Monday).
std::vector<std::pair<double, double>> WeekSpans(std::vector<std::pair<double, double>> spans) {
  std::vector<std::pair<double, double>> cut;
  for (const auto& [from, to] : spans) {
    if (to <= kWeek) {
      cut.emplace_back(from, to);
    } else {
      cut.emplace_back(from, kWeek);
      cut.emplace_back(0, to - kWeek);
    }
  }
  std::sort(cut.begin(), cut.end());
  std::vector<std::pair<double, double>> merged;
  for (const auto& span : cut) {
    if (!merged.empty() && span.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, span.second);
    } else {
      merged.push_back(span);
    }
  }
  return merged;
}

}  // namespace

std::optional<OpenHours> ReadOpenHours(const YamlNode& node, const std::string& path,
                                       ReadContext& ctx) {
  const MapReader m = MapReader::OfNames(
      node, path, ctx, "a map of days to opening hours, like {mon-fri: \"08:00-20:00\"}");
  if (!m.is_map()) return std::nullopt;
  std::array<std::string, 7> given_by;  // the key that gave each day
  std::vector<std::pair<double, double>> spans;
  bool ok = true;
  for (const YamlEntry* entry : m.entries()) {
    const std::optional<std::vector<int>> days = ParseDays(entry->key);
    if (!days) {
      std::string message = m.PathOf(entry->key) +
                            ": expected a day (mon, tue, wed, thu, fri, sat, sun) or a range "
                            "of days like mon-fri as the key";
      if (auto close = ClosestMatch(entry->key, kDays))
        message += "; did you mean '" + *close + "'?";
      ctx.Error(entry->key_where, std::move(message));
      ok = false;
      continue;
    }
    for (int d : *days) {
      if (given_by[d].empty()) {
        given_by[d] = entry->key;
        continue;
      }
      ctx.Error(entry->key_where, m.PathOf(entry->key) + ": '" + std::string(kDays[d]) +
                                      "' is already given by '" + given_by[d] + "'");
      ok = false;
    }
    const auto day_spans = ReadDaySpans(entry->value, m.PathOf(entry->key), ctx);
    if (!day_spans) {
      ok = false;
      continue;
    }
    for (int d : *days) {
      for (const auto& [from, to] : *day_spans) spans.emplace_back(d * kDay + from, d * kDay + to);
    }
  }
  if (!ok) return std::nullopt;
  OpenHours open;
  open.week = WeekSpans(std::move(spans));
  if (open.week.empty()) {
    ctx.Error(m.KeyWhere(), path +
                                ": open on no day of the week: the type would take no "
                                "contacts; give opening hours or remove 'open'");
    return std::nullopt;
  }
  return open;
}

}  // namespace ccsim::scenario::internal
