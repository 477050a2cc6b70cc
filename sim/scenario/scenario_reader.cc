#include "sim/scenario/scenario_reader.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>

#include "sim/scenario/agent_group_reader.h"
#include "sim/scenario/arrivals_reader.h"
#include "sim/scenario/contact_type_reader.h"
#include "sim/scenario/costs_reader.h"
#include "sim/scenario/limits.h"
#include "sim/scenario/routing_reader.h"

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kTopLevelKeys[] = {
    "name",          "start",        "horizon", "warmup",   "interval",        "replications",
    "seed",          "service_level", "contact_types", "agent_groups", "routing",
    "journeys",      "agent_variation", "real_time",
    "busyness",
    "lines",  // voice contacts in the centre at once (SPEC §7)
    "costs"};
constexpr std::string_view kRealTimeKeys[] = {"check_every", "window", "when", "actions"};
constexpr std::string_view kWhenKeys[] = {"service_level_below"};
constexpr std::string_view kActionKeys[] = {"postpone_breaks", "call_in"};
constexpr std::string_view kPostponeKeys[] = {"max"};
constexpr std::string_view kCallInKeys[] = {"group", "agents", "delay", "for"};
constexpr std::string_view kJourneyKeys[] = {"max_contacts"};
constexpr std::string_view kAgentVariationKeys[] = {"handle_time_cv"};

// The entries of a section keyed by name (contact_types, agent_groups): at least one.
// A name that only a --set path implies ("contact_types.biling.priority=2") is a misspelt
// reference rather than a new declaration: it is reported and left out.
std::vector<const YamlEntry*> NamedEntries(const YamlNode* node, const std::string& path,
                                           std::string_view what, ReadContext& ctx) {
  if (node == nullptr) return {};
  const MapReader m =
      MapReader::OfNames(*node, path, ctx, "a map of " + std::string(what) + "s by name");
  std::vector<const YamlEntry*> declared;
  std::vector<std::string> names;
  for (const YamlEntry* entry : m.entries()) {
    if (entry->implied_by_override) continue;
    if (HasControlCharacter(entry->key)) {
      ctx.Error(entry->key_where, JoinPath(path, entry->key) + ": expected " +
                                      kNoControlCharacters);
      continue;
    }
    declared.push_back(entry);
    names.push_back(entry->key);
  }
  for (const YamlEntry* entry : m.entries()) {
    if (entry->implied_by_override) {
      ResolveName(entry->key, entry->key_where, path, names, what, ctx);
    }
  }
  if (m.is_map() && declared.empty()) {
    ctx.Error(node->where, path + ": expected at least one " + std::string(what));
  }
  return declared;
}

std::vector<std::string> KeysOf(const std::vector<const YamlEntry*>& entries) {
  std::vector<std::string> keys;
  for (const YamlEntry* e : entries) keys.push_back(e->key);
  return keys;
}

// A contact type must be servable by some group: through a skill or an overflow rule.
void CheckEveryTypeIsServed(const Scenario& s, ReadContext& ctx) {
  std::vector<bool> served(s.contact_types.size(), false);
  for (const AgentGroup& group : s.agent_groups) {
    for (const Skill& skill : group.skills) served[skill.contact_type] = true;
  }
  for (const Overflow& overflow : s.routing.overflow) {
    if (!overflow.add_groups.empty()) served[overflow.contact_type] = true;
  }
  for (size_t i = 0; i < served.size(); ++i) {
    if (served[i]) continue;
    const std::string& name = s.contact_types[i].name;
    const std::string path = JoinPath("contact_types", name);
    ctx.Error(ctx.locations.Key(path),
              path + ": no agent group can serve this contact type; give a group the skill '" +
                  name + "' or add an overflow rule for it");
  }
}

// The first agent of a warm transfer stays on the line: the type handled and the target are
// voice.
void CheckWarmOutcomes(const Scenario& s, const std::vector<Outcome>& outcomes, int type,
                       const std::string& list, ReadContext& ctx) {
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].warm) continue;
    for (const int t : {type, outcomes[i].transfer_to}) {
      const ContactType& ct = s.contact_types[t];
      if (ct.channel == Channel::kVoice) continue;
      const std::string path = JoinPath(ItemPath(list, i), "warm");
      ctx.Error(ctx.locations.Key(path),
                path + ": warm transfers are for voice (the first agent stays on the line); "
                       "contact type '" + ct.name + "' is " + ToString(ct.channel));
      break;
    }
  }
}

void CheckWarmTransfers(const Scenario& s, ReadContext& ctx) {
  for (size_t t = 0; t < s.contact_types.size(); ++t) {
    const std::string type = JoinPath("contact_types", s.contact_types[t].name);
    CheckWarmOutcomes(s, s.contact_types[t].outcomes, static_cast<int>(t),
                      JoinPath(type, "outcomes"), ctx);
  }
  for (const AgentGroup& g : s.agent_groups) {
    for (const Skill& skill : g.skills) {
      if (!skill.outcomes) continue;
      const std::string path = JoinPath(JoinPath("agent_groups", g.name), "skills");
      CheckWarmOutcomes(s, *skill.outcomes, skill.contact_type,
                        JoinPath(JoinPath(path, s.contact_types[skill.contact_type].name),
                                 "outcomes"),
                        ctx);
    }
  }
}

