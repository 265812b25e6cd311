// StartFilter: the code points a match can begin with, read from the pattern.
// Hand-worked patterns give the expected sets; classes are compared with RE2
// on every BMP code point; and for every rule of the embedded pack, no
// position the filter rejects may be one RE2 can match at.
#include <re2/re2.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "rule_test_support.hpp"
#include "rules/rule_pack.hpp"
#include "rules/start_filter.hpp"

namespace {

using zhmeta::StartFilter;

// Which of `chars` (UTF-8) may begin a match, anywhere / at a line start.
std::string beginners(const StartFilter &f, const std::string &chars, bool line_start = false) {
  std::string out;
  for (std::size_t i = 0; i < chars.size();) {
    const zhmeta::utf8::Decoded d = zhmeta::utf8::decode(chars, i);
    if (f.may_begin_with(d.cp, line_start)) out.append(chars, i, d.len);
    i += d.len;
  }
  return out;
}

std::string utf8_of(char32_t cp) {
  std::string s;
  zhmeta::utf8::append(s, cp);
  return s;
}

}  // namespace

TEST_CASE("start filters follow sequences, alternatives and quantifiers", "[start_filter]") {
  const std::string probe = "abcdwxyz5年中好甲乙丙,。王-]";
  CHECK(beginners(StartFilter::of("abc"), probe) == "a");
  CHECK(beginners(StartFilter::of("(?:x|yz)w"), probe) == "xy");
  CHECK(beginners(StartFilter::of("a?b"), probe) == "ab");
  CHECK(beginners(StartFilter::of("(?:a|b*)c"), probe) == "abc");
  CHECK(beginners(StartFilter::of("a{0,3}d"), probe) == "ad");
  CHECK(beginners(StartFilter::of("a{1,3}d"), probe) == "a");
  CHECK(beginners(StartFilter::of("\\d+年"), probe) == "5");
  CHECK(beginners(StartFilter::of("[a-c]x"), probe) == "abc");
  CHECK(beginners(StartFilter::of("[\\-\\]]"), probe) == "-]");
  CHECK(beginners(StartFilter::of("\\x{4E2D}"), probe) == "中");
  CHECK(beginners(StartFilter::of("(?P<n>甲|乙)丙"), probe) == "甲乙");
  CHECK(beginners(StartFilter::of("\\b甲$"), probe) == "甲");
  CHECK(beginners(StartFilter::of("\\p{Han}{0,2}?好"), probe) == "年中好甲乙丙王");
  CHECK(beginners(StartFilter::of("[^\\p{Han}a]"), probe) == "bcdwxyz5,。-]");
  // Flags other than (?i) are zero-width.
  CHECK(beginners(StartFilter::of("(?m)(?s:x)y"), probe) == "x");
}

TEST_CASE("a line-start assertion lets what follows begin the match only at a line start",
          "[start_filter]") {
  const StartFilter f = StartFilter::of("(?:(?m:^)|[,。]|由)王\\p{Han}");
  const std::string probe = "王,。由中a";
  CHECK(beginners(f, probe, false) == ",。由");
  CHECK(beginners(f, probe, true) == "王,。由");
  const std::string text = "中王\n王";
  CHECK_FALSE(f.may_begin_at(text, 3));  // 王 after 中
  CHECK(f.may_begin_at(text, 7));        // 王 after a line break
  CHECK(f.may_begin_at("王", 0));        // 王 at the start of the text
}

TEST_CASE("patterns beyond the analysis pass every position", "[start_filter]") {
  for (const char *pattern : {"(?i)abc", ".x", "a*", "(?:a|)", "\\pLx", "\\P{Han}", "[[:alpha:]]",
                              "\\Qa\\E", "a{,2}", "(?=a)", "\\C"}) {
    INFO(pattern);
    const StartFilter f = StartFilter::of(pattern);
    CHECK_FALSE(f.selective());
    CHECK(f.may_begin_at("zzz", 1));
  }
  // Two- and four-byte characters and invalid bytes are never rejected.
  const StartFilter f = StartFilter::of("a");
  CHECK(f.selective());
  CHECK_FALSE(f.may_begin_at("b", 0));
  CHECK(f.may_begin_at("\xC3\xA9", 0));
  CHECK(f.may_begin_at("\xF0\x9F\x98\x80", 0));
  CHECK(f.may_begin_at("\xFF", 0));
}

TEST_CASE("character classes agree with RE2 on every BMP code point", "[start_filter]") {
  // \p{Han} comes from ICU, RE2 has its own table: a release of either that
  // moves a BMP character in or out of the script fails here, not in a rule.
  for (const char *cls : {"\\p{Han}", "[^\\p{Han}?A-Za-z0-9)·]", "[^,。;:]", "\\s", "\\W",
                          "[\\d\\-x-z]", "[^\\x{4E00}-\\x{9FFF}\\n]"}) {
    INFO(cls);
    const StartFilter f = StartFilter::of(cls);
    REQUIRE(f.selective());
    const RE2 re(cls);
    REQUIRE(re.ok());
    std::size_t disagreements = 0;
    for (char32_t cp = 0; cp <= 0xFFFF; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;
      if (f.may_begin_with(cp, false) != RE2::FullMatch(utf8_of(cp), re)) ++disagreements;
    }
    CHECK(disagreements == 0);
  }
}

TEST_CASE("no rule can match where its start filter rejects", "[start_filter]") {
  // Every rule of every kind, at every position of the sample articles: a
  // rejected position must be one where RE2's anchored match fails.
  const auto pack = zhmeta::RulePack::load_embedded();
  const std::vector<std::string> texts = zhmeta::test::normalized_samples();
  REQUIRE(texts.size() >= 5);
  std::size_t selective = 0, rejected = 0;
  for (const auto &[kind, rules] : pack->kinds()) {
    for (const zhmeta::Rule &rule : rules.rules()) {
      const StartFilter f = StartFilter::of(rule.expanded);
      if (!f.selective()) continue;
      ++selective;
      for (const std::string &text : texts) {
        const re2::StringPiece piece(text);
        for (std::size_t pos = 0; pos < text.size(); pos += zhmeta::utf8::decode(text, pos).len) {
          if (f.may_begin_at(text, pos)) continue;
          ++rejected;
          if (rule.re->Match(piece, pos, text.size(), RE2::ANCHOR_START, nullptr, 0)) {
            FAIL_CHECK(rule.id << " matches at byte " << pos << " where its filter rejects");
            break;
          }
        }
      }
    }
  }
  // The filter must be doing something for this test to mean anything.
  INFO("selective rules " << selective << ", rejected positions " << rejected);
  CHECK(selective >= 20);
  CHECK(rejected >= 100000);
}
