// LiteralSet::scan against a reference written from its documented contract:
// every occurrence of every word at each code point boundary, text order, at
// one position longer words first (insertion order among equal lengths), and
// on_word returning true skips the rest at that position.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "core/literal_set.hpp"
#include "core/utf8.hpp"

using zhmeta::LiteralSet;

namespace {

using Found = std::vector<std::pair<std::size_t, std::size_t>>;  // (position, word index)

// The positions scan() visits: it steps code point by code point, taking a
// well-formed-looking three-byte sequence whole.
std::vector<std::size_t> boundaries(const std::string &text) {
  std::vector<std::size_t> out;
  for (std::size_t pos = 0; pos < text.size();) {
    out.push_back(pos);
    const auto lead = static_cast<unsigned char>(text[pos]);
    if ((lead & 0xF0) == 0xE0 && pos + 2 < text.size() &&
        (static_cast<unsigned char>(text[pos + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(text[pos + 2]) & 0xC0) == 0x80)
      pos += 3;
    else
      pos += zhmeta::utf8::decode(text, pos).len;
  }
  return out;
}

Found reference(const std::vector<std::string> &words, const std::string &text,
                bool stop_at_first) {
  Found out;
  for (const std::size_t pos : boundaries(text)) {
    std::vector<std::size_t> here;
    for (std::size_t i = 0; i < words.size(); ++i)
      if (!words[i].empty() && text.compare(pos, words[i].size(), words[i]) == 0) here.push_back(i);
    std::stable_sort(here.begin(), here.end(), [&](std::size_t a, std::size_t b) {
      return words[a].size() > words[b].size();
    });
    for (const std::size_t i : here) {
      out.emplace_back(pos, i);
      if (stop_at_first) break;
    }
  }
  return out;
}

Found scanned(const LiteralSet &set, const std::string &text, bool stop_at_first) {
  Found out;
  set.scan(text, [&](std::size_t pos, std::size_t index) {
    out.emplace_back(pos, index);
    return stop_at_first;
  });
  return out;
}

}  // namespace

TEST_CASE("LiteralSet finds overlapping words, longest first at a position", "[literal_set]") {
  LiteralSet set;
  const std::vector<std::string> words = {"会议", "会", "议", "市委书记", "书记", "ab", "会议室"};
  for (const auto &w : words) set.add(w);
  const std::string text = "市委书记在会议室开会议";
  // Worked out by hand: 市委书记@0 (0), 书记@6 (4), 会议室@15 then 会议 then 会,
  // 议@18, 会@27 then 会议@27?  会议 is longer: 会议@27 first, then 会@27, 议@30.
  const Found expected = {{0, 3},  {6, 4},  {15, 6}, {15, 0}, {15, 1},
                          {18, 2}, {27, 0}, {27, 1}, {30, 2}};
  CHECK(scanned(set, text, false) == expected);
  const Found first_only = {{0, 3}, {6, 4}, {15, 6}, {18, 2}, {27, 0}, {30, 2}};
  CHECK(scanned(set, text, true) == first_only);
}

TEST_CASE("LiteralSet handles words at the very end, long words and invalid bytes",
          "[literal_set]") {
  LiteralSet set;
  const std::vector<std::string> words = {"中华人民共和国国务院", "国务院", "院", "x"};
  for (const auto &w : words) set.add(w);
  // The ten-character word is longer than the 8-byte fast comparison; the
  // invalid bytes are skipped one by one; 院 ends the text (no 8-byte load).
  const std::string text = "中华人民共和国国务院\xffx\xff院";
  const Found expected = {{0, 0}, {21, 1}, {27, 2}, {31, 3}, {33, 2}};
  CHECK(scanned(set, text, false) == expected);
  CHECK(reference(words, text, false) == expected);
}

TEST_CASE("LiteralSet takes a one-character word only where that very character stands",
          "[literal_set]") {
  // One-code-point words are found without a byte comparison when the decoded
  // code point and length agree; malformed sequences that decode to the same
  // code point must not pass: an overlong h (E0 81 A8), a surrogate, and
  // invalid bytes that decode to U+FFFD (a lone FF, a truncated four-byte F0 90 80).
  LiteralSet set;
  const std::vector<std::string> words = {"h", "\xEF\xBF\xBD", "\xC3\xA9", "x"};
  for (const auto &w : words) set.add(w);
  const std::string text = "\xE0\x81\xA8\xED\xA0\x80\xFF\xF0\x90\x80xh\xEF\xBF\xBD\xC3\xA9";
  // Bytes: overlong 0-2, surrogate 3-5, FF 6, F0 90 80 7-9, x 10, h 11, U+FFFD 12-14, é 15-16.
  const Found expected = {{10, 3}, {11, 0}, {12, 1}, {15, 2}};
  CHECK(scanned(set, text, false) == expected);
  CHECK(reference(words, text, false) == expected);
}

TEST_CASE("LiteralSet agrees with the reference on random texts", "[literal_set]") {
  const std::vector<std::string> alphabet = {"会", "议", "书", "记", "市", "委",   "a",
                                             "b",  " ",  "\n", "𠀋", "é",  "\xe4", "\xff"};
  const std::size_t valid_letters =
      alphabet.size() - 2;  // words are valid UTF-8; texts may be anything
  std::mt19937 rng(20261201);
  auto random_string = [&](std::size_t max_pieces, std::size_t letters) {
    std::string s;
    const std::size_t n = 1 + rng() % max_pieces;
    for (std::size_t i = 0; i < n; ++i) s += alphabet[rng() % letters];
    return s;
  };
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> words;
    LiteralSet set;
    const std::size_t count = 1 + rng() % 12;
    for (std::size_t i = 0; i < count; ++i) {
      words.push_back(random_string(round % 2 ? 3 : 6, valid_letters));
      set.add(words.back());
    }
    const std::string text = random_string(60, alphabet.size());
    INFO("round " << round);
    CHECK(scanned(set, text, false) == reference(words, text, false));
    CHECK(scanned(set, text, true) == reference(words, text, true));
  }
}

TEST_CASE("LiteralSet finds words starting with any BMP character", "[literal_set]") {
  // scan() looks a three-byte character up in its start bitmap straight from
  // the loaded bytes, without assembling the code point; the other lengths
  // go through the code point. Every BMP character is in the text once, and
  // words start with characters from every part of the table (each lead
  // byte, each second byte's payload, each bit), alone and with a successor.
  auto utf8_of = [](char32_t cp) {
    std::string s;
    zhmeta::utf8::append(s, cp);
    return s;
  };
  auto surrogate = [](char32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; };
  std::string text;
  for (char32_t cp = 1; cp < 0x10000; ++cp)
    if (!surrogate(cp)) text += utf8_of(cp);
  std::vector<std::string> words;
  std::mt19937 rng(7);
  for (int i = 0; i < 150; ++i) {
    auto cp = static_cast<char32_t>(1 + rng() % 0xFFFE);
    if (surrogate(cp) || surrogate(cp + 1)) cp -= 0x801;
    words.push_back(utf8_of(cp));
    if (i % 3 == 0) words.push_back(utf8_of(cp) + utf8_of(cp + 1));
  }
  for (const char32_t cp : {0x41u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xFFFu, 0x1000u, 0xD7FFu, 0xE000u,
                            0xFFFFu, 0x4E00u, 0x4E3Fu, 0x4E40u, 0x9FA5u})
    words.push_back(utf8_of(cp));
  LiteralSet set;
  for (const auto &w : words) set.add(w);
  const Found found = scanned(set, text, false);
  CHECK(found == reference(words, text, false));
  CHECK(found.size() >= words.size());  // each word's first character is in the text
}

TEST_CASE("LiteralSet compares only the words whose second character can follow", "[literal_set]") {
  // At a position scan() compares only the words of one bucket (second code
  // point & 255) of the group of the first. Second characters here fall in
  // each quarter of the 256 buckets and collide in pairs (U+4E00 and U+4F00
  // share bucket 0); each bucket holds words of several lengths, some added
  // shorter first, and a word added twice.
  auto utf8_of = [](char32_t cp) {
    std::string s;
    zhmeta::utf8::append(s, cp);
    return s;
  };
  const std::string first = "会";
  std::vector<std::string> seconds;
  for (const char32_t cp : {0x4E00u, 0x4F00u, 0x4E01u, 0x4E3Fu, 0x4E40u, 0x4E41u, 0x4E7Fu, 0x4E80u,
                            0x4EC8u, 0x4EFFu, 0x4FFFu, 0x4F40u})
    seconds.push_back(utf8_of(cp));
  std::mt19937 rng(11);
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> words;
    LiteralSet set;
    for (std::size_t i = 0, n = 1 + rng() % 16; i < n; ++i) {
      std::string w = first;
      for (std::size_t k = 0, length = rng() % 4; k < length; ++k)
        w += seconds[rng() % seconds.size()];
      words.push_back(w);
      if (rng() % 8 == 0) words.push_back(w);
    }
    for (const auto &w : words) set.add(w);
    std::string text;
    for (std::size_t i = 0, n = rng() % 40; i < n; ++i)
      text += rng() % 3 == 0 ? first : seconds[rng() % seconds.size()];
    INFO("round " << round);
    CHECK(scanned(set, text, false) == reference(words, text, false));
    CHECK(scanned(set, text, true) == reference(words, text, true));
  }
}
