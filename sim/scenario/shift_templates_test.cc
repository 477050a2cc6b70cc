#include "sim/scenario/shift_templates.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/scenario/loader.h"

namespace ccsim::scenario {
namespace {

Scenario Load(bool with_start) {
  const std::string yaml = std::string("name: t\n") + (with_start ? "start: 2026-03-02 08:00\n" : "") +
                           "horizon: 8h\n"
                           "contact_types: {calls: {arrivals: {rate: 60/h}, handle_time: 4m}}\n"
                           "agent_groups:\n"
                           "  desk: {agents: 1, skills: {calls: 1}}\n"
                           "  back_office: {agents: 1, skills: {calls: 2}}\n";
  LoadResult r = LoadScenarioText(yaml, "s.yaml");
  EXPECT_TRUE(r.ok());
  return *r.scenario;
}

std::vector<std::string> Errors(const std::string& yaml, bool with_start = true) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : LoadShiftTemplatesText(yaml, "t.yaml", Load(with_start)).errors) {
    lines.push_back(d.ToString());
  }
  return lines;
}

TEST(ShiftTemplatesTest, ReadsStartsBreaksDaysAndGroups) {
  const TemplatesResult r = LoadShiftTemplatesText(R"(templates:
  early:
    start: {from: "07:00", to: "08:00", step: 20m}
    length: 8h
    breaks: [{length: 30m, window: ["11:00", "13:00"]}, {length: 15m, window: ["23:30", "00:30"], step: 15m}]
    days: [mon-wed, sat-sun]
    cost: 24.5
    groups: [back_office]
  late: {start: ["14:00", "16:30"], length: 4h, cost: 0}
  one: {start: "09:15", length: 1h, cost: 10, days: fri}
)", "t.yaml", Load(true));
  ASSERT_TRUE(r.ok()) << r.errors[0].ToString();
  ASSERT_EQ(r.templates.size(), 3u);
  const ShiftTemplate& early = r.templates[0];
  EXPECT_EQ(early.name, "early");
  EXPECT_EQ(early.starts, (std::vector<double>{25200, 26400, 27600, 28800}));
  EXPECT_EQ(early.length, 28800);
  ASSERT_EQ(early.breaks.size(), 2u);
  EXPECT_EQ(early.breaks[0].length, 1800);
  EXPECT_EQ(early.breaks[0].earliest, 39600);
  EXPECT_EQ(early.breaks[0].latest, 46800);
  EXPECT_EQ(early.breaks[0].step, 0);
  EXPECT_EQ(early.breaks[1].earliest, 84600);
  EXPECT_EQ(early.breaks[1].latest, 1800);
  EXPECT_EQ(early.breaks[1].step, 900);
  EXPECT_EQ(early.days, 0b1100111);  // Mon, Tue, Wed, Sat, Sun
  EXPECT_EQ(early.cost_per_hour, 24.5);
  EXPECT_EQ(early.groups, std::vector<int>{1});
  EXPECT_EQ(early.where.line, 2);
  EXPECT_EQ(r.templates[1].starts, (std::vector<double>{50400, 59400}));
  EXPECT_EQ(r.templates[1].days, 0x7f);
  EXPECT_TRUE(r.templates[1].groups.empty());
  EXPECT_EQ(r.templates[2].starts, std::vector<double>{33300});
  EXPECT_EQ(r.templates[2].days, 0b10000);
}

TEST(ShiftTemplatesTest, EveryMistakeAtItsKey) {
  EXPECT_EQ(Errors(R"(templates:
  early:
    start: {from: "09:00", to: "08:00", step: 30m}
    length: 25h
    breaks: [{length: 9h, window: ["11:00"]}, {length: 10h, window: ["11:00", "12:00"]}]
    days: [mon-fry]
    cost: -3
    groups: [desk, bak_office]
    colour: red
  late: {start: 7am, length: 4h, cost: 1}
  none: {}
)"),
            (std::vector<std::string>{
                "t.yaml:9:5: error: unknown key 'colour' in templates.early; expected one of "
                "start, length, breaks, days, cost, groups",
                "t.yaml:3:32: error: templates.early.start.to: the range ends before it begins "
                "('09:00')",
                "t.yaml:4:13: error: templates.early.length: a shift lasts at most 24h; got '25h'",
                "t.yaml:5:35: error: templates.early.breaks[0].window: expected the earliest and "
                "latest start of the break, like [\"11:30\", \"13:30\"]; got a list",
                "t.yaml:6:12: error: templates.early.days[0]: expected days like mon-fri, sat or "
                "[sat, sun]; got 'mon-fry'",
                "t.yaml:7:11: error: templates.early.cost: expected a non-negative number; got "
                "'-3'",
                "t.yaml:8:20: error: templates.early.groups[1]: unknown agent group "
                "'bak_office'; did you mean 'back_office'? Known agent groups: desk, back_office",
                "t.yaml:10:17: error: templates.late.start: expected a clock time like 08:00, a "
                "list of them, or a range like {from: \"07:00\", to: \"10:00\", step: 30m}; got "
                "'7am'",
                "t.yaml:11:3: error: missing required key 'start' in templates.none",
                "t.yaml:11:3: error: missing required key 'length' in templates.none",
                "t.yaml:11:3: error: missing required key 'cost' in templates.none"}));
  EXPECT_EQ(Errors("templates:\n  a: {start: \"08:00\", length: 8h, cost: 1, days: mon-fri}\n",
                   /*with_start=*/false),
            std::vector<std::string>{
                "t.yaml:2:50: error: templates.a.days: days of the week need the scenario's "
                "'start'; without it every template is worked every day"});
  EXPECT_EQ(Errors("shifts: {}\n"),
            (std::vector<std::string>{
                "t.yaml:1:1: error: unknown key 'shifts' at the top level; expected one of "
                "templates",
                "t.yaml:1:1: error: missing required key 'templates' at the top level"}));
  EXPECT_EQ(Errors("templates: {a: {start: \"08:00\", length: 4h, cost: 1, breaks: [{length: "
                   "4h, window: [\"09:00\", \"10:00\"]}]}}\n"),
            std::vector<std::string>{
                "t.yaml:1:72: error: templates.a.breaks[0].length: a break must be shorter than "
                "its shift ('4h')"});
}

TEST(ShiftTemplatesTest, UnreadableFile) {
  EXPECT_EQ(LoadShiftTemplatesFile("/nonexistent/t.yaml", Load(true)).errors[0].ToString(),
            "/nonexistent/t.yaml: error: cannot read templates file: No such file or directory");
}

}  // namespace
}  // namespace ccsim::scenario
