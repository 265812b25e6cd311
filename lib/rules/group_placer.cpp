#include "rules/group_placer.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "core/utf8.hpp"
#include "rules/pattern_syntax.hpp"

namespace zhmeta {

namespace {

constexpr std::size_t npos = std::string_view::npos;
// place() keeps the leaf boundaries on the stack; longer chains get no placer.
constexpr std::size_t kMaxLeaves = 32;

using pattern::escape_end;
using pattern::group_close;
using pattern::Paren;
using pattern::paren_at;
using pattern::ParenAt;

// True when RE2 with `options` matches a literal word byte for byte, as
// GroupPlacer::Words does.
bool matches_bytes(const RE2::Options &options) {
  return options.encoding() == RE2::Options::EncodingUTF8 && options.case_sensitive() &&
         !options.literal();
}

bool is_quantifier(char c) { return c == '*' || c == '+' || c == '?' || c == '{'; }

class Splitter {
 public:
  Splitter(std::string_view pattern, PatternSplit &out) : p_(pattern), out_(out) {}

  bool run() {
    std::size_t i = 0;
    return sequence(i, std::string(), true) && i == p_.size();
  }

 private:
  // Walks the sequence starting at p_[i] up to the ')' that closes it (i is
  // left there) or the end of the pattern (`top`). `flags` are the (?flags)
  // of enclosing levels written before this one's captures.
  bool sequence(std::size_t &i, std::string flags, bool top) {
    std::string leaf, leaf_flags;
    auto append = [&](std::size_t from, std::size_t to) {
      if (leaf.empty()) leaf_flags = flags;
      leaf.append(p_, from, to - from);
    };
    auto flush = [&] {
      if (!leaf.empty()) out_.leaves.push_back(leaf_flags + leaf);
      leaf.clear();
    };
    while (i < p_.size()) {
      const char c = p_[i];
      if (c == ')') {
        if (top) return false;
        break;
      }
      if (c == '|') return false;  // a capture would sit in one alternative
      if (c == '\\') {
        const std::size_t e = escape_end(p_, i);
        if (e == npos) return false;
        append(i, e);
        i = e;
        continue;
      }
      if (c == '[') {
        const std::size_t e = pattern::class_end(p_, i);
        if (e >= p_.size()) return false;
        append(i, e + 1);
        i = e + 1;
        continue;
      }
      if (c != '(') {
        append(i, i + 1);
        ++i;
        continue;
      }
      const ParenAt paren = paren_at(p_, i);
      if (paren.kind == Paren::kUnknown) return false;
      if (paren.kind == Paren::kFlags) {  // in force up to the end of this sequence
        append(i, paren.next);
        flags.append(p_, i, paren.next - i);
        i = paren.next;
        continue;
      }
      bool inner_capture = false;
      const std::size_t close = group_close(p_, paren.next, inner_capture);
      if (close == npos) return false;
      if (paren.kind == Paren::kGroup) {
        if (inner_capture) return false;
        append(i, close + 1);
        i = close + 1;
        continue;
      }
      if (close + 1 < p_.size() && is_quantifier(p_[close + 1])) return false;
      flush();
      const std::size_t capture = out_.first_leaf.size();
      out_.first_leaf.push_back(out_.leaves.size());
      out_.end_leaf.push_back(out_.leaves.size());
      if (inner_capture) {
        i = paren.next;
        if (!sequence(i, flags, false)) return false;
      } else if (close > paren.next) {  // the body, alternatives and all, is one leaf
        out_.leaves.push_back(flags + std::string(p_.substr(paren.next, close - paren.next)));
      }
      out_.end_leaf[capture] = out_.leaves.size();
      i = close + 1;
    }
    flush();
    return true;
  }

