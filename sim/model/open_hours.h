// A contact type's open hours (SPEC §6 `open`) in simulated time: whether it takes contacts
// at t, and when it next opens or closes. The week's spans repeat every 7 days.
//
// Example:
//   OpenHoursModel open(*type.open, Calendar(*s.start).SecondsIntoWeek(0));
//   if (!open.IsOpen(t)) t = open.NextOpen(t);
//   double close = open.NextClose(t);   // +infinity when it never closes
#ifndef CCSIM_MODEL_OPEN_HOURS_H_
#define CCSIM_MODEL_OPEN_HOURS_H_

#include <utility>
#include <vector>

#include "sim/scenario/scenario.h"

namespace ccsim::model {

class OpenHoursModel {
 public:
  OpenHoursModel() = default;  // always open
  // `week_offset`: seconds from Monday 00:00 to simulated time 0.
  OpenHoursModel(const scenario::OpenHours& open, double week_offset);

  bool always_open() const { return always_open_; }
  bool IsOpen(double t) const;
  // The first time >= t at which it is open (t itself when open); +infinity when never.
  double NextOpen(double t) const;
  // The first time > t at which it closes (a span ending where the next begins, as Sunday
  // 24:00 and Monday 00:00, is no close); +infinity when it never closes.
  double NextClose(double t) const;

 private:
  bool always_open_ = true;
  double offset_ = 0;
  std::vector<std::pair<double, double>> spans_;  // merged, in week seconds
};

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_OPEN_HOURS_H_
