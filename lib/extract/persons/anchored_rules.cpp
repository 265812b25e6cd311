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
// Second half of the key of a one-character word (above every code point).
constexpr char32_t kNoSecond = 0x1FFFFF;
// Size of the bitmap over hashed first-two-character pairs.
constexpr std::size_t kPairBits = std::size_t{1} << 16;

inline bool test_bit(const std::vector<std::uint64_t> &bits, std::size_t i) {
  return (bits[i / 64] >> (i % 64) & 1) != 0;
}

inline std::size_t pair_bit(char32_t first, char32_t second) {
  return static_cast<std::size_t>((std::uint64_t{first} * 0x9E3779B1u ^ second) * 0x85EBCA6Bu >> 8) % kPairBits;
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
      for (const std::string &t : pack.gazetteer(part.substr(1)).terms()) longest = std::max(longest, utf8::length(t));
      total += longest;
      continue;
    }
    if (part.empty() || part.size() > 4 || !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
      throw Error(rule.file + ":" + std::to_string(rule.line) + ": rule " + rule.id +
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
    throw Error(rule.file + ":" + std::to_string(rule.line) + ": rule " + rule.id + ": lead MIN..MAX with MIN > MAX");
  return {min, max};
}

}  // namespace

AnchoredRules::AnchoredRules(const RulePack &pack, const RuleSet &rules)
    : rules_(rules),
      anchored_(rules.rules().size(), false),
      lead_(rules.rules().size(), {0, 0}),
      first_bits_(kBitmapLimit / 64, 0),
      single_bits_(kBitmapLimit / 64, 0),
      pair_bits_(kPairBits / 64, 0) {
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
  // Group by the first two code points (words of one character by their only
  // one), longest word first (any order would do: every word found is taken).
  std::vector<std::pair<std::uint64_t, std::size_t>> order;
  for (std::size_t k = 0; k < anchors_.size(); ++k) order.emplace_back(key_of(anchors_[k].word), k);
  std::sort(order.begin(), order.end(), [&](const auto &a, const auto &b) {
    if (a.first != b.first) return a.first < b.first;
    return anchors_[a.second].word.size() > anchors_[b.second].word.size();
  });
  std::size_t groups = 0;
  for (std::size_t k = 0; k < order.size(); ++k) groups += k == 0 || order[k].first != order[k - 1].first;
  std::size_t capacity = 16;
  while (capacity < 2 * groups) capacity *= 2;
  slots_.assign(capacity, Slot{});
  slot_shift_ = 64;
  for (std::size_t c = capacity; c > 1; c /= 2) --slot_shift_;
  std::vector<Anchor> sorted;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::uint64_t key = order[k].first;
    if (k == 0 || key != order[k - 1].first) {
      std::size_t i = slot_of(key);
      while (slots_[i].used) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = Slot{key, static_cast<std::uint32_t>(sorted.size()), static_cast<std::uint32_t>(sorted.size()), true};
    }
    slots_[find_slot(key)].last = static_cast<std::uint32_t>(sorted.size() + 1);
    sorted.push_back(anchors_[order[k].second]);
    const char32_t first = static_cast<char32_t>(key >> 21), second = static_cast<char32_t>(key & kNoSecond);
    if (first < kBitmapLimit) first_bits_[first / 64] |= std::uint64_t{1} << (first % 64);
    else rare_first_ = true;
    if (second == kNoSecond) {
      if (first < kBitmapLimit) single_bits_[first / 64] |= std::uint64_t{1} << (first % 64);
    } else {
      const std::size_t bit = pair_bit(first, second);
      pair_bits_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
  }
  anchors_ = std::move(sorted);
}

std::uint64_t AnchoredRules::key_of(std::string_view word) {
  const utf8::Decoded first = utf8::decode(word, 0);
  const char32_t second = first.len < word.size() ? utf8::decode(word, first.len).cp : kNoSecond;
  return std::uint64_t{first.cp} << 21 | second;
}

std::size_t AnchoredRules::find_slot(std::uint64_t key) const {
  for (std::size_t i = slot_of(key);; i = (i + 1) & (slots_.size() - 1)) {
    if (!slots_[i].used) return slots_.size();
    if (slots_[i].key == key) return i;
  }
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

namespace {

// The code point at `pos` and its length; the common cases (ASCII, three-byte
// Han) without the general decoder's checks: the text is normalized, hence
// valid UTF-8 (on other text a bad sequence only makes a wrong code point,
// never a read past the end).
inline utf8::Decoded decode_at(std::string_view text, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80) return {b0, 1, true};
  if ((b0 & 0xF0) == 0xE0 && pos + 2 < text.size())
    return {char32_t{b0 & 0x0Fu} << 12 | char32_t{static_cast<unsigned char>(text[pos + 1]) & 0x3Fu} << 6 |
                char32_t{static_cast<unsigned char>(text[pos + 2]) & 0x3Fu},
            3, true};
  return utf8::decode(text, pos);
}

}  // namespace

void AnchoredRules::find(std::string_view text, Candidates &out) const {
  ZHMETA_PROFILE_SCOPE(scan_scope_, text.size());
  out.starts.resize(rules_.rules().size());
  for (auto &s : out.starts) s.clear();
  if (anchors_.empty()) return;
  auto take = [&](std::size_t slot, std::size_t pos, std::size_t known) {
    if (slot == slots_.size()) return;
    for (std::uint32_t k = slots_[slot].first; k < slots_[slot].last; ++k) {
      const std::string_view word = anchors_[k].word;
      // The first `known` bytes are those of the key; compare the rest.
      if (word.size() == known ||
          (pos + word.size() <= text.size() &&
           text.compare(pos + known, word.size() - known, word.substr(known)) == 0))
        add_occurrence(text, pos, anchors_[k].rules, out);
    }
  };
  const std::uint64_t *first_bits = first_bits_.data();
  const auto *bytes = reinterpret_cast<const unsigned char *>(text.data());
  const std::size_t size = text.size();
  for (std::size_t pos = 0; pos < size;) {
    // Most characters are three-byte ones that start no anchor word: decode
    // and test them inline before anything else.
    const unsigned b0 = bytes[pos];
    if ((b0 & 0xF0) == 0xE0 && pos + 2 < size) {
      const std::size_t cp = (b0 & 0x0Fu) << 12 | (bytes[pos + 1] & 0x3Fu) << 6 | (bytes[pos + 2] & 0x3Fu);
      if ((first_bits[cp / 64] >> (cp % 64) & 1) == 0) {
        pos += 3;
        continue;
      }
    }
    const utf8::Decoded d = decode_at(text, pos);
    const bool rare = d.cp >= kBitmapLimit;
    if ((rare ? rare_first_ : test_bit(first_bits_, d.cp)) && d.valid) {
      const std::uint64_t first = std::uint64_t{d.cp} << 21;
      if (rare || test_bit(single_bits_, d.cp)) take(find_slot(first | kNoSecond), pos, d.len);
      if (pos + d.len < text.size()) {
        const utf8::Decoded d2 = decode_at(text, pos + d.len);
        if (d2.valid && test_bit(pair_bits_, pair_bit(d.cp, d2.cp)))
          take(find_slot(first | d2.cp), pos, d.len + d2.len);
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
