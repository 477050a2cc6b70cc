// Callbacks (virtual hold), exact and hand-computed: replayed arrival times, constant handle
// times, one or two agents, a 15 s dial unless said. Every expected number is worked out in
// the comment beside it. ("#k@t": the k-th arrival, at time t.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <vector>

#include "sim/engine/random_stream.h"
#include "sim/model/centre_state.h"
#include "sim/model/kpi.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/traced_run_for_test.h"
#include "sim/model/summary.h"

namespace ccsim::model {
namespace {

using scenario::CallbackOffer;
using scenario::Distribution;

using test_support::OneQueue;
using test_support::RecordingSink;
using Traced = test_support::TracedRun;

// Callbacks offered once `queue_over` live contacts wait, always taken.
scenario::Callback OfferOver(int64_t queue_over, bool keep_place) {
  scenario::Callback c;
  c.offer = CallbackOffer::kQueueOver;
  c.queue_over = queue_over;
  c.accept = 1;
  c.keep_place = keep_place;
  return c;
}

Traced Simulate(const scenario::Scenario& s, uint64_t seed = 1) {
  return test_support::SimulateTraced(s, seed);
}

// Every contact is offered or blocked and ends one way; every callback taken ends reached,
// failed or unserved; the live queue keeps Little's law on the sample path.
void ExpectFlowConserved(const Traced& run) {
  const Counters& c = run.all;
  EXPECT_EQ(c.offered, c.answered + c.abandoned + c.balked + c.messages + c.closed + c.unserved);
  EXPECT_EQ(c.offered + c.blocked, run.result.arrivals_total);
  EXPECT_EQ(static_cast<int64_t>(run.rows.size()), run.result.arrivals_total);
  EXPECT_EQ(c.callbacks_accepted, c.callbacks_reached + c.callbacks_failed + c.callbacks_unserved);
  EXPECT_LE(c.callbacks_accepted, c.callbacks_offered);
  const int64_t callback_rows = std::count_if(run.rows.begin(), run.rows.end(), [](const auto& r) {
    return r.outcome == ContactOutcome::kCallback;
  });
  EXPECT_EQ(callback_rows, c.callbacks_reached + c.callbacks_failed);
  EXPECT_DOUBLE_EQ(run.result.queue_area, run.result.wait_total);
  const JourneyCounters& j = run.result.journeys;
  EXPECT_EQ(j.started, j.resolved + j.given_up + j.open_at_end);
}

TEST(CallbackTest, AnOfferTakenIsCalledBackWhenNoLiveContactWaits) {
  // Talk 10, queue_over 0, own queue. #0@0 answered 0-10. #1@1 finds nobody waiting: no
  // offer, it waits. #2@2 finds #1 waiting: offered, takes it, leaves the line. At 10 the
  // live #1 goes first (10-20); at 20 the agent dials #2: 15 s, reached at 35, talk to 45.
  scenario::Scenario s = OneQueue({0, 1, 2}, 10);
  s.contact_types[0].callback = OfferOver(0, /*keep_place=*/false);
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kResolved);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 10);
  const ContactRecord& cb = run.rows[2];
  EXPECT_EQ(cb.outcome, ContactOutcome::kCallback);
  EXPECT_DOUBLE_EQ(cb.arrival, 2);
  EXPECT_DOUBLE_EQ(cb.answer, 35);
  EXPECT_DOUBLE_EQ(cb.end, 45);
  EXPECT_DOUBLE_EQ(cb.wait, 33);
  EXPECT_DOUBLE_EQ(cb.handle_time, 25);  // the dial is part of the handle time
  EXPECT_EQ(cb.agent_id, 0);
  EXPECT_EQ(run.Kpi(Kpi::kOffered), 3);  // the callback once
  EXPECT_EQ(run.Kpi(Kpi::kAnswered), 3);
  EXPECT_EQ(run.Kpi(Kpi::kCallbacksOffered), 1);
  EXPECT_EQ(run.Kpi(Kpi::kCallbacksAccepted), 1);
  EXPECT_EQ(run.Kpi(Kpi::kCallbacksReached), 1);
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kCallbackWait), 33);  // 35 - 2
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kCallbackServiceLevel), 1);
  // Live contacts only: #0 at once, #1 after 9 s > 5 s.
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kServiceLevel), 0.5);
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kAsa), 4.5);
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kAht), 15);  // (10 + 10 + 25) / 3
  // The agent is busy 0-45, the dial included: 45 of the 100 s staffed.
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kOccupancy), 0.45);
  EXPECT_EQ(run.Events(EventKind::kCallbackOffer), 1);
  EXPECT_EQ(run.Events(EventKind::kCallbackAccept), 1);
  EXPECT_EQ(run.Events(EventKind::kDial), 1);
  EXPECT_EQ(run.Events(EventKind::kNoAnswer), 0);
  EXPECT_EQ(run.result.journeys.resolved, 3);
  ExpectFlowConserved(run);
}

