// The keys of the planner's arrivals: weekly patterns, forecast files, per-slot factors,
// busyness and open hours; every mistake with its exact diagnostic.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/scenario/calendar.h"
#include "sim/scenario/loader.h"

namespace ccsim::scenario {
namespace {

std::vector<std::string> Rendered(const LoadResult& result, const std::string& folder = "") {
  std::vector<std::string> lines;
  for (const Diagnostic& d : result.errors) {
    std::string line = d.ToString();
    for (size_t at; !folder.empty() && (at = line.find(folder)) != std::string::npos;) {
      line.erase(at, folder.size());
    }
    lines.push_back(line);
  }
  return lines;
}

// One contact type `calls` with `arrivals` (a flow map) and extra keys of the type (each
// line indented by four spaces), and whatever is added at the top level.
std::string Yaml(const std::string& arrivals, const std::string& type_keys = "",
                 const std::string& top = "start: 2026-03-02 00:00\n") {
  return "name: t\nhorizon: 1d\n" + top + "contact_types:\n  calls:\n    arrivals: " + arrivals +
         "\n    handle_time: 200s\n" + type_keys +
         "agent_groups:\n  desk:\n    agents: 3\n    skills: {calls: 1}\n";
}

std::vector<std::string> ErrorsOf(const std::string& yaml) {
  return Rendered(LoadScenarioText(yaml, "s.yaml"));
}

Scenario Loaded(const std::string& yaml) {
  const LoadResult r = LoadScenarioText(yaml, "s.yaml");
  EXPECT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  return r.ok() ? *r.scenario : Scenario();
}

constexpr double kPerHour = 1.0 / 3600;

// --- weekly -------------------------------------------------------------------------------

TEST(WeeklyTest, DaysBecomeOneWeekOfSlotsFromMonday) {
  // Start on a Wednesday at 06:00: the pattern's time at simulated 0 is 2 days and 6 hours.
  const Scenario s =
      Loaded(Yaml("\n      weekly: {slot: 12h, mon: [10/h, 20/h], wed: [30/h, 0/h],"
                  " mon_handle_time_factors: [1.5, 2], wed_patience_factors: [0.5, 1]}",
                  "", "start: 2026-03-04 06:00\n"));
  const Arrivals& a = s.contact_types[0].arrivals;
  EXPECT_EQ(a.kind, ArrivalKind::kWeekly);
  EXPECT_EQ(a.slot, 43200);
  EXPECT_EQ(a.offset, 2 * 86400 + 6 * 3600);
  EXPECT_TRUE(a.repeats);
  std::vector<double> rates(14, 0.0);
  rates[0] = 10 * kPerHour;
  rates[1] = 20 * kPerHour;
  rates[4] = 30 * kPerHour;
  EXPECT_EQ(a.rates, rates);
  std::vector<double> handle(14, 1.0), patience(14, 1.0);
  handle[0] = 1.5;
  handle[1] = 2;
  patience[4] = 0.5;
  EXPECT_EQ(a.handle_time_factors, handle);
  EXPECT_EQ(a.patience_factors, patience);
}

TEST(WeeklyTest, Mistakes) {
  EXPECT_EQ(ErrorsOf(Yaml("{weekly: {slot: 12h, mon: [1, 2]}}", "", "")),
            std::vector<std::string>{
                "s.yaml:5:16: error: contact_types.calls.arrivals.weekly: a weekly pattern needs "
                "the scenario's 'start' (the date and time at simulated time 0, like start: "
                "2026-03-02 00:00)"});
  EXPECT_EQ(ErrorsOf(Yaml("{weekly: {slot: 7m, mon: [1, 2]}}")),
            std::vector<std::string>{
                "s.yaml:6:31: error: contact_types.calls.arrivals.weekly.slot: expected a slot "
                "that cuts a day (24h) into whole slots, like 15m, 30m or 1h; got '7m'"});
  EXPECT_EQ(ErrorsOf(Yaml("{weekly: {slot: 12h, tue: [1, 2, 3], sun: [1]}}")),
            (std::vector<std::string>{
                "s.yaml:6:41: error: contact_types.calls.arrivals.weekly.tue: expected 2 rates, "
                "one per slot of the day; got 3",
                "s.yaml:6:57: error: contact_types.calls.arrivals.weekly.sun: expected 2 rates, "
                "one per slot of the day; got 1"}));
  EXPECT_EQ(ErrorsOf(Yaml("{weekly: {slot: 12h, mon: [1, 2], tue_handle_time_factors: [1, 1],"
                          " mon_patience_factors: [1]}}")),
            (std::vector<std::string>{
                "s.yaml:6:49: error: contact_types.calls.arrivals.weekly.tue_handle_time_factors: "
                "needs 'tue' (the factors go with that day's rates)",
                "s.yaml:6:104: error: contact_types.calls.arrivals.weekly.mon_patience_factors: "
                "expected 2 factors, one per rate of 'mon'; got 1"}));
  EXPECT_EQ(ErrorsOf(Yaml("{weekly: {slot: 1h}}")),
            std::vector<std::string>{
                "s.yaml:6:16: error: contact_types.calls.arrivals.weekly: expected the rates of "
                "at least one day (mon, tue, wed, thu, fri, sat, sun)"});
  EXPECT_EQ(ErrorsOf(Yaml("{weekly: {slot: 12h, mon: [1, 2], monday: [1, 2]}}")),
            std::vector<std::string>{
                "s.yaml:6:49: error: unknown key 'monday' in contact_types.calls.arrivals.weekly; "
                "did you mean 'mon'?"});
}

// --- pattern factors ----------------------------------------------------------------------

TEST(PatternFactorsTest, AreReadBesideTheRates) {
  const Scenario s =
      Loaded(Yaml("{pattern: {slot: 1h, rates: [10, 20], handle_time_factors: [1.2, 0.8],"
                  " patience_factors: [2, 1]}}"));
  const Arrivals& a = s.contact_types[0].arrivals;
  EXPECT_EQ(a.handle_time_factors, (std::vector<double>{1.2, 0.8}));
  EXPECT_EQ(a.patience_factors, (std::vector<double>{2, 1}));
  EXPECT_EQ(a.offset, 0);
  EXPECT_TRUE(a.repeats);
}

TEST(PatternFactorsTest, Mistakes) {
  EXPECT_EQ(ErrorsOf(Yaml("{pattern: {slot: 1h, rates: [10, 20], handle_time_factors: [1],"
                          " patience_factors: [1, 0]}}")),
            (std::vector<std::string>{
                "s.yaml:6:74: error: contact_types.calls.arrivals.pattern.handle_time_factors: "
                "expected 2 factors, one per rate; got 1",
                "s.yaml:6:101: error: contact_types.calls.arrivals.pattern.patience_factors[1]: "
                "expected a positive number; got '0'"}));
}

// --- busyness -----------------------------------------------------------------------------

TEST(BusynessTest, AtTheTopAndOnAType) {
  const Scenario s = Loaded(
      Yaml("{rate: 10/h, busyness: {sd: 0.15, per: replication}}", "", "busyness: {sd: 0.1}\n"));
  ASSERT_TRUE(s.busyness.has_value());
  EXPECT_EQ(s.busyness->sd, 0.1);
  EXPECT_EQ(s.busyness->per, BusynessPer::kDay);
  const std::optional<Busyness>& own = s.contact_types[0].arrivals.busyness;
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->sd, 0.15);
  EXPECT_EQ(own->per, BusynessPer::kReplication);
}

TEST(BusynessTest, Mistakes) {
  EXPECT_EQ(
      ErrorsOf(Yaml("{rate: 10/h, busyness: {sd: 11}}", "", "busyness: {sd: -1, per: week}\n")),
      (std::vector<std::string>{
          "s.yaml:3:16: error: busyness.sd: expected a non-negative number; got '-1'",
          "s.yaml:3:25: error: busyness.per: expected one of day, replication; got 'week'",
          "s.yaml:6:43: error: contact_types.calls.arrivals.busyness.sd: expected a number "
          "of at most 10; got '11'"}));
  EXPECT_EQ(ErrorsOf(Yaml("{file: times.csv, busyness: {sd: 0.1}}")),
            (std::vector<std::string>{
                "s.yaml:6:22: error: contact_types.calls.arrivals.file: cannot read file "
                "'times.csv': No such file or directory"}));
  EXPECT_EQ(ErrorsOf(Yaml("{busyness: {sd: 0.1}}")),
            std::vector<std::string>{"s.yaml:6:15: error: contact_types.calls.arrivals: expected "
                                     "exactly one of 'rate', 'pattern', 'weekly', 'forecast' or "
                                     "'file'"});
}

TEST(BusynessTest, ReplayedArrivalsAreNotScaled) {
  const std::string data = std::string(CCSIM_SOURCE_DIR) + "/tests/data/";
  const LoadResult r =
      LoadScenarioText(Yaml("{file: arrivals.csv, busyness: {sd: 0.1}}"), data + "s.yaml");
  EXPECT_EQ(Rendered(r, data),
            std::vector<std::string>{
                "s.yaml:6:36: error: contact_types.calls.arrivals.busyness: replayed arrivals "
                "(file) are not scaled; remove 'busyness' or use rate, pattern, weekly or "
                "forecast"});
}

// --- open hours ---------------------------------------------------------------------------

constexpr double kDay = 86400, kHour = 3600;

TEST(OpenHoursTest, DaysRangesListsAndSpansOverMidnight) {
  const Scenario s =
      Loaded(Yaml("{rate: 10/h}",
                  "    open: {mon-fri: \"08:00-20:00\", sat: [\"09:00-13:00\", \"14:00-15:30\"],"
                  " sun: \"22:00-02:00\"}\n    at_close: clear\n"));
  const std::optional<OpenHours>& open = s.contact_types[0].open;
  ASSERT_TRUE(open.has_value());
  std::vector<std::pair<double, double>> week;
  week.emplace_back(0, 2 * kHour);  // Sunday night runs into Monday and wraps to the week's start
  for (int d = 0; d < 5; ++d) week.emplace_back(d * kDay + 8 * kHour, d * kDay + 20 * kHour);
  week.emplace_back(5 * kDay + 9 * kHour, 5 * kDay + 13 * kHour);
  week.emplace_back(5 * kDay + 14 * kHour, 5 * kDay + 15.5 * kHour);
  week.emplace_back(6 * kDay + 22 * kHour, 7 * kDay);
  EXPECT_EQ(open->week, week);
  EXPECT_EQ(open->at_close, AtClose::kClear);
}

TEST(OpenHoursTest, RangesWrapAndClosedDaysAreAllowed) {
  const Scenario s =
      Loaded(Yaml("{rate: 10/h}", "    open: {sat-mon: \"00:00-24:00\", tue: closed, wed: []}\n"));
  const std::optional<OpenHours>& open = s.contact_types[0].open;
  ASSERT_TRUE(open.has_value());
  EXPECT_EQ(open->week, (std::vector<std::pair<double, double>>{{0, kDay}, {5 * kDay, 7 * kDay}}));
  EXPECT_EQ(open->at_close, AtClose::kDrain);
}

TEST(OpenHoursTest, Mistakes) {
  EXPECT_EQ(
      ErrorsOf(Yaml("{rate: 10/h}",
                    "    open: {monday: \"08:00-20:00\", mon-fri: \"8-20\", wed: \"10:00-10:00\","
                    " sat: [\"24:00-01:00\", \"09:00\"]}\n")),
      (std::vector<std::string>{
          "s.yaml:8:12: error: contact_types.calls.open.monday: expected a day (mon, tue, wed, "
          "thu, fri, sat, sun) or a range of days like mon-fri as the key; did you mean 'mon'?",
          "s.yaml:8:44: error: contact_types.calls.open.mon-fri: expected opening hours like "
          "\"08:00-20:00\", a list of them, or closed; got '8-20'",
          "s.yaml:8:52: error: contact_types.calls.open.wed: 'wed' is already given by 'mon-fri'",
          "s.yaml:8:57: error: contact_types.calls.open.wed: '10:00-10:00' opens and closes at "
          "the same time",
          "s.yaml:8:78: error: contact_types.calls.open.sat[0]: '24:00-01:00' opens at 24:00; "
          "write it as the next day's, from 00:00",
          "s.yaml:8:93: error: contact_types.calls.open.sat[1]: expected opening hours like "
          "\"08:00-20:00\", a list of them, or closed; got '09:00'"}));
  EXPECT_EQ(ErrorsOf(Yaml("{rate: 10/h}", "    open: {mon: closed}\n")),
            std::vector<std::string>{
                "s.yaml:8:5: error: contact_types.calls.open: open on no day of the week: the "
                "type would take no contacts; give opening hours or remove 'open'"});
  EXPECT_EQ(ErrorsOf(Yaml("{rate: 10/h}", "    open: {mon: \"08:00-20:00\"}\n", "")),
            std::vector<std::string>{
                "s.yaml:7:5: error: contact_types.calls.open: opening hours needs the scenario's "
                "'start' (the date and time at simulated time 0, like start: 2026-03-02 00:00)"});
  EXPECT_EQ(ErrorsOf(Yaml("{rate: 10/h}", "    at_close: clear\n")),
            std::vector<std::string>{
                "s.yaml:8:5: error: contact_types.calls.at_close: needs 'open' (without opening "
                "hours the type never closes)"});
  EXPECT_EQ(
      ErrorsOf(Yaml("{rate: 10/h}", "    open: {mon: \"08:00-20:00\"}\n    at_close: drop\n")),
      std::vector<std::string>{"s.yaml:9:15: error: contact_types.calls.at_close: expected "
                               "one of drain, clear; got 'drop'"});
}

// --- forecast files -----------------------------------------------------------------------

// Each test writes its CSV files into a folder of its own.
class ForecastTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ccsim_forecast_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }
  LoadResult Load(const std::string& yaml) const {
    return LoadScenarioText(yaml, (dir_ / "s.yaml").string());
  }
  std::vector<std::string> Errors(const std::string& yaml) const {
    return Rendered(Load(yaml), dir_.string() + "/");
  }

  // billing and tech both read fc.csv (handle times 200s and 5m).
  static std::string TwoTypes(const std::string& top = "start: 2026-03-02 00:00\n") {
    return "name: f\nhorizon: 1d\n" + top +
           "contact_types:\n"
           "  billing:\n    arrivals: {forecast: fc.csv}\n    handle_time: 200s\n"
           "  tech:\n    arrivals: {forecast: fc.csv}\n    handle_time: 5m\n"
           "agent_groups:\n  desk:\n    agents: 3\n    skills: {billing: 1, tech: 1}\n";
  }

  std::filesystem::path dir_;
};

