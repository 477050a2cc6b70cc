#include "sim/scenario/roster_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/scenario/loader.h"

namespace ccsim::scenario {
namespace {

// A folder with a scenario whose group `desk` works the roster `csv`.
class RosterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ccsim_roster_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  LoadResult Load(const std::string& csv, bool with_start = true,
                  const std::string& staffing = "roster: roster.csv") {
    { std::ofstream(dir_ / "roster.csv") << csv; }
    const std::string yaml = std::string("name: r\n") +
                             (with_start ? "start: 2026-03-02 08:00\n" : "") +
                             "horizon: 2d\n"
                             "contact_types:\n"
                             "  general: {arrivals: {rate: 60/h}, handle_time: 4m}\n"
                             "agent_groups:\n"
                             "  desk:\n"
                             "    " + staffing + "\n"
                             "    skills: {general: 1}\n";
    return LoadScenarioText(yaml, (dir_ / "s.yaml").string());
  }
  std::vector<std::string> Errors(const std::string& csv, bool with_start = true,
                                  const std::string& staffing = "roster: roster.csv") {
    std::vector<std::string> lines;
    for (const Diagnostic& d : Load(csv, with_start, staffing).errors) {
      std::string line = d.ToString();
      // The folder is the test's own: messages are compared without it.
      const std::string folder = dir_.string() + "/";
      for (size_t at; (at = line.find(folder)) != std::string::npos;) line.erase(at, folder.size());
      lines.push_back(line);
    }
    return lines;
  }

