// Exact, hand-computed small cases: replayed arrival times, constant handle times, a
// handful of agents. Every expected number below is worked out in the comment beside it.
#include "sim/model/replication.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <optional>
#include <tuple>
#include <mutex>
#include <vector>

#include "sim/model/model.h"
#include "sim/model/summary.h"

namespace ccsim::model {
namespace {

using scenario::Distribution;

class RecordingSink : public TraceSink {
 public:
  void OnContacts(int replication, std::span<const ContactRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const ContactRecord& r : chunk) rows[replication].push_back(r);
  }
  void OnAgentSpells(int replication, std::span<const AgentSpellRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    spells.insert(spells.end(), chunk.begin(), chunk.end());
  }
  void OnEvents(int replication, std::span<const EventRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    events.insert(events.end(), chunk.begin(), chunk.end());
  }
  std::map<int, std::vector<ContactRecord>> rows;
  std::vector<AgentSpellRecord> spells;
  std::vector<EventRecord> events;

 private:
  std::mutex mu_;
};

scenario::ContactType Replay(const std::string& name, std::vector<double> times, double handle) {
  scenario::ContactType ct;
  ct.name = name;
  ct.arrivals.kind = scenario::ArrivalKind::kFile;
  ct.arrivals.times = std::move(times);
  ct.handle_time = Distribution::Constant(handle);
  ct.service_level.threshold = 5;
  return ct;
}

scenario::AgentGroup Group(const std::string& name, int agents, std::vector<scenario::Skill> skills) {
  scenario::AgentGroup g;
  g.name = name;
  g.agents = agents;
  g.skills = std::move(skills);
  return g;
}

scenario::Scenario OneQueue(std::vector<double> times, double handle, int agents = 1) {
  scenario::Scenario s;
  s.name = "exact";
  s.horizon = 100;
  s.interval = 50;
  s.contact_types.push_back(Replay("call", std::move(times), handle));
  s.agent_groups.push_back(Group("desk", agents, {{.contact_type = 0}}));
  return s;
}

struct Outcome {
  ReplicationResult result;
  std::vector<ContactRecord> rows;  // in contact_id order
};

Outcome Simulate(const scenario::Scenario& s, uint64_t seed = 1) {
  const Model m(s);
  RecordingSink sink;
  Outcome run{model::Simulate(m, 0, {.seed = seed, .trace = &sink}), sink.rows[0]};
  std::sort(run.rows.begin(), run.rows.end(),
            [](const ContactRecord& a, const ContactRecord& b) { return a.contact_id < b.contact_id; });
  return run;
}

TEST(ReplicationTest, SingleAgentFifoQueue) {
  // Arrivals 0, 10, 20; talk 15 s each; one agent.
  // #0 answered 0, ends 15.  #1 waits 15-10 = 5, ends 30.  #2 waits 30-20 = 10, ends 45.
  const Outcome run = Simulate(OneQueue({0, 10, 20}, 15));
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_DOUBLE_EQ(run.rows[0].answer, 0);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 15);
  EXPECT_DOUBLE_EQ(run.rows[1].wait, 5);
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 30);
  EXPECT_DOUBLE_EQ(run.rows[2].end, 45);
  EXPECT_DOUBLE_EQ(run.rows[2].wait, 10);
  for (const ContactRecord& r : run.rows) {
    EXPECT_EQ(r.outcome, ContactOutcome::kResolved);
    EXPECT_EQ(r.agent_id, 0);
    EXPECT_DOUBLE_EQ(r.handle_time, 15);
  }
  const Counters c = run.result.Overall();
  EXPECT_EQ(c.offered, 3);
  EXPECT_EQ(c.answered, 3);
  EXPECT_EQ(c.answered_within, 2);  // waits 0 and 5 are within the 5 s threshold
  const KpiValues k = ComputeKpis(c, run.result.busy_time, run.result.staffed_time);
  EXPECT_DOUBLE_EQ(k[static_cast<int>(Kpi::kServiceLevel)], 2.0 / 3);
  EXPECT_DOUBLE_EQ(k[static_cast<int>(Kpi::kAsa)], 5);  // (0 + 5 + 10) / 3
  EXPECT_DOUBLE_EQ(k[static_cast<int>(Kpi::kAht)], 15);
  // Busy 0..45 of a 100 s horizon with one agent.
  EXPECT_DOUBLE_EQ(k[static_cast<int>(Kpi::kOccupancy)], 0.45);
  EXPECT_DOUBLE_EQ(run.result.end_time, 100);  // the horizon: the last contact ends at 45
  // Queue: one waiting over [10,15] and [20,30]; area 15 = total wait 5 + 10.
  EXPECT_DOUBLE_EQ(run.result.queue_area, 15);
  EXPECT_DOUBLE_EQ(run.result.wait_total, 15);
}

