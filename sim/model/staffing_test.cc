#include "sim/model/staffing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/model/erlang.h"

namespace ccsim::model {
namespace {

// One group answering one voice queue with exponential handle times (M/M/n per interval),
// arrivals per hour given slot by slot, `slot` seconds each; reporting intervals = slots.
scenario::Scenario Queue(std::vector<double> per_hour, double slot, double handle) {
  scenario::Scenario s;
  s.name = "staffing";
  s.horizon = slot * per_hour.size();
  s.interval = slot;
  s.service_level = {.threshold = 20, .target = 0.8};
  scenario::ContactType ct;
  ct.name = "call";
  ct.arrivals.kind = scenario::ArrivalKind::kPattern;
  ct.arrivals.slot = slot;
  for (double r : per_hour) ct.arrivals.rates.push_back(r / 3600);
  ct.handle_time = scenario::Distribution::Exponential(handle);
  s.contact_types.push_back(ct);
  scenario::AgentGroup g;
  g.name = "desk";
  g.agents = 1;
  g.skills = {{.contact_type = 0}};
  s.agent_groups.push_back(g);
  return s;
}

TEST(StaffingTest, ErlangStartOfTheTextbookInterval) {
  // 200 calls/h, 3 min: A = 200 · 3 / 60 = 10 erlangs. Erlang C, SL = 1 − C · e^{−(n − A) t / h}
  // with t = 20 s, h = 180 s: n = 13 has C = 0.28527, SL = 1 − 0.28527 · e^{−1/3} = 0.7956
  // < 0.8; n = 14 has C = 0.17413, SL = 1 − 0.17413 · e^{−4/9} = 0.8884. So 14. A quiet
  // interval (no calls) needs nobody.
  const scenario::Scenario s = Queue({200, 0}, 1800, 180);
  const std::vector<IntervalStaffing> start = ErlangStaffing(s, 0, 0.8);
  ASSERT_EQ(start.size(), 2u);
  EXPECT_DOUBLE_EQ(start[0].load, 10);
  EXPECT_EQ(start[0].erlang_agents, 14);
  EXPECT_EQ(start[0].agents, 14);
  EXPECT_EQ(start[0].start, 0);
  EXPECT_EQ(start[0].end, 1800);
  EXPECT_EQ(start[1].load, 0);
  EXPECT_EQ(start[1].erlang_agents, 0);
}

TEST(StaffingTest, ErlangAWhenCustomersAbandon) {
  // With a patience, Erlang A: abandonment relieves the queue, so no more agents than
  // Erlang C, and still more than the load.
  scenario::Scenario s = Queue({200}, 1800, 180);
  s.contact_types[0].patience = scenario::Distribution::Exponential(60);
  const std::vector<IntervalStaffing> start = ErlangStaffing(s, 0, 0.8);
  EXPECT_LE(start[0].erlang_agents, 14);
  EXPECT_GT(start[0].erlang_agents, 10);
  const QueueKpis k = AnalyticKpis({.arrival_rate = 200.0 / 3600,
                                    .mean_handle = 180,
                                    .agents = start[0].erlang_agents,
                                    .mean_patience = 60});
  EXPECT_GE(k.service_level, 0.8);
}

TEST(StaffingTest, FinalPlanMeetsTheTarget) {
  const scenario::Scenario s = Queue({60, 120, 40}, 1800, 180);
  const StaffingPlan plan =
      PlanStaffing(s, {.group = 0, .target = 0.8, .replications = 8, .seed = 3, .threads = 2});
  EXPECT_TRUE(plan.target_met);
  EXPECT_FALSE(plan.stopped_at_round_limit);
  EXPECT_GE(plan.rounds, 1);
  ASSERT_EQ(plan.intervals.size(), 3u);
  for (const IntervalStaffing& iv : plan.intervals) {
    EXPECT_GE(iv.service_level.mean, 0.8) << iv.start;
    EXPECT_GT(iv.offered, 0) << iv.start;
    EXPECT_NEAR(iv.agents, iv.erlang_agents, 2) << iv.start;  // the queue starts empty
  }
}

TEST(StaffingTest, RoundLimitIsReported) {
  // One round cannot both check the Erlang start and try cuts: the search stops at its
  // limit, and the plan it reports was simulated as it stands.
  const scenario::Scenario s = Queue({60, 120, 40}, 1800, 180);
  const StaffingPlan plan = PlanStaffing(
      s, {.group = 0, .target = 0.8, .replications = 4, .seed = 3, .threads = 2, .max_rounds = 1});
  EXPECT_TRUE(plan.stopped_at_round_limit);
  EXPECT_GE(plan.rounds, 2);  // the round, then the check of the plan as it stands
  bool all_met = true;
  for (const IntervalStaffing& iv : plan.intervals) {
    all_met = all_met && (std::isnan(iv.service_level.mean) || iv.service_level.mean >= 0.8);
  }
  EXPECT_EQ(plan.target_met, all_met);
}

TEST(StaffingTest, OwnIntervalNotTheScenarios) {
  // A scenario reporting week by week is still staffed half-hour by half-hour (the
  // request's default), or by the interval asked for; the group's own agents do not count.
  scenario::Scenario s = Queue({60, 120, 40, 80}, 1800, 180);
  s.interval = 7 * 86400;
  s.agent_groups[0].agents = 50;
  const StaffingPlan plan =
      PlanStaffing(s, {.group = 0, .target = 0.8, .replications = 4, .seed = 3, .threads = 2});
  ASSERT_EQ(plan.intervals.size(), 4u);
  double hours = 0;
  for (size_t i = 0; i < plan.intervals.size(); ++i) {
    EXPECT_EQ(plan.intervals[i].start, 1800.0 * i);
    EXPECT_EQ(plan.intervals[i].end, 1800.0 * (i + 1));
    EXPECT_LT(plan.intervals[i].agents, 50);
    hours += plan.intervals[i].agents * 0.5;
  }
  EXPECT_DOUBLE_EQ(AgentHours(plan), hours);
  const StaffingPlan hourly = PlanStaffing(
      s, {.group = 0, .interval = 3600, .target = 0.8, .replications = 4, .seed = 3, .threads = 2});
  ASSERT_EQ(hourly.intervals.size(), 2u);
  EXPECT_EQ(hourly.intervals[1].end, 7200);
}

TEST(StaffingTest, AgentHoursAreAgentsTimesLengths) {
  StaffingPlan plan;
  plan.intervals = {{.start = 0, .end = 1800, .agents = 4},
                    {.start = 1800, .end = 3600, .agents = 6},
                    {.start = 3600, .end = 4500, .agents = 2}};  // a last, shorter interval
  EXPECT_DOUBLE_EQ(AgentHours(plan), 2 + 3 + 0.5);
}

}  // namespace
}  // namespace ccsim::model
