#include "sim/scenario/yaml_check.h"

#include <yaml.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "sim/scenario/limits.h"

namespace ccsim::scenario::internal {
namespace {

struct ParserDeleter {
  void operator()(yaml_parser_t* p) const {
    yaml_parser_delete(p);
    delete p;
  }
};

struct Event {
  yaml_event_t event;
  ~Event() { yaml_event_delete(&event); }
};

// The 1-based line and column of byte `offset` of `text` (reader errors carry only an offset).
std::pair<int, int> LineColumnOf(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  const size_t line_start = before.rfind('\n');
  const size_t column = line_start == std::string_view::npos ? offset : offset - line_start - 1;
  return {line, static_cast<int>(column) + 1};
}

class Checker {
 public:
  Checker(std::string_view text, const std::string& file, int column_offset, Diagnostics* errors)
      : text_(text), file_(file), column_offset_(column_offset), errors_(errors) {}

  bool Run() {
    std::unique_ptr<yaml_parser_t, ParserDeleter> parser(new yaml_parser_t);
    if (!yaml_parser_initialize(parser.get())) {
      Report(1, 1, "cannot start the YAML parser");
      return false;
    }
    yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(text_.data()),
                                 text_.size());
    yaml_parser_set_encoding(parser.get(), YAML_UTF8_ENCODING);
    int depth = 0;
    for (;;) {
      Event e;
      if (!yaml_parser_parse(parser.get(), &e.event)) return ReportParserError(*parser);
      const yaml_mark_t& at = e.event.start_mark;
      switch (e.event.type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
          if (++depth > kMaxYamlDepth) {
            ReportAt(at, "the document nests more than " + std::to_string(kMaxYamlDepth) +
                             " levels deep");
            return false;
          }
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          --depth;
          break;
        case YAML_STREAM_END_EVENT:
          return true;
        default:
          break;
      }
    }
  }

 private:
  bool ReportParserError(const yaml_parser_t& p) {
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
      const auto [line, column] = LineColumnOf(text_, offset);
      std::string message = "invalid YAML: " + problem;
      if (p.problem_value >= 0) {
        char value[32];
        std::snprintf(value, sizeof value, " (0x%X)", static_cast<unsigned>(p.problem_value));
        message += value;
      }
      Report(line, column, message);
      return false;
    }
    if (p.error == YAML_MEMORY_ERROR) {
      Report(1, 1, "the YAML parser ran out of memory");
      return false;
    }
    // A construct left open at the end of the text is clearer at its start.
    if (p.problem_mark.index >= text_.size() && p.context != nullptr) {
      ReportAt(p.context_mark,
               "invalid YAML: " + problem + " (" + p.context + " that starts here)");
      return false;
    }
    ReportAt(p.problem_mark, "invalid YAML: " + problem);
    return false;
  }

  void ReportAt(const yaml_mark_t& mark, std::string message) {
    Report(static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1, std::move(message));
  }

  void Report(int line, int column, std::string message) {
    if (line == 1) column += column_offset_;
    errors_->push_back({{file_, line, column}, std::move(message)});
  }

  std::string_view text_;
  const std::string& file_;
  const int column_offset_;
  Diagnostics* errors_;
};

}  // namespace

bool CheckYamlText(std::string_view text, const std::string& file, int column_offset,
                   Diagnostics* errors) {
  return Checker(text, file, column_offset, errors).Run();
}

}  // namespace ccsim::scenario::internal