TEST(ReplicationTest, AbandonsWhenPatienceRunsOut) {
  // Patience 8 s. #1 (arrives 10) waits 5: answered at 15. #2 (arrives 20) would be
  // answered at 30 but its patience ends at 28: abandoned after 8 s.
  scenario::Scenario s = OneQueue({0, 10, 20}, 15);
  s.contact_types[0].patience = Distribution::Constant(8);
  const Outcome run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kResolved);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kAbandoned);
  EXPECT_DOUBLE_EQ(run.rows[2].end, 28);
  EXPECT_DOUBLE_EQ(run.rows[2].wait, 8);
  EXPECT_TRUE(std::isnan(run.rows[2].answer));
  EXPECT_EQ(run.rows[2].agent_id, -1);
  const Counters c = run.result.Overall();
  EXPECT_EQ(c.abandoned, 1);
  EXPECT_EQ(c.answered, 2);
  EXPECT_DOUBLE_EQ(c.wait_abandoned, 8);
  EXPECT_DOUBLE_EQ(run.result.end_time, 100);  // the horizon (#1 ends at 30, the last event)
}

TEST(ReplicationTest, AgentFreeingAtTheEndOfPatienceAnswers) {
  // #1 arrives at 10 with patience 5: its patience ends at 15, exactly when the agent
  // frees. Agents freeing rank before abandonments, so it is answered with wait 5.
  scenario::Scenario s = OneQueue({0, 10}, 15);
  s.contact_types[0].patience = Distribution::Constant(5);
  const Outcome run = Simulate(s);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kResolved);
  EXPECT_DOUBLE_EQ(run.rows[1].wait, 5);
}

TEST(ReplicationTest, AnArrivalSeesTheAgentFreedAtItsInstantOnEveryChannel) {
  // One agent, arrivals at 0 and 10, handle 10, no waiting room. The first contact ends
  // at 10: the agent is free for the second, whether it ends as a call or as a chat.
  for (scenario::Channel channel : {scenario::Channel::kVoice, scenario::Channel::kChat}) {
    scenario::Scenario s = OneQueue({0, 10}, 10);
    s.contact_types[0].channel = channel;
    s.contact_types[0].queue_capacity = 0;
    const Outcome run = Simulate(s);
    ASSERT_EQ(run.rows.size(), 2u);
    EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kResolved) << static_cast<int>(channel);
    EXPECT_DOUBLE_EQ(run.rows[1].answer, 10) << static_cast<int>(channel);
    EXPECT_EQ(run.result.Overall().blocked, 0) << static_cast<int>(channel);
  }
}

TEST(ReplicationTest, NoWaitingRoomBlocks) {
  // queue_capacity 0: #1 at 10 finds the agent busy (until 15) and no room: blocked.
  // #2 at 20 finds the agent free.
  scenario::Scenario s = OneQueue({0, 10, 20}, 15);
  s.contact_types[0].queue_capacity = 0;
  const Outcome run = Simulate(s);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kBlocked);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kResolved);
  EXPECT_DOUBLE_EQ(run.rows[2].wait, 0);
  const Counters c = run.result.Overall();
  EXPECT_EQ(c.blocked, 1);
  EXPECT_EQ(c.offered, 2);  // blocked contacts are not offered
}

TEST(ReplicationTest, QueueCapacityCountsOnlyWaitingContacts) {
  // Capacity 1: #0 answered at once, #1 (t=1) waits, #2 (t=2) finds one waiting: blocked.
  scenario::Scenario s = OneQueue({0, 1, 2}, 15);
  s.contact_types[0].queue_capacity = 1;
  const Outcome run = Simulate(s);
  EXPECT_EQ(run.rows[0].outcome, ContactOutcome::kResolved);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kResolved);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kBlocked);
}

TEST(ReplicationTest, AbandonedCustomerRetriesAsTheSameCustomer) {
  // #1 arrives at 1, patience 2: abandons at 3, retries with certainty 10 s later, at 13.
  // The agent is busy until 15: the retrial waits 2 s (patience 2 ends at 15, tie: answered).
  scenario::Scenario s = OneQueue({0, 1}, 15);
  s.contact_types[0].patience = Distribution::Constant(2);
  s.contact_types[0].retrial = scenario::Retrial{1.0, Distribution::Constant(10)};
  const Outcome run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kAbandoned);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kResolved);
  EXPECT_EQ(run.rows[2].customer_id, run.rows[1].customer_id);
  EXPECT_EQ(run.rows[2].attempt, 2);
  EXPECT_DOUBLE_EQ(run.rows[2].arrival, 13);
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 15);
  EXPECT_EQ(run.result.retrials, 1);
  EXPECT_EQ(run.result.Overall().offered, 3);  // a retrial is a new contact offered
}

