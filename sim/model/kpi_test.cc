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
  }
}

Counters Busy() {
  return {.offered = 90, .answered = 80, .answered_within = 70, .wait_answered = 800,
          .handle = 24000, .transfers_out = 4, .abandoned = 10, .blocked = 5,
          .wait_abandoned = 300, .transfers_in = 3, .callbacks_offered = 12,
          .callbacks_accepted = 9, .callbacks_reached = 8, .callbacks_within = 7,
          .callbacks_failed = 1, .callback_wait = 2400};
}

// A contact type's KPIs are those ComputeKpis defines without agents' time or journeys.
TEST(KpiTable, ScopeAgreesWithComputeKpis) {
  const double nan = std::nan("");
  const KpiValues type = ComputeKpis(Busy(), nan, nan);
  for (const KpiInfo& k : kKpis) {
    EXPECT_EQ(std::isfinite(type[static_cast<int>(k.kpi)]), k.scope == KpiScope::kPerType)
        << k.name;
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
  ReplicationResult r;
  r.by_type = {Busy()};
  r.busy_time = 1800;
  r.staffed_time = 3600;
  r.journeys = {.started = 10, .resolved = 8, .resolved_first = 6, .given_up = 2, .contacts = 14,
                .transfers = 3, .resolved_time = 4000};
  r.journeys.resolved_times.Add(500);
  const std::vector<KpiValues> kpis = ReplicationKpis(r);
  ASSERT_EQ(kpis.size(), 2u);
  for (const KpiInfo& k : kKpis) {
    EXPECT_TRUE(std::isfinite(kpis[0][static_cast<int>(k.kpi)])) << k.name;
  }
}

}  // namespace
}  // namespace ccsim::model
