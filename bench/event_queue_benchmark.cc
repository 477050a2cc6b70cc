// Micro-benchmarks of the engine's hot parts: the pending-event set under the classic hold
// model, and random stream throughput. See bench/README.md for what each one measures.
#include <benchmark/benchmark.h>

#include <boost/random/exponential_distribution.hpp>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <queue>
#include <random>
#include <vector>

#include "sim/engine/event_queue.h"
#include "sim/engine/random_stream.h"

namespace ccsim::engine {
namespace {

// Exponential increments with mean 1, drawn once, so the timed loop measures the queue and
// not the generator. 2^16 of them, reused cyclically (a power of two, so the index is a mask).
const std::vector<double>& Increments() {
  static const std::vector<double> increments = [] {
    RandomStream stream(/*seed=*/1, /*replication=*/0, /*purpose=*/0, /*entity=*/0);
    boost::random::exponential_distribution<double> exponential(1.0);
    std::vector<double> v(1 << 16);
    for (double& x : v) x = exponential(stream);
    return v;
  }();
  return increments;
}

// The first N events of the hold model: entity i at time Exp(1), one event each, as in the
// classic hold model (the initial times follow the increment distribution).
std::vector<Event> InitialEvents(size_t n) {
  const std::vector<double>& inc = Increments();
  std::vector<Event> events(n);
  for (size_t i = 0; i < n; ++i) {
    events[i] = {
        .time = inc[i % inc.size()], .key = MakeKey(0, i), .payload = static_cast<uint32_t>(i)};
  }
  return events;
}

// The pending-event set before the calendar (up to 2026-11-29): one 4-ary heap of 24-byte
// events, whatever the size. Kept here as the baseline for EventQueue.
class FourAryHeap {
 public:
  bool empty() const { return heap_.empty(); }
  void reserve(size_t n) { heap_.reserve(n); }
  const Event& Top() const { return heap_.front(); }

  void Push(const Event& e) { HeapPush(heap_, e); }
  Event Pop() { return HeapPop(heap_); }

 private:
  std::vector<Event> heap_;
};

struct Later {
  bool operator()(const Event& a, const Event& b) const { return Earlier(b, a); }
};

// std::priority_queue (a binary heap) with the same order, behind the same interface.
class StdPriorityQueue {
 public:
  bool empty() const { return queue_.empty(); }
  void reserve(size_t n) {
    std::vector<Event> storage;
    storage.reserve(n);
    queue_ = std::priority_queue<Event, std::vector<Event>, Later>(Later{}, std::move(storage));
  }
  const Event& Top() const { return queue_.top(); }
  void Push(const Event& e) { queue_.push(e); }
  Event Pop() {
    const Event e = queue_.top();
    queue_.pop();
    return e;
  }

