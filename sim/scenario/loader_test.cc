#include "sim/scenario/loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/calendar.h"
#include "sim/scenario/scenario_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario {
namespace {

const std::string kSourceDir = CCSIM_SOURCE_DIR;
const std::string kDataDir = kSourceDir + "/tests/data";
const std::string kInvalidDir = kSourceDir + "/tests/invalid";

// Every diagnostic of `result`, rendered.
std::vector<std::string> Rendered(const LoadResult& result) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : result.errors) lines.push_back(d.ToString());
  return lines;
}

std::vector<std::string> ErrorsOf(const std::string& yaml,
                                  const std::vector<std::string>& overrides = {}) {
  return Rendered(LoadScenarioText(yaml, "s.yaml", overrides));
}

// A small valid scenario; tests append to it or replace parts of it.
constexpr char kMinimal[] = R"(name: help-desk
horizon: 8h
contact_types:
  general:
    arrivals: {rate: 360/h}
    handle_time: 4m
agent_groups:
  desk:
    agents: 3
    skills: {general: 1}
)";

// kMinimal with the first occurrence of `from` replaced by `to`.
std::string MinimalWith(const std::string& from, const std::string& to) {
  std::string text = kMinimal;
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

constexpr char kFull[] = R"(# Everything this version simulates, with units to convert.
name: retail-bank
horizon: 8h
warmup: 30m
interval: 15m
replications: 20
seed: 2026
service_level: {threshold: 30s, target: 0.9}
contact_types:
  billing:
    priority: 2
    arrivals: {rate: 360/h}
    handle_time: {dist: lognormal, mean: 4m, sd: 2m}
    wrap_up: 30s
    patience: {dist: exponential, mean: 3m}
    retrial: {probability: 0.3, delay: {dist: uniform, min: 5m, max: 15m}}
    queue_capacity: 100
    service_level: {threshold: 1m}
  tech:
    channel: voice
    arrivals:
      pattern: {slot: 30m, rates: [120/h, 2/m, 300]}
    handle_time: {dist: triangular, min: 1m, mode: 5m, max: 20m}
    wrap_up: {dist: weibull, shape: 1.5, scale: 40s}
  replay:
    arrivals: {file: arrivals.csv}
    handle_time: {dist: empirical, file: handle_times.csv}
    patience: {dist: gamma, mean: 2m, sd: 30s}
  sample:
    arrivals: {rate: 10}
    handle_time: {dist: empirical, values: [1m, 90, 2.5m]}
    wrap_up: {dist: constant, value: 10s}
agent_groups:
  tier1:
    agents: 40
    skills:
      billing: 1
      tech: {level: 2, handle_time_factor: 1.3}
  tier2:
    agents: 5
    skills: {tech: 1, replay: 1, sample: 3}
routing:
  agent_selection: most_skilled
  contact_selection: longest_wait
  overflow:
    - {contact_type: billing, after: 60s, add_groups: [tier2, tier1]}
)";

TEST(LoaderTest, FullScenarioRoundTrips) {
  const std::string file = kDataDir + "/inline.yaml";  // relative files are read from there
  const LoadResult r = LoadScenarioText(kFull, file);
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.name, "retail-bank");
  EXPECT_EQ(s.horizon, 8 * 3600);
  EXPECT_EQ(s.warmup, 1800);
  EXPECT_EQ(s.interval, 900);
  EXPECT_EQ(s.replications, 20);
  EXPECT_EQ(s.seed, 2026u);
  EXPECT_EQ(s.service_level.threshold, 30);
  EXPECT_DOUBLE_EQ(s.service_level.target, 0.9);
  EXPECT_EQ(s.source_file, file);
  EXPECT_EQ(s.source_text, kFull);
  EXPECT_TRUE(s.overrides.empty());

  ASSERT_EQ(s.contact_types.size(), 4u);
  const ContactType& billing = s.contact_types[0];
  EXPECT_EQ(billing.name, "billing");
  EXPECT_EQ(billing.channel, Channel::kVoice);
  EXPECT_EQ(billing.priority, 2);
  EXPECT_EQ(billing.arrivals.kind, ArrivalKind::kRate);
  EXPECT_DOUBLE_EQ(billing.arrivals.rate, 0.1);
  EXPECT_EQ(billing.handle_time.kind, DistributionKind::kLognormal);
  EXPECT_EQ(billing.handle_time.mean, 240);
  EXPECT_EQ(billing.handle_time.sd, 120);
  EXPECT_EQ(billing.wrap_up.kind, DistributionKind::kConstant);
  EXPECT_EQ(billing.wrap_up.value, 30);
  ASSERT_TRUE(billing.patience.has_value());
  EXPECT_EQ(billing.patience->kind, DistributionKind::kExponential);
  EXPECT_EQ(billing.patience->mean, 180);
  ASSERT_TRUE(billing.retrial.has_value());
  EXPECT_DOUBLE_EQ(billing.retrial->probability, 0.3);
  EXPECT_EQ(billing.retrial->delay.kind, DistributionKind::kUniform);
  EXPECT_EQ(billing.retrial->delay.min, 300);
  EXPECT_EQ(billing.retrial->delay.max, 900);
  EXPECT_EQ(billing.queue_capacity, 100);
  // The type's own threshold, the scenario's target.
  EXPECT_EQ(billing.service_level.threshold, 60);
  EXPECT_DOUBLE_EQ(billing.service_level.target, 0.9);

  const ContactType& tech = s.contact_types[1];
  EXPECT_EQ(tech.name, "tech");
  EXPECT_EQ(tech.arrivals.kind, ArrivalKind::kPattern);
  EXPECT_EQ(tech.arrivals.slot, 1800);
  ASSERT_EQ(tech.arrivals.rates.size(), 3u);
  EXPECT_DOUBLE_EQ(tech.arrivals.rates[0], 120.0 / 3600);
  EXPECT_DOUBLE_EQ(tech.arrivals.rates[1], 2.0 / 60);
  EXPECT_DOUBLE_EQ(tech.arrivals.rates[2], 300.0 / 3600);
  EXPECT_EQ(tech.handle_time.kind, DistributionKind::kTriangular);
  EXPECT_EQ(tech.handle_time.min, 60);
  EXPECT_EQ(tech.handle_time.mode, 300);
  EXPECT_EQ(tech.handle_time.max, 1200);
  EXPECT_EQ(tech.wrap_up.kind, DistributionKind::kWeibull);
  EXPECT_EQ(tech.wrap_up.shape, 1.5);
  EXPECT_EQ(tech.wrap_up.scale, 40);
  EXPECT_FALSE(tech.patience.has_value());
  EXPECT_FALSE(tech.retrial.has_value());
  EXPECT_FALSE(tech.queue_capacity.has_value());
  EXPECT_EQ(tech.service_level.threshold, 30);

  const ContactType& replay = s.contact_types[2];
  EXPECT_EQ(replay.arrivals.kind, ArrivalKind::kFile);
  EXPECT_EQ(replay.arrivals.times, (std::vector<double>{0, 12.5, 12.5, 90, 300, 360}));
  EXPECT_EQ(replay.arrivals.file, kDataDir + "/arrivals.csv");
  EXPECT_EQ(replay.handle_time.kind, DistributionKind::kEmpirical);
  EXPECT_EQ(replay.handle_time.values, (std::vector<double>{180, 240, 150}));
  EXPECT_EQ(replay.patience->kind, DistributionKind::kGamma);
  EXPECT_EQ(replay.patience->mean, 120);
  EXPECT_EQ(replay.patience->sd, 30);

  const ContactType& sample = s.contact_types[3];
  EXPECT_DOUBLE_EQ(sample.arrivals.rate, 10.0 / 3600);
  EXPECT_EQ(sample.handle_time.values, (std::vector<double>{60, 90, 150}));
  EXPECT_EQ(sample.wrap_up.kind, DistributionKind::kConstant);
  EXPECT_EQ(sample.wrap_up.value, 10);

  ASSERT_EQ(s.agent_groups.size(), 2u);
  const AgentGroup& tier1 = s.agent_groups[0];
  EXPECT_EQ(tier1.name, "tier1");
  EXPECT_EQ(tier1.agents, 40);
  EXPECT_TRUE(tier1.shifts.empty());
  EXPECT_EQ(tier1.absenteeism, 0);
  EXPECT_EQ(tier1.concurrency, 1);
  ASSERT_EQ(tier1.skills.size(), 2u);
  EXPECT_EQ(tier1.skills[0].contact_type, 0);
  EXPECT_EQ(tier1.skills[0].level, 1);
  EXPECT_EQ(tier1.skills[0].handle_time_factor, 1.0);
  EXPECT_EQ(tier1.skills[1].contact_type, 1);
  EXPECT_EQ(tier1.skills[1].level, 2);
  EXPECT_EQ(tier1.skills[1].handle_time_factor, 1.3);
  EXPECT_FALSE(tier1.skills[1].outcomes.has_value());
  const AgentGroup& tier2 = s.agent_groups[1];
  ASSERT_EQ(tier2.skills.size(), 3u);
  EXPECT_EQ(tier2.skills[0].contact_type, 1);
  EXPECT_EQ(tier2.skills[1].contact_type, 2);
  EXPECT_EQ(tier2.skills[2].contact_type, 3);
  EXPECT_EQ(tier2.skills[2].level, 3);

  EXPECT_EQ(s.routing.agent_selection, AgentSelection::kMostSkilled);
  EXPECT_EQ(s.routing.contact_selection, ContactSelection::kLongestWait);
  ASSERT_EQ(s.routing.overflow.size(), 1u);
  EXPECT_EQ(s.routing.overflow[0].contact_type, 0);
  EXPECT_EQ(s.routing.overflow[0].after, 60);
  EXPECT_EQ(s.routing.overflow[0].add_groups, (std::vector<int>{1, 0}));
  EXPECT_FALSE(s.routing.preferred_agent_wait.has_value());
  EXPECT_EQ(s.ContactTypeIndex("replay"), 2);
  EXPECT_EQ(s.AgentGroupIndex("tier2"), 1);
}

