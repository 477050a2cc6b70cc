// Prints a Summary: a human table (mean ± 95% half-width per KPI, overall and per contact
// type) or the JSON document of SPEC §4.
#ifndef CCSIM_CLI_SUMMARY_OUTPUT_H_
#define CCSIM_CLI_SUMMARY_OUTPUT_H_

#include <string>
#include <vector>

#include "sim/model/summary.h"

namespace ccsim::cli {

std::string SummaryTable(const model::Summary& s);
// With `intervals` non-empty, the document gains an "intervals" array (ccsim's addition
// to SPEC §4): one {"start", "end", "kpis"} object per reporting interval.
std::string SummaryJson(const model::Summary& s,
                        const std::vector<model::IntervalSummary>& intervals = {});
// One line per reporting interval: offered, service level, ASA, abandon rate, occupancy.
std::string IntervalTable(const std::vector<model::IntervalSummary>& intervals);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_SUMMARY_OUTPUT_H_