TEST_F(ForecastTest, RowsGiveRatesFromVolumesAndFactorsFromAht) {
  Write("fc.csv",
        "interval_start,contact_type,volume,aht\n"
        "2026-03-02 08:00,billing,30,250\n"
        "2026-03-02 08:00,tech,12,10m\n"
        "\"2026-03-02 08:30\",\"billing\",45,\n"
        "2026-03-02 08:00,sales,99,oops\n");  // a type that does not read the file: ignored
  const LoadResult r = Load(TwoTypes());
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  const Arrivals& billing = r.scenario->contact_types[0].arrivals;
  EXPECT_EQ(billing.kind, ArrivalKind::kForecast);
  EXPECT_EQ(billing.slot, 1800);
  EXPECT_EQ(billing.rates, (std::vector<double>{30.0 / 1800, 45.0 / 1800}));
  EXPECT_EQ(billing.offset, -8 * 3600);  // the forecast begins at 08:00 of the start's day
  EXPECT_FALSE(billing.repeats);
  EXPECT_EQ(billing.handle_time_factors, (std::vector<double>{250.0 / 200, 1}));
  // One row: the length of the file's other intervals.
  const Arrivals& tech = r.scenario->contact_types[1].arrivals;
  EXPECT_EQ(tech.slot, 1800);
  EXPECT_EQ(tech.rates, (std::vector<double>{12.0 / 1800}));
  EXPECT_EQ(tech.handle_time_factors, (std::vector<double>{2}));
}