TEST(LoaderTest, DefaultsApply) {
  const LoadResult r = LoadScenarioText(kMinimal, "s.yaml");
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.warmup, 0);
  EXPECT_EQ(s.interval, 1800);
  EXPECT_EQ(s.replications, 1);
  EXPECT_EQ(s.seed, 1u);
  EXPECT_FALSE(s.start.has_value());
  EXPECT_EQ(s.service_level.threshold, 20);
  EXPECT_DOUBLE_EQ(s.service_level.target, 0.8);
  const ContactType& t = s.contact_types[0];
  EXPECT_EQ(t.channel, Channel::kVoice);
  EXPECT_EQ(t.priority, 0);
  EXPECT_EQ(t.handle_time.kind, DistributionKind::kConstant);
  EXPECT_EQ(t.handle_time.value, 240);
  EXPECT_EQ(t.wrap_up.kind, DistributionKind::kConstant);
  EXPECT_EQ(t.wrap_up.value, 0);
  EXPECT_FALSE(t.patience.has_value());
  EXPECT_TRUE(t.outcomes.empty());
  EXPECT_EQ(t.service_level.threshold, 20);
  EXPECT_EQ(s.agent_groups[0].concurrency, 1);
  EXPECT_EQ(s.agent_groups[0].absenteeism, 0);
  EXPECT_EQ(s.routing.agent_selection, AgentSelection::kLongestIdle);
  EXPECT_EQ(s.routing.contact_selection, ContactSelection::kPriorityThenLongestWait);
  EXPECT_EQ(s.routing.levels, Levels::kRank);
  EXPECT_TRUE(s.routing.weights.empty());
  EXPECT_TRUE(s.routing.reserve.empty());
}

TEST(LoaderTest, RoutingV2KeysAreRead) {
  const std::string yaml =
      std::string(kMinimal) +
      "  back:\n    agents: 2\n    skills: {general: 2}\n"
      "routing:\n"
      "  levels: ignore\n"
      "  contact_selection: longest_weighted_wait\n"
      "  weights: {general: 2.5}\n"
      "  overflow:\n"
      "    - {contact_type: general, when: {queue_over: 4}, add_groups: [back]}\n"
      "    - {contact_type: general, when: {expected_wait_over: 2m}, "
      "add_groups: [desk]}\n"
      "  reserve:\n"
      "    - {group: back, idle_at_least: 1, for: [general]}\n";
  const LoadResult r = LoadScenarioText(yaml, "s.yaml", {"routing.reserve.0.idle_at_least=2"});
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  const Routing& routing = r.scenario->routing;
  EXPECT_EQ(routing.levels, Levels::kIgnore);
  EXPECT_EQ(routing.contact_selection, ContactSelection::kLongestWeightedWait);
  EXPECT_EQ(routing.weights, std::vector<double>{2.5});
  ASSERT_EQ(routing.overflow.size(), 2u);
  EXPECT_EQ(routing.overflow[0].when, OverflowWhen::kQueueOver);
  EXPECT_EQ(routing.overflow[0].queue_over, 4);
  EXPECT_EQ(routing.overflow[0].add_groups, std::vector<int>{1});
  EXPECT_EQ(routing.overflow[1].when, OverflowWhen::kExpectedWaitOver);
  EXPECT_EQ(routing.overflow[1].expected_wait_over, 120);
  ASSERT_EQ(routing.reserve.size(), 1u);
  EXPECT_EQ(routing.reserve[0].group, 1);
  EXPECT_EQ(routing.reserve[0].idle_at_least, 2);  // (the --set)
  EXPECT_EQ(routing.reserve[0].for_types, std::vector<int>{0});
}

TEST(LoaderTest, ScenarioFileIsReadWithRelativeDataFiles) {
  const std::string path = kDataDir + "/replay.yaml";
  const LoadResult r = LoadScenarioFile(path);
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  EXPECT_EQ(r.scenario->source_file, path);
  EXPECT_NE(r.scenario->source_text.find("arrivals.csv"), std::string::npos);
  EXPECT_EQ(r.scenario->contact_types[0].arrivals.times.size(), 6u);
  EXPECT_EQ(r.scenario->contact_types[0].handle_time.values.size(), 3u);
}

TEST(LoaderTest, StartIsALocalDateTime) {
  for (const char* text : {"2026-03-02 08:00", "2026-03-02T08:00", "\"2026-03-02 08:00\""}) {
    const LoadResult r = LoadScenarioText(std::string(kMinimal) + "start: " + text + "\n", "s.yaml");
    ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
    EXPECT_EQ(r.scenario->start, ParseDateTime("2026-03-02 08:00")) << text;
  }
}

// The shifts of a centre whose time 0 is Monday 2026-03-02 06:30, `start` written last in
// the file (keys are read in the loader's order, not the file's).
constexpr char kClockShifts[] = R"(name: clock
horizon: 2d
contact_types:
  general:
    arrivals: {rate: 60/h}
    handle_time: 4m
agent_groups:
  desk:
    shifts:
      - {start: "08:30", end: "17:00", agents: 1}
      - {start: 05:00, end: 13:00, agents: 1}
      - {start: "22:00", end: "06:00", agents: 1}
      - {start: 1h, end: "12:00", agents: 1}
      - {start: "06:30", end: "06:30", agents: 1}
      - {start: 2h, end: 10h, agents: 1}
      - {start: "00:00", end: "24:00", agents: 1}
    skills: {general: 1}
start: 2026-03-02 06:30
)";

