#include "sim/scenario/overrides.h"

#include <charconv>
#include <string>
#include <utility>
#include <vector>

namespace ccsim::scenario::internal {
namespace {

struct PathKey {
  std::string_view key;
  int column;  // 1-based, in the override text
};

SourceLocation At(int column) { return {kOverrideFile, 1, column}; }

void Report(std::string_view text, int column, const std::string& problem, Diagnostics* errors) {
  errors->push_back({At(column), "malformed override '" + std::string(text) + "': " + problem});
}

// Splits "a.b.c" into its keys; reports an empty key.
bool SplitPath(std::string_view text, std::string_view path, std::vector<PathKey>* keys,
               Diagnostics* errors) {
  size_t start = 0;
  while (true) {
    const size_t dot = std::min(path.find('.', start), path.size());
    const int column = static_cast<int>(start) + 1;
    if (dot == start) {
      Report(text, column, "empty key in KEY.PATH", errors);
      return false;
    }
    keys->push_back({path.substr(start, dot - start), column});
    if (dot == path.size()) return true;
    start = dot + 1;
  }
}

std::optional<size_t> ListIndex(std::string_view key, size_t size) {
  size_t index = 0;
  const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), index);
  if (ec != std::errc() || end != key.data() + key.size() || index >= size) return std::nullopt;
  return index;
}

// The node that holds `key` inside `container`, created as an empty map when missing (or
// `value` itself when `key` is the last of the path). nullptr when `container` cannot hold it.
YamlNode* Descend(YamlNode* container, const PathKey& key, bool last) {
  if (container->IsNull()) {
    container->kind = YamlNode::Kind::kMap;
  }
  if (container->IsSequence()) {
    const std::optional<size_t> index = ListIndex(key.key, container->items.size());
    return index ? &container->items[*index] : nullptr;
  }
  if (!container->IsMap()) return nullptr;
  if (YamlEntry* entry = container->FindEntry(key.key)) return &entry->value;
  YamlEntry& added = container->entries.emplace_back();
  added.key = std::string(key.key);
  added.key_where = At(key.column);
  added.value.kind = last ? YamlNode::Kind::kNull : YamlNode::Kind::kMap;
  added.value.where = At(key.column);
  added.implied_by_override = !last;
  return &added.value;
}

std::string NotAContainer(const std::string& walked, const YamlNode& node) {
  if (node.IsSequence()) {
    return walked + " is a list of " + std::to_string(node.items.size()) +
           " items; expected an item number from 0";
  }
  return walked + " is a single value, not a map";
}

}  // namespace

bool ApplyOverride(std::string_view text, YamlNode* root, Diagnostics* errors) {
  const size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    Report(text, 1, "expected KEY.PATH=VALUE", errors);
    return false;
  }
  std::vector<PathKey> keys;
  if (!SplitPath(text, text.substr(0, equals), &keys, errors)) return false;
  std::optional<YamlNode> value =
      ParseYaml(text.substr(equals + 1), kOverrideFile, errors, static_cast<int>(equals) + 1);
  if (!value) return false;

  YamlNode* node = root;
  std::string walked;
  for (size_t i = 0; i < keys.size(); ++i) {
    const bool last = i + 1 == keys.size();
    YamlNode* next = Descend(node, keys[i], last);
    if (next == nullptr) {
      Report(text, keys[i].column, NotAContainer(walked, *node), errors);
      return false;
    }
    node = next;
    if (!walked.empty()) walked += '.';
    walked += keys[i].key;
  }
  *node = *std::move(value);
  return true;
}

}  // namespace ccsim::scenario::internal