TEST(ReplicationTest, RetrialAfterTheHorizonIsDropped) {
  scenario::Scenario s = OneQueue({0, 1}, 15);
  s.contact_types[0].patience = Distribution::Constant(2);
  s.contact_types[0].retrial = scenario::Retrial{1.0, Distribution::Constant(200)};
  const Outcome run = Simulate(s);
  EXPECT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.result.retrials, 0);
}

TEST(ReplicationTest, WrapUpKeepsTheAgentBusyButNotTheCustomer) {
  // Talk 10 + wrap-up 5: #0 ends at 10 but the agent frees at 15, when #1 (t=1) starts.
  scenario::Scenario s = OneQueue({0, 1}, 10);
  s.contact_types[0].wrap_up = Distribution::Constant(5);
  const Outcome run = Simulate(s);
  EXPECT_DOUBLE_EQ(run.rows[0].end, 10);
  EXPECT_DOUBLE_EQ(run.rows[0].handle_time, 15);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 15);
  EXPECT_DOUBLE_EQ(run.result.Overall().handle, 30);  // AHT counts talk + wrap-up
}

TEST(ReplicationTest, HandleTimeFactorScalesTalk) {
  scenario::Scenario s = OneQueue({0}, 10);
  s.agent_groups[0].skills[0].handle_time_factor = 1.5;
  const Outcome run = Simulate(s);
  EXPECT_DOUBLE_EQ(run.rows[0].end, 15);
}

// Two contact types; one agent busy on a first call until 10 while a low-priority (t=1)
// and a high-priority (t=2) contact wait.
scenario::Scenario TwoTypes(scenario::ContactSelection selection) {
  scenario::Scenario s;
  s.name = "priority";
  s.horizon = 100;
  s.contact_types.push_back(Replay("low", {0, 1}, 10));
  s.contact_types.push_back(Replay("high", {2}, 10));
  s.contact_types[1].priority = 1;
  s.agent_groups.push_back(Group("desk", 1, {{.contact_type = 0}, {.contact_type = 1}}));
  s.routing.contact_selection = selection;
  return s;
}

TEST(ReplicationTest, PriorityThenLongestWaitServesHigherPriorityFirst) {
  const Outcome run = Simulate(TwoTypes(scenario::ContactSelection::kPriorityThenLongestWait));
  // contact ids: 0 low@0, 1 low@1, 2 high@2. At 10 the high-priority one is taken.
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 10);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 20);
}

TEST(ReplicationTest, LongestWaitIgnoresPriority) {
  const Outcome run = Simulate(TwoTypes(scenario::ContactSelection::kLongestWait));
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 10);
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 20);
}

TEST(ReplicationTest, OverflowAddsAGroupAfterTheWait) {
  // "front" (1 agent) serves the type; "back" (1 agent) only by overflow after 30 s.
  // #0 at 0 goes to front until 100; #1 at 5 waits; at 35 it overflows to back.
  scenario::Scenario s = OneQueue({0, 5}, 100);
  s.horizon = 200;
  s.agent_groups.push_back(Group("back", 1, {}));
  s.routing.overflow.push_back({.contact_type = 0, .after = 30, .add_groups = {1}});
  const Outcome run = Simulate(s);
  EXPECT_EQ(run.rows[0].agent_group, 0);
  EXPECT_EQ(run.rows[1].agent_group, 1);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 35);
  EXPECT_DOUBLE_EQ(run.rows[1].wait, 30);
}

TEST(ReplicationTest, OverflowGroupTakesWaitingContactWhenItFreesUp) {
  // back is busy with its own type until 50; the call type overflows to it after 10 s.
  // #call@5 waits behind front (busy until 100); at 15 it is eligible for back, which is
  // busy; back frees at 50 and takes it (wait 45).
  scenario::Scenario s;
  s.name = "overflow";
  s.horizon = 200;
  s.contact_types.push_back(Replay("call", {0, 5}, 100));
  s.contact_types.push_back(Replay("other", {0}, 50));
  s.agent_groups.push_back(Group("front", 1, {{.contact_type = 0}}));
  s.agent_groups.push_back(Group("back", 1, {{.contact_type = 1}}));
  s.routing.overflow.push_back({.contact_type = 0, .after = 10, .add_groups = {1}});
  const Outcome run = Simulate(s);
  // Contact ids: arrivals at 0 are ordered by type (rank then entity): call#0, other#1.
  const ContactRecord& second_call = run.rows[2];
  ASSERT_EQ(second_call.contact_type, 0);
  EXPECT_EQ(second_call.agent_group, 1);
  EXPECT_DOUBLE_EQ(second_call.answer, 50);
}

// Two groups that both serve the type, one idle agent each since t = 0.
scenario::Scenario TwoGroups(scenario::AgentSelection selection,
                             scenario::Levels levels = scenario::Levels::kIgnore) {
  scenario::Scenario s = OneQueue({5}, 10);
  s.agent_groups[0].skills[0].level = 2;  // group 0: agent 0, level 2, one skill
  s.contact_types.push_back(Replay("other", {}, 10));
  s.agent_groups.push_back(Group("experts", 1, {{.contact_type = 0, .level = 1}, {.contact_type = 1}}));
  s.routing.agent_selection = selection;
  s.routing.levels = levels;
  return s;
}

