#include "sim/scenario/routing_reader.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kRoutingKeys[] = {"agent_selection", "contact_selection", "levels",
                                             "weights",         "overflow",          "reserve",
                                             "preferred_agent"};
constexpr std::string_view kOverflowKeys[] = {"contact_type", "after", "when", "add_groups"};
constexpr std::string_view kOverflowWhenKeys[] = {"queue_over", "expected_wait_over"};
constexpr std::string_view kReserveKeys[] = {"group", "idle_at_least", "for"};
constexpr std::string_view kPreferredAgentKeys[] = {"wait"};

// `when: {queue_over: N}` or `when: {expected_wait_over: DURATION}`: exactly one.
bool ReadOverflowWhen(const YamlNode& node, const std::string& path, Overflow* o,
                      ReadContext& ctx) {
  const MapReader m(node, path, ctx, kOverflowWhenKeys,
                    "a condition like {queue_over: 10} or {expected_wait_over: 2m}");
  if (!m.is_map()) return false;
  const YamlNode* queue = m.Get("queue_over");
  const YamlNode* wait = m.Get("expected_wait_over");
  if (queue != nullptr && wait != nullptr) {
    ctx.Error(ctx.locations.Key(m.PathOf("expected_wait_over")),
              path + ": give either 'queue_over' or 'expected_wait_over', not both");
    return false;
  }
  if (queue == nullptr && wait == nullptr) {
    // (Unknown keys are reported already.)
    if (node.entries.empty()) {
      ctx.Error(node.where, path +
                                ": expected one condition, 'queue_over: N' or "
                                "'expected_wait_over: DURATION'; got an empty map");
    }
    return false;
  }
  if (queue != nullptr) {
    o->when = OverflowWhen::kQueueOver;
    return m.Read("queue_over", &o->queue_over, ReadCount64);
  }
  o->when = OverflowWhen::kExpectedWaitOver;
  return m.Read("expected_wait_over", &o->expected_wait_over, ReadDuration);
}

// {contact_type, after: DURATION | when: {...}, add_groups: [...]}
std::optional<Overflow> ReadOverflow(const YamlNode& node, const std::string& path,
                                     const DeclaredNames& names, ReadContext& ctx) {
  const MapReader m(node, path, ctx, kOverflowKeys);
  Overflow o;
  const bool known_type =
      m.Read("contact_type", &o.contact_type, ReferenceTo(names.contact_types, "contact type"),
             Presence::kRequired);
  const YamlNode* when = m.Get("when");
  bool ok = known_type;
  if (m.Get("after") != nullptr && when != nullptr) {
    ctx.Error(ctx.locations.Key(m.PathOf("when")),
              path + ": give either 'after' or 'when', not both");
    ok = false;
  } else if (when != nullptr) {
    ok = ReadOverflowWhen(*when, m.PathOf("when"), &o, ctx) && ok;
  } else if (m.is_map() && m.Get("after") == nullptr) {
    ctx.Error(m.KeyWhere(), "missing required key 'after' (or 'when') " + PlaceOf(path));
  }
  m.Read("after", &o.after, ReadDuration);
  m.Read("add_groups", &o.add_groups,
         ListOf(ReferenceTo(names.agent_groups, "agent group"), "agent group names",
                ListSize::kNonEmpty),
         Presence::kRequired);
  if (!ok) return std::nullopt;
  return o;
}

// Whether a group in `b` gains the same type by `a` too, one of them with a condition: the
// Router keeps one queue of the contacts that met each condition, and a group reads one.
int SharedConditionalGroup(const Overflow& a, const Overflow& b) {
  if (a.contact_type != b.contact_type ||
      (a.when == OverflowWhen::kAfter && b.when == OverflowWhen::kAfter)) {
    return -1;
  }
  for (size_t k = 0; k < b.add_groups.size(); ++k) {
    if (std::find(a.add_groups.begin(), a.add_groups.end(), b.add_groups[k]) !=
        a.add_groups.end()) {
      return static_cast<int>(k);
    }
  }
  return -1;
}

