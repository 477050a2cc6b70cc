// The Recorder alone: counters, spans and trace chunks.
#include "sim/model/recorder.h"

#include <gtest/gtest.h>

#include <vector>

#include "sim/model/centre_for_test.h"

namespace ccsim::model::internal {
namespace {

class CountingSink : public TraceSink {
 public:
  void OnContacts(int, std::span<const ContactRecord> chunk) override {
    chunks.push_back(chunk.size());
  }
  void OnReplicationEnd(int replication) override { ended.push_back(replication); }
  std::vector<size_t> chunks;
  std::vector<int> ended;
};

scenario::Scenario Desk() {
  scenario::Scenario s;
  s.name = "recorder";
  s.horizon = 100;
  s.interval = 50;
  s.warmup = 10;
  s.contact_types.push_back(ReplayedType("call", {}, 10));
  s.agent_groups.push_back(GroupOf("desk", 1, {{.contact_type = 0}}));
  return s;
}

TEST(RecorderTest, TallyCountsByIntervalAndByTypeAfterWarmup) {
  CentreForTest c(Desk());
  Work w = c.Contact(0, 60);
  w.interval = 1;
  c.recorder.Tally(w, [](Counters& k) { k.answered++; });
  w.counted = false;
  w.interval = 0;
  c.recorder.Tally(w, [](Counters& k) { k.answered++; });
  const ReplicationResult& r = c.recorder.result();
  EXPECT_EQ(r.intervals[0].answered, 1);
  EXPECT_EQ(r.intervals[1].answered, 1);
  EXPECT_EQ(r.by_type[0].answered, 1);  // the warmup one is not counted
}

TEST(RecorderTest, BusySpansSplitByIntervalAndCountInTheWindow) {
  CentreForTest c(Desk());
  c.recorder.AddBusy(0, 0, 60);     // 10 of it before warmup
  c.recorder.AddBusy(0, 90, 130);   // 30 of it after the horizon
  const ReplicationResult& r = c.recorder.result();
  EXPECT_DOUBLE_EQ(r.interval_busy[0], 50);
  EXPECT_DOUBLE_EQ(r.interval_busy[1], 20);
  EXPECT_DOUBLE_EQ(r.busy_time, 60);
  EXPECT_DOUBLE_EQ(r.agents[0].busy, 60);
}

TEST(RecorderTest, QueueAreaOverTheRunAndTheWindow) {
  CentreForTest c(Desk());
  c.recorder.OnTimeAdvance(0, 20, 2);
  c.recorder.OnTimeAdvance(20, 30, 0);
  EXPECT_DOUBLE_EQ(c.recorder.result().queue_area, 40);
  EXPECT_DOUBLE_EQ(c.recorder.result().queue_area_window, 20);
}

TEST(RecorderTest, ContactsGoToTheSinkInWholeChunksThenTheRest) {
  CountingSink sink;
  CentreForTest c(Desk(), &sink);
  const Work w = c.Contact(0, 0);
  for (size_t i = 0; i < kTraceChunk + 3; ++i) {
    c.recorder.Trace(w, 0, 10, 10, 0, ContactOutcome::kResolved);
  }
  EXPECT_EQ(sink.chunks, std::vector<size_t>{kTraceChunk});
  c.recorder.Finish(c.agents, 0, false);
  EXPECT_EQ(sink.chunks, (std::vector<size_t>{kTraceChunk, 3}));
}

TEST(RecorderTest, SummaryLevelRecordsNothing) {
  CountingSink sink;
  CentreForTest c(Desk(), &sink, TraceLevel::kSummary);
  c.recorder.Trace(c.Contact(0, 0), 0, 10, 10, 0, ContactOutcome::kResolved);
  c.recorder.Finish(c.agents, 0, false);
  EXPECT_TRUE(sink.chunks.empty());
}

TEST(RecorderTest, FinishClosesTheStaffedSpanAtTheHorizon) {
  CentreForTest c(Desk());
  c.agents[0].staffed_since = 0;
  const ReplicationResult r = c.recorder.Finish(c.agents, 2, /*stopped=*/true);
  EXPECT_DOUBLE_EQ(r.staffed_time, 90);  // the window [10, 100]
  EXPECT_DOUBLE_EQ(r.end_time, 100);
  EXPECT_EQ(r.waiting_at_end, 2);
  EXPECT_TRUE(r.stopped);
}

TEST(RecorderTest, FinishTellsTheSinkTheReplicationHasEnded) {
  CountingSink sink;
  CentreForTest c(Desk(), &sink, TraceLevel::kContacts);
  c.recorder.Trace(c.Contact(0, 0), 0, 10, 10, 0, ContactOutcome::kResolved);
  c.recorder.Finish(c.agents, 0, false);
  EXPECT_EQ(sink.chunks, std::vector<size_t>{1});  // its last chunk first
  EXPECT_EQ(sink.ended, std::vector<int>{0});
}

}  // namespace
}  // namespace ccsim::model::internal