TEST(ReplicationTest, AgentSelectionPolicies) {
  // Both agents idle since 0: longest_idle breaks the tie by agent id (agent 0, group 0);
  // most_skilled picks the level-1 group; fewest_skills the one-skill group 0.
  EXPECT_EQ(Simulate(TwoGroups(scenario::AgentSelection::kLongestIdle)).rows[0].agent_id, 0);
  EXPECT_EQ(Simulate(TwoGroups(scenario::AgentSelection::kMostSkilled)).rows[0].agent_id, 1);
  EXPECT_EQ(Simulate(TwoGroups(scenario::AgentSelection::kFewestSkills)).rows[0].agent_id, 0);
  // levels: rank: the level-1 agent whatever the policy (it breaks ties of level only).
  for (scenario::AgentSelection selection : scenario::kAgentSelections) {
    EXPECT_EQ(Simulate(TwoGroups(selection, scenario::Levels::kRank)).rows[0].agent_id, 1)
        << scenario::ToString(selection);
  }
}

TEST(ReplicationTest, LongestIdleAgentIsChosen) {
  // Two agents. #0@0 -> agent 0 (tie at 0, lower id), #1@1 -> agent 1.
  // Agent 0 frees at 10, agent 1 at 11; #2@20 goes to agent 0 (idle since 10).
  // With handle 10: ends 10, 11; #3@21 -> agent 1.
  const Outcome run = Simulate(OneQueue({0, 1, 20, 21}, 10, 2));
  EXPECT_EQ(run.rows[0].agent_id, 0);
  EXPECT_EQ(run.rows[1].agent_id, 1);
  EXPECT_EQ(run.rows[2].agent_id, 0);
  EXPECT_EQ(run.rows[3].agent_id, 1);
}

TEST(ReplicationTest, RandomSelectionSpreadsOverIdleAgents) {
  // One contact at t=5 with two idle agents: over many seeds each is picked about half
  // the time (binomial, n = 400: 5 standard deviations is 50).
  int agent0 = 0;
  const int n = 400;
  for (int seed = 1; seed <= n; ++seed) {
    agent0 += Simulate(TwoGroups(scenario::AgentSelection::kRandom), seed).rows[0].agent_id == 0;
  }
  EXPECT_NEAR(agent0, n / 2, 50);
  EXPECT_GT(agent0, 0);
  EXPECT_LT(agent0, n);
}

TEST(ReplicationTest, WarmupContactsAreSimulatedButNotCounted) {
  // Warmup 15: #0@0 and #1@10 are not counted; #2@20 (waits 10) is.
  scenario::Scenario s = OneQueue({0, 10, 20}, 15);
  s.warmup = 15;
  const Outcome run = Simulate(s);
  const Counters c = run.result.Overall();
  EXPECT_EQ(c.offered, 1);
  EXPECT_DOUBLE_EQ(c.wait_answered, 10);
  // Occupancy window [15, 100]: busy 15..45 = 30 of 85 agent-seconds.
  EXPECT_DOUBLE_EQ(run.result.busy_time, 30);
  EXPECT_DOUBLE_EQ(run.result.staffed_time, 85);
}

TEST(ReplicationTest, IntervalsCountByArrivalAndSplitBusyTime) {
  // Interval 50 s over a 100 s horizon. Arrivals 0, 10, 45, 60; talk 20; one agent.
  // #0 0-20, #1 20-40, #2 45-65, #3 waits until 65, 65-85.
  // Busy per interval: [0,50): 20+20+5 = 45, [50,100): 15+20 = 35.
  const Outcome run = Simulate(OneQueue({0, 10, 45, 60}, 20));
  ASSERT_EQ(run.result.intervals.size(), 2u);
  EXPECT_EQ(run.result.intervals[0].offered, 3);
  EXPECT_EQ(run.result.intervals[1].offered, 1);
  EXPECT_DOUBLE_EQ(run.result.intervals[1].wait_answered, 5);
  EXPECT_DOUBLE_EQ(run.result.interval_busy[0], 45);
  EXPECT_DOUBLE_EQ(run.result.interval_busy[1], 35);
  EXPECT_DOUBLE_EQ(run.result.interval_staffed[0], 50);
}

TEST(ReplicationTest, ContactsAfterTheHorizonAreStillServed) {
  // Arrivals stop at the horizon (100) but those inside are served: #1@95 ends at 110.
  const Outcome run = Simulate(OneQueue({0, 95}, 15));
  EXPECT_DOUBLE_EQ(run.rows[1].end, 110);
  EXPECT_DOUBLE_EQ(run.result.end_time, 110);
  // Occupancy window ends at the horizon: busy 0-15 and 95-100.
  EXPECT_DOUBLE_EQ(run.result.busy_time, 20);
}

