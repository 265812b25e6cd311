#include "rules/anchored_rules.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/utf8.hpp"
#include "zhmeta/zhmeta.hpp"

namespace zhmeta {

// ---- AnchoredRules ----

namespace {

// Rules are told apart by a bit of a 64-bit mask; later ones run unanchored.
constexpr std::size_t kMaxAnchoredRules = 64;

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

AnchoredRules::AnchoredRules(const RulePack &pack, const RuleSet &rules)
    : rules_(rules),
      anchored_(rules.rules().size(), false),
      lead_(rules.rules().size(), {0, 0}),
      start_filters_(rules.rules().size()) {
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
    // With lead 0 a match begins with an anchor word: nothing to filter.
    if (lead_[i].second > 0) start_filters_[i] = StartFilter::of(rule.expanded);
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
  for (std::size_t i = 0; rules != 0; ++i, rules >>= 1) {
    if ((rules & 1) == 0) continue;
    std::vector<std::size_t> &starts = out.starts[i];
    const auto [min, max] = lead_[i];
    std::size_t p = pos;
    if (min == 0) starts.push_back(p);
    for (std::size_t back = 1; back <= max && p > 0; ++back) {
      --p;  // back to the previous code point's first byte
      while (p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
      if (back >= min) starts.push_back(p);
    }
  }
}

void AnchoredRules::find(std::string_view text, Candidates &out,
                         const std::vector<LiteralHit> *word_hits) const {
  ZHMETA_PROFILE_SCOPE(scan_scope_, text.size());
  out.starts.resize(rules_.rules().size());
  // Callers keep `out` from one text to the next (per thread): lists grown
  // for a huge text are freed rather than kept for every later one.
  constexpr std::size_t kKeptStarts = std::size_t{1} << 16;
  for (auto &s : out.starts) {
    if (s.capacity() > kKeptStarts && s.capacity() > text.size())
      std::vector<std::size_t>().swap(s);
    else
      s.clear();
  }
  auto on_word = [&](std::size_t pos, std::size_t word) {
    add_occurrence(text, pos, word_rules_[word], out);
    return false;  // shorter words at the same place count too
  };
  if (word_hits)
    LiteralSet::replay(*word_hits, on_word);
  else
    words_.scan(text, on_word);
  for (auto &s : out.starts) {
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
  }
}

}  // namespace zhmeta