// Every named agent has a name of its own: results carry it.
void CheckPeopleNames(const Scenario& s, ReadContext& ctx) {
  std::map<std::string, std::string, std::less<>> first;  // name -> where it is given first
  for (const AgentGroup& g : s.agent_groups) {
    const std::string list = JoinPath(JoinPath("agent_groups", g.name), "people");
    for (size_t i = 0; i < g.people.size(); ++i) {
      const std::string item = ItemPath(list, i);
      const auto [it, fresh] = first.emplace(g.people[i].name, item);
      if (fresh) continue;
      const std::string path = JoinPath(item, "name");
      ctx.Error(ctx.locations.Value(path), path + ": '" + g.people[i].name +
                                               "' already names " + it->second +
                                               "; every agent needs a name of its own");
    }
  }
}

// journeys: {max_contacts: N}
std::optional<int> ReadJourneys(const YamlNode& node, const std::string& path, ReadContext& ctx) {
  const MapReader m(node, path, ctx, kJourneyKeys);
  int max_contacts = 0;
  if (!m.Read("max_contacts", &max_contacts, ReadPositiveInt, Presence::kRequired)) {
    return std::nullopt;
  }
  return max_contacts;
}

// agent_variation: {handle_time_cv: 0.2}
std::optional<double> ReadAgentVariation(const YamlNode& node, const std::string& path,
                                         ReadContext& ctx) {
  const MapReader m(node, path, ctx, kAgentVariationKeys);
  double cv = 0;
  if (!m.Read("handle_time_cv", &cv, ReadCoefficientOfVariation, Presence::kRequired)) {
    return std::nullopt;
  }
  return cv;
}

std::optional<double> ReadPostpone(const YamlNode& node, const std::string& path,
                                   ReadContext& ctx) {
  const MapReader m(node, path, ctx, kPostponeKeys);
  double max = 0;
  if (!m.Read("max", &max, ReadPositiveDuration, Presence::kRequired)) return std::nullopt;
  return max;
}

std::optional<CallIn> ReadCallIn(const YamlNode& node, const std::string& path,
                                 const DeclaredNames& names, ReadContext& ctx) {
  const MapReader m(node, path, ctx, kCallInKeys);
  CallIn c;
  bool ok = m.Read("group", &c.group, ReferenceTo(names.agent_groups, "agent group"),
                   Presence::kRequired);
  ok = m.Read("agents", &c.agents, ReadPositiveAgents, Presence::kRequired) && ok;
  m.Read("delay", &c.delay, ReadDuration);
  ok = m.Read("for", &c.duration, ReadPositiveDuration, Presence::kRequired) && ok;
  if (!ok) return std::nullopt;
  return c;
}

// real_time: {check_every, window, when: {service_level_below}, actions: {...}}
std::optional<RealTime> ReadRealTime(const YamlNode& node, const std::string& path,
                                     const DeclaredNames& names, ReadContext& ctx) {
  const MapReader m(node, path, ctx, kRealTimeKeys);
  RealTime rt;
  bool ok = m.Read("check_every", &rt.check_every, ReadPositiveDuration, Presence::kRequired);
  ok = m.Read("window", &rt.window, ReadPositiveDuration, Presence::kRequired) && ok;
  if (const YamlNode* when = m.Require("when")) {
    const MapReader w(*when, m.PathOf("when"), ctx, kWhenKeys);
    ok = w.Read("service_level_below", &rt.service_level_below, ReadProbability,
                Presence::kRequired) && ok;
  } else {
    ok = false;
  }
  if (const YamlNode* actions = m.Require("actions")) {
    const MapReader a(*actions, m.PathOf("actions"), ctx, kActionKeys);
    a.Read("postpone_breaks", &rt.postpone_breaks_max, ReadPostpone);
    a.Read("call_in", &rt.call_in, WithNames(ReadCallIn, names));
  } else {
    ok = false;
  }
  if (!ok) return std::nullopt;
  return rt;
}

// A period that repeats over the horizon (at `path`) may fit at most kMaxPeriodsPerHorizon
// times: each is a loop step or an event.
void CheckPeriod(double horizon, double period, const std::string& path, ReadContext& ctx) {
  const double periods = std::ceil(horizon / period);
  if (periods <= kMaxPeriodsPerHorizon) return;
  ctx.Error(ctx.locations.Value(path),
            path + ": the horizon holds " + FormatCount(periods) + " periods of " +
                FormatNumber(period) + "s, more than the limit of " +
                FormatCount(kMaxPeriodsPerHorizon) + "; use a longer one");
}