TEST(ReplicationTest, NoAgentsLeavesContactsUnserved) {
  const Outcome run = Simulate(OneQueue({0, 10}, 15, 0));
  EXPECT_EQ(run.result.waiting_at_end, 2);
  EXPECT_EQ(run.result.Overall().offered, 2);
  EXPECT_EQ(run.result.Overall().answered, 0);
  EXPECT_EQ(run.result.Overall().unserved, 2);
  ASSERT_EQ(run.rows.size(), 2u);
  for (const ContactRecord& r : run.rows) EXPECT_EQ(r.outcome, ContactOutcome::kUnserved);
}

TEST(ReplicationTest, ContactsAfterTheLastShiftEndAreUnservedAndTheirJourneysGivenUp) {
  // One agent on duty [0, 50); calls at 0, 20 (15 s each) and 60, 70 with no patience.
  // #0 answered 0-15, #1 answered 20-35; #2 and #3 wait with nobody left: when the last
  // event (the arrival at 70) has run, they are unserved, having waited 10 and 0 s.
  scenario::Scenario s = OneQueue({0, 20, 60, 70}, 15, 0);
  s.agent_groups[0].shifts.push_back({.start = 0, .end = 50, .agents = 1});
  const Outcome run = Simulate(s);
  const Counters all = run.result.Overall();
  EXPECT_EQ(all.offered, 4);
  EXPECT_EQ(all.answered, 2);
  EXPECT_EQ(all.unserved, 2);
  EXPECT_EQ(all.offered, all.answered + all.abandoned + all.unserved);  // flow conservation
  EXPECT_EQ(run.result.intervals[1].unserved, 2);  // both arrived in [50, 100)
  EXPECT_EQ(run.result.waiting_at_end, 2);
  EXPECT_DOUBLE_EQ(run.result.wait_total, 10);
  EXPECT_DOUBLE_EQ(run.result.queue_area, run.result.wait_total);  // Little's law
  ASSERT_EQ(run.rows.size(), 4u);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kUnserved);
  EXPECT_DOUBLE_EQ(run.rows[2].end, 70);
  EXPECT_DOUBLE_EQ(run.rows[2].wait, 10);
  EXPECT_EQ(run.rows[3].outcome, ContactOutcome::kUnserved);
  const JourneyCounters& j = run.result.journeys;
  EXPECT_EQ(j.resolved, 2);
  EXPECT_EQ(j.given_up, 2);
  EXPECT_EQ(j.started, j.resolved + j.given_up + j.open_at_end);
  // FCR counts them as ended without resolution: 2 of 4, not 100%.
  const KpiValues k = ReplicationKpis(run.result)[0];
  EXPECT_DOUBLE_EQ(k[static_cast<int>(Kpi::kFcr)], 0.5);
  EXPECT_DOUBLE_EQ(k[static_cast<int>(Kpi::kUnserved)], 2);
}

TEST(ReplicationTest, SameSeedSameRunDifferentSeedDifferentRun) {
  scenario::Scenario s;
  s.name = "random";
  s.horizon = 3600;
  scenario::ContactType ct;
  ct.name = "call";
  ct.arrivals = scenario::Arrivals::Rate(0.05);
  ct.handle_time = Distribution::Exponential(60);
  ct.patience = Distribution::Exponential(30);
  s.contact_types.push_back(ct);
  s.agent_groups.push_back(Group("desk", 3, {{.contact_type = 0}}));
  const Outcome a = Simulate(s, 7), b = Simulate(s, 7), c = Simulate(s, 8);
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (size_t i = 0; i < a.rows.size(); ++i) {
    EXPECT_EQ(a.rows[i].arrival, b.rows[i].arrival);
    EXPECT_EQ(a.rows[i].end, b.rows[i].end);
  }
  EXPECT_NE(a.rows[0].arrival, c.rows[0].arrival);
}

TEST(ReplicationTest, CommonRandomNumbersAcrossStaffingLevels) {
  // Changing the staffing must not change who arrives when, nor their work content.
  scenario::Scenario s;
  s.name = "crn";
  s.horizon = 3600;
  scenario::ContactType ct;
  ct.name = "call";
  ct.arrivals = scenario::Arrivals::Rate(0.05);
  ct.handle_time = Distribution::Exponential(60);
  s.contact_types.push_back(ct);
  s.agent_groups.push_back(Group("desk", 2, {{.contact_type = 0}}));
  scenario::Scenario more = s;
  more.agent_groups[0].agents = 5;
  const Outcome a = Simulate(s), b = Simulate(more);
  ASSERT_EQ(a.rows.size(), b.rows.size());
  std::map<uint64_t, const ContactRecord*> by_customer;
  for (const ContactRecord& r : b.rows) by_customer[r.customer_id] = &r;
  for (const ContactRecord& r : a.rows) {
    const ContactRecord& o = *by_customer.at(r.customer_id);
    EXPECT_EQ(r.arrival, o.arrival);
    EXPECT_EQ(r.handle_time, o.handle_time);
  }
}

