#include "rules/group_placer.hpp"

#include <algorithm>
#include <array>

namespace zhmeta {

std::size_t pattern_class_end(std::string_view p, std::size_t open) {
  std::size_t i = open + 1;
  if (i < p.size() && p[i] == '^') ++i;
  if (i < p.size() && p[i] == ']') ++i;  // a leading ']' is literal
  while (i < p.size() && p[i] != ']') {
    if (p[i] == '\\') {
      i += 2;
    } else if (p[i] == '[' && i + 1 < p.size() && p[i + 1] == ':') {  // [:alpha:]
      const std::size_t e = p.find(":]", i + 2);
      i = e == std::string_view::npos ? p.size() : e + 2;
    } else {
      ++i;
    }
  }
  return std::min(i, p.size());
}

namespace {

constexpr std::size_t npos = std::string_view::npos;
// place() keeps the leaf boundaries on the stack; longer chains get no placer.
constexpr std::size_t kMaxLeaves = 32;

// One past the escape that starts at p[i] == '\\'; npos for \Q...\E quoting
// (not worth understanding here) or a trailing backslash.
std::size_t escape_end(std::string_view p, std::size_t i) {
  if (i + 1 >= p.size()) return npos;
  const char e = p[i + 1];
  if (e == 'Q' || e == 'E') return npos;
  if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < p.size() &&
      p[i + 2] == '{') {  // \p{Han}, \x{4E00}
    const std::size_t close = p.find('}', i + 3);
    return close == npos ? npos : close + 1;
  }
  return i + 2;
}

// What the '(' at p[i] opens, and where what follows its syntax starts.
enum class Paren { kCapture, kGroup, kFlags, kUnknown };
struct ParenAt {
  Paren kind;
  std::size_t next;  // the body of a group or capture; after the ')' of (?flags)
};

ParenAt paren_at(std::string_view p, std::size_t i) {
  if (i + 1 >= p.size() || p[i + 1] != '?') return {Paren::kCapture, i + 1};
  if (p.compare(i, 4, "(?P<") == 0) {
    const std::size_t name_end = p.find('>', i + 4);
    return name_end == npos ? ParenAt{Paren::kUnknown, npos}
                            : ParenAt{Paren::kCapture, name_end + 1};
  }
  std::size_t j = i + 2;  // (?flags) or (?flags:...)
  while (j < p.size() && (p[j] == 'i' || p[j] == 'm' || p[j] == 's' || p[j] == 'U' || p[j] == '-'))
    ++j;
  if (j < p.size() && p[j] == ')') return {Paren::kFlags, j + 1};
  if (j < p.size() && p[j] == ':') return {Paren::kGroup, j + 1};
  return {Paren::kUnknown, npos};
}

// Index of the ')' closing the group whose body starts at `body`, or npos;
// `has_capture` tells whether a capture opens inside it.
std::size_t group_close(std::string_view p, std::size_t body, bool &has_capture) {
  has_capture = false;
  int depth = 0;
  for (std::size_t i = body; i < p.size();) {
    const char c = p[i];
    if (c == '\\') {
      i = escape_end(p, i);
      if (i == npos) return npos;
    } else if (c == '[') {
      i = pattern_class_end(p, i) + 1;
    } else if (c == '(') {
      const ParenAt paren = paren_at(p, i);
      if (paren.kind == Paren::kUnknown) return npos;
      if (paren.kind == Paren::kCapture) has_capture = true;
      if (paren.kind != Paren::kFlags) ++depth;
      i = paren.next;
    } else if (c == ')') {
      if (depth-- == 0) return i;
      ++i;
    } else {
      ++i;
    }
  }
  return npos;
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
        const std::size_t e = pattern_class_end(p_, i);
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
        out_.leaves.push_back(flags +
                              "(?:" + std::string(p_.substr(paren.next, close - paren.next)) + ")");
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
  RE2::Options options = re.options();
  options.set_never_capture(true);
  for (const std::string &leaf : split.leaves) {
    auto compiled = std::make_unique<const RE2>(leaf, options);
    if (!compiled->ok()) return nullptr;
    placer->leaves_.push_back(std::move(compiled));
  }
  placer->first_leaf_ = std::move(split.first_leaf);
  placer->end_leaf_ = std::move(split.end_leaf);
  return placer;
}

bool GroupPlacer::place(const re2::StringPiece &text, std::size_t begin, std::size_t end,
                        re2::StringPiece *groups, int ngroups) const {
  if (ngroups != static_cast<int>(first_leaf_.size()) + 1 || begin > end || end > text.size())
    return false;
  std::array<std::size_t, kMaxLeaves + 1> bounds{};  // bounds[k]: where leaf k starts
  bounds[0] = begin;
  const std::size_t last = leaves_.size();
  for (std::size_t k = 0; k < last; ++k) {
    const std::size_t pos = bounds[k];
    if (k + 1 == last) {
      // The last leaf need only reach `end`: its own parse places no group.
      if (!leaves_[k]->Match(text, pos, end, RE2::ANCHOR_BOTH, nullptr, 0)) return false;
      bounds[k + 1] = end;
    } else {
      re2::StringPiece piece;
      if (!leaves_[k]->Match(text, pos, end, RE2::ANCHOR_START, &piece, 1)) return false;
      bounds[k + 1] = pos + piece.size();
    }
  }
  if (bounds[last] != end) return false;  // only when there is no leaf at all
  groups[0] = re2::StringPiece(text.data() + begin, end - begin);
  for (std::size_t g = 0; g < first_leaf_.size(); ++g) {
    const std::size_t from = bounds[first_leaf_[g]], to = bounds[end_leaf_[g]];
    groups[g + 1] = re2::StringPiece(text.data() + from, to - from);
  }
  return true;
}

}  // namespace zhmeta