TEST_F(ForecastTest, SecondsNeedNoStartAndAhtIsOptional) {
  Write("fc.csv",
        "# exported by hand\n"
        "interval_start , contact_type , volume\r\n"
        "3600,billing,10\r\n"
        "\r\n"
        "5400,billing,0\r\n"
        "3600,tech,5\r\n"
        "4500,tech,7\r\n");
  const LoadResult r = Load(TwoTypes(""));
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  const Arrivals& billing = r.scenario->contact_types[0].arrivals;
  EXPECT_EQ(billing.slot, 1800);
  EXPECT_EQ(billing.offset, -3600);
  EXPECT_EQ(billing.rates, (std::vector<double>{10.0 / 1800, 0}));
  EXPECT_TRUE(billing.handle_time_factors.empty());
  const Arrivals& tech = r.scenario->contact_types[1].arrivals;
  EXPECT_EQ(tech.slot, 900);  // each type has its own interval length
  EXPECT_EQ(tech.rates, (std::vector<double>{5.0 / 900, 7.0 / 900}));
}

TEST_F(ForecastTest, BadCellsAreReportedWhereTheyAre) {
  Write("fc.csv",
        "interval_start,contact_type,volume,aht\n"
        "2026-03-02 08:00,billing,lots,250\n"
        "yesterday,billing,3,\n"
        "2026-03-02 09:00,billing,3,4 minutes\n"
        "\"2026-03-02 09:30\",tech,-1,10\n"
        "2026-03-02 10:00,tech,1\n"
        "\"2026-03-02 10:00,tech,1,1\n");
  EXPECT_EQ(Errors(TwoTypes()),
            (std::vector<std::string>{
                "fc.csv:2:26: error: contact_types.billing.arrivals.forecast: volume: expected a "
                "non-negative number; got 'lots'",
                "fc.csv:3:1: error: contact_types.billing.arrivals.forecast: interval_start: "
                "expected a date and time like 2026-03-02 08:00 or seconds from the start; got "
                "'yesterday'",
                "fc.csv:4:28: error: contact_types.billing.arrivals.forecast: aht: expected a "
                "duration like 4m or 240 (seconds), or nothing; got '4 minutes'",
                "fc.csv:5:25: error: contact_types.tech.arrivals.forecast: volume: expected a "
                "non-negative number; got '-1'",
                "fc.csv:6:1: error: contact_types.billing.arrivals.forecast: expected 4 cells "
                "(interval_start,contact_type,volume,aht); got 3",
                "fc.csv:7:1: error: contact_types.billing.arrivals.forecast: a quoted cell is "
                "not closed where it should be"}));
}