TEST(LoaderTest, ShiftTimesAsClockTimes) {
  const LoadResult r = LoadScenarioText(kClockShifts, "s.yaml");
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  const std::vector<Shift>& shifts = r.scenario->agent_groups[0].shifts;
  ASSERT_EQ(shifts.size(), 7u);
  constexpr double h = 3600;
  // 08:30 is 2 h after the start; 17:00 the first after that.
  EXPECT_EQ(shifts[0].start, 2 * h);
  EXPECT_EQ(shifts[0].end, 10.5 * h);
  // 05:00 (a plain YAML scalar) has passed at 06:30: Tuesday's, 22.5 h on; 13:00 after it.
  EXPECT_EQ(shifts[1].start, 22.5 * h);
  EXPECT_EQ(shifts[1].end, 30.5 * h);
  // 22:00 to 06:00 crosses midnight.
  EXPECT_EQ(shifts[2].start, 15.5 * h);
  EXPECT_EQ(shifts[2].end, 23.5 * h);
  // A duration keeps its meaning; a clock-time end is the first after the shift's start
  // (07:30).
  EXPECT_EQ(shifts[3].start, 1 * h);
  EXPECT_EQ(shifts[3].end, 5.5 * h);
  // The start's own time of day: at once; an end at the same time of day is a day later.
  EXPECT_EQ(shifts[4].start, 0);
  EXPECT_EQ(shifts[4].end, 24 * h);
  EXPECT_EQ(shifts[5].start, 2 * h);
  EXPECT_EQ(shifts[5].end, 10 * h);
  // Midnight to the next midnight.
  EXPECT_EQ(shifts[6].start, 17.5 * h);
  EXPECT_EQ(shifts[6].end, 41.5 * h);
  // --set gives clock times too.
  const LoadResult set =
      LoadScenarioText(kClockShifts, "s.yaml", {"agent_groups.desk.shifts.0.start=09:00"});
  ASSERT_TRUE(set.ok()) << testing::PrintToString(Rendered(set));
  EXPECT_EQ(set.scenario->agent_groups[0].shifts[0].start, 2.5 * h);
}

TEST(LoaderErrorTest, ClockTimeShiftsNeedAStart) {
  const auto shift = [](const std::string& start, const std::string& end) {
    return "shifts: [{start: " + start + ", end: " + end + ", agents: 2}]";
  };
  EXPECT_EQ(ErrorsOf(MinimalWith("agents: 3", shift("\"08:30\"", "17:00"))),
            (std::vector<std::string>{
                "s.yaml:9:22: error: agent_groups.desk.shifts[0].start: shift times like '08:30' "
                "need the scenario's `start`; or give a duration such as 8h",
                "s.yaml:9:36: error: agent_groups.desk.shifts[0].end: shift times like '08:30' "
                "need the scenario's `start`; or give a duration such as 8h"}));
  // Neither: without a start the message is the duration's, with one it names both.
  EXPECT_EQ(ErrorsOf(MinimalWith("agents: 3", shift("8:30", "16h"))),
            (std::vector<std::string>{"s.yaml:9:22: error: agent_groups.desk.shifts[0].start: "
                                      "expected a duration like 45s, 2.5m or 1h; got '8:30'"}));
  const std::string start = "start: 2026-03-02 08:00\n";
  EXPECT_EQ(ErrorsOf(MinimalWith("agents: 3", shift("8:30", "16h")) + start),
            (std::vector<std::string>{"s.yaml:9:22: error: agent_groups.desk.shifts[0].start: "
                                      "expected a clock time like 08:30 or a duration like 8h; "
                                      "got '8:30'"}));
  // A clock-time start after a duration end (08:30 is 30 min on).
  EXPECT_EQ(ErrorsOf(MinimalWith("agents: 3", shift("\"08:30\"", "20m")) + start),
            (std::vector<std::string>{"s.yaml:9:36: error: agent_groups.desk.shifts[0]: a shift "
                                      "needs start < end; got start '08:30' and end '20m'"}));
  // A start that cannot be read is said once, at itself, not again at every clock time.
  EXPECT_EQ(ErrorsOf(MinimalWith("agents: 3", shift("\"08:30\"", "17:00")) +
                     "start: 2026-02-30 08:00\n"),
            (std::vector<std::string>{"s.yaml:11:8: error: start: expected a date and time like "
                                      "2026-03-02 08:00; got '2026-02-30 08:00'"}));
}

TEST(LoaderTest, CustomerBehaviourKeysAreRead) {
  const LoadResult r =
      LoadScenarioText(MinimalWith("handle_time: 4m",
                                   "handle_time: 4m\n"
                                   "    balking: 0.1\n"
                                   "    max_wait: {after: 2m, then: message}\n"
                                   "    retrial: {probability: 0.3, delay: 10m, on: [blocked]}") +
                           "lines: 48\n",
                       "s.yaml");
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  const ContactType& t = r.scenario->contact_types[0];
  EXPECT_DOUBLE_EQ(t.balking, 0.1);
  ASSERT_TRUE(t.max_wait.has_value());
  EXPECT_EQ(t.max_wait->after, 120);
  EXPECT_EQ(t.max_wait->then, MaxWaitThen::kMessage);
  ASSERT_TRUE(t.retrial.has_value());
  EXPECT_FALSE(t.retrial->on_abandoned);
  EXPECT_TRUE(t.retrial->on_blocked);
  EXPECT_EQ(r.scenario->lines, 48);
}

TEST(LoaderTest, CustomerBehaviourDefaults) {
  // No balking, no waiting limit, no line limit; a retrial follows abandonments only.
  const LoadResult r = LoadScenarioText(
      MinimalWith("handle_time: 4m", "handle_time: 4m\n    retrial: {probability: 1, delay: 1m}"),
      "s.yaml");
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  const ContactType& t = r.scenario->contact_types[0];
  EXPECT_EQ(t.balking, 0);
  EXPECT_FALSE(t.max_wait.has_value());
  EXPECT_TRUE(t.retrial->on_abandoned);
  EXPECT_FALSE(t.retrial->on_blocked);
  EXPECT_FALSE(r.scenario->lines.has_value());
  // Both, in either order, given twice or not.
  const LoadResult both = LoadScenarioText(
      MinimalWith("handle_time: 4m",
                  "handle_time: 4m\n    retrial: {probability: 1, delay: 1m, on: [blocked, "
                  "abandoned, blocked]}"),
      "s.yaml");
  ASSERT_TRUE(both.ok()) << testing::PrintToString(Rendered(both));
  EXPECT_TRUE(both.scenario->contact_types[0].retrial->on_abandoned);
  EXPECT_TRUE(both.scenario->contact_types[0].retrial->on_blocked);
}

TEST(LoaderTest, WarmTransfersAndPeopleAreRead) {
  const LoadResult r = LoadScenarioText(R"(name: rock-star
horizon: 8h
contact_types:
  general:
    arrivals: {rate: 360/h}
    handle_time: 4m
    outcomes:
      - {transfer: expert, probability: 0.1, warm: {consult: 1m}}
      - {transfer: expert, probability: 0.2, warm: {}}
      - {transfer: expert, probability: 0.3}
  expert: {arrivals: {rate: 0}, handle_time: 5m}
agent_groups:
  desk:
    agents: 3
    skills: {general: 1, expert: 1}
    people:
      - {name: Ana, handle_time_factor: 0.8, resolution_factor: 2}
      - {name: Bo}
)",
                                        "s.yaml");
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  const std::vector<Outcome>& o = r.scenario->contact_types[0].outcomes;
  ASSERT_EQ(o.size(), 3u);
  EXPECT_TRUE(o[0].warm);
  EXPECT_EQ(o[0].consult.kind, DistributionKind::kConstant);
  EXPECT_EQ(o[0].consult.value, 60);
  EXPECT_TRUE(o[1].warm);  // consult 0 by default
  EXPECT_EQ(o[1].consult.value, 0);
  EXPECT_FALSE(o[2].warm);
  const std::vector<Person>& people = r.scenario->agent_groups[0].people;
  ASSERT_EQ(people.size(), 2u);
  EXPECT_EQ(people[0].name, "Ana");
  EXPECT_DOUBLE_EQ(people[0].handle_time_factor, 0.8);
  EXPECT_DOUBLE_EQ(people[0].resolution_factor, 2);
  EXPECT_EQ(people[1].name, "Bo");  // factors 1 by default
  EXPECT_EQ(people[1].handle_time_factor, 1);
  EXPECT_EQ(people[1].resolution_factor, 1);
}

