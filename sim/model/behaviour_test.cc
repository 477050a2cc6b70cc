// Customers' behaviour (balking, max_wait, at_close: clear, lines, retrial.on), exact and
// hand-computed: replayed arrival times, constant handle times, one or two agents. Every
// expected number is worked out in the comment beside it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <vector>

#include "sim/model/kpi.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/traced_run_for_test.h"
#include "sim/model/summary.h"
#include "sim/scenario/calendar.h"

namespace ccsim::model {
namespace {

using scenario::Distribution;

using test_support::OneQueue;
using test_support::RecordingSink;
using Traced = test_support::TracedRun;

Traced Simulate(const scenario::Scenario& s, uint64_t seed = 1) {
  return test_support::SimulateTraced(s, seed);
}

// offered = answered + abandoned + balked + messages + closed + unserved, and every contact
// that arrived is offered or blocked.
void ExpectFlowConserved(const Traced& run) {
  const Counters& c = run.all;
  EXPECT_EQ(c.offered, c.answered + c.abandoned + c.balked + c.messages + c.closed + c.unserved);
  EXPECT_EQ(c.offered + c.blocked, run.result.arrivals_total);
  EXPECT_EQ(static_cast<int64_t>(run.rows.size()), run.result.arrivals_total);
  EXPECT_DOUBLE_EQ(run.result.queue_area, run.result.wait_total);  // Little's law, sample path
  const JourneyCounters& j = run.result.journeys;
  EXPECT_EQ(j.started, j.resolved + j.given_up + j.open_at_end);
}

// ---- balking ----

TEST(BalkingTest, CertainBalkingLeavesAtOnceWhenTheContactWouldWait) {
  // balking 1, talk 15, one agent. #0@0 is answered at once (it would not wait: no balk);
  // #1@10 finds the agent busy until 15 and balks at 10; #2@20 finds it free.
  scenario::Scenario s = OneQueue({0, 10, 20}, 15);
  s.contact_types[0].balking = 1;
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_EQ(run.rows[0].outcome, ContactOutcome::kResolved);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kBalked);
  EXPECT_DOUBLE_EQ(run.rows[1].end, 10);
  EXPECT_DOUBLE_EQ(run.rows[1].wait, 0);
  EXPECT_TRUE(std::isnan(run.rows[1].answer));
  EXPECT_EQ(run.rows[1].agent_id, -1);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kResolved);
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 20);
  // Balked contacts are offered, and lost, but not abandoned.
  EXPECT_EQ(run.Kpi(Kpi::kOffered), 3);
  EXPECT_EQ(run.Kpi(Kpi::kAnswered), 2);
  EXPECT_EQ(run.Kpi(Kpi::kBalked), 1);
  EXPECT_EQ(run.Kpi(Kpi::kAbandoned), 0);
  EXPECT_EQ(run.Kpi(Kpi::kAbandonRate), 0);
  EXPECT_EQ(run.Kpi(Kpi::kLost), 1);
  EXPECT_DOUBLE_EQ(run.Kpi(Kpi::kServiceLevel), 2.0 / 3);  // 2 answered at once of 3 offered
  EXPECT_EQ(run.result.intervals[0].balked, 1);            // arrived in [0, 50)
  EXPECT_EQ(run.events.at(EventKind::kBalk), 1);
  // No retrial: the customer gives up.
  EXPECT_EQ(run.result.journeys.given_up, 1);
  EXPECT_EQ(run.result.journeys.resolved, 2);
  ExpectFlowConserved(run);
}

TEST(BalkingTest, ABalkCountsAgainstTheRealTimeServiceLevel) {
  // Arrivals 0 and 10, talk 15, real_time checking at 50 the service level of [0, 50)
  // against 0.9: #0 answered at once, #1 balked: 1 / 2 < 0.9, an alert. (Were the balk not
  // counted, 1 / 1 would raise none.)
  scenario::Scenario s = OneQueue({0, 10}, 15);
  s.contact_types[0].balking = 1;
  s.real_time = scenario::RealTime{.check_every = 50, .window = 50, .service_level_below = 0.9};
  EXPECT_EQ(Simulate(s).result.alerts, 1);
  s.contact_types[0].balking = 0;  // #1 waits 5 s, within the 5 s threshold: 3 / 3
  EXPECT_EQ(Simulate(s).result.alerts, 0);
}