// The overflow rules, item by item (a rule that cannot be read is left out), each checked
// against the earlier ones.
std::optional<std::vector<Overflow>> ReadOverflows(const YamlNode& node, const std::string& path,
                                                   const DeclaredNames& names, ReadContext& ctx) {
  if (!node.IsSequence()) {
    ReportExpected(node, path,
                   "a list of overflow rules like {contact_type: billing, after: 60s, "
                   "add_groups: [tier2]}",
                   ctx);
    return std::nullopt;
  }
  std::vector<Overflow> rules;
  std::vector<size_t> items;  // each rule's item in the list
  for (size_t i = 0; i < node.items.size(); ++i) {
    const std::optional<Overflow> o = ReadOverflow(node.items[i], ItemPath(path, i), names, ctx);
    if (!o) continue;
    for (size_t j = 0; j < rules.size(); ++j) {
      const int k = SharedConditionalGroup(rules[j], *o);
      if (k < 0) continue;
      // (The item that names the group: unknown names before it were left out of the rule.)
      const std::string& group = names.agent_groups[o->add_groups[k]];
      const std::vector<YamlNode>& named = node.items[i].Find("add_groups")->items;
      size_t item = 0;
      while (item + 1 < named.size() && named[item].scalar != group) ++item;
      const std::string at = ItemPath(JoinPath(ItemPath(path, i), "add_groups"), item);
      ctx.Error(named[item].where,
                at + ": agent group '" + group + "' already gains contact type '" +
                    names.contact_types[o->contact_type] + "' by " + ItemPath(path, items[j]) +
                    "; a rule with 'when' must be the only one for its group and type");
      break;
    }
    rules.push_back(*o);
    items.push_back(i);
  }
  return rules;
}

std::optional<double> ReadPreferredAgentWait(const YamlNode& node, const std::string& path,
                                             ReadContext& ctx) {
  const MapReader m(node, path, ctx, kPreferredAgentKeys);
  double wait = 0;
  if (!m.Read("wait", &wait, ReadDuration, Presence::kRequired)) return std::nullopt;
  return wait;
}

// weights: {TYPE: W}: by contact type, 1 for the types not named.
std::optional<std::vector<double>> ReadWeights(const YamlNode& node, const std::string& path,
                                               const DeclaredNames& names, ReadContext& ctx) {
  const MapReader m = MapReader::OfNames(node, path, ctx, "a map of contact type names to weights");
  if (!m.is_map()) return std::nullopt;
  std::vector<double> weights(names.contact_types.size(), 1.0);
  for (const YamlEntry* entry : m.entries()) {
    const std::optional<int> type =
        ResolveName(entry->key, entry->key_where, path, names.contact_types, "contact type", ctx);
    if (!type) continue;
    if (auto w = ReadFactor(entry->value, m.PathOf(entry->key), ctx)) weights[*type] = *w;
  }
  return weights;
}

// Whether `group` serves `type`: by a skill, or an overflow rule adding it.
bool Serves(const AgentGroup& group, int g, int type, const std::vector<Overflow>& overflow) {
  for (const Skill& skill : group.skills) {
    if (skill.contact_type == type) return true;
  }
  for (const Overflow& o : overflow) {
    if (o.contact_type == type &&
        std::find(o.add_groups.begin(), o.add_groups.end(), g) != o.add_groups.end()) {
      return true;
    }
  }
  return false;
}

struct ReserveContext {
  const DeclaredNames& names;
  const std::vector<AgentGroup>& groups;
  const std::vector<Overflow>& overflow;
};