// The limits that depend on the horizon (limits.h): reporting intervals × contact types, and
// the periods of arrival patterns, real-time checks and coaching.
void CheckHorizonLimits(const Scenario& s, const MapReader& top, ReadContext& ctx) {
  const double intervals = std::ceil(s.horizon / s.interval);
  const double types = static_cast<double>(std::max<size_t>(1, s.contact_types.size()));
  if (intervals * types > static_cast<double>(kMaxIntervalCells)) {
    const bool given = top.Get("interval") != nullptr;
    const YamlNode& at = given ? *top.Get("interval") : *top.Get("horizon");
    ctx.Error(at.where,
              std::string(given ? "interval" : "horizon") + ": " + FormatCount(intervals) +
                  " intervals of " + FormatNumber(s.interval) + "s for " +
                  std::to_string(s.contact_types.size()) + (s.contact_types.size() == 1 ? " contact type" : " contact types") + " are " +
                  FormatCount(intervals * types) + " interval cells, more than the limit of " +
                  FormatCount(static_cast<double>(kMaxIntervalCells)) + "; use a longer interval");
  }
  for (const ContactType& type : s.contact_types) {
    const ArrivalKind kind = type.arrivals.kind;
    if ((kind != ArrivalKind::kPattern && kind != ArrivalKind::kWeekly) ||
        type.arrivals.slot <= 0) {
      continue;
    }
    CheckPeriod(s.horizon, type.arrivals.slot,
                JoinPath("contact_types", type.name) + ".arrivals." + ToString(kind) + ".slot",
                ctx);
  }
  for (const AgentGroup& group : s.agent_groups) {
    if (!group.coaching || group.coaching->every <= 0) continue;
    CheckPeriod(s.horizon, group.coaching->every,
                JoinPath("agent_groups", group.name) + ".coaching.every", ctx);
  }
  if (s.real_time && s.real_time->check_every > 0) {
    CheckPeriod(s.horizon, s.real_time->check_every, "real_time.check_every", ctx);
  }
}

}  // namespace

Scenario ReadScenario(const YamlNode& root, ReadContext& ctx) {
  Scenario s;
  const MapReader top(root, "", ctx, kTopLevelKeys,
                      "a map of scenario keys (name, horizon, contact_types, agent_groups, ...)");
  top.Read("name", &s.name, ReadName, Presence::kRequired);
  top.Read("start", &s.start, ReadDateTime);
  ctx.start = s.start;
  const bool has_horizon =
      top.Read("horizon", &s.horizon, ReadPositiveDuration, Presence::kRequired);
  if (top.Read("warmup", &s.warmup, ReadDuration) && has_horizon && s.warmup >= s.horizon) {
    ctx.Error(top.Get("warmup")->where, "warmup: must be shorter than the horizon (" +
                                            Describe(*top.Get("horizon")) + "); got " +
                                            Describe(*top.Get("warmup")));
  }
  top.Read("interval", &s.interval, ReadPositiveDuration);
  top.Read("replications", &s.replications, ReadReplications);
  top.Read("seed", &s.seed, ReadSeed);
  top.Read("service_level", &s.service_level,
           [&s](const YamlNode& n, const std::string& p, ReadContext& c) {
             return ReadServiceLevel(n, p, s.service_level, c);
           });

  const std::vector<const YamlEntry*> types =
      NamedEntries(top.Require("contact_types"), "contact_types", "contact type", ctx);
  const std::vector<const YamlEntry*> groups =
      NamedEntries(top.Require("agent_groups"), "agent_groups", "agent group", ctx);
  const DeclaredNames names{KeysOf(types), KeysOf(groups)};
  for (size_t i = 0; i < types.size(); ++i) {
    s.contact_types.push_back(
        ReadContactType(*types[i], static_cast<int>(i), s.service_level, names, ctx));
  }
  CompleteArrivals(s, ctx);
  top.Read("busyness", &s.busyness, ReadBusyness);
  // A start given but unreadable is reported once, at itself: clock times are read against
  // a stand-in rather than reported as lacking it (the scenario is refused anyway).
  const std::optional<int64_t> calendar_start =
      s.start || top.Get("start") == nullptr ? s.start : std::optional<int64_t>(0);
  for (const YamlEntry* group : groups) {
    s.agent_groups.push_back(ReadAgentGroup(*group, names, calendar_start, ctx));
  }
  if (const YamlNode* routing = top.Get("routing"))
    s.routing = ReadRouting(*routing, names, s.agent_groups, ctx);
  top.Read("journeys", &s.max_journey_contacts, ReadJourneys);
  top.Read("agent_variation", &s.handle_time_cv, ReadAgentVariation);
  top.Read("real_time", &s.real_time, WithNames(ReadRealTime, names));
  top.Read("lines", &s.lines, ReadPositiveInt);
  top.Read("costs", &s.costs, WithNames(ReadCosts, names));
  if (has_horizon && s.interval > 0) CheckHorizonLimits(s, top, ctx);
  // Without any group every type is unservable: "agent_groups" missing says it already.
  if (!s.agent_groups.empty()) CheckEveryTypeIsServed(s, ctx);
  CheckWarmTransfers(s, ctx);
  CheckPeopleNames(s, ctx);
  return s;
}

}  // namespace ccsim::scenario::internal
