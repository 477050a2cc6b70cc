// Typed reading of scenario values from the YAML tree (yaml_tree.h). Every mistake is
// reported as "<key path>: expected <what>; got <what was there>" at the value's location and
// reading goes on, so that one load reports every mistake.
//
// Example:
//   MapReader top(root, "", ctx, kTopLevelKeys);        // reports unknown and repeated keys
//   top.Read("horizon", &s.horizon, ReadPositiveDuration, Presence::kRequired);
//   top.Read("seed", &s.seed, ReadSeed);                // absent: s.seed keeps its default
#ifndef CCSIM_SCENARIO_VALUE_READER_H_
#define CCSIM_SCENARIO_VALUE_READER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/scenario/diagnostic.h"
#include "sim/scenario/suggest.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario::internal {

// Where every map key was found, by key path ("contact_types.billing.channel"), for the
// checks made after the whole scenario has been read.
class LocationTable {
 public:
  void Add(const std::string& path, const SourceLocation& key, const SourceLocation& value);
  // The location of the key at `path` / of its value; an empty location when never read.
  SourceLocation Key(const std::string& path) const;
  SourceLocation Value(const std::string& path) const;

 private:
  std::map<std::string, std::pair<SourceLocation, SourceLocation>, std::less<>> table_;
};

// The state shared by the readers of one load.
struct ReadContext {
  Diagnostics* errors = nullptr;
  LocationTable locations;
  std::string base_dir;  // relative `file:` paths are relative to this folder
  std::optional<int64_t> start;  // the scenario's `start` once read (data files' date-times)

  void Error(const SourceLocation& where, std::string message) {
    errors->push_back({where, std::move(message)});
  }
};

// "contact_types" + "billing" -> "contact_types.billing"; "" + "name" -> "name".
std::string JoinPath(std::string_view parent, std::string_view key);
// "outcomes" + 2 -> "outcomes[2]".
std::string ItemPath(std::string_view list_path, size_t index);
// How a value is quoted in messages: "'fast'", "a map", "a list", "nothing".
std::string Describe(const YamlNode& node);
// A number as shown in messages: "1.2", "0.35", "28800".
std::string FormatNumber(double value);
// A whole number as shown in messages, without an exponent below 1e15: "62899200000".
std::string FormatCount(double value);
// "at the top level" for "", else "in <path>".
std::string PlaceOf(std::string_view map_path);
// Reports "<path>: expected <expected>; got <Describe(node)>" at the node.
void ReportExpected(const YamlNode& node, const std::string& path, std::string_view expected,
                    ReadContext& ctx);

// Whether `text` holds a control character (below 0x20, or 0x7F): names appear in tables,
// CSV and result files, where a newline or a tab would forge rows.
bool HasControlCharacter(std::string_view text);
inline constexpr char kNoControlCharacters[] =
    "a name without control characters (newlines, tabs, ...)";

// Value readers. Each returns the value at `path`, or reports why not and returns nullopt.
// ReadName: non-empty text without control characters.
std::optional<std::string> ReadName(const YamlNode& node, const std::string& path,
                                    ReadContext& ctx);
// Durations are at most kMaxDurationSeconds, rates at most kMaxRatePerSecond (limits.h).
std::optional<double> ReadDuration(const YamlNode& node, const std::string& path,
                                   ReadContext& ctx);  // >= 0
std::optional<double> ReadPositiveDuration(const YamlNode& node, const std::string& path,
                                           ReadContext& ctx);
std::optional<double> ReadRate(const YamlNode& node, const std::string& path,
                               ReadContext& ctx);  // >= 0, per second
std::optional<double> ReadProbability(const YamlNode& node, const std::string& path,
                                      ReadContext& ctx);
std::optional<double> ReadNonNegativeNumber(const YamlNode& node, const std::string& path,
                                            ReadContext& ctx);
std::optional<double> ReadPositiveNumber(const YamlNode& node, const std::string& path,
                                         ReadContext& ctx);
std::optional<int> ReadInt(const YamlNode& node, const std::string& path, ReadContext& ctx);
std::optional<int> ReadCount(const YamlNode& node, const std::string& path,
                             ReadContext& ctx);  // >= 0
