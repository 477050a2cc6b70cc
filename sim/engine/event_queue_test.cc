#include "sim/engine/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
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
