// AnchoredRules::find: the positions each rule is tried at are, for every
// occurrence of one of its anchor words, the code points MIN..MAX characters
// before it (lead:MIN..MAX), in ascending order and each once. find() adds
// them without a sort, relying on occurrences arriving in text order; these
// tests compare it with the positions worked out by hand and with a plain
// walk back per occurrence, sorted, on random texts.
#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "rules/anchored_rules.hpp"
#include "rules/pattern_syntax.hpp"
#include "rules/rule_pack.hpp"

namespace {

using Starts = std::vector<std::size_t>;

// Leads and anchors of the rules below: (words, MIN, MAX).
struct Declared {
  std::vector<std::string> words;
  std::size_t min, max;
};

const std::vector<Declared> &declared() {
  static const std::vector<Declared> rules = {
      {{"乙"}, 0, 0},         {{"乙", "丙"}, 1, 2}, {{"丙"}, 2, 2},       {{"乙"}, 3, 5},
      {{"乙丙", "乙"}, 0, 1}, {{"a", "乙"}, 0, 3},  {{"丙", "ab"}, 1, 1},
  };
  return rules;
}

std::shared_ptr<const zhmeta::RulePack> demo_pack() {
  std::string rules;
  for (std::size_t i = 0; i < declared().size(); ++i) {
    const Declared &d = declared()[i];
    std::string anchor;
    for (const std::string &w : d.words) anchor += (anchor.empty() ? "" : "|") + w;
    rules += "rule demo.r" + std::to_string(i) + "\n  pattern = " + d.words.front() +
             "\n  emit = anchor:" + anchor + " lead:" + std::to_string(d.min) + ".." +
             std::to_string(d.max) + "\n";
  }
  return zhmeta::RulePack::load_files({{"demo/a.rules", rules}});
}

// The first byte of the code point before `p` (p > 0).
std::size_t previous(const std::string &text, std::size_t p) {
  do --p;
  while (p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80);
  return p;
}

// Every occurrence of every word, each walked back on its own, then sorted.
std::vector<Starts> reference(const std::string &text) {
  std::vector<Starts> out(declared().size());
  for (std::size_t i = 0; i < declared().size(); ++i) {
    const Declared &d = declared()[i];
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
      if ((static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) continue;
      bool anchored = false;
      for (const std::string &w : d.words)
        anchored = anchored || text.compare(pos, w.size(), w) == 0;
      if (!anchored) continue;
      std::size_t p = pos;
      for (std::size_t back = 0; back <= d.max; ++back) {
        if (back > 0) {
          if (p == 0) break;  // the text begins fewer than MAX characters back
          p = previous(text, p);
        }
        if (back >= d.min) out[i].push_back(p);
      }
    }
    std::sort(out[i].begin(), out[i].end());
    out[i].erase(std::unique(out[i].begin(), out[i].end()), out[i].end());
  }
  return out;
}

// Rule 0 of `rules` run anchored and by a plain search over text[0, to):
// checks the two agree and returns what `read` takes from each match.
template <typename Read>
auto anchored_as_searched(const zhmeta::AnchoredRules &anchored, const zhmeta::RuleSet &rules,
                          const std::string &text, std::size_t to, Read read) {
  zhmeta::AnchoredRules::Candidates candidates;
  anchored.find(text, candidates);
  std::vector<decltype(read(std::declval<const zhmeta::RuleMatch &>()))> out, plain;
  anchored.for_each_match(0, text, 0, to, candidates,
                          [&](const zhmeta::RuleMatch &m) { out.push_back(read(m)); });
  rules.for_each_match(0, text, 0, to,
                       [&](const zhmeta::RuleMatch &m) { plain.push_back(read(m)); });
  CHECK(out == plain);
  return out;
}

// Calls check(text, to) for `count` random texts of up to ten pieces of
// `alphabet`, at every range end on a code point boundary.
template <typename Check>
void at_every_range_end(const std::vector<std::string> &alphabet, unsigned seed, int count,
                        Check check) {
  std::mt19937 random(seed);
  for (int t = 0; t < count; ++t) {
    std::string text;
    for (std::size_t n = 1 + random() % 10; n > 0; --n)
      text += alphabet[random() % alphabet.size()];
    for (std::size_t to = 0; to <= text.size(); ++to)
      if (to == text.size() || (static_cast<unsigned char>(text[to]) & 0xC0) != 0x80) {
        INFO(text << " to " << to);
        check(text, to);
      }
  }
}

}  // namespace

