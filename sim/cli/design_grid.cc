#include "sim/cli/design_grid.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "sim/cli/json_writer.h"

namespace ccsim::cli {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::optional<double> Number(std::string_view s) {
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// "A:B:STEP" of plain numbers, expanded; nullopt when `s` is not of that form.
std::optional<std::vector<std::string>> ExpandRange(std::string_view s, std::string* error) {
  const size_t c1 = s.find(':');
  if (c1 == std::string_view::npos) return std::nullopt;
  const size_t c2 = s.find(':', c1 + 1);
  if (c2 == std::string_view::npos || s.find(':', c2 + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  const auto a = Number(Trim(s.substr(0, c1)));
  const auto b = Number(Trim(s.substr(c1 + 1, c2 - c1 - 1)));
  const auto step = Number(Trim(s.substr(c2 + 1)));
  if (!a || !b || !step) return std::nullopt;  // not numbers: an ordinary value
  if (!std::isfinite(*a) || !std::isfinite(*b) || !std::isfinite(*step)) {
    *error = "a range A:B:STEP needs finite numbers; got '" + std::string(s) + "'";
    return std::vector<std::string>{};
  }
  if (*step <= 0 || *b < *a) {
    *error = "a range A:B:STEP needs A <= B and STEP > 0; got '" + std::string(s) + "'";
    return std::vector<std::string>{};
  }
  std::vector<std::string> values;
  const double n = std::floor((*b - *a) / *step + 1e-9);
  if (n > 100000) {
    *error = "the range '" + std::string(s) + "' has more than 100000 values";
    return std::vector<std::string>{};
  }
  for (int i = 0; i <= static_cast<int>(n); ++i) values.push_back(FormatNumber(*a + i * *step));
  return values;
}

}  // namespace

std::optional<Vary> ParseVary(std::string_view text, std::string* error) {
  const size_t eq = text.find('=');
  if (eq == std::string_view::npos || Trim(text.substr(0, eq)).empty()) {
    *error = "expected KEY.PATH=V1,V2,... or KEY.PATH=A:B:STEP; got '" + std::string(text) + "'";
    return std::nullopt;
  }
  Vary v{.path = std::string(Trim(text.substr(0, eq)))};
  const std::string_view rest = text.substr(eq + 1);
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= rest.size(); ++i) {
    const char c = i < rest.size() ? rest[i] : ',';
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    if (c != ',' || depth > 0) continue;
    const std::string_view value = Trim(rest.substr(start, i - start));
    if (value.empty()) {
      *error = v.path + ": an empty value in '" + std::string(rest) + "'";
      return std::nullopt;
    }
    v.values.emplace_back(value);
    start = i + 1;
  }
  if (v.values.size() == 1) {
    if (auto range = ExpandRange(v.values[0], error)) {
      if (!error->empty()) return std::nullopt;
      v.values = *range;
    }
  }
  return v;
}

int64_t CountDesignPoints(const std::vector<Vary>& vary) {
  int64_t count = 1;
  for (const Vary& v : vary) {
    const auto n = static_cast<int64_t>(v.values.size());
    if (n != 0 && count > INT64_MAX / n) return INT64_MAX;
    count *= n;
  }
  return count;
}

std::vector<std::vector<std::string>> DesignPoints(const std::vector<Vary>& vary) {
  std::vector<std::vector<std::string>> points = {{}};
  for (const Vary& v : vary) {
    std::vector<std::vector<std::string>> next;
    for (const auto& p : points) {
      for (const std::string& value : v.values) {
        next.push_back(p);
        next.back().push_back(v.path + "=" + value);
      }
    }
    points = std::move(next);
  }
  return points;
}

}  // namespace ccsim::cli
