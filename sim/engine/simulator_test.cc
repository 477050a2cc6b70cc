#include "sim/engine/simulator.h"

#include <gtest/gtest.h>

#include <atomic>
#include <utility>
#include <vector>

namespace ccsim::engine {
namespace {

// Records what it sees; optionally schedules a follow-up for each event.
struct Recorder {
  Simulator* sim = nullptr;
  std::vector<std::pair<double, uint32_t>> seen;  // (time, kind)
  std::vector<std::pair<double, double>> advances;
  double reschedule_after = -1;  // < 0: no follow-up
  double schedule_back = -1;     // >= 0: the first event schedules one this far back

  void OnTimeAdvance(double from, double to) { advances.emplace_back(from, to); }
  void OnEvent(const Event& e) {
    EXPECT_EQ(sim->now(), e.time);
    seen.emplace_back(e.time, e.kind);
    if (reschedule_after >= 0) {
      sim->Schedule(e.time + reschedule_after, e.kind, e.key + 1, e.payload);
    }
    if (schedule_back >= 0) {
      sim->Schedule(e.time - schedule_back, e.kind, e.key + 1, 0);
      schedule_back = -1;
    }
  }
};

TEST(SimulatorTest, RunsByTimeThenRankThenEntity) {
  Simulator sim;
  sim.Schedule(2.0, /*kind=*/1, /*entity=*/0, 0);
  sim.Schedule(1.0, 3, 0, 0);
  sim.Schedule(1.0, 2, 7, 0);
  sim.Schedule(1.0, 2, 5, 0);
  Recorder r{.sim = &sim};
  EXPECT_FALSE(sim.Run(r));
  ASSERT_EQ(r.seen.size(), 4u);
  EXPECT_EQ(r.seen[0], std::make_pair(1.0, 2u));
  EXPECT_EQ(r.seen[1], std::make_pair(1.0, 2u));
  EXPECT_EQ(r.seen[2], std::make_pair(1.0, 3u));
  EXPECT_EQ(r.seen[3], std::make_pair(2.0, 1u));
  EXPECT_EQ(sim.now(), 2.0);
  EXPECT_EQ(sim.pending(), 0u);
}

TEST(SimulatorTest, TimeAdvancesOnlyWhenTheClockMoves) {
  Simulator sim;
  sim.Schedule(0.0, 0, 0, 0);
  sim.Schedule(3.0, 0, 1, 0);
  sim.Schedule(3.0, 0, 2, 0);
  sim.Schedule(5.0, 0, 3, 0);
  Recorder r{.sim = &sim};
  sim.Run(r);
  const std::vector<std::pair<double, double>> expected = {{0, 3}, {3, 5}};
  EXPECT_EQ(r.advances, expected);
}

TEST(SimulatorTest, StopFlagEndsTheRunAtTheNextCheck) {
  std::atomic<bool> stop{true};
  Simulator sim({.stop = &stop});
  sim.Schedule(0.0, 0, 0, 0);
  Recorder r{.sim = &sim, .reschedule_after = 1.0};  // an endless chain of events
  EXPECT_TRUE(sim.Run(r));
  EXPECT_EQ(r.seen.size(), Simulator::kCheckEvery);
}

TEST(SimulatorTest, ProgressCountsSimulatedSecondsUpToTheLimit) {
  std::atomic<int64_t> progress{0};
  Simulator sim({.progress_seconds = &progress, .progress_until = 10000});
  for (int i = 0; i < 3 * static_cast<int>(Simulator::kProgressEvery); ++i) {
    sim.Schedule(i, 0, i, 0);
  }
  struct Watcher {
    std::atomic<int64_t>* progress;
    int64_t at_check = -1;
    void OnTimeAdvance(double, double) {}
    void OnEvent(const Event& e) {
      // Just after the first report, the first kProgressEvery events' seconds are reported.
      if (e.time == Simulator::kProgressEvery) at_check = progress->load();
    }
  } w{&progress};
  sim.Run(w);
  EXPECT_EQ(w.at_check, 10000);  // kProgressEvery - 1 = 16383 s done, counted up to 10000
  EXPECT_EQ(progress.load(), 10000);
}

TEST(SimulatorTest, ProgressReportsTheRestWhenTheRunEnds) {
  std::atomic<int64_t> progress{5};
  Simulator sim({.progress_seconds = &progress});
  sim.Schedule(42.5, 0, 0, 0);
  Recorder r{.sim = &sim};
  sim.Run(r);
  EXPECT_EQ(progress.load(), 5 + 42);
}

void RunWithAnEventInThePast() {
  Simulator sim;
  sim.Schedule(10.0, 4, 0, 0);
  Recorder r{.sim = &sim, .schedule_back = 1.0};
  sim.Run(r);
}

TEST(SimulatorDeathTest, AnEventBeforeTheClockAborts) {
  EXPECT_DEATH(RunWithAnEventInThePast(), "before the clock");
}

}  // namespace
}  // namespace ccsim::engine
