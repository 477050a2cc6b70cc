#include "sim/engine/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <queue>
#include <random>
#include <vector>

namespace ccsim::engine {
namespace {

// The full order the queue must follow: (time, key). The other fields ride along.
bool SameEvent(const Event& a, const Event& b) {
  return a.time == b.time && a.key == b.key && a.kind == b.kind && a.payload == b.payload;
}

struct Later {
  bool operator()(const Event& a, const Event& b) const { return Earlier(b, a); }
};

// Events with many equal times (times on a coarse grid) and unique keys, so that the key
// tie-break is exercised often. std::mt19937_64's output is fixed by the standard, and only
// its raw output is used, so the events are the same on every platform.
std::vector<Event> MakeEvents(int count, uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::vector<Event> events;
  events.reserve(count);
  for (int i = 0; i < count; ++i) {
    const uint32_t rank = static_cast<uint32_t>(gen() % 4);
    events.push_back({.time = static_cast<double>(gen() % 64) * 0.25,
                      .key = MakeKey(rank, static_cast<uint64_t>(i)),
                      .kind = rank,
                      .payload = static_cast<uint32_t>(i)});
  }
  return events;
}

TEST(EventQueueTest, PopsInTimeThenKeyOrder) {
  // Several sizes so that every shape of the last level of the 4-ary heap is met.
  for (int count : {1, 2, 3, 4, 5, 6, 17, 64, 65, 1000, 5000}) {
    SCOPED_TRACE(count);
    std::vector<Event> events = MakeEvents(count, /*seed=*/12345 + count);
    EventQueue queue;
    for (const Event& e : events) queue.Push(e);

    std::vector<Event> expected = events;
    std::sort(expected.begin(), expected.end(), Earlier);
    for (const Event& want : expected) {
      ASSERT_FALSE(queue.empty());
      ASSERT_TRUE(SameEvent(queue.Top(), want));
      const Event got = queue.Pop();
      ASSERT_TRUE(SameEvent(got, want)) << "got (" << got.time << ", " << got.key << ") want ("
                                        << want.time << ", " << want.key << ")";
    }
    EXPECT_TRUE(queue.empty());
  }
}

TEST(EventQueueTest, EqualTimesRunInKeyOrder) {
  std::vector<uint64_t> keys;
  for (uint64_t k = 0; k < 200; ++k) keys.push_back(k * 7919 + 3);
  std::mt19937_64 gen(7);
  std::shuffle(keys.begin(), keys.end(), gen);

  EventQueue queue;
  for (uint64_t k : keys) queue.Push({.time = 1.5, .key = k});
  std::sort(keys.begin(), keys.end());
  for (uint64_t k : keys) EXPECT_EQ(queue.Pop().key, k);
}

TEST(EventQueueTest, EarlierTimeBeatsLowerKey) {
  EventQueue queue;
  queue.Push({.time = 2.0, .key = 0});
  queue.Push({.time = 1.0, .key = ~uint64_t{0}});
  EXPECT_EQ(queue.Pop().time, 1.0);
  EXPECT_EQ(queue.Pop().time, 2.0);
}

TEST(EventQueueTest, InterleavedPushPopMatchesPriorityQueue) {
  std::mt19937_64 gen(2024);
  EventQueue queue;
  std::priority_queue<Event, std::vector<Event>, Later> reference;
  uint32_t next_id = 0;
  for (int step = 0; step < 200000; ++step) {
    // Pushes slightly outnumber pops, so the queue grows then drains through many sizes.
    const bool push = reference.empty() || gen() % 100 < (step < 100000 ? 55 : 40);
    if (push) {
      const Event e{.time = static_cast<double>(gen() % 1000) * 0.125,
                    .key = MakeKey(static_cast<uint32_t>(gen() % 3), next_id),
                    .payload = next_id};
      ++next_id;
      queue.Push(e);
      reference.push(e);
    } else {
      const Event want = reference.top();
      reference.pop();
      ASSERT_TRUE(SameEvent(queue.Pop(), want)) << "step " << step;
    }
    ASSERT_EQ(queue.size(), reference.size());
  }
  while (!reference.empty()) {
    ASSERT_TRUE(SameEvent(queue.Pop(), reference.top()));
    reference.pop();
  }
  EXPECT_TRUE(queue.empty());
}

// Runs `steps` random pushes and pops on `queue` and on a std::priority_queue with the
// same order, checking every popped event and the sizes; then drains both. `push_percent`
// gives the chance of a push in the first and second half, so that the size grows through
// the switch-over to buckets and falls back under it. `time_of(now, gen)` draws a pushed
// event's time from the current earliest time (0 when empty).
template <class TimeOf>
void CheckAgainstPriorityQueue(EventQueue& queue, int steps, int grow_percent,
                               int shrink_percent, uint64_t seed, TimeOf time_of) {
  std::mt19937_64 gen(seed);
  std::priority_queue<Event, std::vector<Event>, Later> reference;
  uint32_t next_id = 0;
  for (int step = 0; step < steps; ++step) {
    const int percent = step < steps / 2 ? grow_percent : shrink_percent;
    const bool push = reference.empty() || static_cast<int>(gen() % 100) < percent;
    if (push) {
      const double now = reference.empty() ? 0.0 : reference.top().time;
      const Event e{.time = time_of(now, gen),
                    .key = MakeKey(static_cast<uint32_t>(gen() % 3), next_id),
                    .kind = static_cast<uint32_t>(gen() % 16),
                    .payload = next_id};
      ++next_id;
      queue.Push(e);
      reference.push(e);
    } else {
      ASSERT_TRUE(SameEvent(queue.Top(), reference.top())) << "step " << step;
      const Event got = queue.Pop();
      ASSERT_TRUE(SameEvent(got, reference.top()))
          << "step " << step << ": got (" << got.time << ", " << got.key << ") want ("
          << reference.top().time << ", " << reference.top().key << ")";
      reference.pop();
    }
    ASSERT_EQ(queue.size(), reference.size()) << "step " << step;
    ASSERT_EQ(queue.empty(), reference.empty());
  }
  while (!reference.empty()) {
    ASSERT_TRUE(SameEvent(queue.Pop(), reference.top()));
    reference.pop();
  }
  EXPECT_TRUE(queue.empty());
}

// Times as the model makes them: the current time plus an exponential delay (a handle
// time, a patience), with some events at the current time itself.
double ModelLikeTime(double now, std::mt19937_64& gen) {
  const uint64_t r = gen();
  if (r % 8 == 0) return now;
  const double u = static_cast<double>((r >> 11) + 1) * 0x1.0p-53;  // (0, 1]
  return now - 600.0 * std::log(u);
}

// Times on a coarse grid after the current time: many ties.
double GridTime(double now, std::mt19937_64& gen) {
  return std::floor(now) + static_cast<double>(gen() % 64) * 0.25;
}

TEST(EventQueueTest, CalendarMatchesPriorityQueueAcrossTheSwitchOver) {
  // Small thresholds make the buckets come and go many times; the default one is met
  // with sizes of a few thousand.
  for (size_t calendar_above : {size_t{2}, size_t{8}, size_t{64}, size_t{1000},
                                EventQueue::kCalendarAbove}) {
    SCOPED_TRACE(calendar_above);
    {
      EventQueue queue(calendar_above);
      CheckAgainstPriorityQueue(queue, 60000, 60, 40, 11 + calendar_above, ModelLikeTime);
    }
    {
      EventQueue queue(calendar_above);
      CheckAgainstPriorityQueue(queue, 60000, 60, 40, 23 + calendar_above, GridTime);
    }
  }
}

TEST(EventQueueTest, BunchedTimesAmongFarOnes) {
  // A centre's front (agents free within minutes) among shift ends hours away and
  // coaching sessions a week away; and bursts of nearly equal times. Buckets that hold
  // too many events are laid out again as finer rungs, down to the limit.
  auto time_of = [](double now, std::mt19937_64& gen) {
    const uint64_t r = gen();
    const double u = static_cast<double>((r >> 11) + 1) * 0x1.0p-53;  // (0, 1]
    switch (r % 10) {
      case 0:
        return now + 604800.0 * u;
      case 1:
      case 2:
        return now - 3600.0 * std::log(u);
      case 3:
        return now + 1e-9 * static_cast<double>(r % 1000);  // a burst
      default:
        return now - 60.0 * std::log(u);
    }
  };
  for (size_t calendar_above : {size_t{2}, size_t{64}, EventQueue::kCalendarAbove}) {
    SCOPED_TRACE(calendar_above);
    EventQueue queue(calendar_above);
    CheckAgainstPriorityQueue(queue, 100000, 60, 40, 77 + calendar_above, time_of);
  }
}

TEST(EventQueueTest, CalendarAcceptsEventsBeforeTheEarliest) {
  // A general queue: an event may be pushed earlier than the current earliest one (and
  // than the start of the buckets).
  EventQueue queue(16);
  CheckAgainstPriorityQueue(queue, 40000, 55, 45, 99, [](double now, std::mt19937_64& gen) {
    return now + static_cast<double>(gen() % 2000) - 1000.0;
  });
}

TEST(EventQueueTest, HoldModelAtEverySize) {
  // The benchmark's hold model: pop the earliest, push it back a little later.
  for (int n : {1, 7, 31, 32, 33, 63, 64, 65, 100, 1000, 20000}) {
    SCOPED_TRACE(n);
    std::mt19937_64 gen(n);
    EventQueue queue;
    std::priority_queue<Event, std::vector<Event>, Later> reference;
    for (int i = 0; i < n; ++i) {
      const Event e{.time = ModelLikeTime(0, gen), .key = MakeKey(0, i)};
      queue.Push(e);
      reference.push(e);
    }
    for (int step = 0; step < 50000; ++step) {
      Event e = queue.Pop();
      ASSERT_TRUE(SameEvent(e, reference.top())) << "step " << step;
      reference.pop();
      e.time = ModelLikeTime(e.time, gen);
      queue.Push(e);
      reference.push(e);
    }
    ASSERT_EQ(queue.size(), static_cast<size_t>(n));
  }
}

TEST(EventQueueTest, EqualTimesInBulk) {
  // Thousands of events at one time cannot be spread over buckets; they are still
  // ordered by key, among earlier and later ones.
  EventQueue queue(64);
  std::vector<Event> events;
  for (uint64_t k = 0; k < 5000; ++k) events.push_back({.time = 7.0, .key = k * 31 + 5});
  for (uint64_t k = 0; k < 500; ++k) events.push_back({.time = 3.0 + k * 1e-3, .key = k});
  for (uint64_t k = 0; k < 500; ++k) events.push_back({.time = 9.0 + k, .key = k});
  std::mt19937_64 gen(5);
  std::shuffle(events.begin(), events.end(), gen);
  for (const Event& e : events) queue.Push(e);
  std::sort(events.begin(), events.end(), Earlier);
  for (const Event& want : events) {
    const Event got = queue.Pop();
    ASSERT_TRUE(SameEvent(got, want))
        << "got (" << got.time << ", " << got.key << ") want (" << want.time << ", "
        << want.key << ")";
  }
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueueTest, InfiniteAndHugeTimes) {
  EventQueue queue(16);
  std::vector<Event> events;
  const double inf = std::numeric_limits<double>::infinity();
  for (uint64_t k = 0; k < 300; ++k) {
    events.push_back({.time = static_cast<double>(k % 50), .key = k});
    if (k % 10 == 0) events.push_back({.time = inf, .key = k});
    if (k % 25 == 0) events.push_back({.time = 1e300, .key = k});
  }
  std::mt19937_64 gen(6);
  std::shuffle(events.begin(), events.end(), gen);
  for (const Event& e : events) queue.Push(e);
  std::sort(events.begin(), events.end(), Earlier);
  for (const Event& want : events) ASSERT_TRUE(SameEvent(queue.Pop(), want));
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueueTest, EmptiedAndClearedCalendarStartsAgain) {
  EventQueue queue(8);
  for (int round = 0; round < 3; ++round) {
    for (uint64_t k = 0; k < 100; ++k) queue.Push({.time = 100.0 - k, .key = k});
    if (round == 1) {
      queue.clear();
      EXPECT_TRUE(queue.empty());
      EXPECT_EQ(queue.size(), 0u);
    } else {
      for (uint64_t k = 0; k < 100; ++k) EXPECT_EQ(queue.Pop().key, 99 - k);
    }
    // Later than the buckets the queue had, then earlier ones.
    queue.Push({.time = 500.0, .key = 3});
    EXPECT_EQ(queue.Top().key, 3u);
    queue.Push({.time = 0.5, .key = 1});
    queue.Push({.time = 0.25, .key = 2});
    EXPECT_EQ(queue.Top().key, 2u);
    EXPECT_EQ(queue.Pop().key, 2u);
    EXPECT_EQ(queue.Pop().key, 1u);
    EXPECT_EQ(queue.Pop().key, 3u);
    EXPECT_TRUE(queue.empty());
  }
}

TEST(EventQueueTest, MakeKeyPutsRankAboveEntity) {
  constexpr uint64_t kMaxEntity = (uint64_t{1} << 56) - 1;
  static_assert(MakeKey(0, kMaxEntity) < MakeKey(1, 0));
  EXPECT_LT(MakeKey(0, kMaxEntity), MakeKey(1, 0));
  EXPECT_LT(MakeKey(3, kMaxEntity), MakeKey(4, 0));
  EXPECT_LT(MakeKey(2, 5), MakeKey(2, 6));
  EXPECT_LT(MakeKey(254, kMaxEntity), MakeKey(255, 0));
  EXPECT_EQ(MakeKey(7, 12345) >> 56, 7u);
  EXPECT_EQ(MakeKey(7, 12345) & kMaxEntity, 12345u);
  EXPECT_EQ(MakeKey(255, kMaxEntity), ~uint64_t{0});
}

TEST(EventQueueTest, SizeAndEmpty) {
  EventQueue queue;
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.size(), 0u);
  queue.Push({.time = 3.0, .key = 1});
  queue.Push({.time = 1.0, .key = 2});
  queue.Push({.time = 2.0, .key = 3});
  EXPECT_FALSE(queue.empty());
  EXPECT_EQ(queue.size(), 3u);
  EXPECT_EQ(queue.Top().key, 2u);
  EXPECT_EQ(queue.size(), 3u);  // Top does not remove
  queue.Pop();
  EXPECT_EQ(queue.size(), 2u);
  queue.Pop();
  queue.Pop();
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.size(), 0u);

  queue.Push({.time = 1.0, .key = 1});
  queue.clear();
  EXPECT_TRUE(queue.empty());
  queue.Push({.time = 4.0, .key = 9});  // usable after clear
  EXPECT_EQ(queue.Pop().key, 9u);
}

}  // namespace
}  // namespace ccsim::engine
