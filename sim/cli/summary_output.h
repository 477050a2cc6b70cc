// Prints a Summary: a human table (mean ± 95% half-width per KPI, overall and per contact
// type) or the JSON document of SPEC §4.
#ifndef CCSIM_CLI_SUMMARY_OUTPUT_H_
#define CCSIM_CLI_SUMMARY_OUTPUT_H_

#include <string>

#include "sim/model/summary.h"

namespace ccsim::cli {

std::string SummaryTable(const model::Summary& s);
std::string SummaryJson(const model::Summary& s);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_SUMMARY_OUTPUT_H_
