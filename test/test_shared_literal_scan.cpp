// core/shared_literal_scan: one scan for every source must hand each source
// exactly what its own scan finds (replayed, early stops included), and the
// rule prefilter fed from shared hits must pick the same rules as its own scan.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/shared_literal_scan.hpp"
#include "rules/rule_pack.hpp"
#include "test_support.hpp"

using zhmeta::LiteralHit;
using zhmeta::LiteralHits;
using zhmeta::LiteralSet;
using zhmeta::SharedLiteralScan;

namespace {

using Found = std::vector<std::pair<std::size_t, std::size_t>>;

Found own_scan(const LiteralSet &set, const std::string &text, bool stop_at_first) {
  Found out;
  set.scan(text, [&](std::size_t pos, std::size_t index) {
    out.emplace_back(pos, index);
    return stop_at_first;
  });
  return out;
}

// Calls f(rules, text, hits) for each kind of `kinds` and each sample article
// that a shared scan of the kind's prefilter atoms (taking `recorded` hits)
// serves: not those with an uppercase ASCII letter, which the kind scans itself.
template <typename F>
void for_each_scanned_sample(const std::vector<const char *> &kinds,
                             SharedLiteralScan::Recorded recorded, F &&f) {
  const auto pack = zhmeta::RulePack::load_embedded();
  for (const char *kind : kinds) {
    const zhmeta::RuleSet &rules = pack->kind(kind);
    SharedLiteralScan shared;
    const int source = shared.add([&] { return rules.atom_words(); }, true, recorded);
    for (const auto &path : zhmeta::test::sample_articles()) {
      const std::string text = zhmeta::test::read_file(path);
      LiteralHits hits;
      shared.scan(text, hits);
      if (!hits.of(source)) continue;
      INFO(kind << " " << path.filename().string());
      f(rules, text, *hits.of(source));
    }
  }
}

Found replayed(const std::vector<LiteralHit> &hits, bool stop_at_first) {
  Found out;
  LiteralSet::replay(hits, [&](std::size_t pos, std::size_t index) {
    out.emplace_back(pos, index);
    return stop_at_first;
  });
  return out;
}

}  // namespace

TEST_CASE("a shared scan gives each source what its own scan finds", "[shared_scan]") {
  // Three sources sharing words (书记 in two, 会议 twice in one), one that
  // ignores ASCII case, one that never provides words.
  LiteralSet a, b, c;
  for (const char *w : {"书记", "会议", "市委书记", "会议", "会"}) a.add(w);
  for (const char *w : {"书记", "记者", "者"}) b.add(w);
  for (const char *w : {"app", "会议"}) c.add(w);
  SharedLiteralScan shared;
  const int ia = shared.add([&] { return &a; }, false);
  const int ib = shared.add([&] { return &b; }, false);
  const int ic = shared.add([&] { return &c; }, true);
  const int none = shared.add([] { return nullptr; }, false);

  const std::string text = "市委书记出席会议。记者 app 会议室";
  LiteralHits hits;
  shared.scan(text, hits);
  REQUIRE(hits.of(ia) != nullptr);
  REQUIRE(hits.of(ib) != nullptr);
  REQUIRE(hits.of(ic) != nullptr);
  CHECK(hits.of(none) == nullptr);
  CHECK(hits.of(99) == nullptr);
  for (const bool stop : {false, true}) {
    CHECK(replayed(*hits.of(ia), stop) == own_scan(a, text, stop));
    CHECK(replayed(*hits.of(ib), stop) == own_scan(b, text, stop));
    CHECK(replayed(*hits.of(ic), stop) == own_scan(c, text, stop));
  }
  // By hand for source a: 市委书记@0 (2), 书记@6 (0), 会议@18 twice (1, 3), 会@18 (4),
  // 会议@38 (1, 3), 会@38 (4).
  const Found expected_a = {{0, 2}, {6, 0}, {18, 1}, {18, 3}, {18, 4}, {38, 1}, {38, 3}, {38, 4}};
  CHECK(replayed(*hits.of(ia), false) == expected_a);

  // An uppercase ASCII letter: the case-ignoring source scans for itself.
  shared.scan("APP会议", hits);
  CHECK(hits.of(ic) == nullptr);
  REQUIRE(hits.of(ia) != nullptr);
  CHECK(replayed(*hits.of(ia), false) == own_scan(a, "APP会议", false));
}