  std::string_view p_;
  PatternSplit &out_;
};

// A leaf that ends in a repetition of one character, `P X{min,max}` (or
// `*`, `+`, `?`, each possibly lazy): its parses, P's best one first, are
// ordered by the count of X alone, so they can be tried in that order.
struct TailShape {
  std::string prefix;  // P, with the leaf's flags
  std::string run;     // X* with the flags in force at X
  std::size_t min = 0, max = npos;
  bool lazy = false;
};

// One past the repetition operator at leaf[i], reading its bounds; npos when
// there is none.
std::size_t quantifier_end(std::string_view leaf, std::size_t i, TailShape &out) {
  const pattern::Repetition r = pattern::repetition_at(leaf, i);
  if (r.end == npos) return npos;
  out.min = r.min, out.max = r.max, out.lazy = r.lazy;
  return r.end;
}

// True when `leaf` (no captures) has the shape of TailShape; fills `out`.
bool tail_of(std::string_view leaf, TailShape &out) {
  std::string flags;                         // (?flags) seen so far at the top level
  std::size_t atom = npos, atom_end = npos;  // the last atom, if one character wide
  for (std::size_t i = 0; i < leaf.size();) {
    const char c = leaf[i];
    std::size_t next = i + 1;
    bool one_character = true;
    if (c == '|') return false;  // the repetition would end one alternative only
    if (c == '\\') {
      const char e = i + 1 < leaf.size() ? leaf[i + 1] : '\0';
      // Octal and \x41 escapes run on past escape_end(); assertions and \C are no characters.
      if ((e >= '0' && e <= '9') || (e == 'x' && (i + 2 >= leaf.size() || leaf[i + 2] != '{')))
        return false;
      next = (e == 'p' || e == 'P') && i + 2 < leaf.size() && leaf[i + 2] != '{'
                 ? i + 3
                 : escape_end(leaf, i);
      if (next == npos || next > leaf.size()) return false;
      one_character = std::string_view("bBAzC").find(e) == npos;
    } else if (c == '[') {
      next = pattern::class_end(leaf, i) + 1;
    } else if (c == '(') {
      const ParenAt paren = paren_at(leaf, i);
      if (paren.kind == Paren::kUnknown) return false;
      if (paren.kind == Paren::kFlags) {
        if (leaf.substr(i, paren.next - i).find('U') != npos)
          return false;  // greedy and lazy swapped
        flags.append(leaf, i, paren.next - i);
        atom = npos;
        i = paren.next;
        continue;
      }
      bool inner_capture = false;
      const std::size_t close = group_close(leaf, paren.next, inner_capture);
      if (close == npos) return false;
      next = close + 1;
      one_character = false;
    } else if (c == '*' || c == '+' || c == '?' || c == '{') {
      TailShape shape;
      const std::size_t end = quantifier_end(leaf, i, shape);
      if (end == npos) return false;
      if (end == leaf.size() && atom != npos) {
        shape.prefix = std::string(leaf.substr(0, atom));
        shape.run = flags + "(?:" + std::string(leaf.substr(atom, atom_end - atom)) + ")*";
        out = std::move(shape);
        return true;
      }
      atom = npos;
      i = end;
      continue;
    } else if (c == '^' || c == '$') {
      one_character = false;
    } else {
      next = i + utf8::decode(leaf, i).len;
    }
    atom = one_character ? i : npos;
    atom_end = next;
    i = next;
  }
  return false;
}

}  // namespace

bool split_at_captures(std::string_view pattern, PatternSplit &out) {
  out = PatternSplit();
  return Splitter(pattern, out).run();
}

std::unique_ptr<const GroupPlacer> GroupPlacer::build(const RE2 &re, std::string_view pattern) {
  // Lexicographic order of parses is leftmost-first semantics; leftmost-longest is another matter.
  if (re.NumberOfCapturingGroups() <= 0 || re.options().longest_match()) return nullptr;
  PatternSplit split;
  if (!split_at_captures(pattern, split) || split.leaves.size() > kMaxLeaves ||
      split.first_leaf.size() != static_cast<std::size_t>(re.NumberOfCapturingGroups()))
    return nullptr;
  auto placer = std::make_unique<GroupPlacer>();
  placer->options_ = re.options();
  placer->options_.set_never_capture(true);
  const std::size_t count = split.leaves.size();
  placer->tails_.resize(count);
  for (std::size_t k = 0; k + 1 < count; ++k) {  // the last leaf's parse places nothing
    TailShape shape;
    if (!tail_of(split.leaves[k], shape)) continue;
    Tail &tail = placer->tails_[k];
    tail.prefix_pattern = std::move(shape.prefix);
    tail.run_pattern = std::move(shape.run);
    if (k + 2 < count)
      for (std::size_t j = k + 1; j < count; ++j)
        tail.rest_pattern += "(?:" + split.leaves[j] + ")";
    tail.min = shape.min, tail.max = shape.max, tail.lazy = shape.lazy;
    placer->any_tail_ = true;
  }
  placer->leaf_patterns_ = std::move(split.leaves);
  placer->first_leaf_ = std::move(split.first_leaf);
  placer->end_leaf_ = std::move(split.end_leaf);
  return placer;
}

GroupPlacer::Words::Words(std::vector<std::string> words) : words_(std::move(words)) {
  for (std::size_t i = 0; i < words_.size(); ++i) {
    index_.emplace(words_[i], i);  // a repeated word keeps its first index
    const auto b = static_cast<unsigned char>(words_[i].front());
    first_bytes_[b >> 6] |= std::uint64_t{1} << (b & 63);
  }
  std::map<std::size_t, std::size_t> least_of_length;  // byte length -> least index
  for (std::size_t i = 0; i < words_.size(); ++i) {
    const auto [it, fresh] = least_of_length.emplace(words_[i].size(), i);
    if (!fresh) it->second = std::min(it->second, i);
  }
  std::size_t least_so_far = npos;
  for (const auto &[length, least] : least_of_length) {  // shortest first
    least_so_far = std::min(least_so_far, least);
    lengths_.emplace_back(length, least_so_far);
  }
  std::reverse(lengths_.begin(), lengths_.end());
}

bool GroupPlacer::Words::prefix(std::string_view text, std::size_t pos, std::size_t end,
                                std::size_t &length) const {
  if (pos >= end) return false;
  const auto b = static_cast<unsigned char>(text[pos]);
  if ((first_bytes_[b >> 6] >> (b & 63) & 1u) == 0) return false;
  std::size_t best = npos;
  for (const auto &[bytes, least_up_to] : lengths_) {
    if (best < least_up_to) break;  // no word this long or shorter comes earlier
    if (bytes > end - pos) continue;
    const auto it = index_.find(text.substr(pos, bytes));
    if (it != index_.end() && it->second < best) best = it->second, length = bytes;
  }
  return best != npos;
}

bool GroupPlacer::Words::whole(std::string_view text, std::size_t pos, std::size_t end) const {
  return pos < end && index_.count(text.substr(pos, end - pos)) != 0;
}

bool GroupPlacer::leaves_ready() const {
  std::call_once(leaves_compiled_, [this] {
    const bool literal_ok = matches_bytes(options_);
    std::vector<std::string> words;
    for (const std::string &leaf : leaf_patterns_) {
      if (literal_ok && pattern::literal_alternatives(leaf, words)) {
        literal_.push_back(std::make_unique<const Words>(std::move(words)));
        leaves_.push_back(nullptr);
        native_.push_back(nullptr);
        continue;
      }
      literal_.push_back(nullptr);
      leaves_.push_back(std::make_unique<const RE2>(leaf, options_));
      if (!leaves_.back()->ok()) return;
      native_.push_back(LeafMatcher::compile(leaf, options_));
    }
    leaves_usable_ = true;
  });
  return leaves_usable_;
}

bool GroupPlacer::leaf_prefix(std::size_t k, const re2::StringPiece &text, std::size_t pos,
                              std::size_t end, std::size_t &length) const {
  if (literal_[k])
    return literal_[k]->prefix(std::string_view(text.data(), text.size()), pos, end, length);
  return anchored_prefix(native_[k].get(), *leaves_[k], text, pos, end, length);
}

bool GroupPlacer::leaf_whole(std::size_t k, const re2::StringPiece &text, std::size_t pos,
                             std::size_t end) const {
  if (literal_[k]) return literal_[k]->whole(std::string_view(text.data(), text.size()), pos, end);
  return anchored_whole(native_[k].get(), *leaves_[k], text, pos, end);
}

bool GroupPlacer::tails_ready() const {
  std::call_once(tails_compiled_, [this] {
    auto compile = [&](const std::string &pattern, std::unique_ptr<const RE2> &out,
                       std::unique_ptr<const LeafMatcher> &native) {
      if (pattern.empty()) return true;
      out = std::make_unique<const RE2>(pattern, options_);
      native = LeafMatcher::compile(pattern, options_);
      return out->ok();
    };
    const bool literal_ok = matches_bytes(options_);
    std::vector<std::string> words;
    for (Tail &tail : tails_) {
      if (tail.run_pattern.empty()) continue;
      if (literal_ok && pattern::literal_alternatives(tail.prefix_pattern, words)) {
        tail.literal_prefix = std::make_unique<const Words>(std::move(words));
      } else if (!compile(tail.prefix_pattern, tail.prefix, tail.native_prefix)) {
        return;
      }
      if (!(compile(tail.run_pattern, tail.run, tail.native_run) &&
            compile(tail.rest_pattern, tail.rest, tail.native_rest)))
        return;
    }
    tails_usable_ = true;
  });
  return tails_usable_;
}

bool GroupPlacer::place(const re2::StringPiece &text, std::size_t begin, std::size_t end,
                        re2::StringPiece *groups, int ngroups) const {
  if (ngroups != static_cast<int>(first_leaf_.size()) + 1 || begin > end || end > text.size() ||
      !leaves_ready())
    return false;
  std::array<std::size_t, kMaxLeaves + 1> bounds{};  // bounds[k]: where leaf k starts
  if (!chain(text, begin, end, bounds.data()) && !chain_with_tails(text, begin, end, bounds.data()))
    return false;
  groups[0] = re2::StringPiece(text.data() + begin, end - begin);
  for (std::size_t g = 0; g < first_leaf_.size(); ++g) {
    const std::size_t from = bounds[first_leaf_[g]], to = bounds[end_leaf_[g]];
    groups[g + 1] = re2::StringPiece(text.data() + from, to - from);
  }
  return true;
}

bool GroupPlacer::chain(const re2::StringPiece &text, std::size_t begin, std::size_t end,
                        std::size_t *bounds) const {
  bounds[0] = begin;
  const std::size_t last = leaves_.size();
  for (std::size_t k = 0; k < last; ++k) {
    const std::size_t pos = bounds[k];
    if (k + 1 == last) {
      // The last leaf need only reach `end`: its own parse places no group.
      if (!leaf_whole(k, text, pos, end)) return false;
      bounds[k + 1] = end;
    } else {
      std::size_t length = 0;
      if (!leaf_prefix(k, text, pos, end, length)) return false;
      bounds[k + 1] = pos + length;
    }
  }
  return bounds[last] == end;  // false only when there is no leaf at all
}

bool GroupPlacer::chain_with_tails(const re2::StringPiece &text, std::size_t begin, std::size_t end,
                                   std::size_t *bounds) const {
  // Without a tail, chain() already gave the only answer there is.
  if (!any_tail_ || !tails_ready()) return false;
  // Each leaf takes the best of its parses after which the leaves that
  // follow can still end at `end`: a leaf without a tail, its own best parse
  // (the final check below shows that the rest could follow it); a tail, the
  // first of its counts, in RE2's order, after which the rest matches.
  const std::string_view view(text.data(), text.size());
  thread_local std::vector<std::size_t> counted;  // counted[c]: the end of c characters of a run
  const std::size_t last = leaves_.size() - 1;
  bounds[0] = begin;
  for (std::size_t k = 0; k < last; ++k) {
    const std::size_t pos = bounds[k];
    const Tail &tail = tails_[k];
    if (!tail.run) {
      std::size_t length = 0;
      if (!leaf_prefix(k, text, pos, end, length)) return false;
      bounds[k + 1] = pos + length;
      continue;
    }
    std::size_t run_from = pos;
    if (tail.literal_prefix) {
      std::size_t length = 0;
      if (!tail.literal_prefix->prefix(view, pos, end, length)) return false;
      run_from = pos + length;
    } else if (tail.prefix) {
      std::size_t length = 0;
      if (!anchored_prefix(tail.native_prefix.get(), *tail.prefix, text, pos, end, length))
        return false;
      run_from = pos + length;
    }
    std::size_t run_length = 0;
    if (!anchored_prefix(tail.native_run.get(), *tail.run, text, run_from, end, run_length))
      return false;
    counted.assign(1, run_from);
    for (std::size_t at = run_from, run_end = run_from + run_length;
         at < run_end && counted.size() <= tail.max;)
      counted.push_back(at += utf8::decode(view, at).len);
    if (counted.size() <= tail.min) return false;
    // The rest: the leaves after this one as one pattern, or the last leaf alone.
    auto rest_matches = [&](std::size_t from) {
      return tail.rest ? anchored_whole(tail.native_rest.get(), *tail.rest, text, from, end)
                       : leaf_whole(last, text, from, end);
    };
    std::size_t chosen = npos;
    for (std::size_t i = 0, n = counted.size() - tail.min; i < n && chosen == npos; ++i) {
      const std::size_t c = tail.lazy ? tail.min + i : counted.size() - 1 - i;
      if (rest_matches(counted[c])) chosen = counted[c];
    }
    if (chosen == npos) return false;  // another parse of the prefix might do: RE2 will know
    bounds[k + 1] = chosen;
  }
  // The last leaf must end at `end`, unless the tail before it made sure.
  if (!tails_[last - 1].run && !leaf_whole(last, text, bounds[last], end)) return false;
  bounds[last + 1] = end;
  return true;
}

}  // namespace zhmeta
