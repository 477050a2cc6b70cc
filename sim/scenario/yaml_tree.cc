#include "sim/scenario/yaml_tree.h"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "sim/scenario/limits.h"
#include "sim/scenario/text_file.h"
#include "sim/scenario/yaml_check.h"

namespace ccsim::scenario::internal {
namespace {

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or values above
// U+10FFFF). libyaml checks the file; this checks scalars after escapes like "\xff" or
// "\ud800" are decoded, so that every name reaches --json and HDF5 as valid text.
bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = text[i];
    int extra = 0;
    uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;  // cut short
    for (int k = 1; k <= extra; ++k) {
      const unsigned char next = text[i + k];
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    constexpr uint32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

class TreeBuilder {
 public:
  TreeBuilder(const std::string& file, int column_offset, Diagnostics* errors)
      : file_(file), column_offset_(column_offset), errors_(errors) {}

  // Converts `node`; returns false (with one diagnostic) when the document is too deep or big.
  bool Build(const YAML::Node& node, int depth, YamlNode* out) {
    if (depth > kMaxYamlDepth || ++nodes_ > kMaxYamlNodes) {
      errors_->push_back({Where(node.Mark()),
                          "the document nests too deeply or is too large (a recursive alias?)"});
      return false;
    }
    out->where = Where(node.Mark());
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        out->kind = YamlNode::Kind::kScalar;
        out->scalar = node.Scalar();
        if (!IsValidUtf8(out->scalar)) {
          errors_->push_back({out->where, "expected text in UTF-8; the value holds invalid UTF-8"});
          out->scalar.clear();
        }
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
      if (!IsValidUtf8(key.Scalar())) {
        errors_->push_back({Where(key.Mark()), "expected a key in UTF-8; it holds invalid UTF-8"});
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
  if (static_cast<int64_t>(text.size()) > kMaxScenarioBytes) {
    errors->push_back({builder.Where(YAML::Mark::null_mark()),
                       "the YAML text is larger than the limit of " +
                           FormatBytes(kMaxScenarioBytes)});
    return std::nullopt;
  }
  // yaml-cpp only parses what libyaml accepts (yaml_check.h says why).
  if (!CheckYamlText(text, file, column_offset, errors)) return std::nullopt;
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
