// extract/persons/name_occurrences: every occurrence of a set of names, in one
// pass. Expectations are worked out by hand, and the scan is compared with the
// matches of one RE2 alternation of the names, longest first (the semantics it
// promises). Every text and name here is invented.
#include <re2/re2.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "extract/persons/name_occurrences.hpp"

using zhmeta::NameHit;

namespace {

using Hits = std::vector<NameHit>;

Hits occurrences(std::string_view text, const std::vector<std::string_view> &names) {
  Hits hits{{1, 1}};  // the function clears what it is given
  zhmeta::find_name_occurrences(text, names, hits);
  return hits;
}

// The reference: one RE2 alternation of the distinct non-empty names, longest
// first, matched leftmost-first from the end of the previous match.
Hits alternation_hits(std::string_view text, std::vector<std::string_view> names) {
  names.erase(
      std::remove_if(names.begin(), names.end(), [](std::string_view n) { return n.empty(); }),
      names.end());
  if (names.empty()) return {};
  std::stable_sort(names.begin(), names.end(),
                   [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  std::string pattern;
  for (std::string_view n : names) {
    if (!pattern.empty()) pattern += '|';
    pattern += RE2::QuoteMeta(re2::StringPiece(n.data(), n.size()));
  }
  const RE2 re(pattern);
  REQUIRE(re.ok());
  Hits hits;
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece hit;
  for (std::size_t pos = 0; pos < text.size() &&
                            re.Match(input, pos, text.size(), RE2::UNANCHORED, &hit, 1) &&
                            !hit.empty();) {
    const auto begin = static_cast<std::size_t>(hit.data() - text.data());
    hits.emplace_back(begin, begin + hit.size());
    pos = begin + hit.size();
  }
  return hits;
}

}  // namespace

TEST_CASE("names are found at the text start and end, each occurrence once", "[name_occurrences]") {
  // 李四 is 6 bytes, 说 3.
  const std::string text = "李四说李四";
  CHECK(occurrences(text, {"李四"}) == Hits{{0, 6}, {9, 15}});
  CHECK(occurrences(text, {"李四", "李四", ""}) == Hits{{0, 6}, {9, 15}});
  CHECK(occurrences(text, {}).empty());
  CHECK(occurrences("", {"李四"}).empty());
  CHECK(occurrences("李", {"李四"}).empty());  // a name longer than the rest of the text
}

TEST_CASE("the longest name at a position wins, a prefix name is found elsewhere",
          "[name_occurrences]") {
  // 王明远 (9 bytes) at 0, 和 (3), then 王明 alone at 12.
  const std::string text = "王明远和王明";
  CHECK(occurrences(text, {"王明", "王明远"}) == Hits{{0, 9}, {12, 18}});
  CHECK(occurrences(text, {"王明远", "王明"}) == Hits{{0, 9}, {12, 18}});
}

TEST_CASE("overlapping occurrences: the leftmost is kept, the scan resumes after it",
          "[name_occurrences]") {
  // 张三丰 at 0 covers the 三丰 that 三丰年 would start at 3.
  CHECK(occurrences("张三丰年", {"三丰年", "张三丰"}) == Hits{{0, 9}});
  // Without 张三丰, 三丰年 is found at 3.
  CHECK(occurrences("张三丰年", {"三丰年"}) == Hits{{3, 12}});
  // 高山高山高: 高山高 at 0, then 山高 at 9 (高山高 at 6 would run past the end).
  CHECK(occurrences("高山高山高", {"高山高", "山高"}) == Hits{{0, 9}, {9, 15}});
}

TEST_CASE("code points that share the filter bits are still told apart", "[name_occurrences]") {
  // 一 (U+4E00) and 帀 (U+5E00) agree in their low 12 bits.
  CHECK(occurrences("一二", {"帀二"}).empty());
  CHECK(occurrences("一二帀二", {"帀二", "一三"}) == Hits{{6, 12}});
}

TEST_CASE("names with ASCII, a middle dot and several lengths", "[name_occurrences]") {
  const std::string text = "阿卜杜·卡迪尔和Anna会见阿卜杜";
  // 阿卜杜·卡迪尔 is 9 + 2 + 9 = 20 bytes, 和 3, Anna 4, 会见 6, 阿卜杜 at 33.
  CHECK(occurrences(text, {"阿卜杜", "Anna", "阿卜杜·卡迪尔"}) ==
        Hits{{0, 20}, {23, 27}, {33, 42}});
}

TEST_CASE("many names (more than 32) in one pass match the regex alternation",
          "[name_occurrences]") {
  const std::vector<std::string> surnames{"王", "李", "张", "刘", "陈", "杨"};
  const std::vector<std::string> given{"明", "华", "强", "军", "平", "伟", "芳"};
  std::vector<std::string> storage;
  for (const auto &s : surnames)
    for (const auto &g : given) storage.push_back(s + g);
  storage.push_back("王明华");
  storage.push_back("李强军平");
  std::vector<std::string_view> names(storage.begin(), storage.end());
  REQUIRE(names.size() > 32);
  const std::string text = "王明华和李强军平、陈芳、杨伟说,王明与刘平";
  // 王明华 0-9, 和, 李强军平 12-24, 、, 陈芳 27-33, 、, 杨伟 36-42, 说, ',' (1 byte),
  // 王明 46-52, 与, 刘平 55-61.
  const Hits expected{{0, 9}, {12, 24}, {27, 33}, {36, 42}, {46, 52}, {55, 61}};
  CHECK(occurrences(text, names) == expected);
  CHECK(alternation_hits(text, names) == expected);
}

TEST_CASE("random texts and name sets agree with the regex alternation", "[name_occurrences]") {
  // Small alphabets make overlaps, prefixes and repeats frequent; the Han-only
  // one keeps every name at least 3 bytes long, so the scan skips.
  const std::vector<std::vector<std::string>> alphabets{{"王", "明", "远", "李", "a", "·"},
                                                        {"王", "明", "远", "李"}};
  std::mt19937 random(20261201);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
  };
  for (const auto &alphabet : alphabets) {
    auto word = [&](std::size_t max_chars) {
      std::string w;
      for (std::size_t i = 0, n = pick(max_chars) + 1; i < n; ++i)
        w += alphabet[pick(alphabet.size())];
      return w;
    };
    for (int round = 0; round < 500; ++round) {
      std::vector<std::string> storage;
      for (std::size_t i = 0, n = pick(40); i < n; ++i) storage.push_back(word(4));
      const std::string text = word(30);
      std::vector<std::string_view> names(storage.begin(), storage.end());
      INFO("round " << round << " text " << text);
      CHECK(occurrences(text, names) == alternation_hits(text, names));
    }
  }
}
