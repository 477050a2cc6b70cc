// Micro-benchmarks of the engine's hot parts: the pending-event set under the classic hold
// model, and random stream throughput. See bench/README.md for what each one measures.
#include <benchmark/benchmark.h>

#include <boost/random/exponential_distribution.hpp>
#include <cstddef>
#include <cstdint>
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

// Hold model: pop the earliest event, push it back at popped.time + Exp(1). The queue size
// stays at N, which is the steady state of a simulation with N pending events.
void BM_HoldEventQueue(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const std::vector<double>& inc = Increments();
  EventQueue queue;
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
BENCHMARK(BM_HoldEventQueue)->RangeMultiplier(10)->Range(100, 100'000);

struct Later {
  bool operator()(const Event& a, const Event& b) const { return Earlier(b, a); }
};

// The same hold model on std::priority_queue (a binary heap) with the same order.
void BM_HoldStdPriorityQueue(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const std::vector<double>& inc = Increments();
  std::vector<Event> storage;
  storage.reserve(n);
  std::priority_queue<Event, std::vector<Event>, Later> queue(Later{}, std::move(storage));
  for (const Event& e : InitialEvents(n)) queue.push(e);
  size_t j = 0;
  for (auto _ : state) {
    Event e = queue.top();
    queue.pop();
    e.time += inc[j++ & (inc.size() - 1)];
    queue.push(e);
  }
  benchmark::DoNotOptimize(queue.top());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HoldStdPriorityQueue)->RangeMultiplier(10)->Range(100, 100'000);

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