// {group: G, idle_at_least: K, for: [TYPE, ...]}: each type one the group serves.
std::optional<Reserve> ReadReserve(const YamlNode& node, const std::string& path,
                                   const ReserveContext& rc, ReadContext& ctx) {
  const MapReader m(node, path, ctx, kReserveKeys);
  Reserve r;
  bool ok = m.Read("group", &r.group, ReferenceTo(rc.names.agent_groups, "agent group"),
                   Presence::kRequired);
  ok = m.Read("idle_at_least", &r.idle_at_least, ReadAgents, Presence::kRequired) && ok;
  const YamlNode* types = m.Require("for");
  if (types == nullptr) return std::nullopt;
  const std::string for_path = m.PathOf("for");
  if (!types->IsSequence() || types->items.empty()) {
    ReportExpected(*types, for_path, "a non-empty list of contact type names", ctx);
    return std::nullopt;
  }
  for (size_t i = 0; i < types->items.size(); ++i) {
    const YamlNode& item = types->items[i];
    const std::string item_path = ItemPath(for_path, i);
    const std::optional<int> t =
        ReadReference(item, item_path, rc.names.contact_types, "contact type", ctx);
    if (!t) {
      ok = false;
    } else if (r.group >= 0 && r.group < static_cast<int>(rc.groups.size()) &&
               !Serves(rc.groups[r.group], r.group, *t, rc.overflow)) {
      ctx.Error(item.where, item_path + ": agent group '" + rc.names.agent_groups[r.group] +
                                "' does not serve contact type '" + item.scalar +
                                "' (no skill, no overflow rule)");
      ok = false;
    } else if (std::find(r.for_types.begin(), r.for_types.end(), *t) == r.for_types.end()) {
      r.for_types.push_back(*t);
    }
  }
  if (!ok) return std::nullopt;
  return r;
}

std::optional<std::vector<Reserve>> ReadReserves(const YamlNode& node, const std::string& path,
                                                 const ReserveContext& rc, ReadContext& ctx) {
  const auto read = [&rc](const YamlNode& n, const std::string& p, ReadContext& c) {
    return ReadReserve(n, p, rc, c);
  };
  std::optional<std::vector<Reserve>> rules = ReadList(
      node, path, ctx, read, "reservations like {group: tech_team, idle_at_least: 2, for: [tech]}");
  if (!rules) return std::nullopt;
  std::vector<Reserve> out;
  for (const Reserve& r : *rules) {
    const auto same = [&r](const Reserve& o) { return o.group == r.group; };
    if (std::find_if(out.begin(), out.end(), same) == out.end()) {
      out.push_back(r);
      continue;
    }
    const YamlNode* at = nullptr;  // the second rule naming the group
    int seen = 0;
    for (const YamlNode& item : node.items) {
      const YamlNode* g = item.IsMap() ? item.Find("group") : nullptr;
      if (g != nullptr && g->scalar == rc.names.agent_groups[r.group] && ++seen == 2) at = g;
    }
    ctx.Error(at != nullptr ? at->where : node.where,
              path + ": agent group '" + rc.names.agent_groups[r.group] +
                  "' has two reservations; give one rule per group");
  }
  return out;
}

}  // namespace

Routing ReadRouting(const YamlNode& node, const DeclaredNames& names,
                    const std::vector<AgentGroup>& groups, ReadContext& ctx) {
  Routing routing;
  const MapReader m(node, "routing", ctx, kRoutingKeys);
  m.Read("agent_selection", &routing.agent_selection, ChoiceOf(kAgentSelections));
  m.Read("contact_selection", &routing.contact_selection, ChoiceOf(kContactSelections));
  m.Read("levels", &routing.levels, ChoiceOf(kLevels));
  m.Read("weights", &routing.weights, WithNames(ReadWeights, names));
  m.Read("overflow", &routing.overflow, WithNames(ReadOverflows, names));
  const ReserveContext rc{names, groups, routing.overflow};
  m.Read("reserve", &routing.reserve,
         [&rc](const YamlNode& n, const std::string& p, ReadContext& c) {
           return ReadReserves(n, p, rc, c);
         });
  m.Read("preferred_agent", &routing.preferred_agent_wait, ReadPreferredAgentWait);
  return routing;
}

}  // namespace ccsim::scenario::internal
