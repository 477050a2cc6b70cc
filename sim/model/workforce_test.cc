// The workforce: shifts, breaks, absence and personal handle-time factors. Exact cases
// are worked out in the comments; statistical ones derive their tolerance from the sample.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <vector>

#include "sim/engine/replication_runner.h"
#include "sim/engine/statistics.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/summary.h"

namespace ccsim::model {
namespace {

using scenario::Distribution;

class RecordingSink : public TraceSink {
 public:
  void OnContacts(int, std::span<const ContactRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    rows.insert(rows.end(), chunk.begin(), chunk.end());
  }
  void OnAgentSpells(int, std::span<const AgentSpellRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    spells.insert(spells.end(), chunk.begin(), chunk.end());
  }
  std::vector<ContactRecord> rows;
  std::vector<AgentSpellRecord> spells;

 private:
  std::mutex mu_;
};

scenario::Scenario Desk(std::vector<double> arrivals, double talk, double horizon) {
  scenario::Scenario s;
  s.name = "workforce";
  s.horizon = horizon;
  s.interval = horizon;
  scenario::ContactType ct;
  ct.name = "call";
  ct.arrivals.kind = scenario::ArrivalKind::kFile;
  ct.arrivals.times = std::move(arrivals);
  ct.handle_time = Distribution::Constant(talk);
  s.contact_types.push_back(ct);
  return s;
}

scenario::AgentGroup ShiftGroup(const std::string& name, std::vector<scenario::Shift> shifts) {
  scenario::AgentGroup g;
  g.name = name;
  g.shifts = std::move(shifts);
  g.skills = {{.contact_type = 0}};
  return g;
}

struct Run {
  ReplicationResult result;
  RecordingSink sink;
};

std::unique_ptr<Run> Simulate(const scenario::Scenario& s, uint64_t seed = 1) {
  auto run = std::make_unique<Run>();
  run->result = model::Simulate(Model(s), 0,
                                {.seed = seed, .trace = &run->sink, .trace_level = TraceLevel::kEvents});
  std::sort(run->sink.rows.begin(), run->sink.rows.end(),
            [](const ContactRecord& a, const ContactRecord& b) { return a.contact_id < b.contact_id; });
  return run;
}

// Every agent's spells, sorted, cover [0, end_time] with no gap and no overlap.
void ExpectSpellsTile(const std::vector<AgentSpellRecord>& spells, int agents, double end) {
  std::map<int, std::vector<AgentSpellRecord>> by_agent;
  for (const AgentSpellRecord& s : spells) by_agent[s.agent_id].push_back(s);
  ASSERT_EQ(static_cast<int>(by_agent.size()), agents);
  for (auto& [agent, list] : by_agent) {
    std::sort(list.begin(), list.end(),
              [](const AgentSpellRecord& a, const AgentSpellRecord& b) { return a.start < b.start; });
    EXPECT_EQ(list.front().start, 0) << "agent " << agent;
    for (size_t i = 1; i < list.size(); ++i) {
      EXPECT_EQ(list[i].start, list[i - 1].end) << "agent " << agent << " spell " << i;
    }
    EXPECT_EQ(list.back().end, end) << "agent " << agent;
  }
}

double Spent(const std::vector<AgentSpellRecord>& spells, int agent, AgentState state) {
  double total = 0;
  for (const AgentSpellRecord& s : spells) {
    if (s.agent_id == agent && s.state == state) total += s.end - s.start;
  }
  return total;
}

TEST(ShiftTest, AgentFinishesTheContactInHandAtShiftEnd) {
  // Early shift [0,100), late shift [150,300). #0 arrives at 90 (talk 30): early agent
  // 90-120, past its shift end. #1 arrives at 110: the early agent leaves at 120 without
  // taking it; the late agent answers it at 150.
  scenario::Scenario s = Desk({90, 110}, 30, 200);
  s.agent_groups.push_back(ShiftGroup("early", {{.start = 0, .end = 100, .agents = 1}}));
  s.agent_groups.push_back(ShiftGroup("late", {{.start = 150, .end = 300, .agents = 1}}));
  const auto run = Simulate(s);
  ASSERT_EQ(run->sink.rows.size(), 2u);
  EXPECT_EQ(run->sink.rows[0].agent_id, 0);
  EXPECT_DOUBLE_EQ(run->sink.rows[0].end, 120);
  EXPECT_EQ(run->sink.rows[1].agent_id, 1);
  EXPECT_DOUBLE_EQ(run->sink.rows[1].answer, 150);
  // Early: idle 0-90, busy 90-120, offline 120-200. Late: offline 0-150, busy 150-180,
  // idle 180-200 (the horizon; the late shift runs past it).
  EXPECT_DOUBLE_EQ(Spent(run->sink.spells, 0, AgentState::kOffline), 80);
  EXPECT_DOUBLE_EQ(Spent(run->sink.spells, 1, AgentState::kOffline), 150);
  ExpectSpellsTile(run->sink.spells, 2, 200);
  // Staffed: early 0-120 (it stays on until its contact ends), late 150-200.
  EXPECT_DOUBLE_EQ(run->result.staffed_time, 170);
  EXPECT_DOUBLE_EQ(run->result.agents[0].staffed, 120);
  EXPECT_DOUBLE_EQ(run->result.agents[1].staffed, 50);
}

TEST(BreakTest, BreakDueMidContactStartsWhenTheContactEnds) {
  // Break after 50 for 20. #0 40-70 (talk 30): the break falls due at 50 and starts at 70,
  // until 90. #1 arrives at 75 and waits until 90.
  scenario::Scenario s = Desk({40, 75}, 30, 1000);
  s.agent_groups.push_back(ShiftGroup(
      "desk", {{.start = 0, .end = 1000, .agents = 1, .breaks = {{.after = 50, .duration = 20}}}}));
  const auto run = Simulate(s);
  EXPECT_DOUBLE_EQ(run->sink.rows[1].answer, 90);
  EXPECT_DOUBLE_EQ(Spent(run->sink.spells, 0, AgentState::kBreak), 20);
  ExpectSpellsTile(run->sink.spells, 1, 1000);
  EXPECT_DOUBLE_EQ(run->result.staffed_time, 980);  // a break is not staffed time
  EXPECT_DOUBLE_EQ(run->result.interval_on_break[0], 20);
}

TEST(BreakTest, IdleAgentTakesTheBreakOnTimeAndCallsWait) {
  // Break [50,70) while idle: #0 arriving at 55 is answered at 70.
  scenario::Scenario s = Desk({55}, 10, 1000);
  s.agent_groups.push_back(ShiftGroup(
      "desk", {{.start = 0, .end = 1000, .agents = 1, .breaks = {{.after = 50, .duration = 20}}}}));
  const auto run = Simulate(s);
  EXPECT_DOUBLE_EQ(run->sink.rows[0].answer, 70);
}

TEST(BreakTest, TwoBreaksInOrder) {
  // Breaks after 50 (10) and after 100 (30): on break 50-60 and 100-130.
  scenario::Scenario s = Desk({105}, 10, 1000);
  s.agent_groups.push_back(ShiftGroup("desk", {{.start = 0, .end = 1000, .agents = 1,
                                                .breaks = {{.after = 50, .duration = 10},
                                                           {.after = 100, .duration = 30}}}}));
  const auto run = Simulate(s);
  EXPECT_DOUBLE_EQ(run->sink.rows[0].answer, 130);
  EXPECT_DOUBLE_EQ(Spent(run->sink.spells, 0, AgentState::kBreak), 40);
}

TEST(ShiftTest, DailyShiftRepeatsEveryDay) {
  // 08:00-16:00 every day over two days. Calls at 09:00 and at day 2 09:00 are answered at
  // once; a call at 20:00 waits until day 2 08:00.
  const double h = 3600;
  scenario::Scenario s = Desk({9 * h, 20 * h, 33 * h}, 60, 48 * h);
  s.agent_groups.push_back(ShiftGroup("desk", {{.start = 8 * h, .end = 16 * h, .agents = 1,
                                                .repeat = scenario::ShiftRepeat::kDaily}}));
  const auto run = Simulate(s);
  ASSERT_EQ(run->sink.rows.size(), 3u);
  EXPECT_DOUBLE_EQ(run->sink.rows[0].wait, 0);
  EXPECT_DOUBLE_EQ(run->sink.rows[1].answer, 32 * h);
  EXPECT_DOUBLE_EQ(run->sink.rows[2].answer, 33 * h);  // the 20:00 caller left at 32h + 60 s
  EXPECT_DOUBLE_EQ(run->result.staffed_time, 16 * h);
  ExpectSpellsTile(run->sink.spells, 1, 48 * h);
}

TEST(ShiftTest, ShiftsEqualToAConstantHeadcountGiveTheSameResults) {
  // One shift covering the whole horizon, no breaks = a constant headcount: same seed,
  // same numbers, to the bit (the agents' pay too).
  scenario::Scenario constant = Desk({}, 0, 8 * 3600);
  constant.contact_types[0].arrivals = scenario::Arrivals::Rate(0.05);
  constant.contact_types[0].handle_time = Distribution::Exponential(180);
  constant.contact_types[0].patience = Distribution::Exponential(120);
  scenario::AgentGroup g;
  g.name = "desk";
  g.agents = 9;
  g.skills = {{.contact_type = 0}};
  constant.agent_groups.push_back(g);
  constant.costs = scenario::Costs{.currency = "EUR",
                                   .agent_hour = {20},
                                   .per_handled = {1},
                                   .per_abandoned = {3},
                                   .per_callback = {0},
                                   .revenue_per_resolved = {7}};
  scenario::Scenario shifted = constant;
  shifted.agent_groups[0] = ShiftGroup("desk", {{.start = 0, .end = 8 * 3600, .agents = 9}});
  for (int rep = 0; rep < 3; ++rep) {
    const ReplicationResult a = model::Simulate(Model(constant), rep, {.seed = 5});
    const ReplicationResult b = model::Simulate(Model(shifted), rep, {.seed = 5});
    const KpiValues ka = ReplicationKpis(a)[0], kb = ReplicationKpis(b)[0];
    for (int k = 0; k < kKpiCount; ++k) {  // (NaN in both: undefined in both, as callback_wait)
      EXPECT_TRUE(ka[k] == kb[k] || (std::isnan(ka[k]) && std::isnan(kb[k])))
          << ToString(static_cast<Kpi>(k)) << ", replication " << rep;
    }
    EXPECT_EQ(a.wait_total, b.wait_total);
  }
}

TEST(AbsenteeismTest, MeanStaffedAgentsIsOneMinusPTimesN) {
  // 20 agents, each absent for the day with probability 0.3: mean staffed agents 14.
  scenario::Scenario s = Desk({}, 60, 3600);
  s.contact_types[0].arrivals = scenario::Arrivals::Rate(0.01);
  s.agent_groups.push_back(ShiftGroup("desk", {{.start = 0, .end = 3600, .agents = 20}}));
  s.agent_groups[0].absenteeism = 0.3;
  const Model m(s);
  const int reps = 400;
  const auto results = engine::RunReplications<ReplicationResult>(
      reps, 0, [&](int rep) { return model::Simulate(m, rep, {.seed = 17}); });
  std::vector<double> staffed;
  for (const ReplicationResult& r : results) staffed.push_back(r.staffed_time / 3600);
  const engine::Estimate e = engine::EstimateMean(staffed);
  EXPECT_NEAR(e.mean, 14.0, 1.5 * e.ci95);
  // Binomial(20, 0.7): sd sqrt(4.2) = 2.05, so the CI half-width is about 0.2.
  EXPECT_LT(e.ci95, 0.3);
  EXPECT_GT(e.ci95, 0.1);
}

TEST(AbsenteeismTest, ConstantHeadcountAgentsAreAbsentForTheRun) {
  scenario::Scenario s = Desk({}, 60, 3600);
  scenario::AgentGroup g;
  g.name = "desk";
  g.agents = 5;
  g.absenteeism = 1.0;
  g.skills = {{.contact_type = 0}};
  s.agent_groups.push_back(g);
  EXPECT_EQ(model::Simulate(Model(s), 0, {.seed = 1}).staffed_time, 0);
}

TEST(AgentVariationTest, PersonalFactorsHaveMeanOneAndTheGivenSpread) {
  // Constant talk 100 s: each agent's AHT is 100 × its factor. 400 agents, one call each.
  std::vector<double> arrivals;
  for (int i = 0; i < 400; ++i) arrivals.push_back(i * 0.001);
  scenario::Scenario s = Desk(arrivals, 100, 3600);
  s.handle_time_cv = 0.2;
  scenario::AgentGroup g;
  g.name = "desk";
  g.agents = 400;
  g.skills = {{.contact_type = 0}};
  s.agent_groups.push_back(g);
  const ReplicationResult r = model::Simulate(Model(s), 0, {.seed = 3});
  std::vector<double> factors;
  for (const AgentResult& a : r.agents) {
    ASSERT_EQ(a.contacts, 1);
    factors.push_back(a.handle / 100);
  }
  double mean = 0, sq = 0;
  for (double f : factors) mean += f;
  mean /= factors.size();
  for (double f : factors) sq += (f - mean) * (f - mean);
  const double sd = std::sqrt(sq / (factors.size() - 1));
  EXPECT_NEAR(mean, 1.0, 5 * 0.2 / std::sqrt(400.0));
  EXPECT_NEAR(sd, 0.2, 0.03);
  // Lasting: the same seed gives the same factors.
  const ReplicationResult again = model::Simulate(Model(s), 0, {.seed = 3});
  EXPECT_EQ(again.agents[17].handle, r.agents[17].handle);
}

// A spell's start, or -1.
double FirstSpellStart(const std::vector<AgentSpellRecord>& spells, int agent, AgentState state) {
  double first = -1;
  for (const AgentSpellRecord& s : spells) {
    if (s.agent_id == agent && s.state == state && (first < 0 || s.start < first)) first = s.start;
  }
  return first;
}

scenario::AgentGroup ConstantGroup(const std::string& name, int agents) {
  scenario::AgentGroup g;
  g.name = name;
  g.agents = agents;
  g.skills = {{.contact_type = 0}};
  return g;
}

TEST(CoachingTest, SessionsWhenFreeAndAFactorThatStopsAtTheFloor) {
  // One agent, a session every 100 s (first at 50: spread over the cycle) of 10 s, each
  // making it 10% faster down to 0.85. Sessions 50-60 and 150-160; the third falls due at
  // 250 while busy and starts when free, at 285.
  // #0 at 55 waits for the first session to end: 60 + 100 × 0.9 = 150.
  // #1 at 200: factor 0.9 × 0.9 = 0.81 → 0.85: 200 + 85 = 285.
  scenario::Scenario s = Desk({55, 200}, 100, 350);
  s.agent_groups.push_back(ConstantGroup("desk", 1));
  s.agent_groups[0].coaching =
      scenario::Coaching{.every = 100, .duration = 10, .improvement = 0.1, .floor = 0.85};
  const auto run = Simulate(s);
  ASSERT_EQ(run->sink.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(run->sink.rows[0].answer, 60);
  EXPECT_DOUBLE_EQ(run->sink.rows[0].end, 150);
  EXPECT_DOUBLE_EQ(run->sink.rows[1].answer, 200);
  EXPECT_DOUBLE_EQ(run->sink.rows[1].end, 285);
  EXPECT_EQ(run->result.coaching_sessions, 3);
  EXPECT_DOUBLE_EQ(Spent(run->sink.spells, 0, AgentState::kCoaching), 30);
  ExpectSpellsTile(run->sink.spells, 1, 350);
  EXPECT_DOUBLE_EQ(run->result.staffed_time, 320);  // coaching is off the phones
}

scenario::RealTime Trigger(double below) {
  return {.check_every = 10, .window = 10, .service_level_below = below};
}

TEST(RealTimeTest, CallInBringsReservesWhenServiceLevelDrops) {
  // One agent busy 0-100 with #0. #1 (t=1) and #2 (t=2) give up after 8 s, at 9 and 10.
  // At the check at 10: 1 of 3 decided contacts within 5 s → alert → one reserve agent
  // comes at once for 100 s and answers #3 (t=3, patience until 11) at 10.
  scenario::Scenario s = Desk({0, 1, 2, 3}, 100, 1000);
  s.contact_types[0].service_level.threshold = 5;
  s.contact_types[0].patience = Distribution::Constant(8);
  s.agent_groups.push_back(ConstantGroup("desk", 1));
  s.real_time = Trigger(0.8);
  s.real_time->call_in = scenario::CallIn{.group = 0, .agents = 1, .delay = 0, .duration = 100};
  const auto run = Simulate(s);
  ASSERT_EQ(run->sink.rows.size(), 4u);
  EXPECT_EQ(run->sink.rows[3].agent_id, 1);  // the reserve
  EXPECT_DOUBLE_EQ(run->sink.rows[3].answer, 10);
  EXPECT_GE(run->result.alerts, 1);
  // The reserve is on duty from 10 until its contact ends at 110 (past its 100 s).
  EXPECT_DOUBLE_EQ(run->result.agents[1].staffed, 100);
  ExpectSpellsTile(run->sink.spells, 2, 1000);
}

TEST(RealTimeTest, NoAlertWhileServiceLevelHolds) {
  scenario::Scenario s = Desk({0, 100, 200}, 10, 1000);
  s.agent_groups.push_back(ConstantGroup("desk", 1));
  s.real_time = Trigger(0.8);
  s.real_time->call_in = scenario::CallIn{.group = 0, .agents = 1, .delay = 0, .duration = 100};
  const auto run = Simulate(s);
  EXPECT_EQ(run->result.alerts, 0);
  EXPECT_DOUBLE_EQ(run->result.agents[1].staffed, 0);
}

TEST(RealTimeTest, PostponedBreakStartsWhenTheHoldEnds) {
  // Break due at 20. #0 0-5; #1 (t=1) answered at 5 within 5 s; #2 (t=2, patience 8)
  // answered at 10 after 8 s. Check at 10: 2 of 3 within (0.67 < 0.8) → breaks held for
  // 30 s, until 40: the break runs 40-50 instead of 20-30.
  scenario::Scenario s = Desk({0, 1, 2}, 5, 1000);
  s.contact_types[0].service_level.threshold = 5;
  s.agent_groups.push_back(ShiftGroup(
      "desk", {{.start = 0, .end = 1000, .agents = 1, .breaks = {{.after = 20, .duration = 10}}}}));
  scenario::Scenario held = s;
  held.real_time = Trigger(0.8);
  held.real_time->postpone_breaks_max = 30;
  EXPECT_DOUBLE_EQ(FirstSpellStart(Simulate(s)->sink.spells, 0, AgentState::kBreak), 20);
  const auto run = Simulate(held);
  EXPECT_EQ(run->result.alerts, 1);
  EXPECT_DOUBLE_EQ(FirstSpellStart(run->sink.spells, 0, AgentState::kBreak), 40);
}

TEST(RealTimeTest, APostponedBreakIsHeldAtMostMaxPastItsDueTime) {
  // "desk" (break due at 20) has nothing to do. Meanwhile "other" callers give up every
  // second behind a busy agent, so every check from 10 on raises an alert and extends the
  // hold; the break still starts 15 s after it fell due, at 35.
  scenario::Scenario s = Desk({}, 10, 1000);
  scenario::ContactType other = s.contact_types[0];
  other.name = "other";
  other.handle_time = Distribution::Constant(1000);
  other.patience = Distribution::Constant(2);
  for (int t = 0; t < 100; ++t) other.arrivals.times.push_back(t);
  s.contact_types.push_back(other);
  s.agent_groups.push_back(ShiftGroup(
      "desk", {{.start = 0, .end = 1000, .agents = 1, .breaks = {{.after = 20, .duration = 10}}}}));
  s.agent_groups.push_back(ConstantGroup("back", 1));
  s.agent_groups[1].skills = {{.contact_type = 1}};
  s.real_time = Trigger(0.8);
  s.real_time->postpone_breaks_max = 15;
  const auto run = Simulate(s);
  EXPECT_GE(run->result.alerts, 3);
  EXPECT_DOUBLE_EQ(FirstSpellStart(run->sink.spells, 0, AgentState::kBreak), 35);
}

TEST(RealTimeTest, ABreakHeldWhileBusyStillStartsAtItsCap) {
  // As above, but "desk" is busy with a call 0-25 when its break falls due at 5, before
  // the first alert (at 10) starts the hold. Free at 25 and held, nothing else would wake
  // it while alerts keep extending the hold: it starts at the cap, 5 + 25 = 30.
  scenario::Scenario s = Desk({0}, 25, 1000);
  scenario::ContactType other = s.contact_types[0];
  other.name = "other";
  other.arrivals.times.clear();
  other.handle_time = Distribution::Constant(1000);
  other.patience = Distribution::Constant(2);
  for (int t = 0; t < 100; ++t) other.arrivals.times.push_back(t);
  s.contact_types.push_back(other);
  s.agent_groups.push_back(ShiftGroup(
      "desk", {{.start = 0, .end = 1000, .agents = 1, .breaks = {{.after = 5, .duration = 10}}}}));
  s.agent_groups.push_back(ConstantGroup("back", 1));
  s.agent_groups[1].skills = {{.contact_type = 1}};
  s.real_time = Trigger(0.8);
  s.real_time->postpone_breaks_max = 25;
  const auto run = Simulate(s);
  EXPECT_DOUBLE_EQ(FirstSpellStart(run->sink.spells, 0, AgentState::kBreak), 30);
}

TEST(CoachingTest, TheFloorNeverSlowsAnAgentDown) {
  // A floor above the agent's factor (1.2 > 1): coaching must not raise it to the floor.
  scenario::Scenario s = Desk({200}, 100, 350);
  s.agent_groups.push_back(ConstantGroup("desk", 1));
  s.agent_groups[0].coaching =
      scenario::Coaching{.every = 100, .duration = 10, .improvement = 0.1, .floor = 1.2};
  const auto run = Simulate(s);
  EXPECT_DOUBLE_EQ(run->sink.rows[0].end - run->sink.rows[0].answer, 100);
}

TEST(ShiftTest, DailyShiftsThatMeetCarryTheAgentOn) {
  // 24-hour daily shifts: each ends when the next begins. A contact from 23:30 lasting
  // 1 h runs into the next shift; the agent carries on (no double duty, occupancy <= 1).
  const double h = 3600;
  scenario::Scenario s = Desk({23.5 * h, 25 * h}, h, 48 * h);
  s.agent_groups.push_back(ShiftGroup("desk", {{.start = 0, .end = 24 * h, .agents = 1,
                                                .repeat = scenario::ShiftRepeat::kDaily}}));
  const auto run = Simulate(s);
  ASSERT_EQ(run->sink.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(run->sink.rows[1].answer, 25 * h);
  EXPECT_LE(run->result.busy_time, run->result.staffed_time);
  EXPECT_DOUBLE_EQ(run->result.staffed_time, 48 * h);
  ExpectSpellsTile(run->sink.spells, 1, 48 * h);
}

// ---- channels ----

TEST(ChatTest, ConcurrentChatsWithInterference) {
  // Concurrency 2, talk 100, interference 0.25 per other chat in hand.
  // #0 at 0: alone, ends 100. #1 at 10: beside one chat, 125 s, ends 135.
  // #2 at 20: the agent is full; at 100 a slot frees: 100 + 125 = 225.
  scenario::Scenario s = Desk({0, 10, 20}, 100, 1000);
  s.contact_types[0].channel = scenario::Channel::kChat;
  s.agent_groups.push_back(ConstantGroup("chat_team", 1));
  s.agent_groups[0].concurrency = 2;
  const auto run = Simulate(s);
  ASSERT_EQ(run->sink.rows.size(), 3u);
  EXPECT_DOUBLE_EQ(run->sink.rows[0].end, 100);
  EXPECT_DOUBLE_EQ(run->sink.rows[1].answer, 10);
  EXPECT_DOUBLE_EQ(run->sink.rows[1].end, 135);
  EXPECT_DOUBLE_EQ(run->sink.rows[2].answer, 100);
  EXPECT_DOUBLE_EQ(run->sink.rows[2].end, 225);
  EXPECT_DOUBLE_EQ(run->result.busy_time, 225);  // busy while at least one chat is open
  ExpectSpellsTile(run->sink.spells, 1, 1000);
}

TEST(ChatTest, VoiceAgentsTakeOneChatAtATime) {
  scenario::Scenario s = Desk({0, 10}, 100, 1000);
  s.contact_types[0].channel = scenario::Channel::kChat;
  s.agent_groups.push_back(ConstantGroup("desk", 1));  // concurrency 1
  const auto run = Simulate(s);
  EXPECT_DOUBLE_EQ(run->sink.rows[1].answer, 100);
  EXPECT_DOUBLE_EQ(run->sink.rows[1].end, 200);
}

TEST(EmailTest, EmailIsTakenOnlyWhenNoCallWaits) {
  // One agent, talk 10. Call at 0, email at 1, call at 2: at 10 the later call goes
  // first (the email is older, but email waits while any call does); the email at 20.
  scenario::Scenario s = Desk({0, 2}, 10, 1000);
  scenario::ContactType email = s.contact_types[0];
  email.name = "email";
  email.channel = scenario::Channel::kEmail;
  email.arrivals.times = {1};
  email.patience = Distribution::Constant(1);  // ignored: email never abandons
  s.contact_types.push_back(email);
  s.agent_groups.push_back(ConstantGroup("desk", 1));
  s.agent_groups[0].skills.push_back({.contact_type = 1});
  s.routing.contact_selection = scenario::ContactSelection::kLongestWait;
  const auto run = Simulate(s);
  ASSERT_EQ(run->sink.rows.size(), 3u);
  EXPECT_EQ(run->sink.rows[1].contact_type, 1);
  EXPECT_EQ(run->sink.rows[1].outcome, ContactOutcome::kResolved);
  EXPECT_DOUBLE_EQ(run->sink.rows[1].answer, 20);
  EXPECT_DOUBLE_EQ(run->sink.rows[2].answer, 10);
  EXPECT_EQ(run->result.Overall().abandoned, 0);
}

}  // namespace
}  // namespace ccsim::model