TEST_F(ForecastTest, RowsOfATypeFollowEachOther) {
  Write("fc.csv",
        "interval_start,contact_type,volume\n"
        "2026-03-02 08:00,billing,1\n"
        "2026-03-02 08:30,billing,1\n"
        "2026-03-02 09:30,billing,1\n"
        "600,tech,1\n"
        "300,tech,1\n");
  EXPECT_EQ(Errors(TwoTypes()),
            (std::vector<std::string>{
                "fc.csv:4:1: error: contact_types.billing.arrivals.forecast: interval_start: "
                "expected 2026-03-02 09:00, the interval after the previous row of 'billing' "
                "(intervals of 1800s); got '2026-03-02 09:30'",
                "fc.csv:6:1: error: contact_types.tech.arrivals.forecast: interval_start: "
                "expected a time after the previous row of 'tech' (600); got '300'"}));
}

TEST_F(ForecastTest, FileMistakes) {
  Write("fc.csv", "time,queue,calls\n2026-03-02 08:00,billing,1\n");
  EXPECT_EQ(Errors(TwoTypes()),
            std::vector<std::string>{
                "fc.csv:1:1: error: contact_types.billing.arrivals.forecast: expected the header "
                "interval_start,contact_type,volume or interval_start,contact_type,volume,aht; "
                "got 'time,queue,calls'"});
  Write("fc.csv", "interval_start,contact_type,volume\n2026-03-02 08:00,billing,1\n");
  EXPECT_EQ(Errors(TwoTypes()),
            (std::vector<std::string>{
                "s.yaml:9:26: error: contact_types.tech.arrivals.forecast: file 'fc.csv' has no "
                "row for contact type 'tech'",
                "fc.csv:2:1: error: contact_types.billing.arrivals.forecast: interval_start: "
                "'billing' has a single row, so the length of its intervals is unknown; add its "
                "next interval (with volume 0 if need be)"}));
  Write("fc.csv", "interval_start,contact_type,volume\n2026-03-02 08:00,billing,1\n");
  EXPECT_EQ(Errors(TwoTypes("")),
            std::vector<std::string>{
                "fc.csv:2:1: error: contact_types.billing.arrivals.forecast: interval_start: "
                "'2026-03-02 08:00' is a date and time, which needs the scenario's 'start'; give "
                "'start' or write seconds from the start"});
  Write("fc.csv", "");
  std::filesystem::remove(dir_ / "fc.csv");
  EXPECT_EQ(Errors(TwoTypes()),
            std::vector<std::string>{"s.yaml:6:26: error: contact_types.billing.arrivals.forecast: "
                                     "cannot read file 'fc.csv': No such file or directory"});
}

