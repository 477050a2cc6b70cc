#include "sim/scenario/agent_group_reader.h"

#include <cstdint>
#include <optional>
#include <string_view>

#include "sim/scenario/calendar.h"
#include "sim/scenario/units.h"
#include "sim/scenario/roster_reader.h"

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kAgentGroupKeys[] = {"agents",      "shifts",      "roster",
                                                "skills",      "absenteeism", "concurrency",
                                                "coaching",    "people"};
constexpr std::string_view kPersonKeys[] = {"name", "handle_time_factor", "resolution_factor"};
constexpr std::string_view kCoachingKeys[] = {"every", "duration", "improvement", "floor"};
constexpr std::string_view kShiftKeys[] = {"start", "end", "agents", "breaks", "repeat"};
constexpr std::string_view kBreakKeys[] = {"after", "duration"};
constexpr std::string_view kSkillKeys[] = {"level", "handle_time_factor", "outcomes"};

std::optional<Break> ReadBreak(const YamlNode& node, const std::string& path, ReadContext& ctx) {
  const MapReader m(node, path, ctx, kBreakKeys);
  Break b;
  bool ok = m.Read("after", &b.after, ReadDuration, Presence::kRequired);
  ok = m.Read("duration", &b.duration, ReadPositiveDuration, Presence::kRequired) && ok;
  if (!ok) return std::nullopt;
  return b;
}

// A shift's start or end as written: a duration from time 0, or a clock time "08:30" (its
// seconds after midnight), which needs the scenario's start.
struct ShiftTime {
  double seconds = 0;
  bool clock = false;
};

std::optional<ShiftTime> ReadShiftTime(const YamlNode& node, const std::string& path,
                                       const std::optional<int64_t>& start, ReadContext& ctx) {
  if (node.IsScalar()) {
    if (const std::optional<int64_t> clock = ParseClockTime(node.scalar)) {
      if (!start) {
        ctx.Error(node.where, path + ": shift times like '08:30' need the scenario's `start`; "
                                     "or give a duration such as 8h");
        return std::nullopt;
      }
      return ShiftTime{.seconds = static_cast<double>(*clock), .clock = true};
    }
    if (start && !ParseDuration(node.scalar)) {
      ReportExpected(node, path, "a clock time like 08:30 or a duration like 8h", ctx);
      return std::nullopt;
    }
  }
  const std::optional<double> duration = ReadDuration(node, path, ctx);
  if (!duration) return std::nullopt;
  return ShiftTime{.seconds = *duration};
}

// Seconds from time 0: a duration as it is; a clock time as its first occurrence at or
// after `after` (the scenario's start for `start`), strictly after it when `strictly` (a
// shift's end comes after its start, so "22:00"-"06:00" crosses midnight).
double ShiftSeconds(const ShiftTime& t, const std::optional<int64_t>& start, double after,
                    bool strictly) {
  if (!t.clock) return t.seconds;
  const double at = Calendar(*start).NextClockTime(after, t.seconds);
  return strictly && at <= after ? at + kSecondsPerDay : at;
}