TEST(CallbackTest, KeepPlaceCallsBackBeforeLaterLiveContacts) {
  // Talk 10, queue_over 0. #0@0 0-10; #1@1 waits; #2@2 takes a callback; #1 10-20; #3@11
  // finds nobody live waiting: no offer, it waits.
  //   keep_place: #2 kept its place ahead of #3: dialled 20, reached 35, talk to 45; #3 is
  //     answered at 45 (wait 34).
  //   own queue: #3 (live) first, 20-30; #2 dialled 30, reached 45, talk to 55.
  for (bool keep : {true, false}) {
    SCOPED_TRACE(keep ? "keep_place" : "own queue");
    scenario::Scenario s = OneQueue({0, 1, 2, 11}, 10);
    s.contact_types[0].callback = OfferOver(0, keep);
    const Traced run = Simulate(s);
    ASSERT_EQ(run.rows.size(), 4u);
    EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kCallback);
    EXPECT_EQ(run.rows[3].outcome, ContactOutcome::kResolved);
    EXPECT_DOUBLE_EQ(run.rows[2].answer, keep ? 35 : 45);
    EXPECT_DOUBLE_EQ(run.rows[2].end, keep ? 45 : 55);
    EXPECT_DOUBLE_EQ(run.rows[3].answer, keep ? 45 : 20);
    EXPECT_EQ(run.all.callbacks_offered, 1);
    ExpectFlowConserved(run);
  }
}

TEST(CallbackTest, QueueOverCountsOnlyLiveContactsAlreadyWaiting) {
  // Talk 100, patience 10, queue_over 1, keep_place (callbacks wait in the type's queue).
  // #0@0 answered. #1@1 finds 0 live waiting, #2@2 finds 1: neither is offered; they hang
  // up at 11 and 12. #3@3 and #4@4 find 2 > 1: callbacks. #5@20 finds no live contact (two
  // callbacks, not counted) and #6@21 one: they wait, and hang up at 30 and 31. #7@22 finds
  // 2: a callback. (Counting the callbacks would have offered #5 and #6 one too.)
  scenario::Scenario s = OneQueue({0, 1, 2, 3, 4, 20, 21, 22}, 100);
  s.contact_types[0].patience = Distribution::Constant(10);
  s.contact_types[0].callback = OfferOver(1, /*keep_place=*/true);
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 8u);
  const ContactOutcome kAbandoned = ContactOutcome::kAbandoned,
                       kCallback = ContactOutcome::kCallback;
  const ContactOutcome expected[] = {ContactOutcome::kResolved,
                                     kAbandoned,
                                     kAbandoned,
                                     kCallback,
                                     kCallback,
                                     kAbandoned,
                                     kAbandoned,
                                     kCallback};
  for (size_t i = 0; i < 8; ++i) EXPECT_EQ(run.rows[i].outcome, expected[i]) << i;
  // Callbacks never hang up: dialled at 100, 215 and 330 (15 s dial + 100 s talk each).
  EXPECT_DOUBLE_EQ(run.rows[3].answer, 115);
  EXPECT_DOUBLE_EQ(run.rows[4].answer, 230);
  EXPECT_DOUBLE_EQ(run.rows[7].answer, 345);
  EXPECT_EQ(run.all.callbacks_offered, 3);
  EXPECT_EQ(run.all.abandoned, 4);
  ExpectFlowConserved(run);
}

