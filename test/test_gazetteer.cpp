// Gazetteer lookups: contains() and canonical() answer from an open-addressing
// table of the terms. These tests compare them with a std::map of the same
// terms, over enough terms that the table grows several times and probes run
// past occupied slots, and with strings that share a term's bytes but are not
// terms (prefixes, extensions, one byte changed).
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "rules/gazetteer_scan.hpp"
#include "rules/rule_pack.hpp"

namespace {

// A random term of 1..7 characters from a small alphabet: many terms share
// their first and last bytes and lengths.
std::string random_term(std::mt19937 &random) {
  static const std::vector<std::string> alphabet = {"中", "共", "市", "委", "书", "记", "a", "b"};
  std::string term;
  const std::size_t length = 1 + random() % 7;
  for (std::size_t i = 0; i < length; ++i) term += alphabet[random() % alphabet.size()];
  return term;
}

}  // namespace

TEST_CASE("gazetteer lookups agree with a map of its terms", "[gazetteer]") {
  std::mt19937 random(11);
  zhmeta::Gazetteer gazetteer;
  std::map<std::string, std::string> expected;  // term -> canonical
  for (int entry = 0; entry < 3000; ++entry) {
    const std::string canonical = random_term(random);
    std::vector<std::string> variants;
    for (std::size_t v = random() % 3; v > 0; --v) variants.push_back(random_term(random));
    // A term seen before keeps its first canonical form.
    expected.emplace(canonical, canonical);
    for (const std::string &v : variants) expected.emplace(v, canonical);
    gazetteer.add(canonical, variants);
  }
  gazetteer.sort_terms();
  REQUIRE(expected.size() > 2000);
  CHECK(gazetteer.terms().size() == expected.size());
  for (const auto &[term, canonical] : expected) {
    INFO(term);
    CHECK(gazetteer.contains(term));
    CHECK(gazetteer.canonical(term) == canonical);
  }
  // Near misses: every prefix, every extension by a byte, one byte changed.
  std::size_t misses = 0;
  for (const auto &entry : expected) {
    const std::string &term = entry.first;
    std::vector<std::string> probes = {term + "x", term + term.substr(0, 1), term};
    probes.back().back() = static_cast<char>(probes.back().back() ^ 1);
    for (std::size_t n = 1; n < term.size(); ++n) probes.push_back(term.substr(0, n));
    for (const std::string &probe : probes) {
      INFO(probe);
      const bool known = expected.count(probe) != 0;
      CHECK(gazetteer.contains(probe) == known);
      CHECK(gazetteer.canonical(probe) == (known ? expected.at(probe) : std::string()));
      misses += known ? 0 : 1;
    }
  }
  CHECK(misses > 1000);
  CHECK_FALSE(gazetteer.contains(""));
  CHECK(gazetteer.canonical("").empty());
  CHECK(zhmeta::Gazetteer().canonical("中").empty());
}

// IndexedGazetteer probes only the lengths of the terms that begin (end) with
// the character at hand; it must find what term_starting_at and
// term_ending_at find, which probe every length. Terms of one to four
// characters of one to four bytes (several lengths per first and last
// character, a character beyond the BMP), texts of the same characters plus
// an invalid byte, every position with every limit and floor.
TEST_CASE("indexed gazetteer lookups agree with the plain scans", "[gazetteer]") {
  static const std::vector<std::string> alphabet = {"中", "共", "市", "委", "a", "é", "𠀀", "\xE4"};
  std::mt19937 random(5);
  const auto random_text = [&](std::size_t most, bool valid) {
    std::string s;
    for (std::size_t n = 1 + random() % most; n > 0; --n)
      s += alphabet[random() % (valid ? alphabet.size() - 1 : alphabet.size())];
    return s;
  };
  for (int round = 0; round < 40; ++round) {
    zhmeta::Gazetteer gazetteer;
    const bool beyond_bmp = round % 4 == 3;  // else terms stay in the BMP: no fallback
    for (int entry = 0; entry < 12; ++entry) {
      std::string term = random_text(4, true);
      if (!beyond_bmp && term.find("𠀀") != std::string::npos) continue;
      gazetteer.add(term, {});
    }
    gazetteer.sort_terms();
    const zhmeta::IndexedGazetteer indexed(gazetteer);
    for (int t = 0; t < 20; ++t) {
      const std::string text = random_text(12, t % 5 != 0);
      for (std::size_t pos = 0; pos <= text.size(); ++pos)
        for (std::size_t bound = 0; bound <= text.size() + 1; ++bound) {
          INFO(text << " at " << pos << " bound " << bound);
          CHECK(indexed.starting_at(text, pos, bound) ==
                zhmeta::term_starting_at(gazetteer, text, pos, bound));
          CHECK(indexed.ending_at(text, pos, bound) ==
                zhmeta::term_ending_at(gazetteer, text, pos, bound));
        }
    }
  }
}

TEST_CASE("indexed gazetteer takes the longest term a character begins or ends", "[gazetteer]") {
  zhmeta::Gazetteer gazetteer;
  for (const char *term : {"书记", "副书记", "市委书记", "委员", "记"}) gazetteer.add(term, {});
  gazetteer.sort_terms();
  const zhmeta::IndexedGazetteer indexed(gazetteer);
  const std::string text = "市委书记委员";      // 3 bytes a character
  CHECK(indexed.starting_at(text, 0) == 12);    // 市委书记, not 市 alone (no such term)
  CHECK(indexed.starting_at(text, 6) == 6);     // 书记
  CHECK(indexed.starting_at(text, 6, 9) == 0);  // 书 alone is no term
  CHECK(indexed.starting_at(text, 9) == 3);     // 记
  CHECK(indexed.ending_at(text, 12) == 12);     // 市委书记 rather than 书记 or 记
  CHECK(indexed.ending_at(text, 12, 3) == 6);   // 市 lies before the floor: 书记
  CHECK(indexed.ending_at(text, 18) == 6);      // 委员
  CHECK(indexed.ending_at(text, 15) == 0);      // ...委 ends no term
  CHECK(indexed.starting_at(text, 3) == 0);     // 委书... : 委员 does not fit
}

TEST_CASE("indexed gazetteer finds a variant whose entry has an empty canonical form",
          "[gazetteer]") {
  // The indexed lookups ask the table for a term's canonical form: a term
  // listed with an empty one must still be found (the plain scans answer).
  zhmeta::Gazetteer gazetteer;
  gazetteer.add("", {"书记"});
  gazetteer.add("委员", {});
  gazetteer.sort_terms();
  const zhmeta::IndexedGazetteer indexed(gazetteer);
  const std::string text = "书记委员";
  CHECK(indexed.starting_at(text, 0) == 6);
  CHECK(indexed.ending_at(text, 6) == 6);
  CHECK(indexed.starting_at(text, 6) == 6);
  CHECK(indexed.ending_at(text, 12) == 6);
  CHECK(indexed.starting_at(text, 3) == 0);  // 记委… begins no term
}
