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
