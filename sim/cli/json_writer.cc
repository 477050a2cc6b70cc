#include "sim/cli/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace ccsim::cli {

std::string FormatNumber(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ", ";
    first_.back() = false;
  }
}

void JsonWriter::BeginObject() {
  Separate();
  out_ += '{';
  first_.push_back(true);
}

void JsonWriter::EndObject() {
  out_ += '}';
  first_.pop_back();
}

void JsonWriter::BeginArray() {
  Separate();
  out_ += '[';
  first_.push_back(true);
}

void JsonWriter::EndArray() {
  out_ += ']';
  first_.pop_back();
}

void JsonWriter::Key(std::string_view k) {
  Separate();
  Quote(k);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::String(std::string_view v) {
  Separate();
  Quote(v);
}

namespace {

// The length of the well-formed UTF-8 sequence at the start of `v` (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0 when it is not one.
size_t Utf8Length(std::string_view v) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(v[i]); };
  const unsigned char b = byte(0);
  size_t n;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) low = 0xA0;   // overlong
    if (b == 0xED) high = 0x9F;  // surrogates
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) low = 0x90;   // overlong
    if (b == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (v.size() < n || byte(1) < low || byte(1) > high) return 0;
  for (size_t i = 2; i < n; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return n;
}

}  // namespace

// Text from users (a scenario's name, a file's path) may hold any bytes: control
// characters are escaped and each byte that starts no valid UTF-8 sequence becomes
// U+FFFD, so the document is always valid JSON.
void JsonWriter::Quote(std::string_view v) {
  out_ += '"';
  for (size_t i = 0; i < v.size();) {
    const unsigned char c = static_cast<unsigned char>(v[i]);
    if (c == '"' || c == '\\') {
      out_ += '\\';
      out_ += static_cast<char>(c);
    } else if (c == '\n') {
      out_ += "\\n";
    } else if (c == '\t') {
      out_ += "\\t";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out_ += buf;
    } else {
      const size_t n = Utf8Length(v.substr(i));
      if (n == 0) {
        out_ += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
        ++i;
        continue;
      }
      out_.append(v.substr(i, n));
      i += n;
      continue;
    }
    ++i;
  }
  out_ += '"';
}

void JsonWriter::Number(double v) {
  Separate();
  out_ += FormatNumber(v);
}

void JsonWriter::Integer(long long v) {
  Separate();
  out_ += std::to_string(v);
}

void JsonWriter::Unsigned(uint64_t v) {
  Separate();
  out_ += std::to_string(v);
}

}  // namespace ccsim::cli