TEST(LoaderTest, PeopleCanBeChangedOrRemovedWithSet) {
  const std::string text = MinimalWith("agents: 3", "agents: 3\n    people: [{name: Ana}]");
  const LoadResult lowered = LoadScenarioText(
      text, "s.yaml", {"agent_groups.desk.people.0.resolution_factor=0.5"});
  ASSERT_TRUE(lowered.ok()) << testing::PrintToString(Rendered(lowered));
  EXPECT_EQ(lowered.scenario->agent_groups[0].people[0].resolution_factor, 0.5);
  const LoadResult removed = LoadScenarioText(
      text, "s.yaml", {"agent_groups.desk.people=[]", "agent_groups.desk.agents=2"});
  ASSERT_TRUE(removed.ok()) << testing::PrintToString(Rendered(removed));
  EXPECT_TRUE(removed.scenario->agent_groups[0].people.empty());
  // One seat fewer than the people: said at the override that made it so.
  EXPECT_EQ(ErrorsOf(MinimalWith("agents: 3", "agents: 3\n    people: [{name: Ana}, {name: Bo}]"),
                     {"agent_groups.desk.agents=1"}),
            std::vector<std::string>{
                "s.yaml:10:13: error: agent_groups.desk.people: 2 people but only 1 seat "
                "(agents: 1); the people take the group's first seats"});
}

TEST(LoaderTest, CallbackKeysAreRead) {
  const LoadResult r = LoadScenarioText(
      MinimalWith("handle_time: 4m",
                  "handle_time: 4m\n"
                  "    callback: {offer_when: {expected_wait_over: 2m}, accept: 0.6,\n"
                  "               keep_place: false, reach: 0.9, redial: {delay: 10m, max: 2},\n"
                  "               dial_time: 20s}\n"
                  "    service_level: {callback_threshold: 30m}"),
      "s.yaml");
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  const ContactType& t = r.scenario->contact_types[0];
  ASSERT_TRUE(t.callback.has_value());
  EXPECT_EQ(t.callback->offer, CallbackOffer::kExpectedWaitOver);
  EXPECT_EQ(t.callback->expected_wait_over, 120);
  EXPECT_DOUBLE_EQ(t.callback->accept, 0.6);
  EXPECT_FALSE(t.callback->keep_place);
  EXPECT_DOUBLE_EQ(t.callback->reach, 0.9);
  EXPECT_EQ(t.callback->redial_delay.value, 600);
  EXPECT_EQ(t.callback->redial_max, 2);
  EXPECT_EQ(t.callback->dial_time, 20);
  EXPECT_EQ(t.service_level.callback_threshold, 1800);
  EXPECT_EQ(t.service_level.threshold, 20);  // the scenario's, not overridden

  const LoadResult q = LoadScenarioText(
      MinimalWith("handle_time: 4m",
                  "handle_time: 4m\n    callback: {offer_when: {queue_over: 5}, accept: 1}"),
      "s.yaml");
  ASSERT_TRUE(q.ok()) << testing::PrintToString(Rendered(q));
  EXPECT_EQ(q.scenario->contact_types[0].callback->offer, CallbackOffer::kQueueOver);
  EXPECT_EQ(q.scenario->contact_types[0].callback->queue_over, 5);
}

TEST(LoaderTest, CallbackDefaults) {
  // keep_place true, always reached, no redial, 15 s to dial, a 1 h callback threshold.
  const LoadResult r = LoadScenarioText(
      MinimalWith("handle_time: 4m",
                  "handle_time: 4m\n    callback: {offer_when: {queue_over: 0}, accept: 0.5}"),
      "s.yaml");
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  const Callback& c = *r.scenario->contact_types[0].callback;
  EXPECT_TRUE(c.keep_place);
  EXPECT_EQ(c.reach, 1);
  EXPECT_EQ(c.redial_max, 0);
  EXPECT_EQ(c.dial_time, 15);
  EXPECT_EQ(r.scenario->contact_types[0].service_level.callback_threshold, 3600);
  // max_wait's callbacks need no `callback` map: they take its defaults, and are never
  // offered on arrival.
  const LoadResult m = LoadScenarioText(
      MinimalWith("handle_time: 4m", "handle_time: 4m\n    max_wait: {after: 2m, then: callback}"),
      "s.yaml");
  ASSERT_TRUE(m.ok()) << testing::PrintToString(Rendered(m));
  const ContactType& t = m.scenario->contact_types[0];
  EXPECT_EQ(t.max_wait->then, MaxWaitThen::kCallback);
  ASSERT_TRUE(t.callback.has_value());
  EXPECT_EQ(t.callback->offer, CallbackOffer::kNever);
  EXPECT_EQ(t.callback->dial_time, 15);
  EXPECT_FALSE(LoadScenarioText(kMinimal, "s.yaml").scenario->contact_types[0].callback);
}

TEST(LoaderErrorTest, CallbackMistakes) {
  const auto with = [](const std::string& callback) {
    return ErrorsOf(MinimalWith("handle_time: 4m", "handle_time: 4m\n    callback: " + callback));
  };
  EXPECT_EQ(with("{offer_when: {queue_over: 1, expected_wait_over: 1m}, accept: 1}"),
            std::vector<std::string>{
                "s.yaml:7:44: error: contact_types.general.callback.offer_when: give one "
                "condition, 'expected_wait_over' or 'queue_over', not both"});
  EXPECT_EQ(with("{offer_when: {queue_over: -1}, accept: 1}"),
            std::vector<std::string>{"s.yaml:7:41: error: contact_types.general.callback."
                                     "offer_when.queue_over: expected a non-negative integer; "
                                     "got '-1'"});
  EXPECT_EQ(with("{offer_when: {queue_over: 1}}"),
            std::vector<std::string>{"s.yaml:7:5: error: missing required key 'accept' in "
                                     "contact_types.general.callback"});
  EXPECT_EQ(with("{offer_when: {queue_over: 1}, accept: 1, keep_place: 1}"),
            std::vector<std::string>{"s.yaml:7:68: error: contact_types.general.callback."
                                     "keep_place: expected true or false; got '1'"});
  EXPECT_EQ(with("{offer_when: {queue_over: 1}, accept: 1, redial: {delay: 1m, max: 101}}"),
            std::vector<std::string>{"s.yaml:7:81: error: contact_types.general.callback."
                                     "redial.max: expected a number of at most 100; got '101'"});
  EXPECT_EQ(with("{reach: 0.5}"),
            std::vector<std::string>{"s.yaml:7:5: error: contact_types.general.callback: never "
                                     "offered: add 'offer_when', or max_wait: {after: ..., then: "
                                     "callback}"});
  EXPECT_EQ(ErrorsOf(MinimalWith("handle_time: 4m",
                                 "channel: chat\n    handle_time: 4m\n"
                                 "    max_wait: {after: 2m, then: callback}")),
            std::vector<std::string>{
                "s.yaml:8:33: error: contact_types.general.max_wait.then: callbacks are phone "
                "calls, for channel: voice only (this type is chat)"});
  EXPECT_EQ(ErrorsOf(MinimalWith("handle_time: 4m", "handle_time: 4m\n    max_wait: {after: 2m}")),
            std::vector<std::string>{"s.yaml:7:5: error: missing required key 'then' in "
                                     "contact_types.general.max_wait"});
}