TEST(CallbackTest, ExpectedWaitIsQueueAheadTimesMeanBusyOverAgentsOnThePhones) {
  // Talk 40 + wrap-up 20: 60 s a contact. One agent: #1@1 has nobody ahead, (0 + 1) × 60 / 1
  // = 60 s, not over 90: it waits; #2@2 has #1 ahead, 120 s: offered.
  scenario::Scenario one = OneQueue({0, 1, 2}, 40);
  one.contact_types[0].wrap_up = Distribution::Constant(20);
  one.contact_types[0].callback = OfferOver(0, true);
  one.contact_types[0].callback->offer = CallbackOffer::kExpectedWaitOver;
  one.contact_types[0].callback->expected_wait_over = 90;
  Traced run = Simulate(one);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kResolved);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kCallback);
  EXPECT_EQ(run.all.callbacks_offered, 1);
  // Exactly 60 is not over 60: #1 is not offered; #2 (120) is.
  one.contact_types[0].callback->expected_wait_over = 60;
  run = Simulate(one);
  EXPECT_EQ(run.all.callbacks_offered, 1);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kCallback);
  // Two agents, talk 60, over 40: #2@2 has nobody ahead, 60 / 2 = 30; #3@3 has one, 60.
  scenario::Scenario two = OneQueue({0, 1, 2, 3}, 60, 2);
  two.contact_types[0].callback = one.contact_types[0].callback;
  two.contact_types[0].callback->expected_wait_over = 40;
  run = Simulate(two);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kResolved);
  EXPECT_EQ(run.rows[3].outcome, ContactOutcome::kCallback);
  // An agent whose shift starts at 50 is not on the phones at 1: #1@1 has 60 / 1 > 40 and
  // is offered (counted, 60 / 2 = 30 would not have been).
  scenario::Scenario later = OneQueue({0, 1}, 60);
  later.contact_types[0].callback = two.contact_types[0].callback;
  scenario::AgentGroup g = later.agent_groups[0];
  g.name = "late";
  g.agents = 0;
  g.shifts = {{.start = 50, .end = 100, .agents = 1}};
  later.agent_groups.push_back(g);
  run = Simulate(later);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kCallback);
  // The late agent dials it at 50: reached at 65.
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 65);
  ExpectFlowConserved(run);
  // Nor is one on a break: its shift starts at 0 with a break at 1 for 50 s, taken at once
  // (idle). #0@2 goes to the other agent; #1@3 has 60 / 1 > 40: offered, and dialled when
  // the break ends at 51 (reached 66).
  scenario::Scenario onbreak = OneQueue({2, 3}, 60);
  onbreak.contact_types[0].callback = two.contact_types[0].callback;
  g.name = "break";
  g.shifts = {{.start = 0, .end = 100, .agents = 1, .breaks = {{.after = 1, .duration = 50}}}};
  onbreak.agent_groups.push_back(g);
  run = Simulate(onbreak);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kCallback);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 66);
  ExpectFlowConserved(run);
}

TEST(CallbackTest, MaxWaitTurnsAWaitingContactIntoACallback) {
  // Talk 50, max_wait {10 s, then: callback}, no offers. #0@0 0-50. #1@1 and #2@2 are still
  // waiting at 11 and 12: callbacks, where they wait. At 50 #1 is dialled (reached 65, talk
  // to 115), then #2 (dialled 115, reached 130, to 180).
  scenario::Scenario s = OneQueue({0, 1, 2}, 50);
  s.contact_types[0].max_wait =
      scenario::MaxWait{.after = 10, .then = scenario::MaxWaitThen::kCallback};
  s.contact_types[0].callback = scenario::Callback{};
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kCallback);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 65);
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 130);
  EXPECT_DOUBLE_EQ(run.rows[2].end, 180);
  EXPECT_EQ(run.all.callbacks_offered, 2);  // max_wait's callbacks count as offers taken
  EXPECT_EQ(run.all.callbacks_accepted, 2);
  EXPECT_EQ(run.all.messages, 0);
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kCallbackWait), (54.0 + 118.0) / 2);  // 65 - 11, 130 - 12
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kServiceLevel), 1);  // one live contact, answered at once
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kAsa), 0);
  EXPECT_DOUBLE_EQ(run.result.wait_total, 20);  // 10 s each in the line
  ExpectFlowConserved(run);
}

