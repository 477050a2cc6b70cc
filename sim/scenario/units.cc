#include "sim/scenario/units.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace ccsim::scenario {
namespace {

struct Unit {
  std::string_view suffix;
  double seconds;
};

constexpr Unit kDurationUnits[] = {
    {"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}, {"w", 604800},
};

constexpr std::string_view kSpaces = " \t";

std::string_view Trim(std::string_view s) {
  const size_t first = s.find_first_not_of(kSpaces);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpaces) - first + 1);
}

// Splits "2.5m" into 2.5 and "m" (the unit with surrounding blanks removed). Fails when the
// text does not start with a finite decimal number.
bool SplitNumberAndUnit(std::string_view text, double* number, std::string_view* unit) {
  text = Trim(text);
  if (text.empty()) return false;
  const char* begin = text.data();
  const char* end = begin + text.size();
  const auto [rest, ec] = std::from_chars(begin, end, *number, std::chars_format::general);
  if (ec != std::errc() || !std::isfinite(*number)) return false;
  *unit = Trim(std::string_view(rest, end - rest));
  return true;
}

// `value` unless it overflowed to infinity.
std::optional<double> Finite(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<double> SecondsPerUnit(std::string_view unit) {
  for (const Unit& u : kDurationUnits) {
    if (u.suffix == unit) return u.seconds;
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> ParseDuration(std::string_view text) {
  double number = 0;
  std::string_view unit;
  if (!SplitNumberAndUnit(text, &number, &unit)) return std::nullopt;
  if (unit.empty()) return number;  // a bare number is seconds
  const std::optional<double> seconds = SecondsPerUnit(unit);
  if (!seconds) return std::nullopt;
  return Finite(number * *seconds);
}

std::optional<double> ParseRate(std::string_view text) {
  double number = 0;
  std::string_view unit;
  if (!SplitNumberAndUnit(text, &number, &unit)) return std::nullopt;
  if (unit.empty()) return number / 3600;  // a bare number is per hour
  if (unit.front() != '/') return std::nullopt;
  unit = Trim(unit.substr(1));
  const std::optional<double> seconds = SecondsPerUnit(unit);
  if (!seconds) return std::nullopt;
  return Finite(number / *seconds);
}

}  // namespace ccsim::scenario
