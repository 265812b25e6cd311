#include "extract/persons/anchored_rules.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "zhmeta/zhmeta.hpp"

namespace zhmeta {

// ---- AnchoredMatch ----

int AnchoredMatch::group_index(std::string_view name) const {
  auto it = rule_->groups.find(name);
  return it == rule_->groups.end() ? -1 : it->second;
}

std::string_view AnchoredMatch::group(std::string_view name) const {
  const int index = group_index(name);
  if (index < 0) return {};
  const auto &g = groups_[static_cast<std::size_t>(index)];
  return g.data() ? std::string_view(g.data(), g.size()) : std::string_view();
}

std::size_t AnchoredMatch::group_begin(std::string_view name) const {
  const int index = group_index(name);
  if (index < 0 || !groups_[static_cast<std::size_t>(index)].data()) return begin();
  return offset(index);
}

// ---- AnchoredRules ----

namespace {

// Rules are told apart by a bit of a 64-bit mask; later ones run unanchored.
constexpr std::size_t kMaxAnchoredRules = 64;
constexpr char32_t kBitmapLimit = 0x10000;

// `lead:` is a sum of character counts: numbers, and `@gazetteer` for the
// longest word of that list (lead:1+@surnames+2: one character, a surname,
// two given-name characters), so that it follows the word lists it depends on.
std::size_t parse_lead(const RulePack &pack, const Rule &rule) {
  const std::string_view lead = rule.emit_value("lead", "0");
  std::size_t total = 0;
  for (std::size_t from = 0; from <= lead.size();) {
    std::size_t plus = lead.find('+', from);
    if (plus == std::string_view::npos) plus = lead.size();
    const std::string_view part = lead.substr(from, plus - from);
    from = plus + 1;
    if (!part.empty() && part.front() == '@') {
      std::size_t longest = 0;
      for (const std::string &t : pack.gazetteer(part.substr(1)).terms()) longest = std::max(longest, utf8::length(t));
      total += longest;
      continue;
    }
    if (part.empty() || part.size() > 4 || !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
      throw Error(rule.file + ":" + std::to_string(rule.line) + ": rule " + rule.id +
                  ": lead is a sum of character counts and @gazetteer names, not `" + std::string(lead) + "`");
    total += static_cast<std::size_t>(std::stoul(std::string(part)));
  }
  return total;
}

}  // namespace

AnchoredRules::AnchoredRules(const RulePack &pack, const RuleSet &rules)
    : rules_(rules),
      anchored_(rules.rules().size(), false),
      lead_(rules.rules().size(), 0),
      first_bits_(kBitmapLimit / 64, 0) {
  if (!rules.empty()) scan_scope_ = rules.rules().front().kind + ".anchors";
  for (std::size_t i = 0; i < rules.rules().size() && i < kMaxAnchoredRules; ++i) {
    const Rule &rule = rules.rules()[i];
    const std::string_view anchor = rule.emit_value("anchor");
    if (anchor.empty()) continue;
    lead_[i] = parse_lead(pack, rule);
    if (anchor.front() == '@') {
      for (const std::string &t : pack.gazetteer(anchor.substr(1)).terms()) add_word(t, i);
    } else {
      for (std::size_t from = 0; from <= anchor.size();) {
        std::size_t bar = anchor.find('|', from);
        if (bar == std::string_view::npos) bar = anchor.size();
        add_word(anchor.substr(from, bar - from), i);
        from = bar + 1;
      }
    }
    anchored_[i] = true;
  }
  // Group by first code point, longest word first (any order would do: every
  // word that occurs is taken).
  std::vector<std::pair<char32_t, std::size_t>> order;
  for (std::size_t k = 0; k < anchors_.size(); ++k) order.emplace_back(utf8::decode(anchors_[k].word, 0).cp, k);
  std::sort(order.begin(), order.end(), [&](const auto &a, const auto &b) {
    if (a.first != b.first) return a.first < b.first;
    return anchors_[a.second].word.size() > anchors_[b.second].word.size();
  });
  std::vector<Anchor> sorted;
  for (const auto &[cp, k] : order) {
    auto [it, fresh] = by_first_.emplace(cp, std::make_pair(static_cast<std::uint32_t>(sorted.size()), 0u));
    it->second.second = static_cast<std::uint32_t>(sorted.size() + 1);
    (void)fresh;
    sorted.push_back(anchors_[k]);
    if (cp < kBitmapLimit) first_bits_[cp / 64] |= std::uint64_t{1} << (cp % 64);
  }
  anchors_ = std::move(sorted);
}

void AnchoredRules::add_word(std::string_view word, std::size_t rule) {
  if (word.empty()) return;
  for (Anchor &a : anchors_)
    if (a.word == word) {
      a.rules |= std::uint64_t{1} << rule;
      return;
    }
  storage_.emplace_back(word);  // a deque: the views stay valid
  anchors_.push_back(Anchor{storage_.back(), std::uint64_t{1} << rule});
}

void AnchoredRules::add_occurrence(std::string_view text, std::size_t pos, std::uint64_t rules,
                                   Candidates &out) const {
  for (std::size_t i = 0; rules != 0; ++i, rules >>= 1) {
    if ((rules & 1) == 0) continue;
    std::vector<std::size_t> &starts = out.starts[i];
    std::size_t p = pos;
    starts.push_back(p);
    for (std::size_t back = 0; back < lead_[i] && p > 0; ++back) {
      p = utf8::prev_boundary(text, p);
      starts.push_back(p);
    }
  }
}

void AnchoredRules::find(std::string_view text, Candidates &out) const {
  ZHMETA_PROFILE_SCOPE(scan_scope_, text.size());
  out.starts.resize(rules_.rules().size());
  for (auto &s : out.starts) s.clear();
  if (anchors_.empty()) return;
  for (std::size_t pos = 0; pos < text.size();) {
    const utf8::Decoded d = utf8::decode(text, pos);
    const bool maybe = d.cp < kBitmapLimit ? (first_bits_[d.cp / 64] >> (d.cp % 64) & 1) != 0
                                           : by_first_.count(d.cp) != 0;
    if (maybe && d.valid) {
      const auto [first, last] = by_first_.find(d.cp)->second;
      for (std::uint32_t k = first; k < last; ++k) {
        const std::string_view word = anchors_[k].word;
        if (text.compare(pos, word.size(), word) == 0) add_occurrence(text, pos, anchors_[k].rules, out);
      }
    }
    pos += d.len;
  }
  for (auto &s : out.starts) {
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
  }
}

}  // namespace zhmeta