  std::filesystem::path dir_;
};

TEST_F(RosterTest, RowsBecomeOneAgentShiftsInSeconds) {
  const LoadResult r = Load(
      "agent,start,end,breaks\n"
      "ann,2026-03-02T08:00,2026-03-02 16:30,12:00+30m;10:00+15m\n"
      "bob,1h,9h,\n"
      "# a comment, then a blank line\n"
      "\n"
      "ann,2026-03-03T08:00,2026-03-03T12:00\n"
      "\"Smith, Jo\",30m,150m,1h+10m\n");
  ASSERT_TRUE(r.ok()) << r.errors[0].ToString();
  const std::vector<Shift>& shifts = r.scenario->agent_groups[0].shifts;
  ASSERT_EQ(shifts.size(), 4u);
  // ann, Monday 08:00-16:30 from a start of Monday 08:00; breaks in time order: 10:00 is 2 h
  // in, 12:00 is 4 h in.
  EXPECT_EQ(shifts[0].start, 0);
  EXPECT_EQ(shifts[0].end, 30600);
  EXPECT_EQ(shifts[0].agents, 1);
  ASSERT_EQ(shifts[0].breaks.size(), 2u);
  EXPECT_EQ(shifts[0].breaks[0].after, 7200);
  EXPECT_EQ(shifts[0].breaks[0].duration, 900);
  EXPECT_EQ(shifts[0].breaks[1].after, 14400);
  EXPECT_EQ(shifts[0].breaks[1].duration, 1800);
  EXPECT_EQ(shifts[1].start, 3600);
  EXPECT_EQ(shifts[1].end, 32400);
  EXPECT_TRUE(shifts[1].breaks.empty());
  EXPECT_EQ(shifts[2].start, 86400);  // Tuesday 08:00
  EXPECT_EQ(shifts[2].end, 100800);
  // A break written as a duration is a time from the start, 30 min into this shift.
  EXPECT_EQ(shifts[3].start, 1800);
  EXPECT_EQ(shifts[3].end, 9000);
  ASSERT_EQ(shifts[3].breaks.size(), 1u);
  EXPECT_EQ(shifts[3].breaks[0].after, 1800);
  EXPECT_EQ(shifts[3].breaks[0].duration, 600);
  EXPECT_EQ(r.scenario->agent_groups[0].agents, 0);
}

TEST_F(RosterTest, WithoutStartDurationsOnly) {
  const LoadResult r = Load("agent,start,end\nann,0,8h\n", /*with_start=*/false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.scenario->agent_groups[0].shifts[0].end, 28800);
  EXPECT_EQ(Errors("agent,start,end,breaks\n"
                   "ann,2026-03-02T08:00,9h\n"
                   "bob,0,8h,12:00+30m\n",
                   /*with_start=*/false),
            (std::vector<std::string>{
                "roster.csv:2:5: error: agent_groups.desk.roster: start: '2026-03-02T08:00' is a "
                "date and time, which needs the scenario's 'start'; give 'start' or write a "
                "duration from the start like 8h",
                "roster.csv:3:10: error: agent_groups.desk.roster: breaks: '12:00' is a clock "
                "time, which needs the scenario's 'start'; give 'start' or write the break's time "
                "as a duration from the start like 12h+30m"}));
}

TEST_F(RosterTest, EveryBadCellIsReportedAtItsLineAndColumn) {
  EXPECT_EQ(
      Errors("agent,start,end,breaks\n"
             "ann,yesterday,8h,\n"
             "bob,2026-03-02T07:00,8h\n"
             "cy,8h,7h\n"
             "dee,0,8h,12:00\n"
             "eve,0,8h,17:00+30m\n"
             "fay,0,8h\n"
             "fay,7h,9h\n"
             "gus,0,8h,x,extra\n"),
      (std::vector<std::string>{
          "roster.csv:2:5: error: agent_groups.desk.roster: start: expected a date and time like "
          "2026-03-02T08:00 or a duration from the start like 8h (at most 10 years "
          "(315360000s)); got 'yesterday'",
          "roster.csv:3:5: error: agent_groups.desk.roster: start: '2026-03-02T07:00' is before "
          "the scenario's start (2026-03-02 08:00)",
          "roster.csv:4:7: error: agent_groups.desk.roster: end: a shift needs start < end; got "
          "start '8h' and end '7h'",
          "roster.csv:5:10: error: agent_groups.desk.roster: breaks: expected breaks like "
          "12:00+30m;15:00+15m (a clock time or a duration from the start, '+', a positive "
          "length); got '12:00'",
          "roster.csv:6:10: error: agent_groups.desk.roster: breaks: a break must start within "
          "its shift (2026-03-02 08:00 to 2026-03-02 16:00); got '17:00+30m' at 2026-03-02 "
          "17:00",
          "roster.csv:8:5: error: agent_groups.desk.roster: start: agent 'fay' already works "
          "from 2026-03-02 08:00 to 2026-03-02 16:00 (line 7); a person's shifts must not "
          "overlap",
          "roster.csv:9:12: error: agent_groups.desk.roster: expected agent,start,end,breaks (4 "
          "columns); got 5"}));
}

TEST_F(RosterTest, FileHeaderAndStaffingMistakes) {
  EXPECT_EQ(Errors("name,from,to\nann,0,8h\n"),
            std::vector<std::string>{
                "roster.csv:1:1: error: agent_groups.desk.roster: expected the header "
                "agent,start,end or agent,start,end,breaks; got 'name,from,to'"});
  EXPECT_EQ(Errors("agent,start,end\n"),
            std::vector<std::string>{"roster.csv: error: agent_groups.desk.roster: the roster "
                                     "has no rows; give at least one agent's shift"});
  EXPECT_EQ(Errors("agent,start,end\nann,0,8h\n", true,
                   "roster: roster.csv\n    agents: 3"),
            std::vector<std::string>{
                "s.yaml:8:5: error: agent_groups.desk: give one of 'agents', 'shifts' and "
                "'roster', not 'agents' and 'roster'"});
  EXPECT_EQ(Errors("", true, "roster: missing.csv"),
            std::vector<std::string>{
                "s.yaml:8:13: error: agent_groups.desk.roster: cannot read file "
                "'missing.csv': No such file or directory"});
}

}  // namespace
}  // namespace ccsim::scenario
