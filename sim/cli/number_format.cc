#include "sim/cli/number_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ccsim::cli {

using model::Kpi;

std::string FormatMoney(double amount) {
  if (!std::isfinite(amount)) return "-";
  char buf[400];  // %.2f of the largest double is 309 digits and the decimals
  std::snprintf(buf, sizeof buf, "%.2f", std::fabs(amount));
  const std::string digits = buf;
  const size_t point = digits.find('.');
  std::string out;
  for (size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out += digits.substr(point);
  // No "-0.00": the sign only when the amount shows as other than zero.
  const bool zero = digits.find_first_not_of("0.") == std::string::npos;
  return (amount < 0 && !zero ? "-" : "") + out;
}

namespace {

// The decimals that show `ci95` to `digits` significant digits, at least `least`.
int DecimalsFor(double ci95, int least, int digits) {
  if (!(ci95 > 0) || !std::isfinite(ci95)) return least;
  const int shown = digits - 1 - static_cast<int>(std::floor(std::log10(ci95)));
  return std::clamp(shown, least, 6);
}

// How a KPI's numbers look: the factor applied, the decimals by default and the suffix
// after the mean ("%" or "s"; a difference of percentages is in percentage points).
struct Look {
  double scale = 1;
  int decimals = 1;
  const char* unit = "";
};
Look LookOf(Kpi k, bool difference) {
  switch (model::Info(k).format) {
    case model::KpiFormat::kPercent:
      return {100, 1, difference ? " pp" : "%"};
    case model::KpiFormat::kSeconds:
      return {1, 1, "s"};
    case model::KpiFormat::kRatio:
      return {1, 3, ""};
    case model::KpiFormat::kCount:
      return {1, 1, ""};
    case model::KpiFormat::kMoney:
      return {1, 2, ""};
  }
  return {};
}

std::string Fixed(double v, int decimals, const char* unit) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f%s", decimals, v, unit);
  return buf;
}

}  // namespace

std::string KpiCell(Kpi k, const engine::Estimate& e, std::string_view currency) {
  if (std::isnan(e.mean)) return "-";
  if (model::IsMoney(k)) {
    return FormatMoney(e.mean) + (currency.empty() ? "" : " ") + std::string(currency) + " ± " +
           FormatMoney(e.ci95);
  }
  const Look look = LookOf(k, false);
  // At least one significant digit of the half-width: 0.04 shows as 0.04, not 0.0.
  const int decimals = DecimalsFor(look.scale * e.ci95, look.decimals, 1);
  return Fixed(look.scale * e.mean, decimals, look.unit) + " ± " +
         Fixed(look.scale * e.ci95, decimals, "");
}

std::string KpiValue(Kpi k, double value, std::string_view currency) {
  if (std::isnan(value)) return "-";
  if (model::IsMoney(k)) {
    return FormatMoney(value) + (currency.empty() ? "" : " ") + std::string(currency);
  }
  const Look look = LookOf(k, false);
  return Fixed(look.scale * value, look.decimals, look.unit);
}

std::string KpiDifferenceCell(Kpi k, double mean, double ci95, std::string_view currency) {
  if (std::isnan(mean)) return "-";
  if (model::IsMoney(k)) {
    std::string cell = (mean > 0 ? "+" : "") + FormatMoney(mean) +
                       (currency.empty() ? "" : " ") + std::string(currency);
    if (!std::isnan(ci95)) cell += " ± " + FormatMoney(ci95);
    return cell;
  }
  const Look look = LookOf(k, true);
  // Two significant digits of the half-width, so that whether it covers 0 shows.
  const int decimals = DecimalsFor(look.scale * ci95, look.decimals, 2);
  std::string cell = (mean > 0 ? "+" : "") + Fixed(look.scale * mean, decimals, look.unit);
  if (!std::isnan(ci95)) cell += " ± " + Fixed(look.scale * ci95, decimals, "");
  return cell;
}

namespace {

// Display width of UTF-8 text (the ± sign is two bytes, one column).
size_t Width(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

void Pad(std::string& out, const std::string& text, size_t width) {
  out += text;
  for (size_t w = Width(text); w < width; ++w) out += ' ';
}

// Left-aligned columns, three spaces apart; the first row is the header.
}  // namespace

std::string Table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(rows.front().size());
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], Width(r[c]));
  }
  std::string out;
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size(); ++c) Pad(out, r[c], width[c] + 3);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  }
  return out;
}

}  // namespace ccsim::cli
