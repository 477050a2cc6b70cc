// The pending-event set: events in a total, deterministic order, a small 4-ary min-heap in
// front of a ladder of time buckets once the set is large.
//
// Order: by time, then by `key`. Keys are built by the model from the identity of what the
// event belongs to (its kind's rank and the entity's stable id), never from pointers or a
// global insertion counter, so that equal-time events always run in the same order and a run
// split into partitions that each own some entities would order them identically.
//
// Why a ladder: a single heap of ~10,000 events (a 10,000-agent centre) costs a cache miss
// and a hard-to-predict branch at each of its ~7 levels per pop. Above `calendar_above`
// pending events, only the earliest few events are kept in the heap ("near"); the later
// ones wait unsorted in buckets of equal time width, about kPerBucket to a bucket, laid out
// from the earliest time to the 7/8 quantile (rung 0), or past the last bucket in an
// unsorted list ("top"), and are moved into the heap a bucket at a time. A bucket found
// holding many more events than that (times bunched together: the front of a centre whose
// other events are hours or weeks away) is laid out in turn as a finer rung, as in Tang,
// Goh and Thng's ladder queue (ACM TOMACS 15(3), 2005). Pushing a far event is an append;
// an event is moved a few times at most, and sequentially. When the buckets run out, top_
// is laid out anew; with fewer than `calendar_above / 2` events left, the queue is a plain
// heap again (tiny sets: a heap of a few events is quickest).
//
// Invariants:
//   1. No two pending events share (time, key): the model guarantees that an entity has at
//      most one pending event of each kind.
//   2. near_[i] is not later than any of its children near_[kHeapArity*i+1 .. kHeapArity*i+kHeapArity].
//   3. With pos_r(t) = (t - start) * inv_width of rung r (monotone in t) and its bucket
//      index b_r(t) = floor(pos_r), clamped to the last bucket for r > 0 (before it is
//      compared with `next`): top_ holds the events with pos_0 >= rung 0's bucket count;
//      rung r's bucket b (b >= its `next`) the events with b_r = b whose b_q < next of
//      every coarser rung q < r; near_ those below `next` in every rung. Each rung r > 0
//      refines bucket next - 1 of rung r - 1. Hence every near event is earlier than every
//      far one, whatever the rounding.
//   4. near_ is empty only when the whole queue is.
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

// A 4-ary min-heap in a vector, by Earlier: four children per node make a shallower tree
// whose children share one or two cache lines. EventQueue keeps its nearest events in one.
inline constexpr size_t kHeapArity = 4;