TEST_CASE("anchored rules are tried MIN..MAX characters before each anchor, each place once",
          "[anchored_rules]") {
  const auto pack = demo_pack();
  const zhmeta::AnchoredRules anchored(*pack, pack->kind("demo"));
  zhmeta::AnchoredRules::Candidates candidates;
  // Bytes: a0 甲1 乙4 丙7 乙10, end 13.
  const std::string text = "a甲乙丙乙";
  anchored.find(text, candidates);
  const std::vector<Starts> expected = {
      {4, 10},           // lead 0 at 乙
      {0, 1, 4, 7},      // 1..2 before 乙4 (1, 0), 丙7 (4, 1), 乙10 (7, 4)
      {1},               // 2 before 丙7
      {0, 1},            // 3..5 before 乙10 (1, 0); 乙4 has only 2 characters before it
      {1, 4, 7, 10},     // 0..1 at 乙丙4 and 乙4 (the same places), 乙10
      {0, 1, 4, 7, 10},  // 0..3 at a0, 乙4 (4, 1, 0), 乙10 (10, 7, 4, 1)
      {4},               // 1 before 丙7
  };
  CHECK(candidates.starts == expected);
  CHECK(candidates.starts == reference(text));

  // Scratch kept from a longer text does not leak into a shorter one.
  anchored.find("乙", candidates);
  CHECK(candidates.starts == reference("乙"));
}

TEST_CASE("anchored rule positions equal a walk back per occurrence on random texts",
          "[anchored_rules]") {
  const auto pack = demo_pack();
  const zhmeta::AnchoredRules anchored(*pack, pack->kind("demo"));
  zhmeta::AnchoredRules::Candidates candidates;
  const std::vector<std::string> pieces = {"a",  "b",    "乙", "丙",
                                           "甲", "乙丙", " ",  "\xF0\x9F\x98\x80"};
  std::mt19937 random(7);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t length = random() % 24;
    for (std::size_t i = 0; i < length; ++i) text += pieces[random() % pieces.size()];
    INFO(text);
    anchored.find(text, candidates);
    CHECK(candidates.starts == reference(text));
  }
}

TEST_CASE("an anchored rule that is a word list takes the first word that fits, as RE2 does",
          "[anchored_rules]") {
  // 日报 comes before 日报社 in the first rule, so RE2's leftmost-first match at
  // 日 is 日报 (not the longer word); the second lists 日报社 first. The group
  // wraps the whole alternation. A range that ends inside 日报社 leaves only 日报.
  const auto pack = zhmeta::RulePack::load_files(
      {{"demo/a.rules",
        "rule demo.short_first\n  pattern = (?P<w>日报|日报社)\n  emit = anchor:日报\n"
        "rule demo.long_first\n  pattern = (?P<w>日报社|日报)\n  emit = anchor:日报\n"}});
  const zhmeta::RuleSet &rules = pack->kind("demo");
  const zhmeta::AnchoredRules anchored(*pack, rules);
  const std::string text = "县日报社,日报";  // 县0 日3 报6 社9 ,12 日13 报16
  zhmeta::AnchoredRules::Candidates candidates;
  anchored.find(text, candidates);
  using Found = std::vector<std::pair<std::size_t, std::string>>;  // match begin, group w
  auto run = [&](int index, std::size_t to) {
    Found out;
    anchored.for_each_match(index, text, 0, to, candidates, [&](const zhmeta::RuleMatch &m) {
      out.emplace_back(m.begin(), std::string(m.group("w")));
    });
    // RE2 over the same range must agree.
    Found plain;
    rules.for_each_match(index, text, 0, to, [&](const zhmeta::RuleMatch &m) {
      plain.emplace_back(m.begin(), std::string(m.group("w")));
    });
    CHECK(out == plain);
    return out;
  };
  CHECK(run(0, text.size()) == Found{{3, "日报"}, {13, "日报"}});
  CHECK(run(1, text.size()) == Found{{3, "日报社"}, {13, "日报"}});
  CHECK(run(1, 9) == Found{{3, "日报"}});  // 社 lies past the range
}

TEST_CASE("a rule that opens with literal words is tried only where its rest can follow one",
          "[anchored_rules]") {
  // Every match opens with 副书记 or 副 and goes on with 王 or 李: a position
  // is tried only when a word of the right length for the character there is
  // followed by 王 or 李. 副 has words of both lengths: the shorter one must be
  // looked at too (副王五: 副书记 does not fit, 副 does).
  const auto pack = zhmeta::RulePack::load_files(
      {{"demo/a.rules",
        "rule demo.opener\n  pattern = (?P<o>副书记|副)(?P<n>[王李]\\p{Han})\n"
        "  emit = anchor:副书记|副\n"}});
  const zhmeta::RuleSet &rules = pack->kind("demo");
  const zhmeta::AnchoredRules anchored(*pack, rules);
  using Found = std::vector<std::pair<std::string, std::string>>;  // groups o, n
  auto run = [&](const std::string &text, std::size_t to) {
    return anchored_as_searched(anchored, rules, text, to, [](const zhmeta::RuleMatch &m) {
      return std::pair<std::string, std::string>(m.group("o"), m.group("n"));
    });
  };
  CHECK(run("副王五", 9) == Found{{"副", "王五"}});
  CHECK(run("副书记李四,副书记书王", 31) == Found{{"副书记", "李四"}});
  CHECK(run("副书记李四", 12).empty());  // the range ends before 四
  CHECK(run("副书记", 9).empty());       // nothing after the opener
  // Random texts of the same characters, line breaks and ASCII, every range end.
  at_every_range_end({"副", "书", "记", "王", "李", "五", "\n", "a"}, 3, 400, run);
}

