// The pending-event set: a flat d-ary min-heap of small events in a total, deterministic order.
//
// Order: by time, then by `key`. Keys are built by the model from the identity of what the
// event belongs to (its kind's rank and the entity's stable id), never from pointers or a
// global insertion counter, so that equal-time events always run in the same order and a run
// split into partitions that each own some entities would order them identically.
//
// Invariants:
//   1. No two pending events share (time, key): the model guarantees that an entity has at
//      most one pending event of each kind.
//   2. heap_[i] is not later than any of its children heap_[kArity*i+1 .. kArity*i+kArity].
//
// Example:
//   EventQueue q;
//   q.Push({.time = 5.0, .key = MakeKey(kDeparture, agent), .payload = agent});
//   while (!q.empty()) { Event e = q.Pop(); ... }
//
// Thread safety: none; one queue per replication.
#ifndef CCSIM_ENGINE_EVENT_QUEUE_H_
#define CCSIM_ENGINE_EVENT_QUEUE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ccsim::engine {

struct Event {
  double time = 0;
  uint64_t key = 0;      // tie-break among equal times: lower runs first
  uint32_t kind = 0;     // the model's event kind
  uint32_t payload = 0;  // the model's index (an agent, a contact slot, a contact type, ...)
};

// Builds a key: the kind's rank (which of two equal-time events of different kinds runs
// first) in the top 8 bits and a stable entity id (< 2^56) in the rest.
constexpr uint64_t MakeKey(uint32_t rank, uint64_t entity) {
  return (static_cast<uint64_t>(rank) << 56) | (entity & ((uint64_t{1} << 56) - 1));
}

inline bool Earlier(const Event& a, const Event& b) {
  return a.time < b.time || (a.time == b.time && a.key < b.key);
}

class EventQueue {
 public:
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  void reserve(size_t n) { heap_.reserve(n); }
  void clear() { heap_.clear(); }

  // REQUIRES: !empty().
  const Event& Top() const { return heap_.front(); }

  void Push(const Event& e) {
    size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      const size_t parent = (i - 1) / kArity;
      if (!Earlier(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  // Removes and returns the earliest event. REQUIRES: !empty().
  Event Pop() {
    const Event top = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    const size_t n = heap_.size();
    if (n > 0) {
      size_t i = 0;
      for (;;) {
        const size_t first = kArity * i + 1;
        if (first >= n) break;
        size_t best = first;
        const size_t end = first + kArity < n ? first + kArity : n;
        for (size_t c = first + 1; c < end; ++c) {
          if (Earlier(heap_[c], heap_[best])) best = c;
        }
        if (!Earlier(heap_[best], last)) break;
        heap_[i] = heap_[best];
        i = best;
      }
      heap_[i] = last;
    }
    return top;
  }

 private:
  // Four children per node: a shallower tree and children on one or two cache lines.
  static constexpr size_t kArity = 4;
  std::vector<Event> heap_;
};

}  // namespace ccsim::engine

#endif  // CCSIM_ENGINE_EVENT_QUEUE_H_
