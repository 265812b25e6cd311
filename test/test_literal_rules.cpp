// Literal rules: a rule that is only an alternation of words is matched off
// the hits of a word scan instead of by RE2; the matches must be RE2's own,
// leftmost-first (the earliest word in the alternation wins at a position,
// not the longest), never overlapping, never past the end of the unit.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "core/utf8.hpp"
#include "rule_test_support.hpp"
#include "rules/pattern_syntax.hpp"
#include "rules/rule_pack.hpp"

namespace {

using Words = std::vector<std::string>;
using Match = std::tuple<int, std::size_t, std::size_t>;  // rule, begin, end

using zhmeta::test::lines_of;
using zhmeta::test::Unit;

// Every match of the kind in each line: through RE2 (no literal hits), or
// read off a scan of the literal rules' words.
std::vector<Match> matches(const zhmeta::RuleSet &rules, const std::string &text, bool from_hits,
                           const std::vector<Unit> &units) {
  if (from_hits) REQUIRE(rules.literal_rule_words() != nullptr);
  const std::vector<zhmeta::LiteralHit> hits =
      zhmeta::test::hits_of(from_hits ? rules.literal_rule_words() : nullptr, text);
  std::vector<Match> out;
  rules.for_each_match_bounds(
      text, units,
      [&](int index, std::size_t b, std::size_t e, std::size_t) { out.emplace_back(index, b, e); },
      [](int) { return true; }, nullptr, from_hits ? &hits : nullptr);
  return out;
}

std::vector<Match> matches(const zhmeta::RuleSet &rules, const std::string &text, bool from_hits) {
  return matches(rules, text, from_hits, lines_of(text));
}

}  // namespace

TEST_CASE("patterns that are only an alternation of words are recognised", "[literal_rules]") {
  Words words;
  CHECK(zhmeta::pattern::literal_alternatives("a|bc", words));
  CHECK(words == Words{"a", "bc"});
  CHECK(zhmeta::pattern::literal_alternatives("(?P<x>(?:甲|乙丙))", words));
  CHECK(words == Words{"甲", "乙丙"});
  CHECK(zhmeta::pattern::literal_alternatives("\\.|\\(|a\\-b", words));
  CHECK(words == Words{".", "(", "a-b"});
  for (const char *not_literal : {"(?:a|b)c", "(a)|(b)", "a|", "|a", "(?i:a|b)", "(?i)a", "a\\d",
                                  "a.b", "a?", "[ab]", "^a", "a$", "a{2}", "\\x{4E00}", ""}) {
    INFO(not_literal);
    CHECK_FALSE(zhmeta::pattern::literal_alternatives(not_literal, words));
  }
}

TEST_CASE("literal rules match as RE2 does, alternation order first", "[literal_rules]") {
  // 日报 before 日报社: RE2 takes 日报 (leftmost-first), not the longer word.
  const auto pack = zhmeta::RulePack::load_files({
      {"demo/a.rules",
       "rule demo.short_first\n  pattern = 日报|日报社|报社\n"
       "rule demo.long_first\n  pattern = (?P<w>(?:晚报社|晚报|报))\n"
       "rule demo.not_literal\n  pattern = 社\\p{Han}\n"
       "rule demo.overlaps\n  pattern = aba|ab|b\n"},
  });
  const zhmeta::RuleSet &rules = pack->kind("demo");
  // Bytes: 县0 日3 报6 社9 和12 晚15 报18 社21 ,24 日25 报28 \n31 | 报32 社35 ababa38-43 晚43 报46
  // \n49 | 日50
  const std::string text = "县日报社和晚报社,日报\n报社ababa晚报\n日";
  const std::vector<Match> by_re2 = matches(rules, text, false);
  const std::vector<Match> by_hits = matches(rules, text, true);
  CHECK(by_hits == by_re2);
  std::vector<Match> short_first, long_first, overlaps;
  for (const Match &m : by_hits) {
    if (std::get<0>(m) == 0) short_first.push_back(m);
    if (std::get<0>(m) == 1) long_first.push_back(m);
    if (std::get<0>(m) == 3) overlaps.push_back(m);
  }
  // 日报 at 3, not 日报社; then 报社 at 18 (晚 is no word of this rule).
  CHECK(short_first == std::vector<Match>{{0, 3, 9}, {0, 18, 24}, {0, 25, 31}, {0, 32, 38}});
  // 报 at 6; 晚报社 whole at 15 (first in the alternation); 晚报 at 43.
  CHECK(long_first ==
        std::vector<Match>{{1, 6, 9}, {1, 15, 24}, {1, 28, 31}, {1, 32, 35}, {1, 43, 49}});
  // aba at 38, then b at 41: matches never overlap.
  CHECK(overlaps == std::vector<Match>{{3, 38, 41}, {3, 41, 42}});

  // A unit that ends inside a word: RE2 sees nothing past it, so in 报社日
  // (the unit holds the rule's words, so the prefilter lets it run) the 日报
  // that crosses the end is no match; the next unit begins with 报社.
  const std::string cut = "报社日报社";
  const std::vector<Unit> halves = {{0, 9}, {9, cut.size()}};
  const std::vector<Match> expected = {{0, 0, 6}, {1, 0, 3}, {2, 3, 9}, {0, 9, 15}, {1, 9, 12}};
  CHECK(matches(rules, cut, false, halves) == expected);
  CHECK(matches(rules, cut, true, halves) == expected);
}

TEST_CASE("literal rules read off hits equal RE2 on samples and random texts", "[literal_rules]") {
  const auto pack = zhmeta::RulePack::load_embedded();
  const std::vector<std::string> texts = zhmeta::test::normalized_samples();
  std::size_t kinds = 0, compared = 0;
  for (const auto &[kind, rules] : pack->kinds()) {
    const zhmeta::LiteralSet *words = rules.literal_rule_words();
    if (!words) continue;
    ++kinds;
    // Random texts woven from the words themselves, halves of them and line breaks.
    std::mt19937 random(11);
    std::vector<std::string> woven = texts;
    for (int round = 0; round < 200; ++round) {
      std::string t;
      for (int piece = 0; piece < 30; ++piece) {
        const std::string w(
            words->word(std::uniform_int_distribution<std::size_t>(0, words->size() - 1)(random)));
        switch (std::uniform_int_distribution<int>(0, 4)(random)) {
          case 0:
            t += "\n";
            break;
          case 1:
            t += w.substr(0, zhmeta::utf8::decode(w, 0).len);
            break;  // its first character
          default:
            t += w;
        }
      }
      woven.push_back(t);
    }
    for (const std::string &text : woven) {
      const std::vector<Match> by_re2 = matches(rules, text, false);
      const std::vector<Match> by_hits = matches(rules, text, true);
      compared += by_re2.size();
      if (by_hits != by_re2)
        FAIL_CHECK(kind << ": literal rules disagree with RE2 on a text of " << text.size()
                        << " bytes");
    }
  }
  CHECK(kinds >= 1);
  CHECK(compared > 1000);
}