TEST(ReplicationTest, AgentSpellsAndEventLog) {
  // One agent; arrivals 0 and 50; talk 10 + wrap-up 5. Spells: busy [0,10), wrap-up
  // [10,15), idle [15,50), busy [50,60), wrap-up [60,65), idle [65,100): the horizon.
  scenario::Scenario s = OneQueue({0, 50}, 10);
  s.contact_types[0].wrap_up = Distribution::Constant(5);
  const Model m(s);
  RecordingSink sink;
  const ReplicationResult r =
      model::Simulate(m, 0, {.seed = 1, .trace = &sink, .trace_level = TraceLevel::kEvents});
  std::vector<AgentSpellRecord> spells = sink.spells;
  std::sort(spells.begin(), spells.end(),
            [](const AgentSpellRecord& a, const AgentSpellRecord& b) { return a.start < b.start; });
  const std::vector<std::tuple<AgentState, double, double>> expected = {
      {AgentState::kBusy, 0, 10}, {AgentState::kWrapUp, 10, 15}, {AgentState::kIdle, 15, 50},
      {AgentState::kBusy, 50, 60}, {AgentState::kWrapUp, 60, 65}, {AgentState::kIdle, 65, 100}};
  ASSERT_EQ(spells.size(), expected.size());
  for (size_t i = 0; i < spells.size(); ++i) {
    EXPECT_EQ(spells[i].state, std::get<0>(expected[i])) << i;
    EXPECT_DOUBLE_EQ(spells[i].start, std::get<1>(expected[i])) << i;
    EXPECT_DOUBLE_EQ(spells[i].end, std::get<2>(expected[i])) << i;
  }
  EXPECT_DOUBLE_EQ(r.end_time, 100);
  const std::vector<std::pair<EventKind, double>> log = {
      {EventKind::kArrival, 0},  {EventKind::kAnswer, 0},  {EventKind::kAgentFree, 15},
      {EventKind::kArrival, 50}, {EventKind::kAnswer, 50}, {EventKind::kAgentFree, 65}};
  ASSERT_EQ(sink.events.size(), log.size());
  for (size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(sink.events[i].kind, log[i].first) << i;
    EXPECT_DOUBLE_EQ(sink.events[i].time, log[i].second) << i;
  }
  EXPECT_EQ(sink.events[1].agent_id, 0);
  EXPECT_EQ(sink.events[3].contact_id, 1);
}

TEST(ReplicationTest, ContactsLevelRecordsNoSpellsOrEvents) {
  const Model m(OneQueue({0, 50}, 10));
  RecordingSink sink;
  model::Simulate(m, 0, {.seed = 1, .trace = &sink, .trace_level = TraceLevel::kContacts});
  EXPECT_EQ(sink.rows[0].size(), 2u);
  EXPECT_TRUE(sink.spells.empty());
  EXPECT_TRUE(sink.events.empty());
}

TEST(ReplicationTest, StopFlagEndsTheRunEarly) {
  scenario::Scenario s = OneQueue({}, 10);
  s.contact_types[0].arrivals = scenario::Arrivals::Rate(1.0);
  s.horizon = 1e7;
  const std::atomic<bool> stop{true};
  const ReplicationResult r = model::Simulate(Model(s), 0, {.seed = 1, .stop = &stop});
  EXPECT_TRUE(r.stopped);
  EXPECT_LT(r.events, 100000u);  // stopped at the first check, a few thousand events in
}

// ---- journeys: transfers, escalation, repeats, preferred agent ----

scenario::Outcome TransferTo(int type, double p) {
  scenario::Outcome o;
  o.kind = scenario::Outcome::Kind::kTransfer;
  o.transfer_to = type;
  o.probability = p;
  return o;
}

scenario::Outcome Unresolved(double p) {
  scenario::Outcome o;
  o.kind = scenario::Outcome::Kind::kUnresolved;
  o.probability = p;
  return o;
}

// Two departments, one agent each: "front" serves type 0, "back" serves type 1.
scenario::Scenario TwoDepartments(std::vector<double> front_arrivals, double front_talk,
                                  double back_talk) {
  scenario::Scenario s;
  s.name = "departments";
  s.horizon = 1000;
  s.contact_types.push_back(Replay("front", std::move(front_arrivals), front_talk));
  s.contact_types.push_back(Replay("back", {}, back_talk));
  s.agent_groups.push_back(Group("front_desk", 1, {{.contact_type = 0}}));
  s.agent_groups.push_back(Group("back_office", 1, {{.contact_type = 1}}));
  return s;
}

