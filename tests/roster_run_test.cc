// A roster is the shifts it lists: a run with `roster:` gives the same numbers, bit for bit,
// as the same shifts written in the YAML (one agent per row, in the order of the rows).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/model/model.h"
#include "sim/model/simulate_all.h"
#include "sim/scenario/loader.h"

namespace ccsim {
namespace {

constexpr char kScenario[] = R"(name: roster-run
start: 2026-03-02 08:00
horizon: 10h
interval: 30m
seed: 11
contact_types:
  general: {arrivals: {rate: 50/h}, handle_time: 6m, patience: 3m}
agent_groups:
  desk:
    STAFFING
    skills: {general: 1}
    absenteeism: 0.1
)";

constexpr char kShifts[] =
    "shifts:\n"
    "      - {start: 0, end: 8h, agents: 2, breaks: [{after: 4h, duration: 30m}]}\n"
    "      - {start: 2h, end: 10h, agents: 3, breaks: [{after: 3h, duration: 15m}, "
    "{after: 5h, duration: 30m}]}";

// The same shifts: ann and bob work the first, cy, dee and eve the second.
constexpr char kRoster[] =
    "agent,start,end,breaks\n"
    "ann,2026-03-02T08:00,2026-03-02T16:00,12:00+30m\n"
    "bob,0,8h,4h+30m\n"
    "cy,2026-03-02 10:00,2026-03-02 18:00,13:00+15m;15:00+30m\n"
    "dee,2h,10h,15:00+30m;13:00+15m\n"
    "eve,2h,10h,5h+15m;7h+30m\n";

std::vector<model::ReplicationResult> Simulate(const std::string& staffing,
                                          const std::filesystem::path& dir) {
  std::string yaml = kScenario;
  yaml.replace(yaml.find("STAFFING"), 8, staffing);
  const scenario::LoadResult r = scenario::LoadScenarioText(yaml, (dir / "s.yaml").string());
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.errors[0].ToString());
  if (!r.ok()) return {};
  const model::Model m(*r.scenario);
  return model::SimulateReplications(m, 4, 2, {.seed = r.scenario->seed});
}

TEST(RosterRunTest, ARosterRunsAsTheSameShiftsInYaml) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("ccsim_roster_run_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "roster.csv") << kRoster; }
  const auto from_yaml = Simulate(kShifts, dir);
  const auto from_roster = Simulate("roster: roster.csv", dir);
  std::filesystem::remove_all(dir);
  ASSERT_EQ(from_yaml.size(), 4u);
  ASSERT_EQ(from_roster.size(), 4u);
  for (size_t r = 0; r < from_yaml.size(); ++r) {
    const auto& a = from_yaml[r];
    const auto& b = from_roster[r];
    EXPECT_GT(a.by_type[0].offered, 0);
    EXPECT_EQ(a.events, b.events);
    EXPECT_EQ(a.by_type[0].offered, b.by_type[0].offered);
    EXPECT_EQ(a.by_type[0].answered_within, b.by_type[0].answered_within);
    EXPECT_EQ(a.by_type[0].abandoned, b.by_type[0].abandoned);
    EXPECT_EQ(a.by_type[0].wait_answered, b.by_type[0].wait_answered);
    EXPECT_EQ(a.interval_staffed, b.interval_staffed);
    EXPECT_EQ(a.interval_on_break, b.interval_on_break);
  }
}

}  // namespace
}  // namespace ccsim
