#include "rules/anchored_rules.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/scratch.hpp"
#include "core/utf8.hpp"
#include "rules/group_placer.hpp"
#include "rules/pattern_syntax.hpp"
#include "zhmeta/zhmeta.hpp"

namespace zhmeta {

// ---- AnchoredRules ----

namespace {

// Rules are told apart by a bit of a 64-bit mask; later ones run unanchored.
constexpr std::size_t kMaxAnchoredRules = 64;

// Index of the lowest set bit of a non-zero mask.
std::size_t lowest_bit(std::uint64_t mask) {
  return static_cast<std::size_t>(__builtin_ctzll(mask));
}

// A sum of character counts: numbers, and `@gazetteer` for the longest word of
// that list (1+@surnames+2: one character, a surname, two given-name
// characters), so that it follows the word lists it depends on.
std::size_t parse_sum(const RulePack &pack, const Rule &rule, std::string_view sum) {
  std::size_t total = 0;
  for (std::size_t from = 0; from <= sum.size();) {
    std::size_t plus = sum.find('+', from);
    if (plus == std::string_view::npos) plus = sum.size();
    const std::string_view part = sum.substr(from, plus - from);
    from = plus + 1;
    if (!part.empty() && part.front() == '@') {
      std::size_t longest = 0;
      for (const std::string &t : pack.gazetteer(part.substr(1)).terms())
        longest = std::max(longest, utf8::length(t));
      total += longest;
      continue;
    }
    if (part.empty() || part.size() > 4 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
      throw Error(
          rule.file + ":" + std::to_string(rule.line) + ": rule " + rule.id +
          ": lead is MIN..MAX or MAX, each a sum of character counts and @gazetteer names, not `" +
          std::string(sum) + "`");
    total += static_cast<std::size_t>(std::stoul(std::string(part)));
  }
  return total;
}

// `lead:MIN..MAX` or `lead:MAX` (MIN 0): how many characters may stand
// between the match's beginning and the anchor word.
std::pair<std::size_t, std::size_t> parse_lead(const RulePack &pack, const Rule &rule) {
  const std::string_view lead = rule.emit_value("lead", "0");
  const std::size_t dots = lead.find("..");
  if (dots == std::string_view::npos) return {0, parse_sum(pack, rule, lead)};
  const std::size_t min = parse_sum(pack, rule, lead.substr(0, dots));
  const std::size_t max = parse_sum(pack, rule, lead.substr(dots + 2));
  if (min > max)
    throw Error(rule.file + ":" + std::to_string(rule.line) + ": rule " + rule.id +
                ": lead MIN..MAX with MIN > MAX");
  return {min, max};
}

}  // namespace

// The opening words and the rest of `pattern` (see OpenerThenRest), or null
// when the pattern does not open with an alternation of literal words (at its
// first capture boundary), or its rest may begin with anything or match empty.
std::unique_ptr<const AnchoredRules::OpenerThenRest> AnchoredRules::opener_then_rest(
    std::string_view pattern) {
  PatternSplit split;
  if (!split_at_captures(pattern, split) || split.leaves.size() < 2) return nullptr;
  // The leaves are the pattern cut at its capture boundaries: the ones after
  // the first, one after the other, are the rest.
  std::string rest;
  for (std::size_t k = 1; k < split.leaves.size(); ++k) rest += split.leaves[k];
  auto out = std::make_unique<OpenerThenRest>();
  out->rest = StartFilter::of(rest);
  if (!out->rest.selective()) return nullptr;
  std::vector<std::string> openers;
  if (!pattern::literal_alternatives(split.leaves.front(), openers)) {
    // Not only words: a first piece of known lengths (a line start, one code
    // point, words), or nothing to test.
    if (!pattern::first_piece_alternatives(split.leaves.front(), out->piece)) return nullptr;
    out->by_piece = true;
    return out;
  }
  for (const std::string &word : openers) {
    const utf8::Decoded first = utf8::decode(word, 0);
    if (word.size() >= 64 || first.cp > 0xFFFF || !first.valid) return nullptr;
    out->opener_lengths.add(first.cp, word.size());
  }
  if (out->opener_lengths.overflow()) return nullptr;
  return out;
}

AnchoredRules::AnchoredRules(const RulePack &pack, const RuleSet &rules)
    : rules_(rules),
      anchored_(rules.rules().size(), false),
      lead_(rules.rules().size(), {0, 0}),
      start_filters_(rules.rules().size()),
      literal_words_(rules.rules().size()),
      opener_then_rest_(rules.rules().size()) {
  if (!rules.empty()) scan_scope_ = rules.rules().front().kind + ".anchors";
  std::unordered_map<std::string_view, std::size_t> index;  // word -> its index in words_
  for (std::size_t i = 0; i < rules.rules().size() && i < kMaxAnchoredRules; ++i) {
    const Rule &rule = rules.rules()[i];
    const std::string_view anchor = rule.emit_value("anchor");
    if (anchor.empty()) continue;
    lead_[i] = parse_lead(pack, rule);
    if (anchor.front() == '@') {
      for (const std::string &t : pack.gazetteer(anchor.substr(1)).terms()) add_word(t, i, index);
    } else {
      for (std::size_t from = 0; from <= anchor.size();) {
        std::size_t bar = anchor.find('|', from);
        if (bar == std::string_view::npos) bar = anchor.size();
        add_word(anchor.substr(from, bar - from), i, index);
        from = bar + 1;
      }
    }
    anchored_[i] = true;
    max_lead_ = std::max(max_lead_, lead_[i].second);
    // With lead 0 a match begins with an anchor word: nothing to filter.
    if (lead_[i].second > 0) start_filters_[i] = StartFilter::of(rule.expanded);
    if (!pattern::literal_alternatives(rule.expanded, literal_words_[i])) literal_words_[i].clear();
    opener_then_rest_[i] = opener_then_rest(rule.expanded);
  }
}

void AnchoredRules::add_word(std::string_view word, std::size_t rule,
                             std::unordered_map<std::string_view, std::size_t> &index) {
  if (word.empty()) return;
  const auto [it, fresh] = index.emplace(word, word_rules_.size());
  if (fresh) {
    words_.add(word);
    word_rules_.push_back(0);
  }
  word_rules_[it->second] |= std::uint64_t{1} << rule;
}

void AnchoredRules::add_occurrence(std::string_view text, std::size_t pos, std::uint64_t rules,
                                   Candidates &out) const {
  // behind[b]: the first byte of the code point b characters before `pos`,
  // walked back once for all the rules of the words at `pos`, only as far as
  // they need.
  std::size_t *const behind = out.behind.data();
  behind[0] = pos;
  std::size_t depth = 0;  // behind[0, depth] are known
  for (; rules != 0; rules &= rules - 1) {
    const std::size_t i = lowest_bit(rules);
    const auto [min, max] = lead_[i];
    while (depth < max && behind[depth] > 0) {
      std::size_t p = behind[depth] - 1;  // back to the previous code point's first byte
      while (p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
      behind[++depth] = p;
    }
    // The text may begin less than `max` characters back.
    const std::size_t farthest = std::min(max, depth);
    if (farthest < min) continue;
    // Anchors come in text order, so each rule's positions are the
    // characters [MIN, MAX] back of ascending anchors: ranges whose both ends
    // only move forward. What does not lie past the rule's last position is
    // in the range added last already, so appending the rest keeps the list
    // ascending and free of repeats, with no sort.
    std::vector<std::size_t> &starts = out.starts[i];
    std::size_t b = farthest + 1;
    if (!starts.empty())
      while (b > min && behind[b - 1] <= starts.back()) --b;
    while (b > min) starts.push_back(behind[--b]);
  }
}

void AnchoredRules::find(std::string_view text, Candidates &out,
                         const std::vector<LiteralHit> *word_hits) const {
  ZHMETA_PROFILE_SCOPE(scan_scope_, text.size());
  out.starts.resize(rules_.rules().size());
  out.behind.resize(max_lead_ + 1);
  // Callers keep `out` from one text to the next (per thread): lists grown
  // for a huge text are freed rather than kept for every later one.
  for (auto &s : out.starts) fresh_scratch(s, text.size());
  // The rules of every word at one position are added together.
  std::size_t at = 0;
  std::uint64_t rules_at = 0;
  auto on_word = [&](std::size_t pos, std::size_t word) {
    if (pos != at && rules_at != 0) {
      add_occurrence(text, at, rules_at, out);
      rules_at = 0;
    }
    at = pos;
    rules_at |= word_rules_[word];
    return false;  // shorter words at the same place count too
  };
  if (word_hits)
    LiteralSet::replay(*word_hits, on_word);
  else
    words_.scan(text, on_word);
  if (rules_at != 0) add_occurrence(text, at, rules_at, out);
}

}  // namespace zhmeta
