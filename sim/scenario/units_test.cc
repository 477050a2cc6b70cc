#include "sim/scenario/units.h"

#include <gtest/gtest.h>

namespace ccsim::scenario {
namespace {

TEST(ParseDurationTest, BareNumberIsSeconds) {
  EXPECT_EQ(ParseDuration("45"), 45);
  EXPECT_EQ(ParseDuration("0"), 0);
  EXPECT_EQ(ParseDuration("2.5"), 2.5);
}

TEST(ParseDurationTest, EveryUnit) {
  EXPECT_EQ(ParseDuration("45s"), 45);
  EXPECT_EQ(ParseDuration("2m"), 120);
  EXPECT_EQ(ParseDuration("1h"), 3600);
  EXPECT_EQ(ParseDuration("1d"), 86400);
  EXPECT_EQ(ParseDuration("1w"), 604800);
}

TEST(ParseDurationTest, Decimals) {
  EXPECT_DOUBLE_EQ(*ParseDuration("2.5m"), 150);
  EXPECT_DOUBLE_EQ(*ParseDuration("0.5h"), 1800);
  EXPECT_DOUBLE_EQ(*ParseDuration(".25h"), 900);
  EXPECT_DOUBLE_EQ(*ParseDuration("1.5d"), 129600);
  EXPECT_DOUBLE_EQ(*ParseDuration("1e3s"), 1000);
}

TEST(ParseDurationTest, BlanksAroundNumberAndUnit) {
  EXPECT_EQ(ParseDuration(" 45s "), 45);
  EXPECT_EQ(ParseDuration("2 m"), 120);
}

TEST(ParseDurationTest, RejectsOverflow) {
  EXPECT_EQ(ParseDuration("1e400"), std::nullopt);
  EXPECT_EQ(ParseDuration("1e308w"), std::nullopt);
}

TEST(ParseDurationTest, NegativeValuesParseForCallersToCheck) {
  EXPECT_EQ(ParseDuration("-5s"), -5);
  EXPECT_EQ(ParseDuration("-1"), -1);
}

TEST(ParseDurationTest, RejectsWhatIsNotADuration) {
  for (const char* bad : {"", " ", "m", "-", "5 parsecs", "5x", "fast", "1h30m", "5ss", "s5", "1/h",
                          "inf", "nan", "infs", "0x10", "+", "5m m", "1.2.3s"}) {
    EXPECT_EQ(ParseDuration(bad), std::nullopt) << "'" << bad << "'";
  }
}

TEST(ParseRateTest, BareNumberIsPerHour) {
  EXPECT_DOUBLE_EQ(*ParseRate("360"), 0.1);
  EXPECT_DOUBLE_EQ(*ParseRate("0"), 0);
  EXPECT_DOUBLE_EQ(*ParseRate("7.2"), 0.002);
}

TEST(ParseRateTest, EveryUnit) {
  EXPECT_DOUBLE_EQ(*ParseRate("0.5/s"), 0.5);
  EXPECT_DOUBLE_EQ(*ParseRate("6/m"), 0.1);
  EXPECT_DOUBLE_EQ(*ParseRate("360/h"), 0.1);
  EXPECT_DOUBLE_EQ(*ParseRate("8640/d"), 0.1);
  EXPECT_DOUBLE_EQ(*ParseRate("60480/w"), 0.1);
}

TEST(ParseRateTest, DecimalsAndBlanks) {
  EXPECT_DOUBLE_EQ(*ParseRate("1.5/m"), 0.025);
  EXPECT_DOUBLE_EQ(*ParseRate("6 / m"), 0.1);
  EXPECT_DOUBLE_EQ(*ParseRate(" 360/h "), 0.1);
}

TEST(ParseRateTest, RejectsWhatIsNotARate) {
  for (const char* bad : {"", "/h", "h", "-", "5 parsecs", "360h", "360/", "360/x", "360//h",
                          "360/hour", "fast", "nan/h", "3/h/h", "1e400/h"}) {
    EXPECT_EQ(ParseRate(bad), std::nullopt) << "'" << bad << "'";
  }
}

TEST(ParseRateTest, NegativeValuesParseForCallersToCheck) {
  EXPECT_DOUBLE_EQ(*ParseRate("-6/m"), -0.1);
}

}  // namespace
}  // namespace ccsim::scenario
