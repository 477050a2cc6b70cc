#include "sim/engine/event_queue.h"

#include <algorithm>
#include <cmath>

namespace ccsim::engine {

void EventQueue::clear() {
  size_ = 0;
  near_.clear();
  for (std::vector<Event>& bucket : buckets_) bucket.clear();
  top_.clear();
  calendar_ = false;
  split_at_ = calendar_above_;
}

void EventQueue::StartCalendar() {
  scratch_.swap(near_);
  LayOut(scratch_);
  scratch_.clear();
}

void EventQueue::Refill() {
  if (size_ == 0) {  // every bucket is empty too: start again as a plain heap
    calendar_ = false;
    split_at_ = calendar_above_;
    return;
  }
  // Invariant 4 and size_ > 0: calendar mode, the events are in the buckets or top_.
  size_t b = static_cast<size_t>(next_bucket_);
  while (b < buckets_.size() && buckets_[b].empty()) ++b;
  if (b < buckets_.size()) {
    next_bucket_ = static_cast<double>(b + 1);
    for (const Event& e : buckets_[b]) PushNear(e);
    buckets_[b].clear();
    return;
  }
  scratch_.swap(top_);
  LayOut(scratch_);
  scratch_.clear();
}

void EventQueue::PlainHeap(std::vector<Event>& events) {
  calendar_ = false;
  for (const Event& e : events) PushNear(e);
}

void EventQueue::LayOut(std::vector<Event>& events) {
  const size_t n = events.size();
  split_at_ = calendar_above_;
  if (n <= calendar_above_ / 2) {
    PlainHeap(events);
    return;
  }
  // Buckets from the earliest time to the 7/8 quantile, so that a few late outliers do
  // not stretch the buckets; the later 1/8 waits in top_ for the next lay-out.
  double lo = events[0].time;
  times_.clear();
  for (const Event& e : events) {
    lo = std::min(lo, e.time);
    times_.push_back(e.time);
  }
  const size_t k = n - n / 8;
  std::nth_element(times_.begin(), times_.begin() + static_cast<std::ptrdiff_t>(k - 1),
                   times_.end());
  const double hi = times_[k - 1];
  const size_t count = std::max<size_t>(1, k / kPerBucket);
  const double inv_width = static_cast<double>(count) / (hi - lo);
  if (!(hi > lo) || !std::isfinite(inv_width) || !(inv_width > 0)) {
    // All at one time (or not finite): no time order to spread them by. Try again when
    // the heap has doubled.
    split_at_ = std::max(calendar_above_, 2 * n);
    PlainHeap(events);
    return;
  }
  calendar_ = true;
  start_ = lo;
  inv_width_ = inv_width;
  bucket_count_ = static_cast<double>(count);
  buckets_.resize(count);
  for (const Event& e : events) {
    const double pos = (e.time - start_) * inv_width_;
    if (pos < bucket_count_) {
      buckets_[static_cast<size_t>(pos)].push_back(e);
    } else {
      top_.push_back(e);
    }
  }
  // Bucket 0 holds the earliest event.
  next_bucket_ = 1;
  for (const Event& e : buckets_[0]) PushNear(e);
  buckets_[0].clear();
}

}  // namespace ccsim::engine