TEST(LoaderTest, UnreadableScenarioFile) {
  const std::string path = kDataDir + "/no_such_scenario.yaml";
  EXPECT_EQ(Rendered(LoadScenarioFile(path)),
            std::vector<std::string>{
                path + ": error: cannot read scenario file: No such file or directory"});
}

TEST(LoaderTest, UnreadableDataFileNamesThePath) {
  const std::string yaml = MinimalWith("{rate: 360/h}", "{file: missing.csv}");
  EXPECT_EQ(ErrorsOf(yaml), std::vector<std::string>{
                                "s.yaml:5:22: error: contact_types.general.arrivals.file: cannot "
                                "read file 'missing.csv': No such file or directory"});
}

// --set overrides.

TEST(OverrideTest, ReplacesAndAddsValues) {
  const std::vector<std::string> overrides = {
      "agent_groups.desk.agents=45",
      "contact_types.general.arrivals.rate=400/h",
      "contact_types.general.patience={dist: exponential, mean: 3m}",
      "routing.agent_selection=random",  // routing is absent from the file
      "seed=7",
  };
  const LoadResult r = LoadScenarioText(kMinimal, "s.yaml", overrides);
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.agent_groups[0].agents, 45);
  EXPECT_DOUBLE_EQ(s.contact_types[0].arrivals.rate, 400.0 / 3600);
  ASSERT_TRUE(s.contact_types[0].patience.has_value());
  EXPECT_EQ(s.contact_types[0].patience->mean, 180);
  EXPECT_EQ(s.routing.agent_selection, AgentSelection::kRandom);
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.overrides, overrides);
  EXPECT_EQ(s.source_text, kMinimal);  // the text as read, before overrides
}

TEST(OverrideTest, NumberSelectsAListItem) {
  const std::string yaml = std::string(kMinimal) +
                           "routing:\n  overflow:\n"
                           "    - {contact_type: general, after: 1m, add_groups: [desk]}\n";
  const LoadResult r = LoadScenarioText(yaml, "s.yaml", {"routing.overflow.0.after=2m"});
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  EXPECT_EQ(r.scenario->routing.overflow[0].after, 120);
}

TEST(OverrideTest, MalformedOverridesPointAtTheirColumn) {
  EXPECT_EQ(ErrorsOf(kMinimal, {"horizon"}),
            std::vector<std::string>{
                "--set:1:1: error: malformed override 'horizon': expected KEY.PATH=VALUE"});
  EXPECT_EQ(ErrorsOf(kMinimal, {"agent_groups..agents=4"}),
            std::vector<std::string>{
                "--set:1:14: error: malformed override 'agent_groups..agents=4': empty key in "
                "KEY.PATH"});
  EXPECT_EQ(
      ErrorsOf(kMinimal, {"=4"}),
      std::vector<std::string>{"--set:1:1: error: malformed override '=4': empty key in KEY.PATH"});
  EXPECT_EQ(ErrorsOf(kMinimal, {"horizon.unit=h"}),
            std::vector<std::string>{
                "--set:1:9: error: malformed override 'horizon.unit=h': horizon is a single "
                "value, not a map"});
  EXPECT_EQ(ErrorsOf(kMinimal, {"horizon=[1"}),
            std::vector<std::string>{"--set:1:9: error: invalid YAML: did not find expected ',' "
                                     "or ']' (while parsing a flow sequence that starts here)"});
}

TEST(OverrideTest, BadValuesAreReportedAtTheOverride) {
  EXPECT_EQ(ErrorsOf(kMinimal, {"agent_groups.desk.agents=-2"}),
            std::vector<std::string>{"--set:1:26: error: agent_groups.desk.agents: expected a "
                                     "non-negative integer; got '-2'"});
  EXPECT_EQ(ErrorsOf(kMinimal, {"contact_types.general.handle_time={dist: exponential, mean: 0s}"}),
            std::vector<std::string>{"--set:1:61: error: contact_types.general.handle_time.mean: "
                                     "expected a positive duration; got '0s'"});
}

TEST(OverrideTest, UnknownKeysAreReportedWithSuggestions) {
  EXPECT_EQ(ErrorsOf(kMinimal, {"agent_groups.desk.agentz=4"}),
            std::vector<std::string>{"--set:1:19: error: unknown key 'agentz' in "
                                     "agent_groups.desk; did you mean 'agents'?"});
}

TEST(OverrideTest, PathsThroughUnknownNamesAreMisspeltReferences) {
  EXPECT_EQ(ErrorsOf(kMinimal, {"agent_groups.dsek.agents=4"}),
            std::vector<std::string>{"--set:1:14: error: agent_groups: unknown agent group "
                                     "'dsek'; did you mean 'desk'? Known agent groups: desk"});
  // A whole new contact type given as a value is a declaration.
  const LoadResult r =
      LoadScenarioText(kMinimal, "s.yaml",
                       {"contact_types.extra={arrivals: {rate: 1/h}, handle_time: 1m}",
                        "agent_groups.desk.skills.extra=2"});
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Rendered(r));
  EXPECT_EQ(r.scenario->contact_types[1].name, "extra");
  EXPECT_EQ(r.scenario->agent_groups[0].skills[1].level, 2);
}

TEST(OverrideTest, OverridesAreCheckedEvenWhenTheFileIsBroken) {
  EXPECT_EQ(ErrorsOf("name: [x\n", {"oops"}),
            (std::vector<std::string>{
                "s.yaml:1:7: error: invalid YAML: did not find expected ',' or ']' (while "
                "parsing a flow sequence that starts here)",
                "--set:1:1: error: malformed override 'oops': expected KEY.PATH=VALUE"}));
}

// Error classes. Each expectation is the whole list of diagnostics.

TEST(LoaderErrorTest, YamlSyntaxError) {
  EXPECT_EQ(
      ErrorsOf("name: x\n  horizon: 8h\n"),
      std::vector<std::string>{
          "s.yaml:2:10: error: invalid YAML: mapping values are not allowed in this context"});
}

TEST(LoaderErrorTest, EmptyOrNonMapScenario) {
  EXPECT_EQ(ErrorsOf(""), std::vector<std::string>{
                              "s.yaml:1:1: error: the scenario: expected a map of scenario keys "
                              "(name, horizon, contact_types, agent_groups, ...); got nothing"});
  EXPECT_EQ(ErrorsOf("- a\n"),
            std::vector<std::string>{"s.yaml:1:1: error: the scenario: expected a map of scenario "
                                     "keys (name, horizon, contact_types, agent_groups, ...); got "
                                     "a list"});
}

TEST(LoaderErrorTest, MissingRequiredKeys) {
  EXPECT_EQ(ErrorsOf("seed: 3\n"),
            (std::vector<std::string>{
                "s.yaml:1:1: error: missing required key 'name' at the top level",
                "s.yaml:1:1: error: missing required key 'horizon' at the top level",
                "s.yaml:1:1: error: missing required key 'contact_types' at the top level",
                "s.yaml:1:1: error: missing required key 'agent_groups' at the top level"}));
  EXPECT_EQ(ErrorsOf(MinimalWith("    handle_time: 4m\n", "")),
            std::vector<std::string>{"s.yaml:4:3: error: missing required key 'handle_time' in "
                                     "contact_types.general"});  // at the key that lacks it
  EXPECT_EQ(ErrorsOf(MinimalWith("    agents: 3\n", "")),
            std::vector<std::string>{"s.yaml:8:3: error: missing required key 'agents' (or "
                                     "'shifts' or 'roster') in agent_groups.desk"});
}

