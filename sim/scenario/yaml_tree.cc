#include "sim/scenario/yaml_tree.h"

#include <yaml.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/limits.h"
#include "sim/scenario/text_file.h"

// The tree is built from libyaml's events. libyaml is fuzzed continuously upstream and
// parses without recursion; yaml-cpp 0.7, used before, loops for ever on text such as a
// lone "," (jbeder/yaml-cpp#1040) or a line starting with "," after a plain scalar, and
// recurses once per nesting level. Plain scalars resolve as yaml-cpp did: "", "~", "null",
// "Null" and "NULL" are null, everything else is text; tags are ignored.

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

// The 1-based line and column of byte `offset` of `text` (reader errors carry only an offset).
std::pair<int, int> LineColumnOf(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  const size_t line_start = before.rfind('\n');
  const size_t column = line_start == std::string_view::npos ? offset : offset - line_start - 1;
  return {line, static_cast<int>(column) + 1};
}

bool IsPlainNull(const yaml_event_t& scalar) {
  if (scalar.data.scalar.tag != nullptr || !scalar.data.scalar.plain_implicit) return false;
  const std::string_view v(reinterpret_cast<const char*>(scalar.data.scalar.value),
                           scalar.data.scalar.length);
  return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

long CountNodes(const YamlNode& node) {
  long n = 1;
  for (const YamlNode& item : node.items) n += CountNodes(item);
  for (const YamlEntry& entry : node.entries) n += CountNodes(entry.value);
  return n;
}

struct Event {
  yaml_event_t event{};
  bool set = false;
  ~Event() {
    if (set) yaml_event_delete(&event);
  }
};

struct ParserDeleter {
  void operator()(yaml_parser_t* p) const {
    yaml_parser_delete(p);
    delete p;
  }
};

// Builds the tree of one document from libyaml's events. Every method that returns bool
// returns false after appending one diagnostic; the load then stops.
class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, const std::string& file, int column_offset,
              Diagnostics* errors)
      : text_(text), file_(file), column_offset_(column_offset), errors_(errors) {}

  std::optional<YamlNode> Run() {
    parser_.reset(new yaml_parser_t);
    if (!yaml_parser_initialize(parser_.get())) {
      Report(Start(), "cannot start the YAML parser");
      return std::nullopt;
    }
    yaml_parser_set_input_string(
        parser_.get(), reinterpret_cast<const unsigned char*>(text_.data()), text_.size());
    yaml_parser_set_encoding(parser_.get(), YAML_UTF8_ENCODING);
    Event e;
    if (!Next(&e) || !Next(&e)) return std::nullopt;  // STREAM-START, then a document or the end
    YamlNode tree;
    tree.where = Start();
    if (e.event.type == YAML_STREAM_END_EVENT) return tree;
    if (!Next(&e) || !Build(e, 0, &tree) || !Next(&e)) return std::nullopt;  // DOCUMENT-END
    if (!Next(&e)) return std::nullopt;
    if (e.event.type == YAML_DOCUMENT_START_EVENT) {
      SourceLocation second = Where(e.event.end_mark);
      if (Next(&e)) second = Where(e.event.start_mark);  // its first node, as yaml-cpp said
      Report(second, "expected one YAML document; a second one starts here");
      return std::nullopt;
    }
    return tree;
  }

 private:
  SourceLocation Start() const { return {file_, 1, 1 + column_offset_}; }

  SourceLocation Where(const yaml_mark_t& mark) const {
    const int line = static_cast<int>(mark.line) + 1;
    const int column = static_cast<int>(mark.column) + 1 + (line == 1 ? column_offset_ : 0);
    return {file_, line, column};
  }

  void Report(const SourceLocation& where, std::string message) {
    errors_->push_back({where, std::move(message)});
  }

  // The next event into *e; false after reporting libyaml's error.
  bool Next(Event* e) {
    if (e->set) yaml_event_delete(&e->event);
    e->set = yaml_parser_parse(parser_.get(), &e->event) != 0;
    if (!e->set) ReportParserError();
    return e->set;
  }

  void ReportParserError() {
    const yaml_parser_t& p = *parser_;
    const std::string problem = p.problem != nullptr ? p.problem : "unknown error";
    if (p.error == YAML_READER_ERROR) {
      // Bad UTF-8 or a control character: libyaml gives the byte offset and the value. A bad
      // trailing byte is shown at the character it should have completed.
      size_t offset = p.problem_offset;
      if (problem.find("trailing") != std::string::npos) {
        for (size_t back = 1; back <= 3 && back <= offset; ++back) {
          if (static_cast<unsigned char>(text_[offset - back]) >= 0xC0) {
            offset -= back;
            break;
          }
        }
      }
      auto [line, column] = LineColumnOf(text_, offset);
      if (line == 1) column += column_offset_;
      std::string message = "invalid YAML: " + problem;
      if (p.problem_value >= 0) {
        char value[32];
        std::snprintf(value, sizeof value, " (0x%X)", static_cast<unsigned>(p.problem_value));
        message += value;
      }
      Report({file_, line, column}, message);
    } else if (p.error == YAML_MEMORY_ERROR) {
      Report(Start(), "the YAML parser ran out of memory");
    } else if (p.problem_mark.index >= text_.size() && p.context != nullptr) {
      // A construct left open at the end of the text is clearer at its start.
      Report(Where(p.context_mark),
             "invalid YAML: " + problem + " (" + p.context + " that starts here)");
    } else {
      Report(Where(p.problem_mark), "invalid YAML: " + problem);
    }
  }

  // Counts `n` more nodes; false after reporting when the document grows too large.
  bool Grow(long n, const SourceLocation& where) {
    nodes_ += n;
    if (nodes_ <= kMaxYamlNodes) return true;
    Report(where, "the document is too large (more than " + std::to_string(kMaxYamlNodes) +
                      " values once aliases are expanded)");
    return false;
  }

  // Converts the node that starts with event `e` (consuming the events up to its end).
  bool Build(const Event& e, int depth, YamlNode* out) {
    const yaml_event_t& ev = e.event;
    out->where = Where(ev.start_mark);
    if (!Grow(1, out->where)) return false;
    const yaml_char_t* anchor = nullptr;
    switch (ev.type) {
      case YAML_SCALAR_EVENT:
        anchor = ev.data.scalar.anchor;
        if (IsPlainNull(ev)) {
          out->kind = YamlNode::Kind::kNull;
        } else {
          out->kind = YamlNode::Kind::kScalar;
          out->scalar.assign(reinterpret_cast<const char*>(ev.data.scalar.value),
                             ev.data.scalar.length);
          if (!IsValidUtf8(out->scalar)) {
            Report(out->where, "expected text in UTF-8; the value holds invalid UTF-8");
            return false;
          }
        }
        break;
      case YAML_SEQUENCE_START_EVENT:
        anchor = ev.data.sequence_start.anchor;
        if (!Enter(depth, out->where)) return false;
        out->kind = YamlNode::Kind::kSequence;
        for (Event item;;) {
          if (!Next(&item)) return false;
          if (item.event.type == YAML_SEQUENCE_END_EVENT) break;
          if (!Build(item, depth + 1, &out->items.emplace_back())) return false;
        }
        break;
      case YAML_MAPPING_START_EVENT:
        anchor = ev.data.mapping_start.anchor;
        if (!Enter(depth, out->where)) return false;
        out->kind = YamlNode::Kind::kMap;
        if (!BuildEntries(depth, out)) return false;
        break;
      case YAML_ALIAS_EVENT: {
        const auto it = anchors_.find(reinterpret_cast<const char*>(ev.data.alias.anchor));
        if (it == anchors_.end()) {
          Report(out->where, "invalid YAML: the referenced anchor is not defined");
          return false;
        }
        if (!Grow(it->second.size - 1, out->where)) return false;
        const SourceLocation where = out->where;
        *out = it->second.node;
        out->where = where;
        return true;
      }
      default:
        Report(out->where, "invalid YAML: unexpected event");
        return false;
    }
    if (anchor != nullptr) {
      anchors_[reinterpret_cast<const char*>(anchor)] = {*out, CountNodes(*out)};
    }
    return true;
  }

  bool Enter(int depth, const SourceLocation& where) {
    if (depth < kMaxYamlDepth) return true;
    Report(where, "the document nests more than " + std::to_string(kMaxYamlDepth) + " levels deep");
    return false;
  }

  bool BuildEntries(int depth, YamlNode* out) {
    for (;;) {
      Event key;
      if (!Next(&key)) return false;
      if (key.event.type == YAML_MAPPING_END_EVENT) return true;
      YamlNode key_node;
      if (!Build(key, depth + 1, &key_node)) return false;
      Event value;
      if (!Next(&value)) return false;
      if (!key_node.IsScalar()) {
        Report(key_node.where, "expected a plain key name");
        YamlNode ignored;
        if (!Build(value, depth + 1, &ignored)) return false;
        continue;
      }
      YamlEntry& entry = out->entries.emplace_back();
      entry.key = std::move(key_node.scalar);
      entry.key_where = key_node.where;
      const bool empty =
          value.event.type == YAML_SCALAR_EVENT && value.event.data.scalar.length == 0;
      if (!Build(value, depth + 1, &entry.value)) return false;
      // An empty value is placed at the next token, often on the next line; the key is clearer.
      if (entry.value.IsNull() && (empty || entry.value.where.line != entry.key_where.line)) {
        entry.value.where = entry.key_where;
      }
    }
  }

  struct Anchored {
    YamlNode node;
    long size = 0;
  };

  std::string_view text_;
  const std::string& file_;
  const int column_offset_;
  Diagnostics* errors_;
  std::unique_ptr<yaml_parser_t, ParserDeleter> parser_;
  std::map<std::string, Anchored> anchors_;
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
  if (static_cast<int64_t>(text.size()) > kMaxScenarioBytes) {
    Diagnostic& too_large = errors->emplace_back();  // (GCC 12 misreads a braced Diagnostic here)
    too_large.where = {file, 1, 1 + column_offset};
    too_large.message =
        "the YAML text is larger than the limit of " + FormatBytes(kMaxScenarioBytes);
    return std::nullopt;
  }
  return TreeBuilder(text, file, column_offset, errors).Run();
}

}  // namespace ccsim::scenario::internal