TEST(JourneyTest, TransferWithLostContextAddsReExplaining) {
  // Front talk 10 then a transfer with context lost (re-explain 5) to back (talk 20):
  // front 0-10 (transferred), back answers at 10 and talks 20 + 5 = 25, ends at 35.
  scenario::Scenario s = TwoDepartments({0}, 10, 20);
  scenario::Outcome t = TransferTo(1, 1.0);
  t.context_lost = true;
  t.re_explain = Distribution::Constant(5);
  s.contact_types[0].outcomes = {t};
  const Outcome run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.rows[0].outcome, ContactOutcome::kTransferred);
  EXPECT_DOUBLE_EQ(run.rows[0].end, 10);
  EXPECT_EQ(run.rows[1].contact_type, 1);
  EXPECT_EQ(run.rows[1].customer_id, run.rows[0].customer_id);
  EXPECT_EQ(run.rows[1].attempt, 2);
  EXPECT_DOUBLE_EQ(run.rows[1].arrival, 10);
  EXPECT_DOUBLE_EQ(run.rows[1].end, 35);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kResolved);
  const JourneyCounters& j = run.result.journeys;
  EXPECT_EQ(j.started, 1);
  EXPECT_EQ(j.resolved, 1);
  EXPECT_EQ(j.resolved_first, 0);
  EXPECT_EQ(j.contacts, 2);
  EXPECT_EQ(j.transfers, 1);
  EXPECT_DOUBLE_EQ(j.resolved_time, 35);
  EXPECT_EQ(run.result.by_type[0].transfers_out, 1);
  EXPECT_EQ(run.result.by_type[1].transfers_in, 1);
  const KpiValues k = ReplicationKpis(run.result)[0];
  EXPECT_DOUBLE_EQ(k[static_cast<int>(Kpi::kFcr)], 0);
  EXPECT_DOUBLE_EQ(k[static_cast<int>(Kpi::kContactsPerJourney)], 2);
  EXPECT_DOUBLE_EQ(k[static_cast<int>(Kpi::kTransfersPerJourney)], 1);
  EXPECT_DOUBLE_EQ(k[static_cast<int>(Kpi::kJourneyTime)], 35);
}

TEST(JourneyTest, ContextKeptCostsNothingExtra) {
  scenario::Scenario s = TwoDepartments({0}, 10, 20);
  scenario::Outcome t = TransferTo(1, 1.0);
  t.re_explain = Distribution::Constant(5);  // only charged when context is lost
  s.contact_types[0].outcomes = {t};
  EXPECT_DOUBLE_EQ(Simulate(s).rows[1].end, 30);
}

TEST(JourneyTest, EscalationCutsTheHandlingAtTheGuideline) {
  // Front talk would be 15; the guideline escalates at 10 to back (talk 5): 10-15.
  scenario::Scenario s = TwoDepartments({0}, 15, 5);
  s.contact_types[0].escalation = scenario::Escalation{.to = 1, .after = 10};
  const Outcome run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.rows[0].outcome, ContactOutcome::kEscalated);
  EXPECT_DOUBLE_EQ(run.rows[0].end, 10);
  EXPECT_DOUBLE_EQ(run.rows[0].handle_time, 10);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 10);
  EXPECT_DOUBLE_EQ(run.rows[1].end, 15);
  EXPECT_EQ(run.result.by_type[0].escalations_out, 1);
  EXPECT_EQ(run.result.by_type[1].escalations_in, 1);
  EXPECT_EQ(run.result.journeys.transfers, 0);  // an escalation is not a transfer
  EXPECT_DOUBLE_EQ(run.result.journeys.resolved_time, 15);
}

TEST(JourneyTest, HandlingShorterThanTheGuidelineIsNotEscalated) {
  scenario::Scenario s = TwoDepartments({0}, 9, 5);
  s.contact_types[0].escalation = scenario::Escalation{.to = 1, .after = 10};
  const Outcome run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 1u);
  EXPECT_EQ(run.rows[0].outcome, ContactOutcome::kResolved);
}

TEST(JourneyTest, UnresolvedCustomersRepeatUntilTheJourneyLimit) {
  // Always unresolved, back after 100 s, at most 3 contacts: contacts at 0, 110, 220; the
  // third's repeat (due at 330) would be a fourth contact, so the journey is given up.
  scenario::Scenario s = OneQueue({0}, 10);
  s.horizon = 1000;
  s.max_journey_contacts = 3;
  s.contact_types[0].outcomes = {Unresolved(1.0)};
  s.contact_types[0].repeat = scenario::Repeat{1.0, Distribution::Constant(100)};
  const Outcome run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(run.rows[i].outcome, ContactOutcome::kUnresolved);
    EXPECT_EQ(run.rows[i].attempt, i + 1);
    EXPECT_DOUBLE_EQ(run.rows[i].arrival, 110.0 * i);
  }
  const JourneyCounters& j = run.result.journeys;
  EXPECT_EQ(j.given_up, 1);
  EXPECT_EQ(j.resolved, 0);
  EXPECT_EQ(j.contacts, 3);
  EXPECT_DOUBLE_EQ(j.durations, 330);
}