TEST_CASE("a first piece of known lengths: line starts, single code points and words",
          "[anchored_rules]") {
  using zhmeta::pattern::first_piece_alternatives;
  using zhmeta::pattern::FirstPiece;
  FirstPiece p;
  REQUIRE(first_piece_alternatives("(?:(?m:^)|[^\\p{Han}?A-Z)·]|[由和与])", p));
  CHECK(p.empty_at_line_start);
  CHECK(p.one_code_point);
  CHECK(p.words.empty());
  FirstPiece q;
  REQUIRE(first_piece_alternatives("(?:(?:^|\\p{P})|增补|\\.x|选举)", q));
  CHECK(q.empty_at_line_start);
  CHECK(q.one_code_point);
  CHECK(q.words == std::vector<std::string>{"增补", ".x", "选举"});
  // Lengths not known at the start: a repetition, any character, an empty
  // alternative, a capture, flags, an assertion other than ^.
  for (const char *unknown :
       {"[ab]+", "(?:a|.)", "a|", "(?:a|(?P<x>b))", "(?i:a)|b", "\\b|a", "a$", "(?:a)b"}) {
    FirstPiece r;
    INFO(unknown);
    CHECK_FALSE(first_piece_alternatives(unknown, r));
  }
}

TEST_CASE(
    "a rule that opens with a line start, one code point or a word is tried only where its "
    "rest can follow",
    "[anchored_rules]") {
  // Like persons.cue_after: a line start, a non-Han character, 由 or 经过,
  // then a name of 王 or 李 and one more character, then 说 (the anchor, 2 to
  // 4 characters after the start). A try goes to RE2 only where 王 or 李
  // follows the piece.
  const auto pack = zhmeta::RulePack::load_files(
      {{"demo/a.rules",
        "rule demo.piece\n  pattern = (?:(?m:^)|[^\\p{Han}王]|由|经过)(?P<n>[王李]\\p{Han})说\n"
        "  emit = anchor:说 lead:2..4\n"}});
  const zhmeta::RuleSet &rules = pack->kind("demo");
  const zhmeta::AnchoredRules anchored(*pack, rules);
  using Found = std::vector<std::pair<std::size_t, std::string>>;  // match begin, group n
  auto run = [&](const std::string &text, std::size_t to) {
    return anchored_as_searched(anchored, rules, text, to, [](const zhmeta::RuleMatch &m) {
      return std::pair<std::size_t, std::string>(m.begin(), m.group("n"));
    });
  };
  CHECK(run("王五说", 9) == Found{{0, "王五"}});       // the line start
  CHECK(run("由李五说", 12) == Found{{0, "李五"}});    // a word
  CHECK(run("经过李五说", 15) == Found{{0, "李五"}});  // a word of two characters
  CHECK(run("书,王五说", 13) == Found{{3, "王五"}});   // one code point (ASCII)
  CHECK(run("书。李五说", 15) == Found{{3, "李五"}});  // one code point (three bytes)
  CHECK(run("书王五说", 12).empty());                  // 书 is none of them
  CHECK(run("x\n王五说", 11) == Found{{1, "王五"}});   // \n is a non-Han character
  CHECK(run("由李五说", 11).empty());                  // the range ends inside 说
  at_every_range_end({"由", "王", "李", "五", "说", ",", "\n", "书", "经", "过"}, 5, 600, run);
}

TEST_CASE("a search run from inside another's callback leaves the outer match's groups intact",
          "[anchored_rules]") {
  // Both searches take their group storage from the thread (BorrowedGroups):
  // the inner one must get storage of its own, not the outer match's.
  const auto pack =
      zhmeta::RulePack::load_files({{"demo/a.rules",
                                     "rule demo.pair\n  pattern = (?P<x>甲)(?P<y>乙)\n"
                                     "rule demo.one\n  pattern = (?P<z>丙)\n"}});
  const zhmeta::RuleSet &rules = pack->kind("demo");
  const std::string text = "甲乙丙甲乙";
  std::vector<std::string> seen;
  rules.for_each_match(0, text, 0, text.size(), [&](const zhmeta::RuleMatch &outer) {
    rules.for_each_match(1, text, 0, text.size(), [&](const zhmeta::RuleMatch &inner) {
      seen.push_back(std::string(inner.group("z")));
    });
    seen.push_back(std::string(outer.group("x")) + std::string(outer.group("y")) + "@" +
                   std::to_string(outer.begin()));
  });
  CHECK(seen == std::vector<std::string>{"丙", "甲乙@0", "丙", "甲乙@9"});
  // A later search with fewer groups starts from clean storage.
  std::vector<std::string> later;
  rules.for_each_match(1, text, 0, text.size(), [&](const zhmeta::RuleMatch &m) {
    later.push_back(std::string(m.group("z")) + "@" + std::to_string(m.begin()));
  });
  CHECK(later == std::vector<std::string>{"丙@6"});
}