TEST(LoaderErrorTest, WrongTypes) {
  EXPECT_EQ(ErrorsOf(MinimalWith("handle_time: 4m", "handle_time: fast")),
            std::vector<std::string>{
                "s.yaml:6:18: error: contact_types.general.handle_time: expected a duration like "
                "45s, 2.5m or 1h, or a map with 'dist:'; got 'fast'"});
  EXPECT_EQ(ErrorsOf(MinimalWith("horizon: 8h", "horizon: 8 hours")),
            std::vector<std::string>{"s.yaml:2:10: error: horizon: expected a duration like "
                                     "45s, 2.5m or 1h; got '8 hours'"});
  EXPECT_EQ(ErrorsOf(MinimalWith("rate: 360/h", "rate: lots")),
            std::vector<std::string>{"s.yaml:5:22: error: contact_types.general.arrivals.rate: "
                                     "expected a rate like 360/h, 6/m or 0.5/s; got 'lots'"});
  EXPECT_EQ(ErrorsOf(MinimalWith("agents: 3", "agents: 2.5")),
            std::vector<std::string>{"s.yaml:9:13: error: agent_groups.desk.agents: expected a "
                                     "non-negative integer; got '2.5'"});
  EXPECT_EQ(ErrorsOf(MinimalWith("name: help-desk", "name: {a: 1}")),
            std::vector<std::string>{"s.yaml:1:7: error: name: expected a name; got a map"});
  EXPECT_EQ(ErrorsOf(std::string(kMinimal) + "seed: -1\n"),
            std::vector<std::string>{"s.yaml:11:7: error: seed: expected a non-negative "
                                     "integer below 2^64; got '-1'"});
}

TEST(LoaderErrorTest, ScenarioWideBounds) {
  EXPECT_EQ(ErrorsOf(MinimalWith("horizon: 8h", "horizon: 0")),
            std::vector<std::string>{
                "s.yaml:2:10: error: horizon: expected a positive duration; got '0'"});
  EXPECT_EQ(ErrorsOf(std::string(kMinimal) + "interval: 0s\n"),
            std::vector<std::string>{
                "s.yaml:11:11: error: interval: expected a positive duration; got '0s'"});
  EXPECT_EQ(ErrorsOf(std::string(kMinimal) + "warmup: 8h\n"),
            std::vector<std::string>{"s.yaml:11:9: error: warmup: must be shorter than the "
                                     "horizon ('8h'); got '8h'"});
  EXPECT_EQ(ErrorsOf(std::string(kMinimal) + "warmup: -1m\n"),
            std::vector<std::string>{
                "s.yaml:11:9: error: warmup: expected a non-negative duration; got '-1m'"});
  EXPECT_EQ(ErrorsOf(std::string(kMinimal) + "start: 2026-02-30 08:00\n"),
            std::vector<std::string>{"s.yaml:11:8: error: start: expected a date and time like "
                                     "2026-03-02 08:00; got '2026-02-30 08:00'"});
  EXPECT_EQ(ErrorsOf(std::string(kMinimal) + "replications: 0\n"),
            std::vector<std::string>{
                "s.yaml:11:15: error: replications: expected a positive integer; got '0'"});
}

TEST(LoaderErrorTest, UnknownKeysWithAndWithoutSuggestion) {
  EXPECT_EQ(ErrorsOf(std::string(kMinimal) + "horizn: 9h\n"),
            std::vector<std::string>{"s.yaml:11:1: error: unknown key 'horizn' at the top "
                                     "level; did you mean 'horizon'?"});
  EXPECT_EQ(ErrorsOf(MinimalWith("    agents: 3\n", "    agents: 3\n    colour: red\n")),
            std::vector<std::string>{
                "s.yaml:10:5: error: unknown key 'colour' in agent_groups.desk; expected one of "
                "agents, shifts, roster, skills, absenteeism, concurrency, coaching, people"});
  EXPECT_EQ(ErrorsOf(MinimalWith("handle_time: 4m",
                                 "handle_time: {dist: uniform, min: 1m, "
                                 "max: 2m, shape: 2}")),
            std::vector<std::string>{"s.yaml:6:52: error: unknown key 'shape' in "
                                     "contact_types.general.handle_time; expected one of dist, "
                                     "min, max"});
}

TEST(LoaderErrorTest, KeysGivenTwice) {
  EXPECT_EQ(ErrorsOf(std::string(kMinimal) + "horizon: 9h\n"),
            std::vector<std::string>{
                "s.yaml:11:1: error: key 'horizon' given twice at the top level (first at line "
                "2)"});
  EXPECT_EQ(ErrorsOf(MinimalWith("{general: 1}", "{general: 1, general: 2}")),
            std::vector<std::string>{"s.yaml:10:26: error: key 'general' given twice in "
                                     "agent_groups.desk.skills (first at line 10)"});
}

TEST(LoaderErrorTest, UnknownReferencesListTheKnownNames) {
  EXPECT_EQ(ErrorsOf(MinimalWith("{general: 1}", "{general: 1, genral: 2}")),
            std::vector<std::string>{
                "s.yaml:10:26: error: agent_groups.desk.skills: unknown contact type 'genral'; "
                "did you mean 'general'? Known contact types: general"});
  EXPECT_EQ(ErrorsOf(std::string(kMinimal) +
                     "routing:\n  overflow:\n"
                     "    - {contact_type: billing, after: 1m, add_groups: [desk, tier9]}\n"),
            (std::vector<std::string>{
                "s.yaml:13:22: error: routing.overflow[0].contact_type: unknown contact type "
                "'billing'; known contact types: general",
                "s.yaml:13:61: error: routing.overflow[0].add_groups[1]: unknown agent group "
                "'tier9'; known agent groups: desk"}));
}

TEST(LoaderErrorTest, Probabilities) {
  EXPECT_EQ(ErrorsOf(std::string(kMinimal) + "service_level: {threshold: 20s, target: 80}\n"),
            std::vector<std::string>{"s.yaml:11:41: error: service_level.target: expected a "
                                     "probability between 0 and 1; got '80'"});
  EXPECT_EQ(ErrorsOf(MinimalWith("agents: 3", "agents: 3\n    absenteeism: -0.1")),
            std::vector<std::string>{"s.yaml:10:18: error: agent_groups.desk.absenteeism: "
                                     "expected a probability between 0 and 1; got '-0.1'"});
}

