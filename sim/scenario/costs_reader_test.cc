// The `costs` key (SPEC §10): what it reads into Scenario::costs. Its mistakes are in
// tests/invalid/costs.yaml with their exact diagnostics.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/scenario/loader.h"

namespace ccsim::scenario {
namespace {

constexpr char kTwoByTwo[] = R"(name: shop
horizon: 8h
contact_types:
  billing: {arrivals: {rate: 360/h}, handle_time: 4m}
  sales: {arrivals: {rate: 60/h}, handle_time: 4m}
agent_groups:
  tier1: {agents: 3, skills: {billing: 1, sales: 1}}
  tech_team: {agents: 2, skills: {billing: 2}}
)";

LoadResult Load(const std::string& costs, const std::vector<std::string>& overrides = {}) {
  return LoadScenarioText(std::string(kTwoByTwo) + costs, "s.yaml", overrides);
}

TEST(CostsReaderTest, MapsByNameAndOneNumberForAll) {
  const LoadResult r = Load(R"(costs:
  currency: EUR
  agent_hour: {tech_team: 35, tier1: 28}
  per_handled: {billing: 0.40}
  per_abandoned: 5
  per_callback: 0.5
  revenue_per_resolved: {sales: 40}
)");
  ASSERT_TRUE(r.ok()) << r.errors.front().ToString();
  const Costs& c = *r.scenario->costs;
  EXPECT_EQ(c.currency, "EUR");
  EXPECT_EQ(c.agent_hour, (std::vector<std::optional<double>>{28, 35}));  // by group index
  EXPECT_EQ(c.per_handled, (std::vector<double>{0.4, 0}));                // sales left out: 0
  EXPECT_EQ(c.per_abandoned, (std::vector<double>{5, 5}));                // one number: every type
  EXPECT_EQ(c.per_callback, (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(c.revenue_per_resolved, (std::vector<double>{0, 40}));
}

TEST(CostsReaderTest, OnlyTheCurrencyIsRequired) {
  const LoadResult r = Load("costs: {currency: €, agent_hour: {tier1: 20}}\n");
  ASSERT_TRUE(r.ok()) << r.errors.front().ToString();
  const Costs& c = *r.scenario->costs;
  EXPECT_EQ(c.currency, "€");
  EXPECT_EQ(c.agent_hour, (std::vector<std::optional<double>>{20, std::nullopt}));  // no rate
  EXPECT_EQ(c.per_handled, (std::vector<double>{0, 0}));
  EXPECT_EQ(c.revenue_per_resolved, (std::vector<double>{0, 0}));
}

TEST(CostsReaderTest, AbsentWithoutTheKey) {
  const LoadResult r = Load("");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.scenario->costs.has_value());
}

TEST(CostsReaderTest, SetChangesOneAmount) {
  const LoadResult r = Load("costs: {currency: EUR, agent_hour: {tier1: 28}}\n",
                            {"costs.agent_hour.tech_team=31", "costs.per_abandoned=2.5"});
  ASSERT_TRUE(r.ok()) << r.errors.front().ToString();
  EXPECT_EQ(r.scenario->costs->agent_hour, (std::vector<std::optional<double>>{28, 31}));
  EXPECT_EQ(r.scenario->costs->per_abandoned, (std::vector<double>{2.5, 2.5}));
}

TEST(CostsReaderTest, AMisspeltGroupInSetIsReported) {
  const LoadResult r =
      Load("costs: {currency: EUR, agent_hour: {tier1: 28}}\n", {"costs.agent_hour.tier2=31"});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].ToString(),
            "--set:1:18: error: costs.agent_hour: unknown agent group 'tier2'; did you mean "
            "'tier1'? Known agent groups: tier1, tech_team");
}

}  // namespace
}  // namespace ccsim::scenario
