#include "sim/model/open_hours.h"

#include <cmath>
#include <limits>

#include "sim/scenario/calendar.h"

namespace ccsim::model {
namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();
constexpr auto kWeek = static_cast<double>(scenario::kSecondsPerWeek);
}  // namespace

OpenHoursModel::OpenHoursModel(const scenario::OpenHours& open, double week_offset)
    : always_open_(false), offset_(week_offset) {
  for (const auto& [from, to] : open.week) {
    if (!(to > from)) continue;
    if (!spans_.empty() && spans_.back().second >= from) {
      spans_.back().second = std::max(spans_.back().second, to);
    } else {
      spans_.emplace_back(from, to);
    }
  }
  if (spans_.size() == 1 && spans_[0].first <= 0 && spans_[0].second >= kWeek) {
    always_open_ = true;
  }
}

bool OpenHoursModel::IsOpen(double t) const {
  if (always_open_) return true;
  const double w = t + offset_;
  const double into = w - std::floor(w / kWeek) * kWeek;
  for (const auto& [from, to] : spans_) {
    if (into >= from && into < to) return true;
  }
  return false;
}

double OpenHoursModel::NextOpen(double t) const {
  if (always_open_ || IsOpen(t)) return t;
  if (spans_.empty()) return kNever;
  const double w = t + offset_;
  const double week_start = std::floor(w / kWeek) * kWeek;
  const double into = w - week_start;
  // (Times are computed from the week's start, not as t plus a difference: for whole-second
  // spans and offsets they are then exact, so that IsOpen agrees with them.)
  for (const auto& [from, to] : spans_) {
    if (from > into) return week_start - offset_ + from;
  }
  return week_start - offset_ + kWeek + spans_.front().first;
}

double OpenHoursModel::NextClose(double t) const {
  if (always_open_ || spans_.empty()) return kNever;
  const double w = t + offset_;
  const double week_start = std::floor(w / kWeek) * kWeek;
  const double into = w - week_start;
  // Search this week and the next; a span ending at the week's end is continued by a span
  // starting at 0 (no close there).
  const bool wraps = spans_.front().first <= 0 && spans_.back().second >= kWeek;
  for (int week = 0; week < 2; ++week) {
    for (size_t i = 0; i < spans_.size(); ++i) {
      const double end = spans_[i].second + week * kWeek;
      if (end <= into) continue;
      if (wraps && i + 1 == spans_.size()) continue;
      return week_start - offset_ + end;
    }
  }
  return kNever;
}

}  // namespace ccsim::model