TEST(BalkingTest, BalkedCustomersFollowRetrial) {
  // balking 1, retrial {1, 10 s}, talk 15. #0@0 answered 0-15. #1@10 balks, is back at 20.
  // At 20 the retrial (customers due back rank before fresh arrivals) takes the agent
  // (20-35) and #2@20 balks; #2 is back at 30 (busy: balks again) and at 40 (answered,
  // 40-55). Contacts: 0 (#0), 1 (#1), 2 (#1 again), 3 (#2), 4 (#2 at 30), 5 (#2 at 40).
  scenario::Scenario s = OneQueue({0, 10, 20}, 15);
  s.contact_types[0].balking = 1;
  s.contact_types[0].retrial = scenario::Retrial{1.0, Distribution::Constant(10)};
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 6u);
  const ContactOutcome kBalked = ContactOutcome::kBalked, kResolved = ContactOutcome::kResolved;
  const ContactOutcome expected[] = {kResolved, kBalked, kResolved, kBalked, kBalked, kResolved};
  const double arrivals[] = {0, 10, 20, 20, 30, 40};
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(run.rows[i].outcome, expected[i]) << i;
    EXPECT_DOUBLE_EQ(run.rows[i].arrival, arrivals[i]) << i;
  }
  EXPECT_EQ(run.rows[2].customer_id, run.rows[1].customer_id);
  EXPECT_EQ(run.rows[5].customer_id, run.rows[3].customer_id);
  EXPECT_EQ(run.rows[5].attempt, 3);
  EXPECT_DOUBLE_EQ(run.rows[5].answer, 40);
  EXPECT_EQ(run.all.balked, 3);
  EXPECT_EQ(run.all.offered, 6);
  EXPECT_EQ(run.result.retrials, 3);
  EXPECT_EQ(run.result.journeys.resolved, 3);
  ExpectFlowConserved(run);
}

TEST(BalkingTest, RetrialOnBlockedOnlyLeavesBalkersGone) {
  // A balk is an abandonment at arrival: retrial.on [blocked] alone does not bring it back.
  scenario::Scenario s = OneQueue({0, 10}, 15);
  s.contact_types[0].balking = 1;
  s.contact_types[0].retrial = scenario::Retrial{1.0, Distribution::Constant(10)};
  s.contact_types[0].retrial->on_abandoned = false;
  s.contact_types[0].retrial->on_blocked = true;
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kBalked);
  EXPECT_EQ(run.result.retrials, 0);
  EXPECT_EQ(run.result.journeys.given_up, 1);
}

TEST(BalkingTest, NoBalkingWaitsAsBefore) {
  // balking 0 is the queue without balking: #1@10 waits 5, #2@20 waits 10.
  scenario::Scenario s = OneQueue({0, 10, 20}, 15);
  s.contact_types[0].balking = 0;
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_DOUBLE_EQ(run.rows[1].wait, 5);
  EXPECT_DOUBLE_EQ(run.rows[2].wait, 10);
  EXPECT_EQ(run.all.balked, 0);
  EXPECT_EQ(run.all.answered, 3);
  const Traced plain = Simulate(OneQueue({0, 10, 20}, 15));
  EXPECT_EQ(run.result.events, plain.result.events);
  ExpectFlowConserved(run);
}

TEST(BalkingTest, AFullQueueBlocksBeforeAnyoneBalks) {
  // queue_capacity 0 and balking 1: #1@10 has no room to wait, so it is blocked (not offered).
  scenario::Scenario s = OneQueue({0, 10}, 15);
  s.contact_types[0].balking = 1;
  s.contact_types[0].queue_capacity = 0;
  const Traced run = Simulate(s);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kBlocked);
  EXPECT_EQ(run.all.balked, 0);
  EXPECT_EQ(run.all.blocked, 1);
  EXPECT_EQ(run.all.offered, 1);
}

// ---- max_wait ----