std::optional<Shift> ReadShift(const YamlNode& node, const std::string& path,
                               const std::optional<int64_t>& start, ReadContext& ctx) {
  const MapReader m(node, path, ctx, kShiftKeys);
  Shift s;
  const auto read_time = [&start](const YamlNode& n, const std::string& p, ReadContext& c) {
    return ReadShiftTime(n, p, start, c);
  };
  ShiftTime begin, end;
  bool ok = m.Read("start", &begin, read_time, Presence::kRequired);
  ok = m.Read("end", &end, read_time, Presence::kRequired) && ok;
  if (ok) {
    s.start = ShiftSeconds(begin, start, 0, /*strictly=*/false);
    s.end = ShiftSeconds(end, start, s.start, /*strictly=*/true);
  }
  m.Read("agents", &s.agents, ReadAgents, Presence::kRequired);
  // Each break read is checked against the shift below at its own item: a break that could
  // not be read is left out, so the items are remembered by index.
  std::vector<size_t> break_items;
  if (const YamlNode* breaks = m.Get("breaks")) {
    if (!breaks->IsSequence()) {
      ReportExpected(*breaks, m.PathOf("breaks"),
                     "a list of breaks like {after: 2h, duration: 15m}", ctx);
    }
    for (size_t i = 0; breaks->IsSequence() && i < breaks->items.size(); ++i) {
      if (auto b = ReadBreak(breaks->items[i], ItemPath(m.PathOf("breaks"), i), ctx)) {
        s.breaks.push_back(*b);
        break_items.push_back(i);
      }
    }
  }
  m.Read("repeat", &s.repeat, ChoiceOf(kShiftRepeats));
  if (!m.is_map()) return std::nullopt;
  if (ok && s.repeat == ShiftRepeat::kDaily && s.end - s.start > 86400) {
    ctx.Error(m.Get("end")->where, path + ": a daily shift cannot last more than 24h");
  }
  if (ok && s.end <= s.start) {
    ctx.Error(m.Get("end")->where, path + ": a shift needs start < end; got start " +
                                       Describe(*m.Get("start")) + " and end " +
                                       Describe(*m.Get("end")));
  }
  for (size_t i = 0; ok && s.end > s.start && i < s.breaks.size(); ++i) {
    if (s.breaks[i].after >= s.end - s.start) {
      const std::string after = JoinPath(ItemPath(m.PathOf("breaks"), break_items[i]), "after");
      ctx.Error(ctx.locations.Value(after),
                after + ": a break must start before its shift ends (the shift lasts " +
                    FormatNumber(s.end - s.start) + "s); got " + FormatNumber(s.breaks[i].after) +
                    "s");
    }
  }
  return s;
}

// The level and options of one skill: a bare level, or {level, handle_time_factor, outcomes}.
void ReadSkillDetails(const YamlNode& node, const std::string& path, const DeclaredNames& names,
                      Skill* skill, ReadContext& ctx) {
  if (node.IsScalar()) {
    if (auto level = ReadPositiveInt(node, path, ctx)) skill->level = *level;
    return;
  }
  if (!node.IsMap()) {
    ReportExpected(node, path, "a skill level like 1, or a map with 'level:'", ctx);
    return;
  }
  const MapReader m(node, path, ctx, kSkillKeys);
  m.Read("level", &skill->level, ReadPositiveInt);
  m.Read("handle_time_factor", &skill->handle_time_factor, ReadFactor);
  m.Read("outcomes", &skill->outcomes, WithNames(ReadOutcomes, names));
}

std::optional<std::vector<Skill>> ReadSkills(const YamlNode& node, const std::string& path,
                                             const DeclaredNames& names, ReadContext& ctx) {
  const MapReader m =
      MapReader::OfNames(node, path, ctx, "a map of contact type names to skill levels");
  if (!m.is_map()) return std::nullopt;
  std::vector<Skill> skills;
  for (const YamlEntry* entry : m.entries()) {
    const std::optional<int> type =
        ResolveName(entry->key, entry->key_where, path, names.contact_types, "contact type", ctx);
    if (!type) continue;
    Skill& skill = skills.emplace_back();
    skill.contact_type = *type;
    ReadSkillDetails(entry->value, m.PathOf(entry->key), names, &skill, ctx);
  }
  return skills;
}

// Exactly one of `agents` (a constant headcount), `shifts` and `roster` (roster_reader.h).
void ReadStaffing(const MapReader& m, const std::optional<int64_t>& start, AgentGroup* group,
                  ReadContext& ctx) {
  if (ReadRosterKey(m, group, ctx)) return;
  const YamlNode* agents = m.Get("agents");
  const YamlNode* shifts = m.Get("shifts");
  if (agents != nullptr && shifts != nullptr) {
    ctx.Error(ctx.locations.Key(m.PathOf("shifts")),
              m.path() + ": give either 'agents' or 'shifts', not both");
  } else if (agents == nullptr && shifts == nullptr && m.is_map()) {
    ctx.Error(m.KeyWhere(), "missing required key 'agents' (or 'shifts' or 'roster') " + PlaceOf(m.path()));
  }
  m.Read("agents", &group->agents, ReadAgents);
  const auto read_shift = [&start](const YamlNode& n, const std::string& p, ReadContext& c) {
    return ReadShift(n, p, start, c);
  };
  m.Read("shifts", &group->shifts,
         ListOf(read_shift, "shifts like {start: 8h, end: 16h, agents: 20}", ListSize::kNonEmpty));
}

