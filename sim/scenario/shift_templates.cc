#include "sim/scenario/shift_templates.h"

#include <cmath>
#include <optional>

#include "sim/scenario/calendar.h"
#include "sim/scenario/limits.h"
#include "sim/scenario/text_file.h"
#include "sim/scenario/value_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario {
namespace {

using internal::ItemPath;
using internal::MapReader;
using internal::Presence;
using internal::ReadContext;
using internal::ReportExpected;
using internal::YamlEntry;
using internal::YamlNode;

constexpr std::string_view kTopKeys[] = {"templates"};
constexpr std::string_view kTemplateKeys[] = {"start", "length", "breaks", "days", "cost",
                                              "groups"};
constexpr std::string_view kRangeKeys[] = {"from", "to", "step"};
constexpr std::string_view kBreakKeys[] = {"length", "window", "step"};

// "08:30" as seconds after midnight, 00:00 to 23:59.
std::optional<double> ReadClockTime(const YamlNode& node, const std::string& path,
                                    ReadContext& ctx) {
  if (node.IsScalar()) {
    const std::optional<int64_t> t = ParseClockTime(node.scalar);
    if (t && *t < kSecondsPerDay) return static_cast<double>(*t);
  }
  ReportExpected(node, path, "a clock time like 08:30", ctx);
  return std::nullopt;
}

// {from, to, step}: every step from `from` to `to`, both included.
std::optional<std::vector<double>> ReadStartRange(const YamlNode& node, const std::string& path,
                                                  ReadContext& ctx) {
  const MapReader m(node, path, ctx, kRangeKeys);
  double from = 0, to = 0, step = 0;
  bool ok = m.Read("from", &from, ReadClockTime, Presence::kRequired);
  ok = m.Read("to", &to, ReadClockTime, Presence::kRequired) && ok;
  ok = m.Read("step", &step, internal::ReadPositiveDuration, Presence::kRequired) && ok;
  if (!ok) return std::nullopt;
  if (to < from) {
    ctx.Error(m.Get("to")->where, m.PathOf("to") + ": the range ends before it begins (" +
                                      internal::Describe(*m.Get("from")) + ")");
    return std::nullopt;
  }
  if (std::floor((to - from) / step) + 1 > kMaxTemplateStarts) {
    ctx.Error(m.Get("step")->where, m.PathOf("step") + ": more than " +
                                        std::to_string(kMaxTemplateStarts) +
                                        " start times; use a longer step");
    return std::nullopt;
  }
  std::vector<double> starts;
  for (double t = from; t <= to; t += step) starts.push_back(t);
  return starts;
}

// A clock time, a list of them, or a range.
std::optional<std::vector<double>> ReadStarts(const YamlNode& node, const std::string& path,
                                              ReadContext& ctx) {
  if (node.IsMap()) return ReadStartRange(node, path, ctx);
  if (node.IsSequence()) {
    auto starts = internal::ReadList(node, path, ctx, ReadClockTime, "clock times like 08:00",
                                     internal::ListSize::kNonEmpty);
    if (starts && static_cast<int>(starts->size()) > kMaxTemplateStarts) {
      ctx.Error(node.where, path + ": more than " + std::to_string(kMaxTemplateStarts) +
                                " start times");
      return std::nullopt;
    }
    if (!starts || starts->size() != node.items.size()) return std::nullopt;
    return starts;
  }
  if (node.IsScalar() && ParseClockTime(node.scalar)) {
    if (auto t = ReadClockTime(node, path, ctx)) return std::vector<double>{*t};
    return std::nullopt;
  }
  ReportExpected(node, path,
                 "a clock time like 08:00, a list of them, or a range like {from: \"07:00\", "
                 "to: \"10:00\", step: 30m}",
                 ctx);
  return std::nullopt;
}

// "mon", "mon-fri" (a range may wrap: "sat-mon"), or a list of those, as a mask.
std::optional<uint8_t> ReadDays(const YamlNode& node, const std::string& path,
                                ReadContext& ctx) {
  const std::vector<YamlNode> one = {node};
  const std::vector<YamlNode>& items = node.IsSequence() ? node.items : one;
  uint8_t mask = 0;
  bool ok = !items.empty();
  for (size_t i = 0; i < items.size(); ++i) {
    const YamlNode& item = items[i];
    const std::string item_path = node.IsSequence() ? ItemPath(path, i) : path;
    std::optional<int> first, last;
    if (item.IsScalar()) {
      const size_t dash = item.scalar.find('-');
      first = ParseDayName(item.scalar.substr(0, dash));
      last = dash == std::string::npos ? first : ParseDayName(item.scalar.substr(dash + 1));
    }
    if (!first || !last) {
      ReportExpected(item, item_path, "days like mon-fri, sat or [sat, sun]", ctx);
      ok = false;
      continue;
    }
    for (int d = *first;; d = (d + 1) % 7) {
      mask |= static_cast<uint8_t>(1u << d);
      if (d == *last) break;
    }
  }
  if (items.empty()) ReportExpected(node, path, "days like mon-fri, sat or [sat, sun]", ctx);
  if (!ok) return std::nullopt;
  return mask;
}

std::optional<BreakWindow> ReadBreakWindow(const YamlNode& node, const std::string& path,
                                           ReadContext& ctx) {
  const MapReader m(node, path, ctx, kBreakKeys);
  BreakWindow b;
  bool ok = m.Read("length", &b.length, internal::ReadPositiveDuration, Presence::kRequired);
  m.Read("step", &b.step, internal::ReadPositiveDuration);
  if (const YamlNode* window = m.Require("window")) {
    if (!window->IsSequence() || window->items.size() != 2) {
      ReportExpected(*window, m.PathOf("window"),
                     "the earliest and latest start of the break, like [\"11:30\", \"13:30\"]",
                     ctx);
      return std::nullopt;
    }
    const std::optional<double> earliest =
        ReadClockTime(window->items[0], ItemPath(m.PathOf("window"), 0), ctx);
    const std::optional<double> latest =
        ReadClockTime(window->items[1], ItemPath(m.PathOf("window"), 1), ctx);
    if (!earliest || !latest) return std::nullopt;
    b.earliest = *earliest;
    b.latest = *latest;
  } else {
    ok = false;
  }
  if (!ok) return std::nullopt;
  return b;
}

// The groups that may work a template, with where each was named.
void ReadGroups(const MapReader& m, const Scenario& s, ShiftTemplate* t, ReadContext& ctx) {
  const YamlNode* node = m.Get("groups");
  if (node == nullptr) return;
  std::vector<std::string> names;
  for (const AgentGroup& g : s.agent_groups) names.push_back(g.name);
  const YamlNode* const items = node->IsSequence() ? node : nullptr;
  if (items == nullptr || items->items.empty()) {
    ReportExpected(*node, m.PathOf("groups"), "a non-empty list of agent group names", ctx);
    return;
  }
  for (size_t i = 0; i < items->items.size(); ++i) {
    const YamlNode& item = items->items[i];
    if (auto g = internal::ReadReference(item, ItemPath(m.PathOf("groups"), i), names,
                                         "agent group", ctx)) {
      t->groups.push_back(*g);
      t->group_where.push_back(item.where);
    }
  }
}

ShiftTemplate ReadTemplate(const YamlEntry& entry, const Scenario& s, ReadContext& ctx) {
  ShiftTemplate t;
  t.name = entry.key;
  t.where = entry.key_where;
  const std::string path = internal::JoinPath("templates", entry.key);
  const MapReader m(entry.value, path, ctx, kTemplateKeys);
  m.Read("start", &t.starts, ReadStarts, Presence::kRequired);
  if (m.Read("length", &t.length, internal::ReadPositiveDuration, Presence::kRequired) &&
      t.length > kSecondsPerDay) {
    ctx.Error(m.Get("length")->where, m.PathOf("length") + ": a shift lasts at most 24h; got " +
                                          internal::Describe(*m.Get("length")));
  }
  m.Read("breaks", &t.breaks,
         internal::ListOf(ReadBreakWindow,
                          "breaks like {length: 30m, window: [\"11:30\", \"13:30\"]}"));
  for (size_t i = 0; t.length > 0 && i < t.breaks.size(); ++i) {
    if (t.breaks[i].length >= t.length) {
      const std::string at = ItemPath(m.PathOf("breaks"), i) + ".length";
      ctx.Error(ctx.locations.Value(at), at + ": a break must be shorter than its shift (" +
                                             internal::Describe(*m.Get("length")) + ")");
    }
  }
  if (m.Read("days", &t.days, ReadDays) && !s.start) {
    ctx.Error(m.Get("days")->where,
              m.PathOf("days") + ": days of the week need the scenario's 'start'; without it "
                                 "every template is worked every day");
  }
  m.Read("cost", &t.cost_per_hour, internal::ReadNonNegativeNumber, Presence::kRequired);
  ReadGroups(m, s, &t, ctx);
  return t;
}

}  // namespace