TEST(CallbackTest, MaxWaitCallbacksInTheirOwnQueueLetLaterLiveContactsFirst) {
  // Talk 50, max_wait 10 then callback. #0@0 0-50; #1@1 a callback at 11; #2@45 waits.
  //   keep_place: #1 dialled at 50 (reached 65, to 115); #2 still waits at 55: a callback
  //     behind #1, dialled 115, reached 130.
  //   own queue: #2 live first at 50 (wait 5), to 100; #1 dialled 100, reached 115.
  for (bool keep : {true, false}) {
    SCOPED_TRACE(keep ? "keep_place" : "own queue");
    scenario::Scenario s = OneQueue({0, 1, 45}, 50);
    s.contact_types[0].max_wait =
        scenario::MaxWait{.after = 10, .then = scenario::MaxWaitThen::kCallback};
    s.contact_types[0].callback = scenario::Callback{};
    s.contact_types[0].callback->keep_place = keep;
    const Traced run = Simulate(s);
    ASSERT_EQ(run.rows.size(), 3u);
    EXPECT_DOUBLE_EQ(run.rows[1].answer, keep ? 65 : 115);
    EXPECT_DOUBLE_EQ(run.rows[2].answer, keep ? 130 : 50);
    EXPECT_EQ(run.rows[2].outcome, keep ? ContactOutcome::kCallback : ContactOutcome::kResolved);
    ExpectFlowConserved(run);
  }
}

TEST(CallbackTest, EveryRedialFailingAbandonsTheContact) {
  // Talk 10, queue_over 0, own queue, reach 0, redial {100 s, max 2}. #2@2 takes a callback
  // (as in the first test): dialled at 20, no answer at 35; again at 135 (the agent idle:
  // at once), no answer at 150; again at 250, no answer at 265: abandoned then.
  scenario::Scenario s = OneQueue({0, 1, 2}, 10);
  s.contact_types[0].callback = OfferOver(0, /*keep_place=*/false);
  s.contact_types[0].callback->reach = 0;
  s.contact_types[0].callback->redial_delay = Distribution::Constant(100);
  s.contact_types[0].callback->redial_max = 2;
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  const ContactRecord& cb = run.rows[2];
  EXPECT_EQ(cb.outcome, ContactOutcome::kCallback);
  EXPECT_TRUE(std::isnan(cb.answer));
  EXPECT_DOUBLE_EQ(cb.end, 265);
  EXPECT_DOUBLE_EQ(cb.wait, 263);
  EXPECT_EQ(cb.handle_time, 0);
  EXPECT_EQ(cb.agent_id, -1);
  EXPECT_EQ(run.Events(EventKind::kDial), 3);
  EXPECT_EQ(run.Events(EventKind::kNoAnswer), 3);
  EXPECT_EQ(run.all.abandoned, 1);
  EXPECT_EQ(run.all.callbacks_failed, 1);
  EXPECT_EQ(run.all.callbacks_reached, 0);
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kAbandonRate), 1.0 / 3);
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kCallbackServiceLevel), 0);
  EXPECT_TRUE(std::isnan(run.Kpi(Kpi::kCallbackWait)));
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kAht), 10);  // failed calls are no handling
  // Busy 0-35 inside the 100 s window (the later calls fall after the horizon).
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kOccupancy), 0.35);
  EXPECT_EQ(run.result.journeys.given_up, 1);  // no retrial
  ExpectFlowConserved(run);
}

