// Forecast files (`arrivals: {forecast: FILE}`): a CSV export of a WFM forecast or an
// ACD's history, one row per interval and contact type, read into each naming type's
// pattern (slot, rates, offset, handle-time factors).
//
// The file's first line is the header `interval_start,contact_type,volume` or
// `interval_start,contact_type,volume,aht`. `interval_start` is a date-time (which needs
// the scenario's `start`) or seconds from the start; the rows of one type are consecutive
// intervals of one length, the rate in each being volume / length; `aht` (a duration; blank
// for none) scales the type's handle time in that interval to that mean. Rows of types
// that do not name the file are ignored. Cells may be quoted ("billing"); blank lines and
// lines starting with '#' are skipped.
//
// Example:
//   interval_start,contact_type,volume,aht
//   2026-03-02 08:00,billing,42,250
//   2026-03-02 08:30,billing,57,245
#ifndef CCSIM_SCENARIO_FORECAST_READER_H_
#define CCSIM_SCENARIO_FORECAST_READER_H_

#include "sim/scenario/scenario.h"
#include "sim/scenario/value_reader.h"

namespace ccsim::scenario::internal {

// Reads every forecast file named by a contact type of `s` (each file once), filling the
// types' arrivals. A bad cell is reported at its FILE:LINE:COL (the first ten of a file,
// then how many more), a type without a row at its `forecast` key.
// REQUIRES: every contact type's handle time is read (aht becomes a factor of its mean).
void ReadForecasts(Scenario& s, ReadContext& ctx);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_FORECAST_READER_H_
