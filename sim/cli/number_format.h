// The one number format of ccsim's tables: a KPI's estimate, value or difference as text
// (percentages, seconds, counts, money in the scenario's currency), and the tables' layout.
#ifndef CCSIM_CLI_NUMBER_FORMAT_H_
#define CCSIM_CLI_NUMBER_FORMAT_H_

#include <string>
#include <string_view>
#include <vector>

#include "sim/model/kpi.h"
#include "sim/model/summary.h"  // engine::Estimate

namespace ccsim::cli {

// "83.2% ± 1.1", "12.4s ± 0.9", "1,234.50 EUR ± 12.30": a KPI estimate as the tables
// show it, with at least one significant digit of the half-width ("1.069 ± 0.008",
// "0.53 ± 0.04"); `currency` follows a money KPI's mean (nothing when empty).
std::string KpiCell(model::Kpi k, const engine::Estimate& e, std::string_view currency = {});
// "83.2%", "12.4s", "317.8", "1,234.50 EUR": a KPI's value alone, as the tables show it.
std::string KpiValue(model::Kpi k, double value, std::string_view currency = {});
// "+18.5 pp ± 1.6", "-19.9s ± 3.7", "-0.031 ± 0.008": a difference of KPI values with
// its half-width to two significant digits (so that whether it covers 0 shows);
// differences of percentages in percentage points, of money with the currency.
std::string KpiDifferenceCell(model::Kpi k, double mean, double ci95,
                              std::string_view currency = {});
// An amount as the tables show money: two decimals, thousands separated by commas, never
// an exponent ("1,234.50", "-12.00"); "-" when not finite.
std::string FormatMoney(double amount);
// Left-aligned columns, three spaces apart; the first row is the header.
std::string Table(const std::vector<std::vector<std::string>>& rows);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_NUMBER_FORMAT_H_
