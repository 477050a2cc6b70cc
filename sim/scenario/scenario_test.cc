#include "sim/scenario/scenario.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "sim/scenario/diagnostic.h"

namespace ccsim::scenario {
namespace {

TEST(DistributionTest, MeanOfEachKind) {
  EXPECT_EQ(Distribution::Constant(30).Mean(), 30);
  EXPECT_EQ(Distribution::Exponential(240).Mean(), 240);

  Distribution d;
  d.kind = DistributionKind::kUniform;
  d.min = 60;
  d.max = 180;
  EXPECT_EQ(d.Mean(), 120);

  d.kind = DistributionKind::kTriangular;
  d.mode = 90;
  EXPECT_EQ(d.Mean(), 110);

  d.kind = DistributionKind::kLognormal;
  d.mean = 200;
  d.sd = 50;
  EXPECT_EQ(d.Mean(), 200);
  d.kind = DistributionKind::kGamma;
  EXPECT_EQ(d.Mean(), 200);

  d.kind = DistributionKind::kWeibull;
  d.shape = 1;  // an exponential: the mean is the scale
  d.scale = 40;
  EXPECT_DOUBLE_EQ(d.Mean(), 40);
  d.shape = 2;
  EXPECT_DOUBLE_EQ(d.Mean(), 40 * std::sqrt(std::numbers::pi) / 2);

  d.kind = DistributionKind::kEmpirical;
  d.values = {60, 90, 150};
  EXPECT_EQ(d.Mean(), 100);
  d.values.clear();
  EXPECT_EQ(d.Mean(), 0);
}

TEST(ScenarioTest, IndicesByName) {
  Scenario s;
  s.contact_types.resize(2);
  s.contact_types[0].name = "billing";
  s.contact_types[1].name = "tech";
  s.agent_groups.resize(1);
  s.agent_groups[0].name = "tier1";
  EXPECT_EQ(s.ContactTypeIndex("tech"), 1);
  EXPECT_EQ(s.ContactTypeIndex("sales"), -1);
  EXPECT_EQ(s.AgentGroupIndex("tier1"), 0);
  EXPECT_EQ(s.AgentGroupIndex("billing"), -1);
}

TEST(ScenarioTest, EnumNamesAreTheScenarioSpelling) {
  EXPECT_STREQ(ToString(DistributionKind::kLognormal), "lognormal");
  EXPECT_STREQ(ToString(DistributionKind::kEmpirical), "empirical");
  EXPECT_STREQ(ToString(ArrivalKind::kPattern), "pattern");
  EXPECT_STREQ(ToString(Channel::kEmail), "email");
  EXPECT_STREQ(ToString(AgentSelection::kFewestSkills), "fewest_skills");
  EXPECT_STREQ(ToString(ContactSelection::kPriorityThenLongestWait), "priority_then_longest_wait");
  // Every value is listed once, so parsing by name covers them all.
  EXPECT_EQ(std::size(kDistributionKinds), 8u);
  EXPECT_EQ(std::size(kAgentSelections), 4u);
}

TEST(DiagnosticTest, Rendering) {
  EXPECT_EQ((Diagnostic{{"help.yaml", 7, 17}, "bad"}).ToString(), "help.yaml:7:17: error: bad");
  EXPECT_EQ((Diagnostic{{"help.yaml", 0, 0}, "unreadable"}).ToString(),
            "help.yaml: error: unreadable");
  EXPECT_EQ((Diagnostic{{"help.yaml", 3, 0}, "no column"}).ToString(),
            "help.yaml:3: error: no column");
}

}  // namespace
}  // namespace ccsim::scenario