TEST_F(ForecastTest, AhtAndVolumeBounds) {
  Write("fc.csv",
        "interval_start,contact_type,volume,aht\n"
        "0,billing,3,0\n"
        "1800,billing,0,0\n"
        "3600,billing,1,3w\n"
        "0,tech,1e9,\n"
        "1800,tech,1,\n");
  EXPECT_EQ(Errors(TwoTypes()),
            (std::vector<std::string>{
                "fc.csv:2:13: error: contact_types.billing.arrivals.forecast: aht: expected a "
                "positive duration where the volume is positive; got '0'",
                "fc.csv:4:16: error: contact_types.billing.arrivals.forecast: aht: '3w' is more "
                "than 1000 times the mean of the handle time (200s)",
                "fc.csv:5:8: error: contact_types.tech.arrivals.forecast: volume: '1e9' in an "
                "interval of 1800s is a rate above the limit of 1000/s"}));
}

TEST_F(ForecastTest, ManyMistakesAreCounted) {
  std::string text = "interval_start,contact_type,volume\n";
  for (int i = 0; i < 15; ++i) text += std::to_string(i * 60) + ",billing,x\n";
  Write("fc.csv", text);
  const std::vector<std::string> errors = Errors(TwoTypes());
  ASSERT_EQ(errors.size(), 11u);
  EXPECT_EQ(errors[9],
            "fc.csv:11:13: error: contact_types.billing.arrivals.forecast: volume: "
            "expected a non-negative number; got 'x'");
  EXPECT_EQ(errors[10],
            "fc.csv: error: contact_types.billing.arrivals.forecast: 5 more mistakes "
            "in this file");
}

}  // namespace
}  // namespace ccsim::scenario
