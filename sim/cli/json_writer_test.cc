#include "sim/cli/json_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace ccsim::cli {
namespace {

std::string Quoted(std::string_view text) {
  JsonWriter j;
  j.String(text);
  return j.str();
}

TEST(JsonWriterTest, WritesSeedsAboveTheSignedRangeUnsigned) {
  JsonWriter j;
  j.Unsigned(18446744073709551615u);  // 2^64 - 1: as a long long it would print -1
  EXPECT_EQ(j.str(), "18446744073709551615");
}

TEST(JsonWriterTest, KeepsValidUtf8AsItIs) {
  EXPECT_EQ(Quoted("Zürich €5 \xF0\x9F\x93\x9E"), "\"Zürich €5 \xF0\x9F\x93\x9E\"");
}

TEST(JsonWriterTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(Quoted("a\"b\\c\nd\te\x01\x1f\r"), "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f\\u000d\"");
}

TEST(JsonWriterTest, ReplacesEachInvalidByteByTheReplacementCharacter) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(Quoted("a\xFF"
                   "b"),
            "\"a" + fffd + "b\"");                                      // never valid
  EXPECT_EQ(Quoted("\xC3"), "\"" + fffd + "\"");                        // truncated at the end
  EXPECT_EQ(Quoted("\xC3(x"), "\"" + fffd + "(x\"");                    // bad continuation
  EXPECT_EQ(Quoted("\xC0\xAF"), "\"" + fffd + fffd + "\"");             // overlong '/'
  EXPECT_EQ(Quoted("\xED\xA0\x80"), "\"" + fffd + fffd + fffd + "\"");  // a surrogate
  EXPECT_EQ(Quoted("\xF4\x90\x80\x80"), "\"" + fffd + fffd + fffd + fffd + "\"");  // > U+10FFFF
  EXPECT_EQ(Quoted("\x80"), "\"" + fffd + "\"");  // a lone continuation
}

TEST(JsonWriterTest, KeysAreQuotedTheSameWay) {
  JsonWriter j;
  j.BeginObject();
  j.Key("n\xFE");
  j.Integer(1);
  j.EndObject();
  EXPECT_EQ(j.str(), "{\"n\xEF\xBF\xBD\": 1}");
}

}  // namespace
}  // namespace ccsim::cli