std::optional<int> ReadPositiveInt(const YamlNode& node, const std::string& path,
                                   ReadContext& ctx);  // >= 1
std::optional<int64_t> ReadCount64(const YamlNode& node, const std::string& path,
                                   ReadContext& ctx);  // >= 0
// (0, kMaxFactor]: a multiplier of handle times.
std::optional<double> ReadFactor(const YamlNode& node, const std::string& path, ReadContext& ctx);
// [0, kMaxFactor]: agent_variation.handle_time_cv.
std::optional<double> ReadCoefficientOfVariation(const YamlNode& node, const std::string& path,
                                                 ReadContext& ctx);
// [0, kMaxAgents] and [1, kMaxAgents]: agents in a group, shift or call-in.
std::optional<int> ReadAgents(const YamlNode& node, const std::string& path, ReadContext& ctx);
std::optional<int> ReadPositiveAgents(const YamlNode& node, const std::string& path,
                                      ReadContext& ctx);
// [1, kMaxReplications].
std::optional<int> ReadReplications(const YamlNode& node, const std::string& path,
                                    ReadContext& ctx);
std::optional<uint64_t> ReadSeed(const YamlNode& node, const std::string& path, ReadContext& ctx);
// "2026-03-02 08:00" (calendar.h ParseDateTime), as civil seconds.
std::optional<int64_t> ReadDateTime(const YamlNode& node, const std::string& path,
                                    ReadContext& ctx);

// One of `choices`, spelt as ToString(choice) (scenario.h), with a "did you mean".
template <typename E, size_t N>
std::optional<E> ReadChoice(const YamlNode& node, const std::string& path, ReadContext& ctx,
                            const E (&choices)[N]) {
  std::vector<std::string_view> names;
  for (E choice : choices) {
    if (node.IsScalar() && node.scalar == ToString(choice)) return choice;
    names.push_back(ToString(choice));
  }
  std::string message = path + ": expected one of " + JoinNames(names) + "; got " + Describe(node);
  if (node.IsScalar()) {
    if (auto close = ClosestMatch(node.scalar, names)) {
      message += "; did you mean '" + *close + "'?";
    }
  }
  ctx.Error(node.where, std::move(message));
  return std::nullopt;
}

// The index of `name` in `known`, or reports "<path>: unknown <kind> '<name>'" with a
// "did you mean" and the known names at `where`.
std::optional<int> ResolveName(std::string_view name, const SourceLocation& where,
                               const std::string& path, std::span<const std::string> known,
                               std::string_view kind, ReadContext& ctx);
// As ResolveName, for a name given as a value.
std::optional<int> ReadReference(const YamlNode& node, const std::string& path,
                                 std::span<const std::string> known, std::string_view kind,
                                 ReadContext& ctx);

// The durations (>= 0) of the one-value-a-line file named by `file_node` (relative to
// ctx.base_dir). An unreadable file is reported at `file_node`, a bad value at its line in
// the data file; nullopt when any of that happened. When `where` is given, it receives the
// line and column of each value in the data file (compact: a file may hold millions).
struct LineColumn {
  int line = 0;
  int column = 0;
};
std::optional<std::vector<double>> ReadDurationFile(const YamlNode& file_node,
                                                    const std::string& path, ReadContext& ctx,
                                                    std::vector<LineColumn>* where = nullptr);

enum class ListSize { kAny, kNonEmpty };

// A list read item by item with `read_item` (a value reader); items that fail are reported
// and left out. `what` names the items in messages ("rates like 360/h").
template <typename ReadItem>
auto ReadList(const YamlNode& node, const std::string& path, ReadContext& ctx, ReadItem read_item,
              std::string_view what, ListSize size = ListSize::kAny)
    -> std::optional<std::vector<typename std::invoke_result_t<
        ReadItem, const YamlNode&, const std::string&, ReadContext&>::value_type>> {
  const std::string expected =
      (size == ListSize::kNonEmpty ? "a non-empty list of " : "a list of ") + std::string(what);
  if (!node.IsSequence() || (size == ListSize::kNonEmpty && node.items.empty())) {
    ReportExpected(node, path, expected, ctx);
    return std::nullopt;
  }
  std::vector<typename std::invoke_result_t<ReadItem, const YamlNode&, const std::string&,
                                            ReadContext&>::value_type>
      values;
  for (size_t i = 0; i < node.items.size(); ++i) {
    if (auto value = read_item(node.items[i], ItemPath(path, i), ctx)) {
      values.push_back(*std::move(value));
    }
  }
  return values;
}

