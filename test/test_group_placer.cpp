// GroupPlacer: capture groups placed leaf by leaf must be exactly RE2's, or
// the placer must decline. The splitter's expected leaves are written by hand;
// the placer is compared with RE2 itself (ANCHOR_BOTH on the same bounds).
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "rule_test_support.hpp"
#include "rules/group_placer.hpp"
#include "rules/rule_pack.hpp"

namespace {

using Leaves = std::vector<std::string>;
using Spans = std::vector<std::size_t>;

zhmeta::PatternSplit split_of(const std::string &pattern) {
  zhmeta::PatternSplit split;
  REQUIRE(zhmeta::split_at_captures(pattern, split));
  return split;
}

bool splits(const std::string &pattern) {
  zhmeta::PatternSplit split;
  return zhmeta::split_at_captures(pattern, split);
}

}  // namespace

TEST_CASE("patterns are cut at their capture boundaries", "[group_placer]") {
  auto s = split_of("ab(?P<x>c|d)e[)(]f(?P<y>g)");
  CHECK(s.leaves == Leaves{"ab", "c|d", "e[)(]f", "g"});
  CHECK(s.first_leaf == Spans{1, 3});
  CHECK(s.end_leaf == Spans{2, 4});

  // A capture inside a capture: the parent spans its children's leaves.
  s = split_of("(?P<t>(?P<o>x|y)(?:z)?)(?P<s>\\p{Han})");
  CHECK(s.leaves == Leaves{"x|y", "(?:z)?", "\\p{Han}"});
  CHECK(s.first_leaf == Spans{0, 0, 2});
  CHECK(s.end_leaf == Spans{2, 1, 3});

  // Top-level flags carry into every later leaf; flags inside a group do not.
  s = split_of("(?m)^ *(?P<b>[^\\]]+) *(?i:q)$");
  CHECK(s.leaves == Leaves{"(?m)^ *", "(?m)[^\\]]+", "(?m) *(?i:q)$"});
  s = split_of("a(?P<x>(?i)b(?P<y>c))d");
  CHECK(s.leaves == Leaves{"a", "(?i)b", "(?i)c", "d"});
  CHECK(s.first_leaf == Spans{1, 2});
  CHECK(s.end_leaf == Spans{3, 3});

  // Numbered captures count too; classes with brackets and POSIX names are skipped whole.
  s = split_of("[[:alpha:]()](x)[^]a]");
  CHECK(s.leaves == Leaves{"[[:alpha:]()]", "x", "[^]a]"});
  CHECK(s.first_leaf == Spans{1});

  // An empty capture spans no leaf.
  s = split_of("a(?P<e>)b");
  CHECK(s.leaves == Leaves{"a", "b"});
  CHECK(s.first_leaf == Spans{1});
  CHECK(s.end_leaf == Spans{1});
}

TEST_CASE("patterns whose captures cannot be placed leaf by leaf are not split", "[group_placer]") {
  CHECK_FALSE(splits("(?P<x>a)?b"));
  CHECK_FALSE(splits("(?P<x>a)*"));
  CHECK_FALSE(splits("(?P<x>a){2}"));
  CHECK_FALSE(splits("a|(?P<x>b)"));
  CHECK_FALSE(splits("(?:a(?P<x>b))c"));
  CHECK_FALSE(splits("(?P<x>a|(?P<y>b))"));
  CHECK_FALSE(splits("\\Q(\\E(?P<x>a)"));
  CHECK_FALSE(splits("(?P<x>a"));
  CHECK_FALSE(splits("a)(?P<x>b)"));
}

TEST_CASE("the placer declines when a leaf other than a repetition would have to give back text",
          "[group_placer]") {
  // (?:x|xy) parses as x first, but only xy lets the rest match xyqz.
  const RE2 re("(?P<a>(?:x|xy))(?P<b>q)z");
  const auto placer = zhmeta::GroupPlacer::build(re, re.pattern());
  REQUIRE(placer);
  std::vector<re2::StringPiece> groups(3);
  const re2::StringPiece text("xqz");
  REQUIRE(placer->place(text, 0, 3, groups.data(), 3));  // x, then q: no giving back
  CHECK(groups[1] == "x");
  CHECK(groups[2] == "q");
  const re2::StringPiece back("xyqz");
  CHECK_FALSE(placer->place(back, 0, 4, groups.data(), 3));
  REQUIRE(re.Match(back, 0, 4, RE2::ANCHOR_BOTH, groups.data(), 3));
  CHECK(groups[1] == "xy");  // RE2 backtracks into (?:x|xy)
  const re2::StringPiece none("xxzy");
  CHECK_FALSE(placer->place(none, 0, 4, groups.data(), 3));  // no match at all

  const RE2 lazy("(?P<a>x+?)(?P<b>x*)y");
  const auto lazy_placer = zhmeta::GroupPlacer::build(lazy, lazy.pattern());
  REQUIRE(lazy_placer);
  const re2::StringPiece xs("xxxy");
  REQUIRE(lazy_placer->place(xs, 0, 4, groups.data(), 3));
  CHECK(groups[1] == "x");
  CHECK(groups[2] == "xx");
}