TEST_CASE("a shared scan agrees with own scans on random texts", "[shared_scan]") {
  const std::vector<std::string> letters = {"会", "议", "书", "记", "市",
                                            "委", "a",  " ",  "\n", "𠀋"};
  std::mt19937 rng(7);
  auto random_string = [&](std::size_t max_pieces) {
    std::string s;
    for (std::size_t i = 0, n = 1 + rng() % max_pieces; i < n; ++i)
      s += letters[rng() % letters.size()];
    return s;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<LiteralSet> sets(3);
    for (auto &set : sets)
      for (std::size_t i = 0, n = 1 + rng() % 6; i < n; ++i) set.add(random_string(3));
    SharedLiteralScan shared;
    for (const auto &set : sets) shared.add([&set] { return &set; }, false);
    const std::string text = random_string(50);
    LiteralHits hits;
    shared.scan(text, hits);
    INFO("round " << round);
    for (int s = 0; s < 3; ++s) {
      REQUIRE(hits.of(s) != nullptr);
      CHECK(replayed(*hits.of(s), false) ==
            own_scan(sets[static_cast<std::size_t>(s)], text, false));
      CHECK(replayed(*hits.of(s), true) == own_scan(sets[static_cast<std::size_t>(s)], text, true));
    }
  }
}

TEST_CASE("a first-only source gets each word's first hit, the others every hit", "[shared_scan]") {
  // Two sources share 书记 and 会; the first-only one also holds 会议 twice
  // (two indices: each gets its own first hit).
  LiteralSet every, first;
  for (const char *w : {"书记", "会"}) every.add(w);
  for (const char *w : {"会议", "书记", "会议", "会"}) first.add(w);
  SharedLiteralScan shared;
  const int ie = shared.add([&] { return &every; }, false);
  const int ifirst = shared.add([&] { return &first; }, false, SharedLiteralScan::Recorded::first);
  const std::string text = "书记会议,书记开会,会议";  // 书记@0 会议@6 书记@13 会@22 会议@26
  LiteralHits hits;
  for (int call = 0; call < 2;
       ++call) {  // a second scan of the same text: marks from the first must not leak
    shared.scan(text, hits);
    REQUIRE(hits.of(ie) != nullptr);
    REQUIRE(hits.of(ifirst) != nullptr);
    CHECK(replayed(*hits.of(ie), false) == Found{{0, 0}, {6, 1}, {13, 0}, {22, 1}, {26, 1}});
    // By hand: 书记 first @0 (1); 会议 @6 (0, 2), 会 @6 (3); nothing later.
    CHECK(replayed(*hits.of(ifirst), false) == Found{{0, 1}, {6, 0}, {6, 2}, {6, 3}});
  }
  // Another text right after: every word is new to this call again.
  shared.scan("开会", hits);
  CHECK(replayed(*hits.of(ifirst), false) == Found{{3, 3}});
}

TEST_CASE("rule candidates for a whole text are the same from first hits only", "[shared_scan]") {
  std::size_t texts_checked = 0;
  for_each_scanned_sample(
      {"dates", "bylines", "organizations"}, SharedLiteralScan::Recorded::first,
      [&](const zhmeta::RuleSet &rules, const std::string &text,
          const std::vector<LiteralHit> &hits) {
        std::vector<int> from_hits, from_scan;
        rules.candidates(text, 0, text.size(), &hits, from_hits);
        rules.candidates(text, from_scan);
        CHECK(from_hits == from_scan);
        ++texts_checked;
      });
  CHECK(texts_checked > 10);
}

