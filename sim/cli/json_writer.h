// A minimal streaming JSON writer: objects, arrays, strings, numbers (shortest round-trip form,
// NaN and infinities as null), in the order written. Enough for the --json documents.
#ifndef CCSIM_CLI_JSON_WRITER_H_
#define CCSIM_CLI_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim::cli {

class JsonWriter {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view k);
  void String(std::string_view v);
  void Number(double v);
  void Integer(long long v);
  void Unsigned(uint64_t v);  // seeds: the whole range of a uint64_t

  const std::string& str() const { return out_; }

 private:
  void Separate();
  void Quote(std::string_view v);
  std::string out_;
  std::vector<bool> first_;  // per open object or array: nothing written in it yet
  bool after_key_ = false;
};

// The shortest decimal text that reads back as exactly `v` ("null" for NaN or infinities).
std::string FormatNumber(double v);

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_JSON_WRITER_H_