// Value readers made from the readers above, for MapReader::Read. `what` and `choices` must
// outlive the reader (string literals and constant arrays do).
template <typename ReadItem>
auto ListOf(ReadItem read_item, std::string_view what, ListSize size = ListSize::kAny) {
  return [read_item, what, size](const YamlNode& node, const std::string& path, ReadContext& ctx) {
    return ReadList(node, path, ctx, read_item, what, size);
  };
}
template <typename E, size_t N>
auto ChoiceOf(const E (&choices)[N]) {
  return [&choices](const YamlNode& node, const std::string& path, ReadContext& ctx) {
    return ReadChoice(node, path, ctx, choices);
  };
}
// REQUIRES: `known` outlives the returned reader.
inline auto ReferenceTo(std::span<const std::string> known, std::string_view kind) {
  return [known, kind](const YamlNode& node, const std::string& path, ReadContext& ctx) {
    return ReadReference(node, path, known, kind, ctx);
  };
}

enum class Presence { kOptional, kRequired };

// A map being read: checks its keys once (unknown keys with "did you mean", keys given twice)
// and records their locations in the context; then reads values by key. When the node is not
// a map, reports it once and then behaves as an empty map that reports nothing more.
class MapReader {
 public:
  // Only `allowed_keys` may appear. `expected` describes the map in the not-a-map message.
  MapReader(const YamlNode& node, std::string path, ReadContext& ctx,
            std::span<const std::string_view> allowed_keys, std::string_view expected = "a map");
  // A map whose keys are free names (contact types, agent groups, skills).
  static MapReader OfNames(const YamlNode& node, std::string path, ReadContext& ctx,
                           std::string_view expected);

  bool is_map() const { return is_map_; }
  const std::string& path() const { return path_; }
  const SourceLocation& where() const { return node_.where; }
  // Where the key of this map is ("billing:" for contact_types.billing), or where() when it
  // has none (the top level, a list item) or the map came from --set: what a missing key is
  // reported at.
  SourceLocation KeyWhere() const;
  // The first occurrence of each allowed key (of every key, for OfNames), in document order.
  const std::vector<const YamlEntry*>& entries() const { return entries_; }

  // The value at `key`, or nullptr when absent.
  const YamlNode* Get(std::string_view key) const;
  // As Get; reports "missing required key" at KeyWhere() when absent.
  const YamlNode* Require(std::string_view key) const;
  std::string PathOf(std::string_view key) const { return JoinPath(path_, key); }

  // Reads the value at `key` into *out with `read` (a value reader); returns whether it did.
  // Absent keys leave *out as it was, and are reported when `presence` is kRequired.
  template <typename T, typename ReadFn>
  bool Read(std::string_view key, T* out, ReadFn read,
            Presence presence = Presence::kOptional) const {
    const YamlNode* value = presence == Presence::kRequired ? Require(key) : Get(key);
    if (value == nullptr) return false;
    auto result = read(*value, PathOf(key), ctx_);
    if (!result) return false;
    *out = *std::move(result);
    return true;
  }

 private:
  // `allowed_keys` null: any key.
  MapReader(const YamlNode& node, std::string path, ReadContext& ctx,
            const std::span<const std::string_view>* allowed_keys, std::string_view expected);
  // Reports `entry` and returns false when its key is not allowed.
  bool CheckKey(const YamlEntry& entry, std::span<const std::string_view> allowed_keys);

  const YamlNode& node_;
  std::string path_;
  ReadContext& ctx_;
  bool is_map_ = false;
  std::vector<const YamlEntry*> entries_;
};

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_VALUE_READER_H_