TEST(MaxWaitTest, AContactStillWaitingAtAfterLeavesWithAMessage) {
  // max_wait 4 s, talk 15. #1@10 would be answered at 15; at 14 it is still waiting and
  // leaves with a message, having waited 4 s.
  scenario::Scenario s = OneQueue({0, 10}, 15);
  s.contact_types[0].max_wait = scenario::MaxWait{.after = 4};
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kMessage);
  EXPECT_DOUBLE_EQ(run.rows[1].end, 14);
  EXPECT_DOUBLE_EQ(run.rows[1].wait, 4);
  EXPECT_TRUE(std::isnan(run.rows[1].answer));
  EXPECT_EQ(run.Kpi(Kpi::kMessages), 1);
  EXPECT_EQ(run.Kpi(Kpi::kAbandoned), 0);
  EXPECT_EQ(run.Kpi(Kpi::kLost), 1);
  EXPECT_EQ(run.Kpi(Kpi::kOffered), 2);
  EXPECT_DOUBLE_EQ(run.result.wait_total, 4);
  EXPECT_EQ(run.events.at(EventKind::kMessage), 1);
  EXPECT_EQ(run.result.journeys.given_up, 1);  // no repeat
  ExpectFlowConserved(run);
}

TEST(MaxWaitTest, AnAgentFreedAtExactlyAfterAnswers) {
  // max_wait 5: #1@10 reaches 5 s of waiting at 15, exactly when the agent frees. Agents
  // coming free rank before the message: it is answered with a wait of 5.
  scenario::Scenario s = OneQueue({0, 10}, 15);
  s.contact_types[0].max_wait = scenario::MaxWait{.after = 5};
  const Traced run = Simulate(s);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kResolved);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 15);
  EXPECT_EQ(run.all.messages, 0);
}

TEST(MaxWaitTest, PatienceEndingAtAfterIsAnAbandonment) {
  // Patience 4 = max_wait 4: the customer's hang-up ranks before the message.
  scenario::Scenario s = OneQueue({0, 10}, 15);
  s.contact_types[0].max_wait = scenario::MaxWait{.after = 4};
  s.contact_types[0].patience = Distribution::Constant(4);
  const Traced run = Simulate(s);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kAbandoned);
  EXPECT_EQ(run.all.abandoned, 1);
  EXPECT_EQ(run.all.messages, 0);
}

TEST(MaxWaitTest, AMessagedCustomerFollowsRepeat) {
  // max_wait 4, repeat {1, 10 s}: #1@10 leaves at 14 and calls back at 24 (attempt 2, a
  // repeat: the retrial, if any, is for abandonments); the agent is free since 15.
  scenario::Scenario s = OneQueue({0, 10}, 15);
  s.contact_types[0].max_wait = scenario::MaxWait{.after = 4};
  s.contact_types[0].repeat = scenario::Repeat{1.0, Distribution::Constant(10)};
  s.contact_types[0].retrial = scenario::Retrial{1.0, Distribution::Constant(50)};
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_EQ(run.rows[2].customer_id, run.rows[1].customer_id);
  EXPECT_EQ(run.rows[2].attempt, 2);
  EXPECT_DOUBLE_EQ(run.rows[2].arrival, 24);
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 24);
  EXPECT_EQ(run.events.at(EventKind::kRepeat), 1);
  EXPECT_EQ(run.result.retrials, 0);
  EXPECT_EQ(run.result.journeys.resolved, 2);
  ExpectFlowConserved(run);
}

// ---- at_close: clear ----

// OneQueue open [0, close) of each week from Monday 00:00, at_close: clear.
scenario::Scenario ClosingQueue(std::vector<double> times, double handle, double close) {
  scenario::Scenario s = OneQueue(std::move(times), handle);
  s.start = scenario::ParseDateTime("2026-03-02 00:00");  // a Monday
  s.contact_types[0].open =
      scenario::OpenHours{.week = {{0, close}}, .at_close = scenario::AtClose::kClear};
  return s;
}

TEST(AtCloseTest, ClearSendsEveryWaitingContactAway) {
  // Open [0, 50), talk 50, arrivals 0, 10, 20, 30. #0 talks 0-50; at 50 the agent frees
  // (first: agents coming free rank before a close) and takes #1; #2 and #3 are still
  // waiting and leave with outcome closed, having waited 30 and 20 s.
  const Traced run = Simulate(ClosingQueue({0, 10, 20, 30}, 50, 50));
  ASSERT_EQ(run.rows.size(), 4u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kResolved);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 50);
  for (int i : {2, 3}) {
    EXPECT_EQ(run.rows[i].outcome, ContactOutcome::kClosed) << i;
    EXPECT_DOUBLE_EQ(run.rows[i].end, 50) << i;
    EXPECT_DOUBLE_EQ(run.rows[i].wait, 50 - run.rows[i].arrival) << i;
  }
  EXPECT_EQ(run.Kpi(Kpi::kClosed), 2);
  EXPECT_EQ(run.Kpi(Kpi::kOffered), 4);  // cleared contacts were offered
  EXPECT_EQ(run.Kpi(Kpi::kLost), 2);
  EXPECT_EQ(run.Kpi(Kpi::kAbandonRate), 0);
  EXPECT_DOUBLE_EQ(run.result.wait_total, 40 + 30 + 20);
  EXPECT_EQ(run.events.at(EventKind::kClose), 2);
  EXPECT_EQ(run.result.journeys.given_up, 2);  // no repeat
  ExpectFlowConserved(run);
}