TemplatesResult LoadShiftTemplatesText(std::string_view text, const std::string& file,
                                       const Scenario& s) {
  TemplatesResult result;
  ReadContext ctx{.errors = &result.errors};
  const std::optional<YamlNode> root = internal::ParseYaml(text, file, &result.errors);
  if (!root) return result;
  const MapReader top(*root, "", ctx, kTopKeys, "a map with 'templates:'");
  const YamlNode* templates = top.Require("templates");
  if (templates == nullptr) return result;
  const MapReader by_name = MapReader::OfNames(*templates, "templates", ctx,
                                               "a map of shift templates by name");
  if (by_name.is_map() && by_name.entries().empty()) {
    ctx.Error(templates->where, "templates: expected at least one shift template");
  }
  if (static_cast<int>(by_name.entries().size()) > kMaxShiftTemplates) {
    ctx.Error(templates->where, "templates: more than " + std::to_string(kMaxShiftTemplates) +
                                    " shift templates");
    return result;
  }
  for (const YamlEntry* entry : by_name.entries()) {
    if (internal::HasControlCharacter(entry->key)) {
      ctx.Error(entry->key_where, internal::JoinPath("templates", entry->key) + ": expected " +
                                      internal::kNoControlCharacters);
      continue;
    }
    result.templates.push_back(ReadTemplate(*entry, s, ctx));
  }
  return result;
}

TemplatesResult LoadShiftTemplatesFile(const std::string& path, const Scenario& s) {
  std::string reason;
  const std::optional<std::string> text =
      internal::ReadTextFile(path, kMaxScenarioBytes, &reason);
  if (!text) {
    TemplatesResult result;
    Diagnostic& d = result.errors.emplace_back();
    d.where.file = path;
    d.message = "cannot read templates file: " + reason;
    return result;
  }
  return LoadShiftTemplatesText(*text, path, s);
}

}  // namespace ccsim::scenario