TEST_CASE("rule candidates from shared hits equal those of a scan of the line", "[shared_scan]") {
  std::size_t lines_checked = 0;
  for_each_scanned_sample(
      {"organizations", "meetings", "dates", "bylines"}, SharedLiteralScan::Recorded::every,
      [&](const zhmeta::RuleSet &rules, const std::string &text,
          const std::vector<LiteralHit> &hits) {
        std::vector<int> from_hits, from_scan;
        for (std::size_t from = 0; from < text.size();) {
          std::size_t to = text.find('\n', from);
          to = to == std::string::npos ? text.size() : to;
          rules.candidates(text, from, to, &hits, from_hits);
          rules.candidates(std::string_view(text).substr(from, to - from), from_scan);
          INFO("@" << from);
          CHECK(from_hits == from_scan);
          ++lines_checked;
          from = to + 1;
        }
      });
  CHECK(lines_checked > 100);
}

TEST_CASE("remembered prefilter answers equal fresh ones, across packs", "[shared_scan]") {
  // RuleSet::candidates remembers FilteredRE2's answer per set of atoms, per
  // thread and per filter. A pack with other rules, loaded after the first
  // was freed (perhaps at the same address), must not see its answers: its
  // extra rule has no atoms, so it is a candidate for every set of atoms.
  const auto dir = std::filesystem::temp_directory_path() / "zhmeta_test_prefilter_memo";
  std::filesystem::remove_all(dir);
  for (const char *kind : {"organizations", "meetings", "dates", "bylines"}) {
    std::filesystem::create_directories(dir / kind);
    std::ofstream(dir / kind / "extra.rules")
        << "rule " << kind << ".memo_test\n  pattern = \\p{Han}{40}\n";
  }
  std::vector<std::string> lines = {"县委召开会议"};
  for (const auto &path : zhmeta::test::sample_articles()) {
    const std::string text = zhmeta::test::read_file(path);
    for (std::size_t from = 0; from < text.size();) {
      std::size_t to = text.find('\n', from);
      to = to == std::string::npos ? text.size() : to;
      lines.push_back(text.substr(from, to - from));
      from = to + 1;
    }
  }
  REQUIRE(lines.size() > 20);
  auto check = [&](const zhmeta::RulePack &pack, const zhmeta::RulePack &reference,
                   const char *kind) {
    std::vector<int> once, again, fresh;
    for (const std::string &line : lines) {
      pack.kind(kind).candidates(line, once);
      pack.kind(kind).candidates(line, again);  // from the memo
      reference.kind(kind).candidates(line, fresh);
      INFO(kind << ": " << line);
      CHECK(once == again);
      CHECK(once == fresh);
    }
  };
  const char *kinds[] = {"organizations", "meetings", "dates", "bylines"};
  auto first = zhmeta::RulePack::load_embedded();
  for (const char *kind : kinds) check(*first, *zhmeta::RulePack::load_embedded(), kind);
  first.reset();
  const auto layered = zhmeta::RulePack::load_embedded({dir.string()});
  const auto layered_reference = zhmeta::RulePack::load_embedded({dir.string()});
  for (const char *kind : kinds) {
    check(*layered, *layered_reference, kind);
    // The extra rule is the last one: it must be a candidate on the first line.
    std::vector<int> out;
    layered->kind(kind).candidates(lines[0], out);
    CHECK(std::find(out.begin(), out.end(),
                    static_cast<int>(layered->kind(kind).rules().size()) - 1) != out.end());
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a rule is found from hits exactly when the hits path answers for it", "[shared_scan]") {
  // Organizations and meetings leave their prefilter atoms out of the shared
  // scan when every rule they read is found from hits: the claim must be the
  // one for_each_match_bounds_from_hits() acts on, or a kind would fall back
  // to scanning for its atoms itself on every document.
  const auto dir = std::filesystem::temp_directory_path() / "zhmeta_test_found_from_hits";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "organizations");
  std::ofstream(dir / "organizations" / "extra.rules")
      << "rule organizations.classes_only\n  pattern = \\p{Han}{2}局\n";
  const auto pack = zhmeta::RulePack::load_embedded({dir.string()});
  std::filesystem::remove_all(dir);
  const std::vector<LiteralHit> none;
  struct Unit {
    std::size_t begin, end;
  };
  const std::vector<Unit> units;
  std::size_t found = 0, not_found = 0;
  for (const char *kind : {"organizations", "meetings", "dates", "bylines", "persons"}) {
    const zhmeta::RuleSet &rules = pack->kind(kind);
    const int count = static_cast<int>(rules.rules().size());
    for (int index = 0; index < count; ++index) {
      const bool answered = rules.for_each_match_bounds_from_hits(
          std::string_view(), units, [](int, std::size_t, std::size_t, std::size_t) {},
          [&](int i) { return i == index; }, &none, &none);
      INFO(kind << " " << rules.rules()[static_cast<std::size_t>(index)].id);
      CHECK(rules.found_from_hits(index) == answered);
      ++(answered ? found : not_found);
    }
    CHECK_FALSE(rules.found_from_hits(-1));
    CHECK_FALSE(rules.found_from_hits(count));
  }
  // Literal rules (meetings.attend), rules with openers (meetings.chair) and
  // rules with neither (the class-only one above) all occur.
  const zhmeta::RuleSet &meetings = pack->kind("meetings");
  for (const char *id : {"meetings.attend", "meetings.chair"}) {
    REQUIRE(meetings.find(id) != nullptr);
    CHECK(meetings.found_from_hits(static_cast<int>(meetings.find(id) - meetings.rules().data())));
  }
  const zhmeta::RuleSet &organizations = pack->kind("organizations");
  CHECK_FALSE(organizations.found_from_hits(static_cast<int>(organizations.rules().size()) - 1));
  CHECK(found > 0);
  CHECK(not_found > 0);
}

