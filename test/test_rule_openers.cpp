// Rules with openers: a rule every match of which begins with one of a few
// literal words (pattern::literal_openers) is tried, anchored, only where
// such a word begins (RuleSet::for_each_match_bounds_from_hits) instead of
// being searched for over each unit. The matches must be those of RE2's
// unanchored search: the leftmost position that matches, the match RE2
// prefers there, the next search from its end, nothing past the unit's end.
#include <algorithm>
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

using zhmeta::test::hits_of;

// Whether rule `index` can be served from hits (it is literal or has openers).
bool from_hits_serves(const zhmeta::RuleSet &rules, int index) {
  const std::vector<zhmeta::LiteralHit> none;
  const std::vector<Unit> no_units;
  return rules.for_each_match_bounds_from_hits(
      std::string_view(), no_units, [](int, std::size_t, std::size_t, std::size_t) {},
      [&](int i) { return i == index; }, &none, &none);
}

// The matches of the wanted rules in each unit: by RE2's unanchored search
// (no hits at all), or from the hits of the literal and opener words.
std::vector<Match> matches(const zhmeta::RuleSet &rules, const std::string &text, bool from_hits,
                           const std::vector<Unit> &units, const std::vector<char> &wanted) {
  std::vector<Match> out;
  auto record = [&](int index, std::size_t b, std::size_t e, std::size_t) {
    out.emplace_back(index, b, e);
  };
  auto is_wanted = [&](int index) { return wanted[static_cast<std::size_t>(index)] != 0; };
  if (!from_hits) {
    rules.for_each_match_bounds(text, units, record, is_wanted, nullptr, nullptr);
    return out;
  }
  const auto literal = hits_of(rules.literal_rule_words(), text);
  const auto openers = hits_of(rules.opener_words(), text);
  REQUIRE(
      rules.for_each_match_bounds_from_hits(text, units, record, is_wanted, &literal, &openers));
  return out;
}

}  // namespace

TEST_CASE("the words every match begins with are read from the pattern", "[rule_openers]") {
  Words words;
  auto openers = [&](const char *p) {
    INFO(p);
    REQUIRE(zhmeta::pattern::literal_openers(p, words));
    return words;
  };
  CHECK(openers("党中央|中央(?:书记处|军委)") == Words{"党中央", "中央军委", "中央书记处"});
  // 省委 begins with 省: the shorter word alone finds every position.
  CHECK(openers("(?:省|市)(?:委|\\p{Han}+局)") == Words{"市", "省"});
  CHECK(openers("(?:经济|高新)?管委会") == Words{"管委会", "经济管委会", "高新管委会"});
  CHECK(openers("(?P<v>主持召开|主持)(?:[^人]|全[^面])") == Words{"主持"});
  CHECK(openers("团(?:省|市)委|共青团\\p{Han}{2,4}?委") == Words{"共青团", "团市委", "团省委"});
  CHECK(openers("a+b") == Words{"a"});
  CHECK(openers("ab{2}c") == Words{"ab"});
  CHECK(openers("x(?:a|b)?(?:c|d)") == Words{"xc", "xd", "xac", "xad", "xbc", "xbd"});
  CHECK(openers("(?:a|)b") == Words{"b", "ab"});
  CHECK(openers("\\.x|y\\b") == Words{"y", ".x"});
  CHECK(openers("国家(?:民委|[^的]{1,5}?局)") == Words{"国家"});
  // A match that may begin with anything, or syntax not followed: no openers.
  for (const char *none : {"a*b", "a{0,2}b", "[ab]c", "a|\\d", ".a", "^a", "(?i)abc", "(?i:a)b",
                           "a?", "\\bab", "a|b{", "\\Qab\\E", ""}) {
    INFO(none);
    CHECK_FALSE(zhmeta::pattern::literal_openers(none, words));
  }
}

