// The money of a replication (SPEC §10): exact small cases for each rule (paid from warmup
// or the start of duty, overtime paid, absent agents unpaid, contacts priced by what
// happened to them) and an analytical check of the agents' cost under absenteeism.
#include "sim/model/costs.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/engine/statistics.h"
#include "sim/model/centre_for_test.h"
#include "sim/model/replication.h"
#include "sim/model/result_rows.h"
#include "sim/model/summary.h"

namespace ccsim::model {
namespace {

using internal::GroupOf;
using internal::ReplayedType;

constexpr double kHour = 3600;

// Costs with every amount 0 for `types` contact types and `groups` agent groups.
scenario::Costs NoAmounts(size_t types, size_t groups) {
  scenario::Costs c;
  c.currency = "EUR";
  c.agent_hour.assign(groups, std::nullopt);
  c.per_handled.assign(types, 0);
  c.per_abandoned.assign(types, 0);
  c.per_callback.assign(types, 0);
  c.revenue_per_resolved.assign(types, 0);
  return c;
}

double Kpi0(const ReplicationResult& r, Kpi k) {
  return ReplicationKpis(r)[0][static_cast<int>(k)];
}

scenario::Shift ShiftOf(double start, double end, int agents,
                        std::vector<scenario::Break> breaks = {}) {
  scenario::Shift s;
  s.start = start;
  s.end = end;
  s.agents = agents;
  s.breaks = std::move(breaks);
  return s;
}

// Two agents from 0 on, 20 EUR an hour; warmup 30 min, horizon 2 h. Calls (constant 600 s,
// patience 60 s, room for one waiting): 100 (before warmup: not counted); 2000 and 2001
// answered at once; 2002 waits and hangs up at 2062; 2003 finds one waiting: blocked; 5000
// answered. A complaint at 3000 is answered and never resolved. The centre is empty long
// before the horizon, so both agents are paid 7200 − 1800 s.
TEST(CostsTest, ExactCostsOfReplayedContacts) {
  scenario::Scenario s;
  s.name = "costs";
  s.horizon = 2 * kHour;
  s.warmup = 1800;
  s.contact_types.push_back(ReplayedType("call", {100, 2000, 2001, 2002, 2003, 5000}, 600));
  s.contact_types[0].patience = scenario::Distribution::Constant(60);
  s.contact_types[0].queue_capacity = 1;
  s.contact_types.push_back(ReplayedType("complaint", {3000}, 600));
  s.contact_types[1].outcomes.push_back(
      {.kind = scenario::Outcome::Kind::kUnresolved, .probability = 1});
  s.agent_groups.push_back(GroupOf("desk", 2, {{.contact_type = 0}, {.contact_type = 1}}));
  scenario::Costs costs = NoAmounts(2, 1);
  costs.agent_hour[0] = 20;
  costs.per_handled = {0.5, 0.5};
  costs.per_abandoned = {5, 5};
  costs.revenue_per_resolved = {10, 100};
  s.costs = costs;
  const ReplicationResult r = Simulate(Model(s), 0, {});
  ASSERT_EQ(r.by_type[0].answered, 3);
  ASSERT_EQ(r.by_type[0].abandoned, 1);
  ASSERT_EQ(r.by_type[0].blocked, 1);
  ASSERT_EQ(r.by_type[1].answered, 1);
  EXPECT_EQ(r.resolved_by_type, (std::vector<int64_t>{3, 0}));
  EXPECT_DOUBLE_EQ(r.money.paid_by_group[0], 2 * 5400.0);
  EXPECT_DOUBLE_EQ(r.money.agents_by_group[0], 2 * 1.5 * 20);  // 60
  // call: 0.5 × 3 answered + 5 × (1 lost + 1 blocked); complaint: 0.5 × 1.
  EXPECT_DOUBLE_EQ(r.money.contacts_by_type[0], 11.5);
  EXPECT_DOUBLE_EQ(r.money.contacts_by_type[1], 0.5);
  EXPECT_DOUBLE_EQ(r.money.revenue_by_type[0], 30);
  EXPECT_DOUBLE_EQ(r.money.revenue_by_type[1], 0);  // answered, never resolved
  const std::vector<KpiValues> k = ReplicationKpis(r);
  auto at = [&](size_t column, Kpi kpi) { return k[column][static_cast<int>(kpi)]; };
  EXPECT_DOUBLE_EQ(at(0, Kpi::kCostAgents), 60);
  EXPECT_DOUBLE_EQ(at(0, Kpi::kCostContacts), 12);
  EXPECT_DOUBLE_EQ(at(0, Kpi::kCostTotal), 72);
  EXPECT_DOUBLE_EQ(at(0, Kpi::kCostPerHandled), 72.0 / 4);
  EXPECT_DOUBLE_EQ(at(0, Kpi::kRevenue), 30);
  EXPECT_DOUBLE_EQ(at(0, Kpi::kMargin), 30 - 72);
  EXPECT_DOUBLE_EQ(at(1, Kpi::kCostContacts), 11.5);
  EXPECT_DOUBLE_EQ(at(2, Kpi::kRevenue), 0);
  EXPECT_TRUE(std::isnan(at(1, Kpi::kCostTotal)));  // agents are not split by type
}

TEST(CostsTest, WithoutCostsNoMoney) {
  scenario::Scenario s;
  s.name = "free";
  s.horizon = kHour;
  s.contact_types.push_back(ReplayedType("call", {10}, 60));
  s.agent_groups.push_back(GroupOf("desk", 1, {{.contact_type = 0}}));
  const Model m(s);
  const ReplicationResult r = Simulate(m, 0, {});
  EXPECT_FALSE(r.money.priced());
  for (const KpiInfo& info : kKpis) {
    if (IsMoney(info.kpi)) {
      EXPECT_TRUE(std::isnan(Kpi0(r, info.kpi))) << info.name;
    }
  }
  const Summary summary = Summarise(m, 1, {&r, 1});
  EXPECT_FALSE(summary.currency.has_value());
  // Paid hours per group with or without costs, cost_agents only with them.
  ASSERT_EQ(summary.by_group.size(), 1u);
  EXPECT_DOUBLE_EQ(summary.by_group[0][Kpi::kPaidHours].mean,
                   summary.overall[Kpi::kPaidHours].mean);
  EXPECT_TRUE(std::isnan(summary.by_group[0][Kpi::kCostAgents].mean));
  for (const records::Column& c : SummaryRows(m, {&r, 1}).columns) {
    for (const KpiInfo& info : kKpis) {
      if (IsMoney(info.kpi)) {
        EXPECT_NE(c.name, info.name);
      }
    }
  }
}

// Warmup 30 min. Shift "early" 0–1.5 h: paid from warmup, 1 h. Shift "late" 1–2 h (the
// horizon): paid from its start, 1 h. Nobody calls.
TEST(CostsTest, PaidFromTheLaterOfWarmupAndTheStart) {
  scenario::Scenario s;
  s.name = "warmup";
  s.horizon = 2 * kHour;
  s.warmup = 1800;
  s.contact_types.push_back(ReplayedType("call", {}, 60));
  s.agent_groups.push_back(GroupOf("early", 0, {{.contact_type = 0}}));
  s.agent_groups[0].shifts = {ShiftOf(0, 1.5 * kHour, 3)};
  s.agent_groups.push_back(GroupOf("late", 0, {{.contact_type = 0}}));
  s.agent_groups[1].shifts = {ShiftOf(1 * kHour, 2 * kHour, 2)};
  scenario::Costs costs = NoAmounts(1, 2);
  costs.agent_hour = {30, 40};
  s.costs = costs;
  const ReplicationResult r = Simulate(Model(s), 0, {});
  EXPECT_DOUBLE_EQ(r.money.paid_by_group[0], 3 * kHour);
  EXPECT_DOUBLE_EQ(r.money.paid_by_group[1], 2 * kHour);
  EXPECT_DOUBLE_EQ(Kpi0(r, Kpi::kCostAgents), 3 * 30 + 2 * 40);
  EXPECT_TRUE(std::isnan(Kpi0(r, Kpi::kCostPerHandled)));  // nothing answered
}

// A shift of two agents 0–1 h with a 5-minute break at 10 min (paid); horizon 2 h. A call
// at 3500 s takes 600 s: its agent stays until 4100 s (overtime, paid), the other leaves
// at 3600 s. A group without a rate costs nothing, but its hours are still counted.
// (Paid time counts the break; staffed time, which occupancy divides by, does not.)
TEST(CostsTest, BreaksAndOvertimeArePaid) {
  scenario::Scenario s;
  s.name = "overtime";
  s.horizon = 2 * kHour;
  s.contact_types.push_back(ReplayedType("call", {3500}, 600));
  s.agent_groups.push_back(GroupOf("desk", 0, {{.contact_type = 0}}));
  s.agent_groups[0].shifts = {ShiftOf(0, kHour, 2, {{.after = 600, .duration = 300}})};
  s.agent_groups.push_back(GroupOf("unpriced", 1, {}));  // serves nothing: takes no call
  scenario::Costs costs = NoAmounts(1, 2);
  costs.agent_hour[0] = 36;
  s.costs = costs;
  const ReplicationResult r = Simulate(Model(s), 0, {});
  EXPECT_DOUBLE_EQ(r.money.paid_by_group[0], 4100 + 3600);
  EXPECT_DOUBLE_EQ(r.money.agents_by_group[0], 7700 / kHour * 36);  // 77
  EXPECT_DOUBLE_EQ(r.money.paid_by_group[1], 2 * kHour);
  EXPECT_DOUBLE_EQ(r.money.agents_by_group[1], 0);
  // Staffed time leaves the breaks out: 0–600 and 900–4100, 0–600 and 900–3600, and 2 h.
  EXPECT_DOUBLE_EQ(r.staffed_time, 3800 + 3300 + 2 * kHour);
}

// Agents on duty at the horizon stay until the centre is empty, and are paid for it: the
// last call (at 3500 s, 600 s long) ends at 4100 s, 500 s past the 1 h horizon.
TEST(CostsTest, DrainingTheCentreIsPaid) {
  scenario::Scenario s;
  s.name = "drain";
  s.horizon = kHour;
  s.contact_types.push_back(ReplayedType("call", {3500}, 600));
  s.agent_groups.push_back(GroupOf("desk", 3, {{.contact_type = 0}}));
  scenario::Costs costs = NoAmounts(1, 1);
  costs.agent_hour[0] = 18;
  s.costs = costs;
  const ReplicationResult r = Simulate(Model(s), 0, {});
  EXPECT_DOUBLE_EQ(r.end_time, 4100);
  EXPECT_DOUBLE_EQ(r.money.paid_by_group[0], 3 * 4100.0);
  EXPECT_DOUBLE_EQ(Kpi0(r, Kpi::kCostAgents), 3 * 4100.0 / kHour * 18);
}

// 20 agents, each absent for the day with probability 0.3; nobody calls; warmup 1 h,
// horizon 8 h, 25 an hour. Exactly: each replication pays the agents present (the ones
// staffed at all) for 7 h each. Analytically: E[cost_agents] = 0.7 × 20 × 7 × 25 = 2450.
TEST(CostsTest, AbsentAgentsAreNotPaid) {
  scenario::Scenario s;
  s.name = "absent";
  s.horizon = 8 * kHour;
  s.warmup = kHour;
  s.contact_types.push_back(ReplayedType("call", {}, 60));
  s.agent_groups.push_back(GroupOf("desk", 20, {{.contact_type = 0}}));
  s.agent_groups[0].absenteeism = 0.3;
  scenario::Costs costs = NoAmounts(1, 1);
  costs.agent_hour[0] = 25;
  s.costs = costs;
  const Model m(s);
  std::vector<double> cost;
  for (int rep = 0; rep < 400; ++rep) {
    const ReplicationResult r = Simulate(m, rep, {.seed = 11});
    int present = 0;
    for (const AgentResult& a : r.agents) present += a.staffed > 0;
    ASSERT_DOUBLE_EQ(r.money.paid_by_group[0], present * 7 * kHour) << rep;
    cost.push_back(Kpi0(r, Kpi::kCostAgents));
  }
  const engine::Estimate e = engine::EstimateMean(cost);
  EXPECT_NEAR(e.mean, 0.7 * 20 * 7 * 25, 1.5 * e.ci95);
  EXPECT_LT(e.ci95, 0.02 * 2450);  // enough replications to tell
}

// The summary: money KPIs' means over replications, the currency, and each group's paid
// hours and cost_agents; the result file's money columns carry the currency as their unit.
TEST(CostsTest, SummaryAndResultRowsCarryTheMoney) {
  scenario::Scenario s;
  s.name = "summary";
  s.horizon = kHour;
  s.contact_types.push_back(ReplayedType("call", {10, 20}, 60));
  s.agent_groups.push_back(GroupOf("desk", 2, {{.contact_type = 0}}));
  s.agent_groups.push_back(GroupOf("backup", 1, {{.contact_type = 0}}));
  scenario::Costs costs = NoAmounts(1, 2);
  costs.agent_hour = {10, 12};
  costs.per_handled = {1};
  s.costs = costs;
  const Model m(s);
  std::vector<ReplicationResult> results;
  for (int rep = 0; rep < 3; ++rep) results.push_back(Simulate(m, rep, {}));
  const Summary summary = Summarise(m, 1, results);
  ASSERT_EQ(summary.currency, std::optional<std::string>("EUR"));
  ASSERT_EQ(summary.by_group.size(), 2u);
  EXPECT_DOUBLE_EQ(summary.by_group[0][Kpi::kPaidHours].mean, 2);
  EXPECT_DOUBLE_EQ(summary.by_group[0][Kpi::kCostAgents].mean, 20);
  EXPECT_DOUBLE_EQ(summary.by_group[1][Kpi::kPaidHours].mean, 1);
  EXPECT_DOUBLE_EQ(summary.by_group[1][Kpi::kCostAgents].mean, 12);
  EXPECT_DOUBLE_EQ(summary.by_group[1][Kpi::kCostAgents].ci95, 0);
  EXPECT_DOUBLE_EQ(summary.overall[Kpi::kPaidHours].mean, 3);
  EXPECT_DOUBLE_EQ(summary.overall[Kpi::kCostTotal].mean, 34);
  EXPECT_DOUBLE_EQ(summary.by_type[0][Kpi::kCostContacts].mean, 2);
  const records::SummaryRows rows = SummaryRows(m, results);
  EXPECT_EQ(CurrencyOf(rows), std::optional<std::string>("EUR"));
  EXPECT_EQ(rows.columns.size(), static_cast<size_t>(kKpiCount));
  const std::vector<std::vector<KpiValues>> back = KpisFromRows(rows, 1);
  EXPECT_EQ(back[2][0][static_cast<int>(Kpi::kMargin)], -34);
  // The group rows carry each group's paid hours and cost_agents.
  const std::vector<std::vector<KpiValues>> groups = GroupKpisFromRows(rows, 2);
  EXPECT_EQ(groups[2][1][static_cast<int>(Kpi::kCostAgents)], 12);
  EXPECT_EQ(groups[2][0][static_cast<int>(Kpi::kPaidHours)], 2);
}

}  // namespace
}  // namespace ccsim::model