TEST(AtCloseTest, ClearedCustomersFollowRepeat) {
  // As above with repeat {1, 60 s}: #2 and #3 would call back at 110, after the horizon
  // (100), so their journeys are open at the end rather than given up.
  scenario::Scenario s = ClosingQueue({0, 10, 20, 30}, 50, 50);
  s.contact_types[0].repeat = scenario::Repeat{1.0, Distribution::Constant(60)};
  const Traced run = Simulate(s);
  EXPECT_EQ(run.all.closed, 2);
  EXPECT_EQ(run.result.journeys.open_at_end, 2);
  EXPECT_EQ(run.result.journeys.given_up, 0);
}

TEST(AtCloseTest, ACloseAtTheHorizonStillClears) {
  // Open [0, 100) = the horizon, talk 200: #1@10 waits until the close at 100 and leaves.
  const Traced run = Simulate(ClosingQueue({0, 10}, 200, 100));
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kClosed);
  EXPECT_DOUBLE_EQ(run.rows[1].end, 100);
  // drain (the default) serves it after the agent frees at 200.
  scenario::Scenario drain = ClosingQueue({0, 10}, 200, 100);
  drain.contact_types[0].open->at_close = scenario::AtClose::kDrain;
  const Traced drained = Simulate(drain);
  EXPECT_EQ(drained.rows[1].outcome, ContactOutcome::kResolved);
  EXPECT_DOUBLE_EQ(drained.rows[1].answer, 200);
  EXPECT_EQ(drained.all.closed, 0);
}

TEST(AtCloseTest, ACustomerWhoWouldCallWhileClosedCallsAtTheOpening) {
  // Open [0, 50) and from 80 on, talk 20, arrivals 0, 10, 20, 30: #0 talks 0-20, #1 20-40,
  // #2 40-60; #3 still waits at the close (50) and is cleared. With repeat {1, 10 s} it
  // would call at 60, while closed: it calls at the opening, 80, and is answered at once.
  scenario::Scenario s = ClosingQueue({0, 10, 20, 30}, 20, 50);
  s.contact_types[0].open->week.push_back({80, 7 * 24 * 3600.0});
  s.contact_types[0].repeat = scenario::Repeat{1.0, Distribution::Constant(10)};
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 5u);
  EXPECT_EQ(run.rows[3].outcome, ContactOutcome::kClosed);
  EXPECT_DOUBLE_EQ(run.rows[4].arrival, 80);
  EXPECT_DOUBLE_EQ(run.rows[4].answer, 80);
  EXPECT_EQ(run.rows[4].outcome, ContactOutcome::kResolved);
  EXPECT_EQ(run.events.at(EventKind::kRepeat), 1);
  ExpectFlowConserved(run);
}

// ---- lines ----

TEST(LinesTest, OneLineBlocksTheSecondCallerEvenWithAnIdleAgent) {
  // lines 1, two agents, talk 15 + wrap-up 10. #0@0 holds the line 0-15; #1@10 finds no
  // line (agent 1 idle): blocked. The line frees at the end of #0's talk, not of its
  // wrap-up (25): #2@20 is answered by agent 1.
  scenario::Scenario s = OneQueue({0, 10, 20}, 15, 2);
  s.contact_types[0].wrap_up = Distribution::Constant(10);
  s.lines = 1;
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kBlocked);
  EXPECT_DOUBLE_EQ(run.rows[1].end, 10);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kResolved);
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 20);
  EXPECT_EQ(run.rows[2].agent_id, 1);
  EXPECT_EQ(run.Kpi(Kpi::kBlocked), 1);
  EXPECT_EQ(run.Kpi(Kpi::kOffered), 2);  // blocked contacts are not offered
  EXPECT_EQ(run.Kpi(Kpi::kLost), 0);
  EXPECT_EQ(run.result.journeys.given_up, 1);  // retrial.on is [abandoned] by default
  ExpectFlowConserved(run);
}

