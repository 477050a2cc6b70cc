#include "sim/scenario/value_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "sim/scenario/calendar.h"
#include "sim/scenario/limits.h"
#include "sim/scenario/text_file.h"
#include "sim/scenario/units.h"

namespace ccsim::scenario::internal {
namespace {

constexpr char kDurationLike[] = "a duration like 45s, 2.5m or 1h";
constexpr char kRateLike[] = "a rate like 360/h, 6/m or 0.5/s";

// The whole of `text` as a T (an integer or floating type), or nullopt.
template <typename T>
std::optional<T> ParseWhole(std::string_view text) {
  T value{};
  const char* end = text.data() + text.size();
  const auto [rest, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || rest != end || text.empty()) return std::nullopt;
  return value;
}

// Reads a scalar with `parse`, then checks it with `ok`; `expected` and `bound` phrase the
// two ways to fail ("a duration like 45s", "a positive duration").
template <typename Parse, typename Check>
auto ReadScalar(const YamlNode& node, const std::string& path, ReadContext& ctx, Parse parse,
                std::string_view expected, Check ok, std::string_view bound)
    -> decltype(parse(std::string_view())) {
  decltype(parse(std::string_view())) value;
  if (node.IsScalar()) value = parse(node.scalar);
  if (!value) {
    ReportExpected(node, path, expected, ctx);
    return std::nullopt;
  }
  if (!ok(*value)) {
    ReportExpected(node, path, bound, ctx);
    return std::nullopt;
  }
  return value;
}

std::optional<int> NarrowToInt(std::optional<int64_t> v) {
  if (!v || *v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max()) {
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

// `value` when it is at most `limit`; else reports "<path>: expected <what> of at most
// <limit_text>; got <value>" and returns nullopt.
template <typename T>
std::optional<T> AtMost(std::optional<T> value, T limit, std::string_view limit_text,
                        std::string_view what, const YamlNode& node, const std::string& path,
                        ReadContext& ctx) {
  if (value && *value > limit) {
    ReportExpected(node, path, std::string(what) + " of at most " + std::string(limit_text), ctx);
    return std::nullopt;
  }
  return value;
}

std::optional<double> DurationAtMostLimit(std::optional<double> value, const YamlNode& node,
                                          const std::string& path, ReadContext& ctx) {
  return AtMost(value, kMaxDurationSeconds, kMaxDurationText, "a duration", node, path, ctx);
}

std::optional<double> ParseNumber(std::string_view text) {
  std::optional<double> v = ParseWhole<double>(text);
  if (v && !std::isfinite(*v)) return std::nullopt;
  return v;
}

}  // namespace

void LocationTable::Add(const std::string& path, const SourceLocation& key,
                        const SourceLocation& value) {
  table_[path] = {key, value};
}

SourceLocation LocationTable::Key(const std::string& path) const {
  const auto it = table_.find(path);
  return it == table_.end() ? SourceLocation{} : it->second.first;
}

SourceLocation LocationTable::Value(const std::string& path) const {
  const auto it = table_.find(path);
  return it == table_.end() ? SourceLocation{} : it->second.second;
}

std::string JoinPath(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return std::string(parent) + "." + std::string(key);
}

std::string ItemPath(std::string_view list_path, size_t index) {
  return std::string(list_path) + "[" + std::to_string(index) + "]";
}

std::string Describe(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::kScalar: {
      // Quote enough to recognise the value, not a whole pasted document.
      constexpr size_t kMaxShown = 60;
      if (node.scalar.size() <= kMaxShown) return "'" + node.scalar + "'";
      size_t cut = kMaxShown;
      while (cut > 0 && (static_cast<unsigned char>(node.scalar[cut]) & 0xC0) == 0x80) --cut;
      std::string shown = "'";            // built by appending: GCC 12 misreads "..." + temporary
      shown.append(node.scalar, 0, cut);  // whole UTF-8 characters only
      return shown + "...'";
    }
    case YamlNode::Kind::kSequence:
      return node.items.empty() ? "an empty list" : "a list";
    case YamlNode::Kind::kMap:
      return "a map";
    case YamlNode::Kind::kNull:
      return "nothing";
  }
  return "?";
}

std::string FormatNumber(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string FormatCount(double value) {
  if (!(value < 1e15)) return FormatNumber(value);
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", value);
  return text;
}

std::string PlaceOf(std::string_view map_path) {
  if (map_path.empty()) return "at the top level";
  return "in " + std::string(map_path);
}

void ReportExpected(const YamlNode& node, const std::string& path, std::string_view expected,
                    ReadContext& ctx) {
  ctx.Error(node.where, path + ": expected " + std::string(expected) + "; got " + Describe(node));
}

bool HasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

std::optional<std::string> ReadName(const YamlNode& node, const std::string& path,
                                    ReadContext& ctx) {
  if (!node.IsScalar() || node.scalar.empty()) {
    ReportExpected(node, path, "a name", ctx);
    return std::nullopt;
  }
  if (HasControlCharacter(node.scalar)) {
    ReportExpected(node, path, kNoControlCharacters, ctx);
    return std::nullopt;
  }
  return node.scalar;
}

std::optional<double> ReadDuration(const YamlNode& node, const std::string& path,
                                   ReadContext& ctx) {
  return DurationAtMostLimit(ReadScalar(
                                 node, path, ctx, ParseDuration, kDurationLike,
                                 [](double v) { return v >= 0; }, "a non-negative duration"),
                             node, path, ctx);
}

std::optional<double> ReadPositiveDuration(const YamlNode& node, const std::string& path,
                                           ReadContext& ctx) {
  return DurationAtMostLimit(ReadScalar(
                                 node, path, ctx, ParseDuration, kDurationLike,
                                 [](double v) { return v > 0; }, "a positive duration"),
                             node, path, ctx);
}

std::optional<double> ReadRate(const YamlNode& node, const std::string& path, ReadContext& ctx) {
  return AtMost(ReadScalar(
                    node, path, ctx, ParseRate, kRateLike, [](double v) { return v >= 0; },
                    "a non-negative rate"),
                kMaxRatePerSecond, kMaxRateText, "a rate", node, path, ctx);
}

std::optional<double> ReadFactor(const YamlNode& node, const std::string& path, ReadContext& ctx) {
  return AtMost(ReadPositiveNumber(node, path, ctx), kMaxFactor, FormatNumber(kMaxFactor),
                "a number", node, path, ctx);
}

std::optional<double> ReadCoefficientOfVariation(const YamlNode& node, const std::string& path,
                                                 ReadContext& ctx) {
  return AtMost(ReadNonNegativeNumber(node, path, ctx), kMaxFactor, FormatNumber(kMaxFactor),
                "a number", node, path, ctx);
}

std::optional<int> ReadAgents(const YamlNode& node, const std::string& path, ReadContext& ctx) {
  return AtMost(ReadCount(node, path, ctx), kMaxAgents, std::to_string(kMaxAgents), "a number",
                node, path, ctx);
}

std::optional<int> ReadPositiveAgents(const YamlNode& node, const std::string& path,
                                      ReadContext& ctx) {
  return AtMost(ReadPositiveInt(node, path, ctx), kMaxAgents, std::to_string(kMaxAgents),
                "a number", node, path, ctx);
}

std::optional<int> ReadReplications(const YamlNode& node, const std::string& path,
                                    ReadContext& ctx) {
  return AtMost(ReadPositiveInt(node, path, ctx), kMaxReplications,
                std::to_string(kMaxReplications), "a number", node, path, ctx);
}

std::optional<double> ReadProbability(const YamlNode& node, const std::string& path,
                                      ReadContext& ctx) {
  constexpr char kProbability[] = "a probability between 0 and 1";
  return ReadScalar(
      node, path, ctx, ParseNumber, kProbability, [](double v) { return v >= 0 && v <= 1; },
      kProbability);
}

std::optional<double> ReadPositiveNumber(const YamlNode& node, const std::string& path,
                                         ReadContext& ctx) {
  constexpr char kPositive[] = "a positive number";
  return ReadScalar(
      node, path, ctx, ParseNumber, kPositive, [](double v) { return v > 0; }, kPositive);
}

std::optional<double> ReadNonNegativeNumber(const YamlNode& node, const std::string& path,
                                            ReadContext& ctx) {
  constexpr char kNonNegative[] = "a non-negative number";
  return ReadScalar(
      node, path, ctx, ParseNumber, kNonNegative, [](double v) { return v >= 0; }, kNonNegative);
}

std::optional<int> ReadInt(const YamlNode& node, const std::string& path, ReadContext& ctx) {
  constexpr char kInteger[] = "an integer";
  return ReadScalar(
      node, path, ctx, [](std::string_view t) { return NarrowToInt(ParseWhole<int64_t>(t)); },
      kInteger, [](int) { return true; }, kInteger);
}

std::optional<int> ReadCount(const YamlNode& node, const std::string& path, ReadContext& ctx) {
  constexpr char kCount[] = "a non-negative integer";
  return ReadScalar(
      node, path, ctx, [](std::string_view t) { return NarrowToInt(ParseWhole<int64_t>(t)); },
      kCount, [](int v) { return v >= 0; }, kCount);
}

std::optional<int> ReadPositiveInt(const YamlNode& node, const std::string& path,
                                   ReadContext& ctx) {
  constexpr char kPositive[] = "a positive integer";
  return ReadScalar(
      node, path, ctx, [](std::string_view t) { return NarrowToInt(ParseWhole<int64_t>(t)); },
      kPositive, [](int v) { return v >= 1; }, kPositive);
}

std::optional<int64_t> ReadCount64(const YamlNode& node, const std::string& path,
                                   ReadContext& ctx) {
  constexpr char kCount[] = "a non-negative integer";
  return ReadScalar(
      node, path, ctx, ParseWhole<int64_t>, kCount, [](int64_t v) { return v >= 0; }, kCount);
}

std::optional<uint64_t> ReadSeed(const YamlNode& node, const std::string& path, ReadContext& ctx) {
  constexpr char kSeed[] = "a non-negative integer below 2^64";
  return ReadScalar(
      node, path, ctx, ParseWhole<uint64_t>, kSeed, [](uint64_t) { return true; }, kSeed);
}

std::optional<int64_t> ReadDateTime(const YamlNode& node, const std::string& path,
                                    ReadContext& ctx) {
  constexpr char kDateTime[] = "a date and time like 2026-03-02 08:00";
  return ReadScalar(
      node, path, ctx, ParseDateTime, kDateTime, [](int64_t) { return true; }, kDateTime);
}

std::optional<int> ResolveName(std::string_view name, const SourceLocation& where,
                               const std::string& path, std::span<const std::string> known,
                               std::string_view kind, ReadContext& ctx) {
  for (size_t i = 0; i < known.size(); ++i) {
    if (known[i] == name) return static_cast<int>(i);
  }
  std::string message = path + ": unknown " + std::string(kind) + " '" + std::string(name) + "'";
  if (auto close = ClosestMatch(name, known)) {
    message += "; did you mean '" + *close + "'? Known " + std::string(kind) + "s: ";
  } else {
    message += "; known " + std::string(kind) + "s: ";
  }
  message += known.empty() ? "none" : JoinNames(known);
  ctx.Error(where, std::move(message));
  return std::nullopt;
}

std::optional<int> ReadReference(const YamlNode& node, const std::string& path,
                                 std::span<const std::string> known, std::string_view kind,
                                 ReadContext& ctx) {
  if (!node.IsScalar()) {
    ReportExpected(node, path, "a name", ctx);
    return std::nullopt;
  }
  return ResolveName(node.scalar, node.where, path, known, kind, ctx);
}

std::optional<std::vector<double>> ReadDurationFile(const YamlNode& file_node,
                                                    const std::string& path, ReadContext& ctx,
                                                    std::vector<LineColumn>* where) {
  const std::optional<std::string> name = ReadName(file_node, path, ctx);
  if (!name) return std::nullopt;
  const std::string resolved = ResolvePath(ctx.base_dir, *name);
  std::string reason;
  const std::optional<std::string> text = ReadTextFile(resolved, kMaxDataFileBytes, &reason);
  if (!text) {
    ctx.Error(file_node.where, path + ": cannot read file '" + resolved + "': " + reason);
    return std::nullopt;
  }
  // A wrong file could have thousands of bad lines: report the first few and count the rest.
  constexpr int kMaxReported = 10;
  std::vector<double> values;
  int bad = 0;
  ForEachDataLine(*text, [&](const DataLine& line) {
    const std::optional<double> v = ParseDuration(line.text);
    if (v && *v >= 0 && *v <= kMaxDurationSeconds) {
      values.push_back(*v);
      if (where != nullptr) where->push_back({line.line, line.column});
      return;
    }
    if (++bad > kMaxReported) return;
    // The value as a one-scalar node, so that ReadDuration reports why it is wrong.
    YamlNode value;
    value.kind = YamlNode::Kind::kScalar;
    value.scalar = std::string(line.text);
    value.where = {resolved, line.line, line.column};
    ReadDuration(value, path, ctx);  // reports why
  });
  if (bad > kMaxReported) {
    ctx.Error({resolved, 0, 0}, path + ": " + std::to_string(bad - kMaxReported) +
                                    " more lines are not non-negative durations");
  }
  if (bad > 0) return std::nullopt;
  return values;
}

MapReader::MapReader(const YamlNode& node, std::string path, ReadContext& ctx,
                     std::span<const std::string_view> allowed_keys, std::string_view expected)
    : MapReader(node, std::move(path), ctx, &allowed_keys, expected) {}

MapReader MapReader::OfNames(const YamlNode& node, std::string path, ReadContext& ctx,
                             std::string_view expected) {
  return MapReader(node, std::move(path), ctx, nullptr, expected);
}

MapReader::MapReader(const YamlNode& node, std::string path, ReadContext& ctx,
                     const std::span<const std::string_view>* allowed_keys,
                     std::string_view expected)
    : node_(node), path_(std::move(path)), ctx_(ctx), is_map_(node.IsMap()) {
  if (!is_map_) {
    ReportExpected(node, path_.empty() ? "the scenario" : path_, expected, ctx_);
    return;
  }
  std::map<std::string_view, const YamlEntry*> seen;
  for (const YamlEntry& entry : node.entries) {
    if (auto [it, added] = seen.emplace(entry.key, &entry); !added) {
      std::string message = "key '" + entry.key + "' given twice " + PlaceOf(path_);
      if (it->second->key_where.file == entry.key_where.file) {
        message += " (first at line " + std::to_string(it->second->key_where.line) + ")";
      }
      ctx_.Error(entry.key_where, std::move(message));
      continue;
    }
    if (allowed_keys && !CheckKey(entry, *allowed_keys)) continue;
    entries_.push_back(&entry);
    ctx_.locations.Add(PathOf(entry.key), entry.key_where, entry.value.where);
  }
}

bool MapReader::CheckKey(const YamlEntry& entry, std::span<const std::string_view> allowed_keys) {
  for (std::string_view allowed : allowed_keys) {
    if (allowed == entry.key) return true;
  }
  std::string message = "unknown key '" + entry.key + "' " + PlaceOf(path_);
  if (auto close = ClosestMatch(entry.key, allowed_keys)) {
    message += "; did you mean '" + *close + "'?";
  } else {
    message += "; expected one of " + JoinNames(allowed_keys);
  }
  ctx_.Error(entry.key_where, std::move(message));
  return false;
}

const YamlNode* MapReader::Get(std::string_view key) const {
  for (const YamlEntry* entry : entries_) {
    if (entry->key == key) return &entry->value;
  }
  return nullptr;
}

SourceLocation MapReader::KeyWhere() const {
  const SourceLocation key = ctx_.locations.Key(path_);
  // A map given by --set is shown there, not at the key it replaced in the file.
  return key.line > 0 && key.file == node_.where.file ? key : node_.where;
}

const YamlNode* MapReader::Require(std::string_view key) const {
  const YamlNode* value = Get(key);
  if (value == nullptr && is_map_) {
    ctx_.Error(KeyWhere(), "missing required key '" + std::string(key) + "' " + PlaceOf(path_));
  }
  return value;
}

}  // namespace ccsim::scenario::internal