TEST_CASE("a leaf ending in a repetition of one character tries its counts in RE2's order",
          "[group_placer]") {
  std::vector<re2::StringPiece> groups(3);
  // Lazy: one Han character is not enough for 说 to follow, two are.
  const RE2 lazy("(?P<name>a\\p{Han}{1,2}?)(?P<cue>说)");
  const auto lazy_placer = zhmeta::GroupPlacer::build(lazy, lazy.pattern());
  REQUIRE(lazy_placer);
  const std::string said = "a王明说";  // a: 1 byte, each Han character: 3
  REQUIRE(lazy_placer->place(said, 0, said.size(), groups.data(), 3));
  CHECK(groups[1] == "a王明");
  CHECK(groups[2] == "说");

  // Greedy: three x leave one for `xx`, two leave two.
  const RE2 greedy("(?P<a>x{0,3})(?P<b>xx)");
  const auto greedy_placer = zhmeta::GroupPlacer::build(greedy, greedy.pattern());
  REQUIRE(greedy_placer);
  const std::string xs = "xxxx";
  REQUIRE(greedy_placer->place(xs, 0, 4, groups.data(), 3));
  CHECK(groups[1] == "xx");
  CHECK(groups[2] == "xx");

  // When the part before the repetition would have to parse otherwise (xy
  // instead of x), no count helps: the placer leaves it to RE2.
  const RE2 other("(?P<a>(?:x|xy)z*)(?P<b>yq)");
  const auto other_placer = zhmeta::GroupPlacer::build(other, other.pattern());
  REQUIRE(other_placer);
  const std::string text = "xyzyq";
  CHECK_FALSE(other_placer->place(text, 0, text.size(), groups.data(), 3));
  REQUIRE(other.Match(text, 0, text.size(), RE2::ANCHOR_BOTH, groups.data(), 3));
  CHECK(groups[1] == "xyz");  // what RE2 finds, by backtracking into (?:x|xy)
}

namespace {

// Random texts built from gazetteer words, Han characters, punctuation,
// digits, spaces and newlines: the shapes rules look for, in odd orders.
std::vector<std::string> generated_texts(const zhmeta::RulePack &pack, std::size_t count) {
  std::vector<const std::string *> words;
  for (const auto &entry : pack.gazetteers())
    for (const std::string &term : entry.second.terms()) words.push_back(&term);
  static const std::vector<std::string> pieces = {"王", "李", "明", "华", "国", "会", "议", "市",
                                                  "县", "的", "在", "说", "·",  "。", ",",  ":",
                                                  "、", "(",  ")",  "【", "】", " ",  "\n", "1",
                                                  "2",  "0",  "年", "月", "日", "/",  "|",  "为"};
  std::mt19937 random(20261201);
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < count; ++i) {
    std::string text;
    const std::size_t tokens = 4 + random() % 24;
    for (std::size_t t = 0; t < tokens; ++t)
      text +=
          random() % 3 == 0 ? pieces[random() % pieces.size()] : *words[random() % words.size()];
    texts.push_back(std::move(text));
  }
  return texts;
}

struct Tally {
  std::size_t compared = 0, placed = 0;
};

// Every match of `re` in `text` (bounds from the DFA), and the same bounds
// minus their last byte: the placer's groups equal RE2's, or it declined.
void compare_with_re2(const RE2 &re, const zhmeta::GroupPlacer &placer, std::string_view text,
                      Tally &tally) {
  const int ngroups = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> expected(static_cast<std::size_t>(ngroups)), got(expected.size());
  const re2::StringPiece piece(text.data(), text.size());
  auto check = [&](std::size_t b, std::size_t e) {
    const bool re2_matched = re.Match(piece, b, e, RE2::ANCHOR_BOTH, expected.data(), ngroups);
    if (!placer.place(piece, b, e, got.data(), ngroups)) return false;
    INFO(re.pattern().substr(0, 80) << " on [" << b << "," << e << ") of: " << text.substr(0, 200));
    REQUIRE(re2_matched);
    for (std::size_t g = 0; g < expected.size(); ++g) {
      CHECK(got[g].data() == expected[g].data());
      CHECK(got[g].size() == expected[g].size());
    }
    return true;
  };
  re2::StringPiece whole;
  for (std::size_t pos = 0;
       pos <= text.size() && re.Match(piece, pos, text.size(), RE2::UNANCHORED, &whole, 1);) {
    const std::size_t b = static_cast<std::size_t>(whole.data() - text.data()),
                      e = b + whole.size();
    ++tally.compared;
    if (check(b, e)) ++tally.placed;
    if (e > b) check(b, e - 1);
    pos = zhmeta::next_search_from(text, b, e, text.size());
  }
}

}  // namespace