TEST_CASE("rules with openers match as RE2's search does", "[rule_openers]") {
  const auto pack = zhmeta::RulePack::load_files({
      {"demo/a.rules",
       "rule demo.level\n  pattern = (?:市|县)(?:委(?:组织部)?|政府|\\p{Han}{1,3}?局)\n"
       "rule demo.optional\n  pattern = (?:经济|高新)?管委会\n"
       "rule demo.words\n  pattern = 日报|报社\n"
       "rule demo.anywhere\n  pattern = [甲乙]丙\n"},
  });
  const zhmeta::RuleSet &rules = pack->kind("demo");
  CHECK(from_hits_serves(rules, 0));
  CHECK(from_hits_serves(rules, 1));
  CHECK(from_hits_serves(rules, 2));
  CHECK_FALSE(from_hits_serves(rules, 3));  // begins with a class
  const std::vector<char> served = {1, 1, 1, 0};
  // Bytes: 市0 长3 说6 市9 委12 组15 织18 部21 和24 县27 市30 场33 局36 ,39 高40 新43 管46 委49
  // 会52 日55 报58 \n61 | 县62 政65 府68
  const std::string text = "市长说市委组织部和县市场局,高新管委会日报\n县政府";
  const std::vector<Match> by_re2 = matches(rules, text, false, lines_of(text), served);
  const std::vector<Match> by_hits = matches(rules, text, true, lines_of(text), served);
  CHECK(by_hits == by_re2);
  // 市长 starts nothing; 市委组织部 whole (RE2 prefers the longer alternative
  // written first); at 县 the lazy class takes 县市场局, so the 市 inside it
  // starts nothing more; the next line on its own.
  const std::vector<Match> expected = {
      {0, 9, 24}, {0, 27, 39}, {1, 40, 55}, {2, 55, 61}, {0, 62, 71}};
  CHECK(by_hits == expected);

  // A unit that ends inside a match: RE2 sees nothing past it, so 市政
  // (unit 0) is no match, and 府 begins the next unit.
  const std::string cut = "市委市政府";
  const std::vector<Unit> halves = {{0, 12}, {12, cut.size()}};
  CHECK(matches(rules, cut, false, halves, served) == std::vector<Match>{{0, 0, 6}});
  CHECK(matches(rules, cut, true, halves, served) == std::vector<Match>{{0, 0, 6}});
}

TEST_CASE("rules tried at their openers equal RE2 on samples and random texts", "[rule_openers]") {
  const auto pack = zhmeta::RulePack::load_embedded();
  const std::vector<std::string> texts = zhmeta::test::normalized_samples();
  std::size_t kinds = 0, compared = 0;
  for (const char *kind : {"organizations", "meetings"}) {
    const zhmeta::RuleSet &rules = pack->kind(kind);
    const zhmeta::LiteralSet *openers = rules.opener_words();
    REQUIRE(openers != nullptr);
    ++kinds;
    std::vector<char> served(rules.rules().size());
    for (std::size_t i = 0; i < served.size(); ++i)
      served[i] = from_hits_serves(rules, static_cast<int>(i));
    // Every rule these extractors run is served (else they fall back to RE2).
    if (std::string(kind) == "organizations")
      CHECK(std::count(served.begin(), served.end(), 1) == static_cast<long>(served.size()));
    // Random texts woven from the openers, the prefilter's words (which hold
    // the words that follow them: 委, 政府, 局…), first characters and line breaks.
    std::vector<std::string> pool;
    for (std::size_t w = 0; w < openers->size(); ++w) pool.emplace_back(openers->word(w));
    if (const zhmeta::LiteralSet *atoms = rules.atom_words())
      for (std::size_t w = 0; w < atoms->size(); ++w) pool.emplace_back(atoms->word(w));
    std::mt19937 random(7);
    std::vector<std::string> woven = texts;
    for (int round = 0; round < 300; ++round) {
      std::string t;
      for (int piece = 0; piece < 30; ++piece) {
        const std::string &w =
            pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(random)];
        switch (std::uniform_int_distribution<int>(0, 5)(random)) {
          case 0:
            t += "\n";
            break;
          case 1:
            t += w.substr(0, zhmeta::utf8::decode(w, 0).len);
            break;
          case 2:
            t += "的";
            break;
          default:
            t += w;
        }
      }
      woven.push_back(t);
    }
    for (const std::string &text : woven) {
      const std::vector<Unit> lines = lines_of(text);
      const std::vector<Match> by_re2 = matches(rules, text, false, lines, served);
      const std::vector<Match> by_hits = matches(rules, text, true, lines, served);
      compared += by_re2.size();
      if (by_hits != by_re2)
        FAIL_CHECK(kind << ": rules tried at openers disagree with RE2 on a text of " << text.size()
                        << " bytes");
    }
  }
  CHECK(kinds == 2);
  CHECK(compared > 5000);
}