TEST(LoaderErrorTest, DistributionParametersThatMakeNoSense) {
  auto errors_for = [](const std::string& dist) {
    return ErrorsOf(MinimalWith("handle_time: 4m", "handle_time: " + dist));
  };
  EXPECT_EQ(errors_for("{dist: uniform, min: 5m, max: 2m}"),
            std::vector<std::string>{
                "s.yaml:6:48: error: contact_types.general.handle_time: uniform needs min <= "
                "max; got min '5m' and max '2m'"});
  EXPECT_EQ(errors_for("{dist: triangular, min: 1m, mode: 5m, max: 3m}"),
            std::vector<std::string>{
                "s.yaml:6:52: error: contact_types.general.handle_time: triangular needs min <= "
                "mode <= max; got min '1m', mode '5m' and max '3m'"});
  EXPECT_EQ(errors_for("{dist: lognormal, mean: 4m, sd: -1m}"),
            std::vector<std::string>{"s.yaml:6:50: error: contact_types.general.handle_time.sd: "
                                     "expected a non-negative duration; got '-1m'"});
  EXPECT_EQ(errors_for("{dist: gamma, mean: 0, sd: 1m}"),
            std::vector<std::string>{"s.yaml:6:38: error: "
                                     "contact_types.general.handle_time.mean: expected a "
                                     "positive duration; got '0'"});
  EXPECT_EQ(errors_for("{dist: weibull, shape: 0, scale: -1s}"),
            (std::vector<std::string>{
                "s.yaml:6:41: error: contact_types.general.handle_time.shape: expected a "
                "positive number; got '0'",
                "s.yaml:6:51: error: contact_types.general.handle_time.scale: expected a "
                "positive duration; got '-1s'"}));
  EXPECT_EQ(errors_for("{dist: empirical, values: []}"),
            std::vector<std::string>{"s.yaml:6:44: error: "
                                     "contact_types.general.handle_time.values: expected a "
                                     "non-empty list of durations like 45s, 2.5m or 1h; got an "
                                     "empty list"});
  EXPECT_EQ(errors_for("{dist: exponental, mean: 4m}"),
            std::vector<std::string>{
                "s.yaml:6:25: error: contact_types.general.handle_time.dist: expected one of "
                "constant, exponential, uniform, triangular, lognormal, gamma, weibull, "
                "empirical; got 'exponental'; did you mean 'exponential'?"});
  EXPECT_EQ(errors_for("{mean: 4m}"),
            std::vector<std::string>{"s.yaml:6:5: error: missing required key 'dist' in "
                                     "contact_types.general.handle_time"});
  EXPECT_EQ(errors_for("{dist: exponential}"),
            std::vector<std::string>{"s.yaml:6:5: error: missing required key 'mean' in "
                                     "contact_types.general.handle_time"});
}

TEST(LoaderErrorTest, ArrivalsNeedExactlyOneSource) {
  EXPECT_EQ(ErrorsOf(MinimalWith("{rate: 360/h}", "{rate: 360/h, file: a.csv}")),
            std::vector<std::string>{"s.yaml:5:29: error: contact_types.general.arrivals: "
                                     "expected exactly one of 'rate', 'pattern', 'weekly', "
                                     "'forecast' or 'file'; got both 'rate' and 'file'"});
  EXPECT_EQ(ErrorsOf(MinimalWith("{rate: 360/h}", "{}")),
            std::vector<std::string>{"s.yaml:5:15: error: contact_types.general.arrivals: "
                                     "expected exactly one of 'rate', 'pattern', 'weekly', "
                                     "'forecast' or 'file'"});
  EXPECT_EQ(ErrorsOf(MinimalWith("{rate: 360/h}", "{pattern: {slot: 30m, rates: []}}")),
            std::vector<std::string>{
                "s.yaml:5:44: error: contact_types.general.arrivals.pattern.rates: expected a "
                "non-empty list of rates like 360/h; got an empty list"});
}

TEST(LoaderErrorTest, AgentGroupBounds) {
  EXPECT_EQ(ErrorsOf(MinimalWith("agents: 3", "agents: -1")),
            std::vector<std::string>{"s.yaml:9:13: error: agent_groups.desk.agents: expected a "
                                     "non-negative integer; got '-1'"});
  EXPECT_EQ(ErrorsOf(MinimalWith("{general: 1}", "{general: 0}")),
            std::vector<std::string>{"s.yaml:10:23: error: agent_groups.desk.skills.general: "
                                     "expected a positive integer; got '0'"});
  EXPECT_EQ(ErrorsOf(MinimalWith("{general: 1}", "{general: {handle_time_factor: 0}}")),
            std::vector<std::string>{"s.yaml:10:44: error: "
                                     "agent_groups.desk.skills.general.handle_time_factor: "
                                     "expected a positive number; got '0'"});
  EXPECT_EQ(ErrorsOf(MinimalWith("agents: 3", "agents: 3\n    concurrency: 0")),
            std::vector<std::string>{"s.yaml:10:18: error: agent_groups.desk.concurrency: "
                                     "expected a positive integer; got '0'"});
}

TEST(LoaderErrorTest, ContactTypeNoGroupCanServe) {
  const std::string yaml = MinimalWith(
      "agent_groups:", "  orphan:\n    arrivals: {rate: 1/h}\n    handle_time: 1m\nagent_groups:");
  EXPECT_EQ(ErrorsOf(yaml), std::vector<std::string>{
                                "s.yaml:7:3: error: contact_types.orphan: no agent group can "
                                "serve this contact type; give a group the skill 'orphan' or add "
                                "an overflow rule for it"});
  // An overflow rule is enough.
  EXPECT_TRUE(ErrorsOf(yaml + "routing:\n  overflow:\n"
                              "    - {contact_type: orphan, after: 0s, add_groups: [desk]}\n")
                  .empty());
}

// Every feature at once, read in full.

constexpr char kFullFeatured[] = R"(name: everything
horizon: 8h
contact_types:
  billing:
    channel: chat
    arrivals: {rate: 360/h}
    handle_time: 4m
    outcomes:
      - {transfer: tech, probability: 0.1, context: lost, re_explain: 60s, disconnect: 0.05}
      - {unresolved: 0.08}
    repeat: {probability: 0.7, delay: {dist: exponential, mean: 1d}}
    escalation: {to: tech, after: 10m}
  tech:
    arrivals: {rate: 10/h}
    handle_time: 6m
agent_groups:
  tier1:
    shifts:
      - {start: 8h, end: 16h, agents: 20, breaks: [{after: 2h, duration: 15m}]}
    skills:
      billing: 1
      tech: {level: 2, outcomes: [{unresolved: 0.2}]}
    absenteeism: 0.05
    concurrency: 3
routing:
  preferred_agent: {wait: 30s}
)";

TEST(FullFeaturedTest, LoadsWithoutErrors) { EXPECT_TRUE(ErrorsOf(kFullFeatured).empty()); }

TEST(FullFeaturedTest, EmailNeverAbandonsSoPatienceIsAMistake) {
  EXPECT_EQ(ErrorsOf(MinimalWith("handle_time: 4m", "handle_time: 4m\n    channel: email\n"
                                                    "    patience: 2m")),
            (std::vector<std::string>{
                "s.yaml:8:5: error: contact_types.general.patience: email contacts never abandon "
                "(they wait in the backlog); remove 'patience' or use channel: chat or voice"}));
}

TEST(FullFeaturedTest, AreReadInFull) {
  Diagnostics errors;
  std::optional<internal::YamlNode> root = internal::ParseYaml(kFullFeatured, "s.yaml", &errors);
  ASSERT_TRUE(root.has_value());
  internal::ReadContext ctx;
  ctx.errors = &errors;
  const Scenario s = internal::ReadScenario(*root, ctx);
  ASSERT_TRUE(errors.empty()) << errors.front().ToString();

  const ContactType& billing = s.contact_types[0];
  EXPECT_EQ(billing.channel, Channel::kChat);
  ASSERT_EQ(billing.outcomes.size(), 2u);
  EXPECT_EQ(billing.outcomes[0].kind, Outcome::Kind::kTransfer);
  EXPECT_EQ(billing.outcomes[0].transfer_to, 1);
  EXPECT_DOUBLE_EQ(billing.outcomes[0].probability, 0.1);
  EXPECT_TRUE(billing.outcomes[0].context_lost);
  EXPECT_EQ(billing.outcomes[0].re_explain.value, 60);
  EXPECT_DOUBLE_EQ(billing.outcomes[0].disconnect, 0.05);
  EXPECT_EQ(billing.outcomes[1].kind, Outcome::Kind::kUnresolved);
  EXPECT_DOUBLE_EQ(billing.outcomes[1].probability, 0.08);
  ASSERT_TRUE(billing.repeat.has_value());
  EXPECT_DOUBLE_EQ(billing.repeat->probability, 0.7);
  EXPECT_EQ(billing.repeat->delay.mean, 86400);
  ASSERT_TRUE(billing.escalation.has_value());
  EXPECT_EQ(billing.escalation->to, 1);
  EXPECT_EQ(billing.escalation->after, 600);

  const AgentGroup& tier1 = s.agent_groups[0];
  ASSERT_EQ(tier1.shifts.size(), 1u);
  EXPECT_EQ(tier1.shifts[0].start, 8 * 3600);
  EXPECT_EQ(tier1.shifts[0].end, 16 * 3600);
  EXPECT_EQ(tier1.shifts[0].agents, 20);
  ASSERT_EQ(tier1.shifts[0].breaks.size(), 1u);
  EXPECT_EQ(tier1.shifts[0].breaks[0].after, 7200);
  EXPECT_EQ(tier1.shifts[0].breaks[0].duration, 900);
  ASSERT_TRUE(tier1.skills[1].outcomes.has_value());
  EXPECT_DOUBLE_EQ((*tier1.skills[1].outcomes)[0].probability, 0.2);
  EXPECT_DOUBLE_EQ(tier1.absenteeism, 0.05);
  EXPECT_EQ(tier1.concurrency, 3);
  EXPECT_EQ(s.routing.preferred_agent_wait, 30);
}