TEST(LinesTest, WaitingContactsHoldLinesAndATalkEndingFreesOneAtItsInstant) {
  // lines 2, one agent, talk 15. #0@0 talks 0-15; #1@10 waits (line 2); #2@12 is blocked.
  // At 15 #0's talk ends: its line frees before the arrival #3@15 takes it; the agent takes
  // #1 (15-30), #3 waits until 30.
  scenario::Scenario s = OneQueue({0, 10, 12, 15}, 15);
  s.lines = 2;
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 4u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kResolved);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 15);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kBlocked);
  EXPECT_EQ(run.rows[3].outcome, ContactOutcome::kResolved);
  EXPECT_DOUBLE_EQ(run.rows[3].answer, 30);
  EXPECT_EQ(run.all.blocked, 1);
  ExpectFlowConserved(run);
}

TEST(LinesTest, ChatsHoldNoLine) {
  // lines 1 counts voice only: a chat at 5 beside a call in progress is answered.
  scenario::Scenario s = OneQueue({0}, 15, 2);
  scenario::ContactType chat = s.contact_types[0];
  chat.name = "chat";
  chat.channel = scenario::Channel::kChat;
  chat.arrivals.times = {5};
  s.contact_types.push_back(chat);
  s.agent_groups[0].skills.push_back({.contact_type = 1});
  s.lines = 1;
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.rows[1].contact_type, 1);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kResolved);
  EXPECT_EQ(run.all.blocked, 0);
}

// ---- retrial.on ----

TEST(RetrialOnTest, BlockedContactsRetryWhenOnHasBlocked) {
  // queue_capacity 0, retrial {1, 10 s, on: [blocked]}: #1@10 is blocked and tries again
  // at 20, when the agent (free since 15) answers it.
  scenario::Scenario s = OneQueue({0, 10}, 15);
  s.contact_types[0].queue_capacity = 0;
  s.contact_types[0].retrial = scenario::Retrial{1.0, Distribution::Constant(10)};
  s.contact_types[0].retrial->on_blocked = true;
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kBlocked);
  EXPECT_EQ(run.rows[2].customer_id, run.rows[1].customer_id);
  EXPECT_EQ(run.rows[2].attempt, 2);
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 20);
  EXPECT_EQ(run.result.retrials, 1);
  EXPECT_EQ(run.events.at(EventKind::kRetrial), 1);
  EXPECT_EQ(run.result.journeys.resolved, 2);
  EXPECT_EQ(run.result.journeys.given_up, 0);
  ExpectFlowConserved(run);
  // By default (on: [abandoned]) the blocked customer gives up.
  s.contact_types[0].retrial->on_blocked = false;
  const Traced plain = Simulate(s);
  EXPECT_EQ(plain.rows.size(), 2u);
  EXPECT_EQ(plain.result.retrials, 0);
  EXPECT_EQ(plain.result.journeys.given_up, 1);
}

TEST(RetrialOnTest, ContactsBlockedByLinesRetryToo) {
  // lines 1, two agents: #1@10 finds no line, retries at 20 (the line is free since 15).
  scenario::Scenario s = OneQueue({0, 10}, 15, 2);
  s.lines = 1;
  s.contact_types[0].retrial = scenario::Retrial{1.0, Distribution::Constant(10)};
  s.contact_types[0].retrial->on_blocked = true;
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kBlocked);
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 20);
  EXPECT_EQ(run.result.retrials, 1);
}

TEST(RetrialOnTest, AbandonmentsDoNotRetryWhenOnLacksAbandoned) {
  // Patience 2, retrial {1, 10 s, on: [blocked]}: #1@10 abandons at 12 and is gone.
  scenario::Scenario s = OneQueue({0, 10}, 15);
  s.contact_types[0].patience = Distribution::Constant(2);
  s.contact_types[0].retrial = scenario::Retrial{1.0, Distribution::Constant(10)};
  s.contact_types[0].retrial->on_abandoned = false;
  s.contact_types[0].retrial->on_blocked = true;
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kAbandoned);
  EXPECT_EQ(run.result.retrials, 0);
  EXPECT_EQ(run.result.journeys.given_up, 1);
}

}  // namespace
}  // namespace ccsim::model