inline void HeapPush(std::vector<Event>& heap, const Event& e) {
  size_t i = heap.size();
  heap.push_back(e);
  while (i > 0) {
    const size_t parent = (i - 1) / kHeapArity;
    if (!Earlier(e, heap[parent])) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = e;
}

// Removes and returns the earliest event. REQUIRES: !heap.empty().
inline Event HeapPop(std::vector<Event>& heap) {
  const Event top = heap.front();
  const Event last = heap.back();
  heap.pop_back();
  const size_t n = heap.size();
  if (n > 0) {
    size_t i = 0;
    for (;;) {
      const size_t first = kHeapArity * i + 1;
      if (first >= n) break;
      size_t best = first;
      const size_t end = first + kHeapArity < n ? first + kHeapArity : n;
      for (size_t c = first + 1; c < end; ++c) {
        if (Earlier(heap[c], heap[best])) best = c;
      }
      if (!Earlier(heap[best], last)) break;
      heap[i] = heap[best];
      i = best;
    }
    heap[i] = last;
  }
  return top;
}

class EventQueue {
 public:
  // Pending events above which the queue keeps far events in time buckets. Measured in
  // bench/event_queue_benchmark.cc: the calendar is already quicker than the heap alone at
  // 100 events (hold model 30 ns against 42 ns), and the heap's cost grows with log n.
  static constexpr size_t kCalendarAbove = 64;

  // `calendar_above` is for tests, which cross the switch-over with small sets.
  // REQUIRES: calendar_above >= 2.
  explicit EventQueue(size_t calendar_above = kCalendarAbove)
      : calendar_above_(calendar_above), split_at_(calendar_above) {}

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  void reserve(size_t n) { near_.reserve(n < calendar_above_ ? n : calendar_above_ + 1); }
  void clear();

  // REQUIRES: !empty().
  const Event& Top() const { return near_.front(); }

  // REQUIRES: e.time is not NaN.
  void Push(const Event& e) {
    ++size_;
    if (rung_count_ == 0) {
      PushNear(e);
      if (near_.size() > split_at_) [[unlikely]] StartCalendar();
      return;
    }
    for (size_t r = 0; r < rung_count_; ++r) {
      Rung& rung = rungs_[r];
      double pos = (e.time - rung.start) * rung.inv_width;
      // A finer rung covers its coarser rung's bucket to its end: past its own buckets
      // is its last bucket.
      if (r > 0 && pos > rung.count - 1) pos = rung.count - 1;
      if (pos < rung.next) continue;  // before this rung's buckets: a finer rung, or near
      if (pos < rung.count) {
        rung.buckets[static_cast<size_t>(pos)].push_back(e);
      } else {
        top_.push_back(e);  // (rung 0 only)
      }
      return;
    }
    PushNear(e);
  }

  // Removes and returns the earliest event. REQUIRES: !empty().
  Event Pop() {
    const Event top = PopNear();
    --size_;
    if (near_.empty()) [[unlikely]] Refill();
    return top;
  }

 private:
  // Events per bucket aimed at when the buckets are laid out, so the heap's usual size.
  // Measured (hold model, 10k / 100k events): 1: 25 / 69 ns, 4: 28 / 41 ns, 16: 38 /
  // 45 ns, 48: 47 / 52 ns; fewer per bucket means more, smaller vectors to walk.
  static constexpr size_t kPerBucket = 4;
  // A bucket holding more than this is laid out as a finer rung (at most kMaxRungs).
  static constexpr size_t kSplitBucket = 32;
  static constexpr size_t kMaxRungs = 8;
  // Storage (in events) an emptied bucket may keep for reuse.
  static constexpr size_t kKeepCapacity = 64;

  struct Rung {
    double start = 0;      // time at pos 0
    double inv_width = 0;  // buckets per unit of time
    double next = 0;       // first bucket not yet moved into near_ (or a finer rung)
    double count = 0;      // buckets.size()
    std::vector<std::vector<Event>> buckets;
  };

  void PushNear(const Event& e) { HeapPush(near_, e); }
  Event PopNear() { return HeapPop(near_); }

  // The heap has grown past split_at_: lay its events out in buckets.
  void StartCalendar();
  // near_ ran empty with events left: bring in the next bucket (refining it into a new
  // rung when it holds too many), or lay out top_ anew.
  void Refill();
  // Lays out `events` (all of the queue; near_ is empty) as rung 0 and top_, or in the
  // heap alone when they are few or cannot be spread over time.
  void LayOutTop(std::vector<Event>& events);
  // Lays out `events`, whose times run from lo to hi, as rung rung_count_ with `count`
  // buckets; events past the last bucket go to top_ (rung 0) or to the last bucket.
  void AddRung(const std::vector<Event>& events, double lo, double hi, size_t count);
  void PlainHeap(std::vector<Event>& events);
  // Empties a bucket taken into near_ or a finer rung, freeing its storage if large.
  static void Release(std::vector<Event>& bucket);

  const size_t calendar_above_;
  size_t split_at_;  // grows when the events could not be spread (all at one time)
  size_t size_ = 0;
  std::vector<Event> near_;  // the heap

  size_t rung_count_ = 0;   // rungs in use: rungs_[0, rung_count_); 0 while a plain heap
  std::vector<Rung> rungs_;  // kept with their buckets' storage; Refill keeps one spare
  std::vector<Event> top_;
  std::vector<Event> scratch_;
  std::vector<double> times_;
};

}  // namespace ccsim::engine

#endif  // CCSIM_ENGINE_EVENT_QUEUE_H_