// Hostile input (issue 10): every one is an error, quickly, never a hang or a crash.

TEST(HostileInputTest, TextThatHungYamlCppIsASyntaxError) {
  EXPECT_EQ(ErrorsOf(","),
            std::vector<std::string>{
                "s.yaml:1:1: error: invalid YAML: did not find expected node content"});
  EXPECT_EQ(ErrorsOf(kMinimal, {"name=,"}),
            std::vector<std::string>{
                "--set:1:6: error: invalid YAML: did not find expected node content"});
}

TEST(HostileInputTest, ACommaLineAfterAPlainScalarIsText) {
  // Made yaml-cpp 0.7 loop for ever (found by fuzzing); in YAML it continues the scalar.
  EXPECT_EQ(ErrorsOf("! Ae\n,\n"),
            std::vector<std::string>{
                "s.yaml:1:1: error: the scenario: expected a map of scenario "
                "keys (name, horizon, contact_types, agent_groups, ...); got 'Ae ,'"});
}

TEST(HostileInputTest, AliasesCannotExpandWithoutBound) {
  // Each line holds the previous one ten times: 10^8 values if expanded.
  const std::string laughs =
      "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
      "a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n"
      "a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\n"
      "a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]\n"
      "a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]\n"
      "a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]\n"
      "a6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]\n"
      "a7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]\n";
  EXPECT_EQ(ErrorsOf(laughs),
            std::vector<std::string>{"s.yaml:6:45: error: the document is too large (more than "
                                     "1000000 values once aliases are expanded)"});
  EXPECT_EQ(ErrorsOf("name: *nope\n"),
            std::vector<std::string>{
                "s.yaml:1:7: error: invalid YAML: the referenced anchor is not defined"});
}

TEST(HostileInputTest, DeepNestingIsRefusedBeforeItOverflowsTheStack) {
  const std::string deep = "name: " + std::string(1'000'000, '[');
  EXPECT_EQ(ErrorsOf(deep), std::vector<std::string>{
                                "s.yaml:1:70: error: the document nests more than 64 levels deep"});
}

TEST(HostileInputTest, ScenarioTextHasASizeLimit) {
  const std::string big = "name: x\n#" + std::string(4 << 20, 'x') + "\n";
  EXPECT_EQ(ErrorsOf(big),
            std::vector<std::string>{
                "s.yaml:1:1: error: the YAML text is larger than the limit of 4 MiB"});
}

TEST(HostileInputTest, OnlyRegularFilesOfBoundedSizeAreRead) {
  EXPECT_EQ(
      Rendered(LoadScenarioFile("/dev/zero")),
      std::vector<std::string>{"/dev/zero: error: cannot read scenario file: not a regular file"});
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "ccsim_hostile_test";
  std::filesystem::create_directories(dir);
  const std::filesystem::path big = dir / "big.csv";
  { std::ofstream(big) << "1s\n"; }
  std::filesystem::resize_file(big, (int64_t{64} << 20) + 1);  // sparse: nothing written
  const std::string yaml = MinimalWith("{rate: 360/h}", "{file: " + big.string() + "}");
  EXPECT_EQ(ErrorsOf(yaml), std::vector<std::string>{
                                "s.yaml:5:22: error: contact_types.general.arrivals.file: cannot "
                                "read file '" +
                                big.string() + "': larger than the limit of 64 MiB"});
  std::filesystem::remove_all(dir);
}

TEST(HostileInputTest, TextMustBeUtf8) {
  EXPECT_EQ(ErrorsOf(MinimalWith("help-desk", "caf\xe9")),
            std::vector<std::string>{
                "s.yaml:1:10: error: invalid YAML: invalid trailing UTF-8 octet (0xA)"});
  EXPECT_EQ(ErrorsOf(MinimalWith("help-desk", "\"a\\ud800\"")),
            std::vector<std::string>{
                "s.yaml:1:11: error: invalid YAML: found invalid Unicode character escape code"});
}

TEST(HostileInputTest, DistributionsWithoutFiniteMomentsAreRefusedAtTheirKey) {
  EXPECT_EQ(ErrorsOf(MinimalWith("4m", "{dist: weibull, shape: 1e-300, scale: 1m}")),
            std::vector<std::string>{
                "s.yaml:6:5: error: contact_types.general.handle_time: the mean of this weibull "
                "distribution would be infinite, above the limit of 10 years (315360000s); raise "
                "the shape '1e-300' or lower the scale '1m'"});
  // Given by --set, the distribution is shown there.
  EXPECT_EQ(
      ErrorsOf(kMinimal, {"contact_types.general.handle_time={dist: lognormal, mean: 1e-300s, "
                          "sd: 1e8s}"}),
      std::vector<std::string>{
          "--set:1:35: error: contact_types.general.handle_time: the sd may be at most 1000000 "
          "times the mean; got mean '1e-300s' and sd '1e8s'"});
}

TEST(HostileInputTest, ControlCharactersCannotForgeDiagnosticLines) {
  EXPECT_EQ(ErrorsOf(MinimalWith("8h", "\"x\\ns.yaml:1:1: error: forged\\x7f\"")),
            std::vector<std::string>{
                "s.yaml:2:10: error: horizon: expected a duration like 45s, 2.5m or 1h; got "
                "'x\\ns.yaml:1:1: error: forged\\x7F'"});
}

// tests/invalid: each NAME.yaml with the exact diagnostics in NAME.expected, the scenario's
// folder left out of file names.

std::string ReadWhole(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string WithoutFolder(std::string line, const std::string& folder) {
  for (size_t at; (at = line.find(folder)) != std::string::npos;) line.erase(at, folder.size());
  return line;
}

TEST(InvalidScenarioTest, EachFileGivesExactlyItsExpectedDiagnostics) {
  std::vector<std::filesystem::path> scenarios;
  for (const auto& entry : std::filesystem::directory_iterator(kInvalidDir)) {
    if (entry.path().extension() == ".yaml") scenarios.push_back(entry.path());
  }
  std::sort(scenarios.begin(), scenarios.end());
  ASSERT_GE(scenarios.size(), 15u);
  for (const std::filesystem::path& scenario : scenarios) {
    SCOPED_TRACE(scenario.filename().string());
    std::filesystem::path expected_path = scenario;
    expected_path.replace_extension(".expected");
    ASSERT_TRUE(std::filesystem::exists(expected_path));
    const LoadResult r = LoadScenarioFile(scenario.string());
    EXPECT_FALSE(r.ok());
    std::vector<std::string> actual;
    for (const std::string& line : Rendered(r)) {
      actual.push_back(WithoutFolder(line, kInvalidDir + "/"));
    }
    EXPECT_EQ(actual, Lines(ReadWhole(expected_path)));
  }
}

}  // namespace
}  // namespace ccsim::scenario
