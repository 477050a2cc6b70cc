// The run loop of a discrete-event simulation: a clock, the pending-event set, and a
// handler the model gives. Events run in EventQueue order (time, then key); the clock
// never goes back. Knows nothing about what the events mean.
//
// Run() is a template so that the model's dispatch inlines into the loop: no virtual
// call, std::function or allocation per event.
//
// Example:
//   struct Centre {
//     void OnTimeAdvance(double from, double to) { ... }  // before the clock moves
//     void OnEvent(const Event& e) { switch (e.kind) { ... } }
//   };
//   Simulator sim({.stop = &stop});
//   sim.Schedule(0.0, kArrival, /*entity=*/0, /*payload=*/0);
//   Centre centre;
//   const bool stopped = sim.Run(centre);
//
// Thread safety: none; one simulator per replication.
#ifndef CCSIM_ENGINE_SIMULATOR_H_
#define CCSIM_ENGINE_SIMULATOR_H_

#include <atomic>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "sim/engine/event_queue.h"

namespace ccsim::engine {

// What a model gives Simulator::Run.
template <class H>
concept EventHandler = requires(H& h, const Event& e, double t) {
  // Called before the clock moves from `from` to `to` > `from` (for time integrals).
  h.OnTimeAdvance(t, t);
  // Called with the clock at e.time.
  h.OnEvent(e);
};

struct RunControl {
  // When set and true, Run() stops at its next check (every kCheckEvery events). May be null.
  const std::atomic<bool>* stop = nullptr;
  // Incremented by the simulated seconds done (counted up to `progress_until`) every
  // kProgressEvery events and when Run() returns, for a progress bar. May be null.
  std::atomic<int64_t>* progress_seconds = nullptr;
  double progress_until = std::numeric_limits<double>::infinity();
};

class Simulator {
 public:
  // Events between two looks at the stop flag: a relaxed load of a line nobody writes
  // costs nothing measurable even this often (bench/README.md, "Interrupts"), and the
  // slowest models (multi-skill routing, ~40 µs an event) still see Ctrl-C within 50 ms.
  static constexpr uint64_t kCheckEvery = 1 << 10;
  // Events between two progress reports (an atomic add on a line every thread writes).
  static constexpr uint64_t kProgressEvery = kCheckEvery << 4;

  explicit Simulator(RunControl control = {}) : control_(control) {}

  double now() const { return now_; }
  size_t pending() const { return events_.size(); }
  void reserve(size_t n) { events_.reserve(n); }

  // Adds an event of `kind` (also its rank among equal-time events, see MakeKey) for
  // `entity` at `time`. REQUIRES: time >= now(); no pending event has the same time,
  // kind and entity.
  void Schedule(double time, uint32_t kind, uint64_t entity, uint32_t payload) {
    events_.Push({.time = time, .key = MakeKey(kind, entity), .kind = kind, .payload = payload});
  }

  // Runs events in order until none is left or the stop flag is seen; returns whether it
  // stopped early. Aborts if an event is due before the clock (a model bug).
  template <EventHandler H>
  bool Run(H& handler) {
    uint64_t until_check = kCheckEvery;
    uint64_t checks = 0;
    bool stopped = false;
    while (!events_.empty()) {
      const Event e = events_.Pop();
      if (e.time < now_) [[unlikely]] TimeWentBack(e);
      if (e.time > now_) {
        handler.OnTimeAdvance(now_, e.time);
        now_ = e.time;
      }
      handler.OnEvent(e);
      if (--until_check == 0) [[unlikely]] {
        if (++checks % (kProgressEvery / kCheckEvery) == 0) ReportProgress();
        if (control_.stop != nullptr && control_.stop->load(std::memory_order_relaxed)) {
          stopped = true;
          break;
        }
        until_check = kCheckEvery;
      }
    }
    ReportProgress();
    return stopped;
  }

 private:
  void ReportProgress();
  [[noreturn]] void TimeWentBack(const Event& e) const;

  RunControl control_;
  double now_ = 0;
  EventQueue events_;
  int64_t progress_reported_ = 0;
};

}  // namespace ccsim::engine

#endif  // CCSIM_ENGINE_SIMULATOR_H_
