#include "sim/scenario/yaml_tree.h"

#include <yaml-cpp/yaml.h>

#include <exception>
#include <string>
#include <vector>

namespace ccsim::scenario::internal {
namespace {

// Aliases can make a document refer to itself or blow up exponentially; these bound the copy.
constexpr int kMaxDepth = 64;
constexpr long kMaxNodes = 1'000'000;

class TreeBuilder {
 public:
  TreeBuilder(const std::string& file, int column_offset, Diagnostics* errors)
      : file_(file), column_offset_(column_offset), errors_(errors) {}

  // Converts `node`; returns false (with one diagnostic) when the document is too deep or big.
  bool Build(const YAML::Node& node, int depth, YamlNode* out) {
    if (depth > kMaxDepth || ++nodes_ > kMaxNodes) {
      errors_->push_back({Where(node.Mark()),
                          "the document nests too deeply or is too large (a recursive alias?)"});
      return false;
    }
    out->where = Where(node.Mark());
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        out->kind = YamlNode::Kind::kScalar;
        out->scalar = node.Scalar();
        return true;
      case YAML::NodeType::Sequence:
        out->kind = YamlNode::Kind::kSequence;
        for (const YAML::Node& item : node) {
          if (!Build(item, depth + 1, &out->items.emplace_back())) return false;
        }
        return true;
      case YAML::NodeType::Map:
        out->kind = YamlNode::Kind::kMap;
        return BuildEntries(node, depth, out);
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        out->kind = YamlNode::Kind::kNull;
        return true;
    }
    return true;
  }

  SourceLocation Where(const YAML::Mark& mark) const {
    if (mark.is_null()) return {file_, 1, 1 + column_offset_};
    const int column = mark.column + 1 + (mark.line == 0 ? column_offset_ : 0);
    return {file_, mark.line + 1, column};
  }

 private:
  bool BuildEntries(const YAML::Node& node, int depth, YamlNode* out) {
    for (const auto& key_value : node) {  // a value, not a reference into the node
      const YAML::Node& key = key_value.first;
      if (!key.IsScalar()) {
        errors_->push_back({Where(key.Mark()), "expected a plain key name"});
        continue;
      }
      YamlEntry& entry = out->entries.emplace_back();
      entry.key = key.Scalar();
      entry.key_where = Where(key.Mark());
      if (!Build(key_value.second, depth + 1, &entry.value)) return false;
      // yaml-cpp places an empty value at the start of the next line; the key is clearer.
      if (entry.value.IsNull() && entry.value.where.line != entry.key_where.line) {
        entry.value.where = entry.key_where;
      }
    }
    return true;
  }

  const std::string& file_;
  const int column_offset_;
  Diagnostics* errors_;
  long nodes_ = 0;
};

}  // namespace

const YamlNode* YamlNode::Find(std::string_view key) const {
  for (const YamlEntry& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

YamlEntry* YamlNode::FindEntry(std::string_view key) {
  for (YamlEntry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

std::optional<YamlNode> ParseYaml(std::string_view text, const std::string& file,
                                  Diagnostics* errors, int column_offset) {
  TreeBuilder builder(file, column_offset, errors);
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
    if (documents.size() > 1) {
      errors->push_back({builder.Where(documents[1].Mark()),
                         "expected one YAML document; a second one starts here"});
      return std::nullopt;
    }
    YamlNode tree;
    if (documents.empty()) {
      tree.where = builder.Where(YAML::Mark::null_mark());
      return tree;
    }
    if (!builder.Build(documents.front(), 0, &tree)) return std::nullopt;
    return tree;
  } catch (const YAML::Exception& e) {
    errors->push_back({builder.Where(e.mark), "invalid YAML: " + e.msg});
  } catch (const std::exception& e) {
    Diagnostic& failure = errors->emplace_back();
    failure.where.file = file;
    failure.message = std::string("cannot parse YAML: ") + e.what();
  }
  return std::nullopt;
}

}  // namespace ccsim::scenario::internal
