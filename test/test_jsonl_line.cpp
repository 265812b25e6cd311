// The CLI's JSONL line reader (tools/jsonl_line.cpp): the hand-written fast
// path must give nlohmann/json's fields for every line it reads, and leave
// every line it cannot read exactly (invalid ones included) to nlohmann.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "jsonl_line.hpp"

using zhmeta::cli::JsonlFields;
using zhmeta::cli::JsonlValue;
using Kind = zhmeta::cli::JsonlValue::Kind;

namespace {

bool same(const JsonlValue &a, const JsonlValue &b) { return a.kind == b.kind && a.text == b.text; }

bool same(const JsonlFields &a, const JsonlFields &b) {
  return a.object == b.object && same(a.id, b.id) && same(a.text, b.text) &&
         same(a.pubdate, b.pubdate);
}

// nlohmann's reading, or nullopt when it rejects the line.
std::optional<JsonlFields> reference(const std::string &line) {
  try {
    return zhmeta::cli::read_jsonl_with_nlohmann(line);
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

// The fast path reads `line` and agrees with nlohmann.
JsonlFields read_fast(const std::string &line) {
  INFO(line);
  const auto fast = zhmeta::cli::read_flat_jsonl(line);
  REQUIRE(fast);
  const auto ref = reference(line);
  REQUIRE(ref);
  CHECK(same(*fast, *ref));
  return *fast;
}

// The fast path declines `line`; read_jsonl() still gives nlohmann's answer.
void check_deferred(const std::string &line) {
  INFO(line);
  CHECK_FALSE(zhmeta::cli::read_flat_jsonl(line));
  const auto ref = reference(line);
  if (ref) {
    CHECK(same(zhmeta::cli::read_jsonl(line), *ref));
  } else {
    CHECK_THROWS(zhmeta::cli::read_jsonl(line));
  }
}

}  // namespace

TEST_CASE("jsonl: the common line, worked out by hand", "[jsonl]") {
  const JsonlFields f = read_fast(R"({"id":"a1","text":"县委召开会议。","pubdate":"2024-03-05"})");
  CHECK(f.object);
  CHECK(f.id.kind == Kind::string);
  CHECK(f.id.text == "a1");
  CHECK(f.text.kind == Kind::string);
  CHECK(f.text.text == "县委召开会议。");
  CHECK(f.pubdate.kind == Kind::string);
  CHECK(f.pubdate.text == "2024-03-05");
}

TEST_CASE("jsonl: every string escape is decoded", "[jsonl]") {
  const JsonlFields f =
      read_fast(R"({"text":"q\"b\\s\/\b\f\n\r\t\u0041\u00e9\u4E2D\ud83d\ude00\u0000z"})");
  const std::string expected =
      std::string("q\"b\\s/\b\f\n\r\tA\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80") +
      std::string(1, '\0') + "z";
  CHECK(f.text.text == expected);
  CHECK(read_fast(R"({"\u0074ext":"x"})").text.text == "x");  // keys are decoded too
}

TEST_CASE("jsonl: whitespace, numbers, literals, other members", "[jsonl]") {
  JsonlFields f = read_fast(" \t{ \"text\" : \"x\" ,\r\n \"id\" : 7 } \r");
  CHECK(f.id.kind == Kind::number);
  CHECK(f.id.text == "7");
  f = read_fast(R"({"id":-120,"text":"x","n":null,"t":true,"f":false,"k":0,"s":"y"})");
  CHECK(f.id.text == "-120");
  CHECK(f.pubdate.kind == Kind::absent);
  f = read_fast(R"({"id":null,"text":"x","pubdate":false})");
  CHECK(f.id.kind == Kind::other);
  CHECK(f.pubdate.kind == Kind::other);
  f = read_fast(R"({"id":"x","id":123456789012345678,"text":"a","text":"b"})");  // last one wins
  CHECK(f.id.text == "123456789012345678");
  CHECK(f.text.text == "b");
  f = read_fast("{}");
  CHECK(f.text.kind == Kind::absent);
}

TEST_CASE("jsonl: what the fast path leaves to nlohmann", "[jsonl]") {
  const std::vector<std::string> lines = {
      // valid, but nested or re-formatted by nlohmann
      R"({"text":"x","tags":["a"]})", R"({"text":"x","meta":{}})", R"({"id":1.5,"text":"x"})",
      R"({"id":1e3,"text":"x"})", R"({"id":-0,"text":"x"})",
      R"({"id":1234567890123456789,"text":"x"})", R"(["text"])", R"("text")", "\xEF\xBB\xBF{}",
      // invalid
      R"({"text":"\x"})", R"({"text":"\u12"})", R"({"text":"\u12G4"})", R"({"text":"\ud800"})",
      R"({"text":"\ud800\u0041"})", R"({"text":"\ud800\\"})", R"({"text":"\udc00\ud800"})",
      "{\"text\":\"a\tb\"}", "{\"text\":\"a\x01\"}", "{\"text\":\"\xC0\x80\"}",
      "{\"text\":\"\xED\xA0\x80\"}", "{\"text\":\"\xF4\x90\x80\x80\"}", "{\"text\":\"\xE4\xB8\"}",
      "{\"text\":\"\x80\"}", R"({"text":"x"} y)", R"({"text":"x",})", R"({"text" "x"})",
      R"({"id":01,"text":"x"})", R"({"id":-,"text":"x"})", R"({"text":"x","t":tru})",
      R"({"text":"x","t":truex})", R"({"text":"x)", "{\"text\":\"x\"}\v", "",
      std::string("{\"text\":\"x\"}\0", 13), std::string("{\"text\":\"a\0\"}", 13)};
  for (const std::string &line : lines) check_deferred(line);
}

TEST_CASE("jsonl: generated lines agree with nlohmann", "[jsonl]") {
  std::mt19937 rng(20241201);
  auto pick = [&rng](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  auto hex4 = [](unsigned code) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s = "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) s += kHex[code >> shift & 0xF];
    return s;
  };
  // Pieces of a valid JSON string's contents, and ones that make it invalid.
  const std::vector<std::string> escapes = {"\\\"", "\\\\", "\\/", "\\b",
                                            "\\f",  "\\n",  "\\r", "\\t"};
  const std::vector<std::string> raw = {"a",
                                        " ",
                                        "~",
                                        "\x7F",
                                        "\xC3\xA9",
                                        "\xE4\xB8\xAD",
                                        "\xE3\x80\x82",
                                        "\xEF\xBC\x8C",
                                        "\xF0\x9F\x98\x80",
                                        "\xF4\x8F\xBF\xBF"};
  const std::vector<std::string> invalid = {"\\x",
                                            "\\U0041",
                                            "\\u00g0",
                                            "\\",
                                            "\x01",
                                            "\x1F",
                                            "\n",
                                            "\xC1\xBF",
                                            "\xE0\x9F\xBF",
                                            "\xED\xA0\x80",
                                            "\xF5\x80\x80\x80",
                                            "\xFF",
                                            "\xE4\xB8",
                                            std::string(1, '\0')};
  auto random_piece = [&](bool valid_only) -> std::string {
    switch (pick(valid_only ? 5 : 6)) {
      case 0:
        return escapes[pick(escapes.size())];
      case 1: {  // any BMP code point but a surrogate, \u0000 included
        unsigned code = static_cast<unsigned>(pick(0xF800));
        if (code >= 0xD800) code += 0x800;
        return hex4(code);
      }
      case 2:  // a surrogate pair
        return hex4(0xD800 + static_cast<unsigned>(pick(0x400))) +
               hex4(0xDC00 + static_cast<unsigned>(pick(0x400)));
      case 5: {  // a lone or misordered surrogate, or some other invalid piece
        switch (pick(3)) {
          case 0:
            return hex4(0xD800 + static_cast<unsigned>(pick(0x400)));
          case 1:
            return hex4(0xDC00 + static_cast<unsigned>(pick(0x400)));
          default:
            return invalid[pick(invalid.size())];
        }
      }
      default:
        return raw[pick(raw.size())];
    }
  };
  auto random_string = [&](bool valid_only) {
    std::string s;
    for (std::size_t n = pick(12); n > 0; --n) s += random_piece(valid_only);
    return "\"" + s + "\"";
  };
  const std::vector<std::string> whitespace = {"", "", " ", "\t", "\r", "\n", "  "};
  auto ws = [&] { return whitespace[pick(whitespace.size())]; };
  const std::vector<std::string> keys = {"id", "text", "pubdate", "source", "\\u0069d", ""};
  const std::vector<std::string> scalars = {
      "null", "true", "false", "0", "-3", "42", "123456789012345678"};

  int read_fast_count = 0, valid_count = 0;
  for (int n = 0; n < 4000; ++n) {
    const bool valid_only = n % 2 == 0;
    std::string line = ws() + "{" + ws();
    for (std::size_t member = 0, members = pick(5); member < members; ++member) {
      if (member) line += "," + ws();
      line += "\"" + keys[pick(keys.size())] + "\"" + ws() + ":" + ws();
      line += pick(3) ? random_string(valid_only) : scalars[pick(scalars.size())];
      line += ws();
    }
    line += "}" + ws();
    INFO(line);
    const auto fast = zhmeta::cli::read_flat_jsonl(line);
    const auto ref = reference(line);
    if (fast) {
      ++read_fast_count;
      REQUIRE(ref);
      CHECK(same(*fast, *ref));
    }
    if (ref) ++valid_count;
    if (valid_only) CHECK(fast);  // every line of the common shape takes the fast path
  }
  CHECK(read_fast_count == valid_count);  // no valid generated line was left to nlohmann
  CHECK(valid_count < 4000);              // and the invalid half did produce invalid lines
}
