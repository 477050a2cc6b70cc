// A YAML document as a plain tree that keeps every map key in document order (duplicates
// included) and the 1-based location of every key and value.
//
// The loader reads this tree rather than parser nodes so that it can report repeated keys,
// point at values precisely, and splice in --set overrides that carry their own locations.
// Only yaml_tree.cc includes the YAML parser (libyaml); limits.h bounds the text's size, its
// nesting and its size once aliases are expanded.
//
// Example:
//   Diagnostics errors;
//   std::optional<YamlNode> doc = ParseYaml("horizon: 8h\n", "a.yaml", &errors);
//   doc->Find("horizon")->scalar  // "8h", at doc->Find("horizon")->where = a.yaml:1:10
#ifndef CCSIM_SCENARIO_YAML_TREE_H_
#define CCSIM_SCENARIO_YAML_TREE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/diagnostic.h"
#include "sim/scenario/scenario.h"

namespace ccsim::scenario::internal {

struct YamlEntry;

struct YamlNode {
  enum class Kind { kNull, kScalar, kSequence, kMap };

  Kind kind = Kind::kNull;
  std::string scalar;              // kScalar: the text, unquoted
  std::vector<YamlNode> items;     // kSequence
  std::vector<YamlEntry> entries;  // kMap: in document order, repeated keys kept
  SourceLocation where;

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  bool IsMap() const { return kind == Kind::kMap; }

  // The value of the first entry named `key`, or nullptr (also when this is not a map).
  const YamlNode* Find(std::string_view key) const;
  YamlEntry* FindEntry(std::string_view key);
};

struct YamlEntry {
  std::string key;
  SourceLocation key_where;
  YamlNode value;
  // Created as a step of a --set path that named a missing key ("a.NEW.c=1"), not given.
  bool implied_by_override = false;
};

// Parses `text`, which must hold at most one document. Locations name `file`; `column_offset`
// is added to the columns of the text's first line (for text cut out of a longer line, like a
// --set value). On a syntax error or a second document, appends a diagnostic at the parser's
// location and returns nullopt: text is refused before it can hang or exhaust the machine.
// An empty text is a kNull node at line 1, column 1 + column_offset.
std::optional<YamlNode> ParseYaml(std::string_view text, const std::string& file,
                                  Diagnostics* errors, int column_offset = 0);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_YAML_TREE_H_