TEST_CASE("a shared scan gives up on texts dense with hits", "[shared_scan]") {
  // Every source's hits are held at once: past one hit per two bytes (a page
  // of brackets, say) each source scans for itself instead.
  LiteralSet brackets, words;
  brackets.add("(");
  words.add("会议");
  SharedLiteralScan shared;
  const int ib = shared.add([&] { return &brackets; }, false);
  const int iw = shared.add([&] { return &words; }, false);
  LiteralHits hits;
  shared.scan(std::string(100000, '('), hits);
  CHECK(hits.of(ib) == nullptr);
  CHECK(hits.of(iw) == nullptr);
  // A few brackets in ordinary text are fine.
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "县里召开工作会议(第" + std::to_string(i) + "次)。";
  shared.scan(text, hits);
  REQUIRE(hits.of(ib) != nullptr);
  REQUIRE(hits.of(iw) != nullptr);
  CHECK(hits.of(ib)->size() == 2000);
  CHECK(hits.of(iw)->size() == 2000);
}

TEST_CASE("capital letters are found a word at a time exactly as byte by byte", "[shared_scan]") {
  using zhmeta::contains_ascii_upper;
  // Each capital, and its neighbours '@' and '[', at every offset of a word;
  // bytes with the high bit whose low bits spell a capital (0xC1) are not capitals.
  for (std::size_t offset = 0; offset < 19; ++offset) {
    for (int c = 0; c < 256; ++c) {
      std::string text(19, 'x');
      text[offset] = static_cast<char>(c);
      INFO("byte " << c << " at " << offset);
      CHECK(contains_ascii_upper(text) == (c >= 'A' && c <= 'Z'));
    }
  }
  std::mt19937 random(7);
  std::uniform_int_distribution<int> byte(0, 255), length(0, 40);
  for (int round = 0; round < 20000; ++round) {
    std::string text(static_cast<std::size_t>(length(random)), '\0');
    for (char &c : text) {
      c = static_cast<char>(byte(random));
      if (c >= 'A' && c <= 'Z' && byte(random) < 240) c = 'a';  // mostly none, as in news text
    }
    const bool expected =
        std::any_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (contains_ascii_upper(text) != expected)
      FAIL("disagrees on a text of " << text.size() << " bytes");
  }
}