TEST(CallbackTest, AFailedCallIsRedialledAndThenReached) {
  // As above with reach 0.5 and redial {100 s, max 3}, on a seed whose draws for #2's calls
  // (customer key 2, attempt 1) fail the first and reach the second: dialled 20, no answer
  // at 35, again at 135, reached at 150, talk to 160.
  uint64_t seed = 1;
  const auto reaches = [](uint64_t sd, uint64_t dial) {
    engine::RandomStream g(sd, 0, kDialStream, internal::CustomerKey(0, 2),
                           1 * kDialsPerAttempt + dial);
    return g.Uniform01() <= 0.5;
  };
  while (reaches(seed, 0) || !reaches(seed, 1)) ++seed;
  scenario::Scenario s = OneQueue({0, 1, 2}, 10);
  s.contact_types[0].callback = OfferOver(0, /*keep_place=*/false);
  s.contact_types[0].callback->reach = 0.5;
  s.contact_types[0].callback->redial_delay = Distribution::Constant(100);
  s.contact_types[0].callback->redial_max = 3;
  const Traced run = Simulate(s, seed);
  ASSERT_EQ(run.rows.size(), 3u);
  const ContactRecord& cb = run.rows[2];
  EXPECT_EQ(cb.outcome, ContactOutcome::kCallback);
  EXPECT_DOUBLE_EQ(cb.answer, 150);
  EXPECT_DOUBLE_EQ(cb.end, 160);
  EXPECT_DOUBLE_EQ(cb.handle_time, 25);  // the reaching call's dial and the talk
  EXPECT_EQ(run.Events(EventKind::kDial), 2);
  EXPECT_EQ(run.Events(EventKind::kNoAnswer), 1);
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kCallbackWait), 148);
  ExpectFlowConserved(run);
}

TEST(CallbackTest, ACallbackStillQueuedWhenNobodyIsLeftIsUnserved) {
  // The one agent works a shift 0-30; talk 20, queue_over 0, own queue. #0@0 0-20; #1@1
  // 20-40 (the agent finishes it past its shift, then leaves); #2@2's callback is never made.
  scenario::Scenario s = OneQueue({0, 1, 2}, 20);
  s.agent_groups[0].agents = 0;
  s.agent_groups[0].shifts = {{.start = 0, .end = 30, .agents = 1}};
  s.contact_types[0].callback = OfferOver(0, /*keep_place=*/false);
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kUnserved);
  EXPECT_EQ(run.all.unserved, 1);
  EXPECT_EQ(run.all.callbacks_unserved, 1);
  EXPECT_EQ(run.result.waiting_at_end, 1);
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kCallbackServiceLevel), 0);
  ExpectFlowConserved(run);
}

TEST(CallbackTest, ACallbackHoldsNoLine) {
  // lines 2, talk 10, max_wait 5 then callback (keep_place). #0@0 answered (a line, to 10);
  // #1@1 waits (the second line) and takes a callback at 6, freeing its line; #2@7 finds a
  // line and waits. At 10 #1 is dialled: the call takes no line, so #3@11 finds one (#2
  // holds the other) and waits. #1 is reached at 25 (talk to 35); #2 took a callback at 12:
  // dialled 35, reached 50 (to 60); #3 at 16: dialled 60, reached 75.
  scenario::Scenario s = OneQueue({0, 1, 7, 11}, 10);
  s.lines = 2;
  s.contact_types[0].max_wait =
      scenario::MaxWait{.after = 5, .then = scenario::MaxWaitThen::kCallback};
  s.contact_types[0].callback = scenario::Callback{};
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 4u);
  EXPECT_EQ(run.all.blocked, 0);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 25);
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 50);
  EXPECT_DOUBLE_EQ(run.rows[3].answer, 75);
  ExpectFlowConserved(run);
  // Without callbacks #2@7 finds both lines held (#0 talking, #1 waiting): blocked.
  s.contact_types[0].max_wait.reset();
  s.contact_types[0].callback.reset();
  EXPECT_EQ(Simulate(s).all.blocked, 1);
}

TEST(CallbackTest, NoOfferWhenTheContactIsAnsweredAtOnceOrBlocked) {
  // queue_over 0 with room for one waiting contact: #0@0 answered at once (not offered);
  // #1@1 waits (nobody waiting before it); #2@2 finds the queue full: blocked, not offered.
  scenario::Scenario s = OneQueue({0, 1, 2}, 10);
  s.contact_types[0].queue_capacity = 1;
  s.contact_types[0].callback = OfferOver(0, true);
  const Traced run = Simulate(s);
  EXPECT_EQ(run.all.callbacks_offered, 0);
  EXPECT_EQ(run.all.blocked, 1);
  ExpectFlowConserved(run);
}

}  // namespace
}  // namespace ccsim::model