TEST(JourneyTest, RepeatDueAfterTheHorizonLeavesTheJourneyOpen) {
  scenario::Scenario s = OneQueue({0}, 10);
  s.contact_types[0].outcomes = {Unresolved(1.0)};
  s.contact_types[0].repeat = scenario::Repeat{1.0, Distribution::Constant(500)};
  const Outcome run = Simulate(s);  // horizon 100
  EXPECT_EQ(run.rows.size(), 1u);
  EXPECT_EQ(run.result.journeys.open_at_end, 1);
  EXPECT_EQ(run.result.journeys.given_up, 0);
}

TEST(JourneyTest, DisconnectedTransferFollowsRepeatOfItsType) {
  // The transfer always drops the customer; without repeat the journey is given up and
  // back never sees the customer.
  scenario::Scenario s = TwoDepartments({0}, 10, 20);
  scenario::Outcome t = TransferTo(1, 1.0);
  t.disconnect = 1.0;
  s.contact_types[0].outcomes = {t};
  Outcome run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 1u);
  EXPECT_EQ(run.rows[0].outcome, ContactOutcome::kDisconnected);
  EXPECT_EQ(run.result.journeys.given_up, 1);
  EXPECT_EQ(run.result.by_type[1].transfers_in, 0);
  // With repeat, the customer calls the front desk again 50 s after being cut off at 10.
  s.contact_types[0].repeat = scenario::Repeat{1.0, Distribution::Constant(50)};
  s.max_journey_contacts = 2;
  run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.rows[1].contact_type, 0);
  EXPECT_DOUBLE_EQ(run.rows[1].arrival, 60);
}

TEST(JourneyTest, SkillOutcomesOverrideTheTypes) {
  // The type resolves everything; the desk's skill leaves it unresolved.
  scenario::Scenario s = OneQueue({0}, 10);
  s.agent_groups[0].skills[0].outcomes = std::vector<scenario::Outcome>{Unresolved(1.0)};
  EXPECT_EQ(Simulate(s).rows[0].outcome, ContactOutcome::kUnresolved);
}

// Two agents. X (customer 0) arrives at 0, agent 0 leaves it unresolved (talk 10), it
// comes back at 30. Y at 25 goes to agent 1 (idle longer), Z at 26 to agent 0: both busy
// until 35 and 36 when X returns.
scenario::Scenario ReturningCustomer(std::optional<double> preferred_wait) {
  scenario::Scenario s = OneQueue({0, 25, 26}, 10, 2);
  s.max_journey_contacts = 2;
  s.contact_types[0].outcomes = {Unresolved(1.0)};
  s.contact_types[0].repeat = scenario::Repeat{1.0, Distribution::Constant(20)};
  s.routing.preferred_agent_wait = preferred_wait;
  return s;
}

ContactRecord SecondContactOfFirstCustomer(const scenario::Scenario& s) {
  for (const ContactRecord& r : Simulate(s).rows) {
    if (r.customer_id == 0 && r.attempt == 2) return r;
  }
  ADD_FAILURE() << "no second contact";
  return {};
}

TEST(JourneyTest, PreferredAgentWaitsForTheLastAgent) {
  // Without preferred routing X is taken by agent 1 at 35; with it X waits for agent 0
  // (free at 36) even though agent 1 frees first.
  const ContactRecord plain = SecondContactOfFirstCustomer(ReturningCustomer(std::nullopt));
  EXPECT_EQ(plain.agent_id, 1);
  EXPECT_DOUBLE_EQ(plain.answer, 35);
  const ContactRecord x = SecondContactOfFirstCustomer(ReturningCustomer(120.0));
  EXPECT_EQ(x.agent_id, 0);
  EXPECT_DOUBLE_EQ(x.answer, 36);
}

TEST(JourneyTest, PreferredAgentWaitEndsThenAnyoneMayAnswer) {
  // Wait only 3 s: from 33 X may go to anyone; agent 1 frees first, at 35.
  const ContactRecord x = SecondContactOfFirstCustomer(ReturningCustomer(3.0));
  EXPECT_EQ(x.agent_id, 1);
  EXPECT_DOUBLE_EQ(x.answer, 35);
}

TEST(JourneyTest, PreferredAgentIdleTakesTheReturningCustomerAtOnce) {
  // Alone, X returns at 30 to an idle agent 0 (agent 1 idle longer would win otherwise).
  scenario::Scenario s = ReturningCustomer(120.0);
  s.contact_types[0].arrivals.times = {0};
  const ContactRecord x = SecondContactOfFirstCustomer(s);
  EXPECT_EQ(x.agent_id, 0);
  EXPECT_DOUBLE_EQ(x.answer, 30);
}

}  // namespace
}  // namespace ccsim::model