 private:
  std::priority_queue<Event, std::vector<Event>, Later> queue_;
};

// Hold model: pop the earliest event, push it back at popped.time + Exp(1). The queue size
// stays at N, which is the steady state of a simulation with N pending events.
template <class Queue>
void BM_Hold(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const std::vector<double>& inc = Increments();
  Queue queue;
  queue.reserve(n);
  for (const Event& e : InitialEvents(n)) queue.Push(e);
  size_t j = 0;
  for (auto _ : state) {
    Event e = queue.Pop();
    e.time += inc[j++ & (inc.size() - 1)];
    queue.Push(e);
  }
  benchmark::DoNotOptimize(queue.Top());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Hold<EventQueue>)->Name("BM_HoldEventQueue")->RangeMultiplier(10)
    ->Range(100, 100'000);
BENCHMARK(BM_Hold<FourAryHeap>)->Name("BM_HoldFourAryHeap")->RangeMultiplier(10)
    ->Range(100, 100'000);
BENCHMARK(BM_Hold<StdPriorityQueue>)->Name("BM_HoldStdPriorityQueue")->RangeMultiplier(10)
    ->Range(100, 100'000);

// The model's own pattern, an M/M/c queue with c agents at occupancy 0.9: one pending
// arrival (kind 1) always about to happen, Exp with rate 0.9 c / 600 per second, and an
// agent-free event (kind 0) for each busy agent, Exp(600 s) after its answer. A free agent
// takes the next waiting call (a counter) or becomes idle. Keys as the model makes them.
// One item = one event (a pop and on average about one push).
template <class Queue>
void BM_Centre(benchmark::State& state) {
  const int agents = static_cast<int>(state.range(0));
  const double mean_handle = 600;
  const double mean_gap = mean_handle / (0.9 * agents);
  const std::vector<double>& inc = Increments();
  Queue queue;
  queue.reserve(static_cast<size_t>(agents) + 1);
  size_t j = 0;
  auto draw = [&](double mean) { return mean * inc[j++ & (inc.size() - 1)]; };
  int idle = agents;
  int64_t waiting = 0;
  std::vector<uint32_t> free_agents(static_cast<size_t>(agents));
  for (int a = 0; a < agents; ++a) free_agents[a] = static_cast<uint32_t>(a);
  queue.Push({.time = draw(mean_gap), .key = MakeKey(1, 0), .kind = 1});
  // Warm up to the steady state (about 0.9 c busy agents) before timing.
  auto step = [&] {
    const Event e = queue.Pop();
    if (e.kind == 1) {
      queue.Push({.time = e.time + draw(mean_gap), .key = MakeKey(1, 0), .kind = 1});
      if (idle > 0) {
        const uint32_t agent = free_agents[--idle];
        queue.Push({.time = e.time + draw(mean_handle), .key = MakeKey(0, agent),
                    .kind = 0, .payload = agent});
      } else {
        ++waiting;
      }
    } else if (waiting > 0) {
      --waiting;
      queue.Push({.time = e.time + draw(mean_handle), .key = e.key, .kind = 0,
                  .payload = e.payload});
    } else {
      free_agents[idle++] = e.payload;
    }
  };
  for (int i = 0; i < 20 * agents; ++i) step();
  for (auto _ : state) step();
  benchmark::DoNotOptimize(queue.Top());
  state.SetItemsProcessed(state.iterations());
  state.counters["busy"] = agents - idle;
}
BENCHMARK(BM_Centre<EventQueue>)->Name("BM_CentreEventQueue")->Arg(110)->Arg(1000)
    ->Arg(10'000)->Arg(100'000);
BENCHMARK(BM_Centre<FourAryHeap>)->Name("BM_CentreFourAryHeap")->Arg(110)->Arg(1000)
    ->Arg(10'000)->Arg(100'000);

void BM_RandomStreamUint64(benchmark::State& state) {
  RandomStream stream(/*seed=*/1, /*replication=*/0, /*purpose=*/0, /*entity=*/0);
  for (auto _ : state) benchmark::DoNotOptimize(stream());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RandomStreamUint64);

// Baseline for the one above: a conventional stateful generator.
void BM_Mt19937_64Uint64(benchmark::State& state) {
  std::mt19937_64 gen(1);
  for (auto _ : state) benchmark::DoNotOptimize(gen());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Mt19937_64Uint64);

void BM_RandomStreamExponential(benchmark::State& state) {
  RandomStream stream(/*seed=*/1, /*replication=*/0, /*purpose=*/0, /*entity=*/0);
  boost::random::exponential_distribution<double> exponential(1.0);
  for (auto _ : state) benchmark::DoNotOptimize(exponential(stream));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RandomStreamExponential);

// Making a stream is part of the cost of keying draws by entity: measure it with one draw.
void BM_RandomStreamCreateAndDraw(benchmark::State& state) {
  uint64_t entity = 0;
  for (auto _ : state) {
    RandomStream stream(/*seed=*/1, /*replication=*/0, /*purpose=*/0, entity++);
    benchmark::DoNotOptimize(stream());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RandomStreamCreateAndDraw);

}  // namespace
}  // namespace ccsim::engine