std::optional<Coaching> ReadCoaching(const YamlNode& node, const std::string& path,
                                     ReadContext& ctx) {
  const MapReader m(node, path, ctx, kCoachingKeys);
  Coaching c;
  bool ok = m.Read("every", &c.every, ReadPositiveDuration, Presence::kRequired);
  ok = m.Read("duration", &c.duration, ReadPositiveDuration, Presence::kRequired) && ok;
  ok = m.Read("improvement", &c.improvement, ReadProbability, Presence::kRequired) && ok;
  m.Read("floor", &c.floor, ReadNonNegativeNumber);
  if (!m.is_map()) return std::nullopt;
  if (ok && c.duration >= c.every) {
    ctx.Error(m.Get("duration")->where,
              path + ".duration: a session must be shorter than the time between sessions");
  }
  return c;
}

// One of `people`: {name, handle_time_factor, resolution_factor}.
std::optional<Person> ReadPerson(const YamlNode& node, const std::string& path,
                                 ReadContext& ctx) {
  const MapReader m(node, path, ctx, kPersonKeys,
                    "a map like {name: Ana, handle_time_factor: 0.8, resolution_factor: 1.5}");
  Person p;
  const bool named = m.Read("name", &p.name, ReadName, Presence::kRequired);
  m.Read("handle_time_factor", &p.handle_time_factor, ReadFactor);
  m.Read("resolution_factor", &p.resolution_factor, ReadFactor);
  if (!named) return std::nullopt;
  if (p.name == kUnnamedAgent) {
    const std::string name = m.PathOf("name");
    ctx.Error(ctx.locations.Value(name),
              name + ": '" + kUnnamedAgent + "' stands for the agents without a name; choose another");
  }
  return p;
}

// people: no more than the group's seats (its constant headcount, or its shifts' agents).
void ReadPeople(const MapReader& m, AgentGroup* group, ReadContext& ctx) {
  if (!m.Read("people", &group->people,
              ListOf(ReadPerson, "people like {name: Ana, resolution_factor: 1.5}"))) {
    return;
  }
  int seats = group->agents;
  std::string counted = "agents: " + std::to_string(group->agents);
  if (!group->shifts.empty()) {
    seats = 0;
    for (const Shift& shift : group->shifts) seats += shift.agents;
    counted = "its shifts' agents add up to " + std::to_string(seats);
  }
  const size_t people = group->people.size();
  if (people > static_cast<size_t>(seats)) {
    ctx.Error(m.Get("people")->where,
              m.PathOf("people") + ": " + std::to_string(people) + " people but only " +
                  std::to_string(seats) + (seats == 1 ? " seat" : " seats") + " (" + counted +
                  "); the people take the group's first seats");
  }
}

}  // namespace

AgentGroup ReadAgentGroup(const YamlEntry& entry, const DeclaredNames& names,
                          const std::optional<int64_t>& start, ReadContext& ctx) {
  AgentGroup group;
  group.name = entry.key;
  const std::string path = JoinPath("agent_groups", entry.key);
  const MapReader m(entry.value, path, ctx, kAgentGroupKeys);
  ReadStaffing(m, start, &group, ctx);
  m.Read("skills", &group.skills, WithNames(ReadSkills, names));
  m.Read("absenteeism", &group.absenteeism, ReadProbability);
  if (m.Read("concurrency", &group.concurrency, ReadPositiveInt) && group.concurrency > 32) {
    ctx.Error(m.Get("concurrency")->where, m.PathOf("concurrency") +
                                               ": at most 32 chats at once; got " +
                                               std::to_string(group.concurrency));
  }
  m.Read("coaching", &group.coaching, ReadCoaching);
  ReadPeople(m, &group, ctx);
  return group;
}

}  // namespace ccsim::scenario::internal
