#include "sim/model/kpi.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <set>
#include <string>

#include "sim/model/summary.h"

namespace ccsim::model {
namespace {

TEST(KpiTable, NamesAreUniqueLowerSnakeCase) {
  std::set<std::string_view> names;
  for (const KpiInfo& k : kKpis) {
    EXPECT_TRUE(names.insert(k.name).second) << k.name;
    ASSERT_FALSE(k.name.empty());
    for (char c : k.name) EXPECT_TRUE(std::islower(c) || std::isdigit(c) || c == '_') << k.name;
    EXPECT_EQ(ToString(k.kpi), std::string(k.name));
  }
}

TEST(KpiTable, EveryKpiIsDescribed) {
  for (const KpiInfo& k : kKpis) {
    EXPECT_FALSE(k.label.empty()) << k.name;
    EXPECT_FALSE(k.unit.empty()) << k.name;
    EXPECT_FALSE(k.definition.empty()) << k.name;
    EXPECT_EQ(k.definition.find('\n'), std::string_view::npos) << k.name;
    // A percentage is a fraction shown × 100; nothing else is.
    EXPECT_EQ(k.format == KpiFormat::kPercent, k.unit == "fraction") << k.name;
    EXPECT_EQ(k.format == KpiFormat::kSeconds, k.unit == "s") << k.name;
    // Money is in the scenario's currency (the result file's unit says which).
    EXPECT_EQ(k.format == KpiFormat::kMoney, k.unit == "currency") << k.name;
  }
}

Counters Busy() {
  return {.offered = 90, .answered = 80, .answered_within = 70, .wait_answered = 800,
          .handle = 24000, .transfers_out = 4, .abandoned = 10, .blocked = 5,
          .wait_abandoned = 300, .transfers_in = 3, .callbacks_offered = 12,
          .callbacks_accepted = 9, .callbacks_reached = 8, .callbacks_within = 7,
          .callbacks_failed = 1, .callback_wait = 2400};
}

// A replication with every counter and its money, for one contact type.
ReplicationResult Priced() {
  ReplicationResult r;
  r.by_type = {Busy()};
  r.resolved_by_type = {60};
  r.busy_time = 1800;
  r.staffed_time = 3600;
  r.journeys = {.started = 10,
                .resolved = 8,
                .resolved_first = 6,
                .given_up = 2,
                .contacts = 14,
                .transfers = 3,
                .resolved_time = 4000};
  r.journeys.resolved_times.Add(500);
  r.money = {.paid_by_group = {7200},
             .agents_by_group = {56},
             .contacts_by_type = {90},
             .revenue_by_type = {600}};
  return r;
}

// A contact type's KPIs are those ComputeKpis defines without agents' time or journeys,
// and the money a priced replication gives its types.
TEST(KpiTable, ScopeAgreesWithComputeKpis) {
  const double nan = std::nan("");
  const KpiValues type = ComputeKpis(Busy(), nan, nan);
  const KpiValues priced_type = ReplicationKpis(Priced())[1];
  for (const KpiInfo& k : kKpis) {
    const double v =
        IsMoney(k.kpi) ? priced_type[static_cast<int>(k.kpi)] : type[static_cast<int>(k.kpi)];
    EXPECT_EQ(std::isfinite(v), k.scope == KpiScope::kPerType) << k.name;
  }
}

// Per interval, a KPI must be defined from the interval's counters and agents' time alone.
TEST(KpiTable, PerIntervalKpisNeedNoJourneys) {
  const KpiValues interval = ComputeKpis(Busy(), 1800, 3600);
  for (const KpiInfo& k : kKpis) {
    if (!k.per_interval) continue;
    EXPECT_TRUE(std::isfinite(interval[static_cast<int>(k.kpi)])) << k.name;
  }
}

TEST(KpiTable, ReplicationKpisDefineEveryKpiOverall) {
  const std::vector<KpiValues> kpis = ReplicationKpis(Priced());
  ASSERT_EQ(kpis.size(), 2u);
  for (const KpiInfo& k : kKpis) {
    EXPECT_TRUE(std::isfinite(kpis[0][static_cast<int>(k.kpi)])) << k.name;
  }
}

// The money KPIs from a replication's money: agents 56 + contacts 90 = 146 over 80
// answered; revenue 600 − 146. Without costs (no money) they are all NaN.
TEST(KpiTable, MoneyKpisFromTheReplicationsMoney) {
  const std::vector<KpiValues> kpis = ReplicationKpis(Priced());
  auto at = [&](size_t c, Kpi k) { return kpis[c][static_cast<int>(k)]; };
  EXPECT_DOUBLE_EQ(at(0, Kpi::kCostAgents), 56);
  EXPECT_DOUBLE_EQ(at(0, Kpi::kCostContacts), 90);
  EXPECT_DOUBLE_EQ(at(0, Kpi::kCostTotal), 146);
  EXPECT_DOUBLE_EQ(at(0, Kpi::kCostPerHandled), 146.0 / 80);
  EXPECT_DOUBLE_EQ(at(0, Kpi::kRevenue), 600);
  EXPECT_DOUBLE_EQ(at(0, Kpi::kMargin), 600 - 146);
  EXPECT_DOUBLE_EQ(at(1, Kpi::kCostContacts), 90);
  EXPECT_DOUBLE_EQ(at(1, Kpi::kRevenue), 600);
  ReplicationResult free = Priced();
  free.money = {};
  for (const KpiValues& v : ReplicationKpis(free)) {
    for (const KpiInfo& k : kKpis) {
      if (IsMoney(k.kpi)) {
        EXPECT_TRUE(std::isnan(v[static_cast<int>(k.kpi)])) << k.name;
      }
    }
  }
}

}  // namespace
}  // namespace ccsim::model