// Every embedded rule with groups that splits gets a placer here, whatever
// its program size, and is compared with RE2 on the sample articles, the dev
// articles when present, every rule example and generated texts.
TEST_CASE("placed groups equal RE2's on every embedded rule", "[group_placer]") {
  const auto pack = zhmeta::RulePack::load_embedded();
  const std::vector<std::string> samples = zhmeta::test::normalized_samples_and_dev();
  REQUIRE(!samples.empty());
  std::vector<std::string> examples;
  for (const auto &kind : pack->kinds())
    for (const zhmeta::Rule &rule : kind.second.rules())
      for (const auto &ex : rule.examples) examples.push_back(ex.text);
  const std::vector<std::string> generated = generated_texts(*pack, 3000);

  Tally on_samples, in_use;  // in_use: rules that use their placer in the engine
  std::size_t placers = 0;
  for (const auto &kind : pack->kinds())
    for (const zhmeta::Rule &rule : kind.second.rules()) {
      const auto placer = zhmeta::GroupPlacer::build(*rule.re, rule.expanded);
      if (!placer) continue;
      ++placers;
      Tally tally;
      for (const std::string &text : samples) compare_with_re2(*rule.re, *placer, text, tally);
      on_samples.compared += tally.compared;
      on_samples.placed += tally.placed;
      if (rule.placer) {
        in_use.compared += tally.compared;
        in_use.placed += tally.placed;
      }
      Tally elsewhere;
      for (const std::string &text : examples) compare_with_re2(*rule.re, *placer, text, elsewhere);
      for (const std::string &text : generated)
        compare_with_re2(*rule.re, *placer, text, elsewhere);
    }
  CHECK(placers >= 20);
  // The placer must do the work, not decline into RE2's path: most sample
  // matches of the rules that use it are placed.
  INFO("placed " << in_use.placed << " of " << in_use.compared << " sample matches");
  CHECK(in_use.compared >= 300);
  CHECK(in_use.placed * 20 >= in_use.compared * 19);
}

TEST_CASE("large rules with groups get a placer in the pack", "[group_placer]") {
  const auto pack = zhmeta::RulePack::load_embedded();
  for (const char *id : {"persons.title_before", "persons.cue_after", "bylines.line_only",
                         "speakers.reference", "meetings.suffix"}) {
    const zhmeta::Rule *rule = nullptr;
    for (const auto &kind : pack->kinds())
      if (!rule) rule = kind.second.find(id);
    INFO(id);
    REQUIRE(rule);
    CHECK(rule->placer);
  }
}

TEST_CASE("a leaf of literal words takes the earliest word of its alternation, not the longest",
          "[group_placer]") {
  std::vector<re2::StringPiece> groups(3);
  // ab comes before abc: RE2 parses a = ab, and cd then ends the match; the
  // longest word first would give abc and d, another parse of the same match.
  const RE2 re("(?P<a>ab|abc|a)(?P<b>cd|d|bcd)");
  const auto placer = zhmeta::GroupPlacer::build(re, re.pattern());
  REQUIRE(placer);
  const std::string text = "abcd";
  REQUIRE(placer->place(text, 0, 4, groups.data(), 3));
  CHECK(groups[1] == "ab");
  CHECK(groups[2] == "cd");
  std::vector<re2::StringPiece> by_re2(3);
  REQUIRE(re.Match(text, 0, 4, RE2::ANCHOR_BOTH, by_re2.data(), 3));
  CHECK(by_re2[1] == "ab");

  // The last leaf must be one of its words, whole: abcdd is no match.
  const std::string longer = "abcdd";
  CHECK_FALSE(placer->place(longer, 0, 5, groups.data(), 3));
  // A word that starts the rest but runs past the match's end does not count.
  const std::string cut = "abcd";
  CHECK_FALSE(placer->place(cut, 0, 3, groups.data(), 3));
  // ax does not begin abx: a does.
  const std::string only_a = "abx";
  const RE2 re2_a("(?P<a>ax|a)(?P<b>b)x");
  const auto placer_a = zhmeta::GroupPlacer::build(re2_a, re2_a.pattern());
  REQUIRE(placer_a);
  REQUIRE(placer_a->place(only_a, 0, 3, groups.data(), 3));
  CHECK(groups[1] == "a");
  CHECK(groups[2] == "b");
}
