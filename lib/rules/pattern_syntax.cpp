#include "rules/pattern_syntax.hpp"

#include <algorithm>

namespace zhmeta::pattern {

std::size_t class_end(std::string_view p, std::size_t open) {
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

ParenAt paren_at(std::string_view p, std::size_t i) {
  if (i + 1 >= p.size() || p[i + 1] != '?') return {Paren::kCapture, i + 1, {}};
  if (p.compare(i, 4, "(?P<") == 0) {
    const std::size_t name_end = p.find('>', i + 4);
    return name_end == npos ? ParenAt{Paren::kUnknown, npos, {}}
                            : ParenAt{Paren::kCapture, name_end + 1, {}};
  }
  std::size_t j = i + 2;  // (?flags) or (?flags:...)
  while (j < p.size() && (p[j] == 'i' || p[j] == 'm' || p[j] == 's' || p[j] == 'U' || p[j] == '-'))
    ++j;
  const std::string_view flags = p.substr(i + 2, j - (i + 2));
  if (j < p.size() && p[j] == ')') return {Paren::kFlags, j + 1, flags};
  if (j < p.size() && p[j] == ':') return {Paren::kGroup, j + 1, flags};
  return {Paren::kUnknown, npos, {}};
}

std::size_t group_close(std::string_view p, std::size_t body, bool &has_capture) {
  has_capture = false;
  int depth = 0;
  for (std::size_t i = body; i < p.size();) {
    const char c = p[i];
    if (c == '\\') {
      i = escape_end(p, i);
      if (i == npos) return npos;
    } else if (c == '[') {
      i = class_end(p, i) + 1;
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

Repetition repetition_at(std::string_view p, std::size_t i) {
  Repetition r;
  if (i >= p.size()) return r;
  const char c = p[i];
  std::size_t e = i + 1;
  if (c == '*') {
    r.min = 0, r.max = npos;
  } else if (c == '+') {
    r.min = 1, r.max = npos;
  } else if (c == '?') {
    r.min = 0, r.max = 1;
  } else if (c == '{') {
    auto number = [&](std::size_t &value) {
      const std::size_t from = e;
      value = 0;
      while (e < p.size() && p[e] >= '0' && p[e] <= '9')
        value = value * 10 + static_cast<std::size_t>(p[e++] - '0');
      return e > from;
    };
    if (!number(r.min)) return Repetition();
    r.max = r.min;
    if (e < p.size() && p[e] == ',') {
      ++e;
      if (!number(r.max)) r.max = npos;
    }
    if (e >= p.size() || p[e] != '}') return Repetition();
    ++e;
  } else {
    return r;
  }
  r.lazy = e < p.size() && p[e] == '?';
  r.end = r.lazy ? e + 1 : e;
  return r;
}

namespace {

// The alternatives at the top level of `p`, cut at its '|' with classes,
// escapes and groups stepped over; false when a piece cannot be read.
bool top_level_alternatives(std::string_view p, std::vector<std::string_view> &out) {
  out.clear();
  std::size_t from = 0;
  for (std::size_t i = 0; i <= p.size();) {
    if (i == p.size() || p[i] == '|') {
      out.push_back(p.substr(from, i - from));
      from = ++i;
      continue;
    }
    if (p[i] == '\\') {
      i = escape_end(p, i);
      if (i == npos) return false;
    } else if (p[i] == '[') {
      i = class_end(p, i);
      if (i >= p.size()) return false;
      ++i;
    } else if (p[i] == '(') {
      const ParenAt paren = paren_at(p, i);
      if (paren.kind == Paren::kUnknown) return false;
      if (paren.kind == Paren::kFlags) {
        i = paren.next;
        continue;
      }
      bool has_capture = false;
      const std::size_t close = group_close(p, paren.next, has_capture);
      if (close == npos) return false;
      i = close + 1;
    } else {
      ++i;
    }
  }
  return true;
}

// `a` as the literal text it matches (escaped punctuation stands for itself;
// \d, \x00, \pN... and any other syntax do not), non-empty, or false.
bool literal_text(std::string_view a, std::string &word) {
  static constexpr std::string_view kSyntax = ".+*?()[]{}^$|";
  word.clear();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char c = a[i];
    if (c == '\\') {
      if (i + 1 >= a.size()) return false;
      const auto e = static_cast<unsigned char>(a[i + 1]);
      if (e >= 0x80 || (e >= '0' && e <= '9') || (e >= 'A' && e <= 'Z') || (e >= 'a' && e <= 'z'))
        return false;
      word += a[++i];
      continue;
    }
    if (c == '\0' || kSyntax.find(c) != npos) return false;
    word += c;
  }
  return !word.empty();  // an empty alternative matches everywhere
}

// `p` without the `(?:...)` groups wrapped around all of it.
std::string_view unwrap_groups(std::string_view p) {
  while (p.size() >= 4 && p.substr(0, 3) == "(?:") {
    bool has_capture = false;
    if (group_close(p, 3, has_capture) != p.size() - 1) break;
    p = p.substr(3, p.size() - 4);
  }
  return p;
}

}  // namespace

bool literal_alternatives(std::string_view p, std::vector<std::string> &words) {
  words.clear();
  while (!p.empty() && p.front() == '(') {  // a group around everything
    const ParenAt paren = paren_at(p, 0);
    if (paren.kind == Paren::kGroup ? !paren.flags.empty() : paren.kind != Paren::kCapture)
      return false;
    bool has_capture = false;
    if (group_close(p, paren.next, has_capture) != p.size() - 1) return false;
    p = p.substr(paren.next, p.size() - 1 - paren.next);
  }
  std::vector<std::string_view> alternatives;
  if (!top_level_alternatives(p, alternatives)) return false;
  std::string word;
  for (const std::string_view a : alternatives) {
    if (!literal_text(a, word)) return false;
    words.push_back(std::move(word));
  }
  return true;
}

bool first_piece_alternatives(std::string_view p, FirstPiece &out) {
  p = unwrap_groups(p);
  std::vector<std::string_view> alternatives;
  if (p.empty() || !top_level_alternatives(p, alternatives)) return false;
  for (const std::string_view a : alternatives) {
    if (a == "^" || a == "(?m:^)") {
      out.empty_at_line_start = true;
    } else if (a.size() >= 4 && a.substr(0, 3) == "(?:") {  // a group: read the same way
      if (unwrap_groups(a).size() == a.size() || !first_piece_alternatives(a, out)) return false;
    } else if (!a.empty() && a[0] == '[') {
      if (class_end(a, 0) != a.size() - 1) return false;  // e.g. a repetition after it
      out.one_code_point = true;
    } else if (a.size() >= 2 && a[0] == '\\' && std::string_view("pPdDsSwW").find(a[1]) != npos) {
      if (escape_end(a, 0) != a.size()) return false;
      out.one_code_point = true;
    } else {
      std::string word;
      if (!literal_text(a, word)) return false;
      out.words.push_back(std::move(word));
    }
  }
  return true;
}

namespace {

// The words a piece of a pattern begins with, read left to right: `exact`
// while they are all the piece can match (so what follows may be appended),
// false once the piece goes on with something unread. An empty word in a set
// that is not exact means the piece may begin with anything.
class OpenerReader {
 public:
  explicit OpenerReader(std::string_view p) : p_(p) {}
  bool run(std::vector<std::string> &out) {
    bool exact = true;
    out = alternation(exact);
    return ok_ && pos_ == p_.size();
  }

 private:
  // Past this many words a product is not formed: the words so far still
  // begin every match, only less selectively.
  static constexpr std::size_t kMaxWords = 512;
  using Words = std::vector<std::string>;

  Words alternation(bool &exact) {
    Words all = sequence(exact);
    while (ok_ && pos_ < p_.size() && p_[pos_] == '|') {
      ++pos_;
      bool alternative_exact = true;
      for (std::string &w : sequence(alternative_exact)) all.push_back(std::move(w));
      exact = exact && alternative_exact;
    }
    return all;
  }

  Words sequence(bool &exact) {
    Words words{std::string()};
    exact = true;
    while (ok_ && pos_ < p_.size() && p_[pos_] != '|' && p_[pos_] != ')') {
      bool atom_exact = true;
      Words atom = this->atom(atom_exact);
      if (!ok_) break;
      const Quantifier q = quantifier();
      if (!ok_) break;
      if (!exact) continue;  // the words stopped growing: only skip the syntax
      // x? x* x{0,n}: a match may also go on without x. A repeated x begins
      // with x once; what follows it is not read.
      if (q.min == 0) atom.emplace_back();
      if (words.size() * atom.size() > kMaxWords) {
        exact = false;
        continue;
      }
      Words product;
      for (const std::string &a : words)
        for (const std::string &b : atom) product.push_back(a + b);
      words.swap(product);
      exact = atom_exact && q.max == 1;
    }
    return words;
  }

  struct Quantifier {
    std::size_t min = 1, max = 1;  // max 0: unbounded
  };
  Quantifier quantifier() {
    Quantifier q;
    if (pos_ >= p_.size()) return q;
    const char c = p_[pos_];
    if (c != '?' && c != '*' && c != '+' && c != '{') return q;
    const Repetition r = repetition_at(p_, pos_);
    if (r.end == npos) {
      ok_ = false;  // RE2 reads a malformed {…} as literal text: not followed here
      return q;
    }
    q.min = r.min == 0 ? 0 : 1;  // only whether it may be absent matters
    q.max = r.max == 1 ? 1 : 0;
    pos_ = r.end;
    if (pos_ < p_.size() && p_[pos_] == '+') ++pos_;  // possessive
    return q;
  }

  Words atom(bool &exact) {
    const char c = p_[pos_];
    if (c == '(') {
      const ParenAt paren = paren_at(p_, pos_);
      if (paren.kind == Paren::kUnknown || paren.kind == Paren::kFlags || !paren.flags.empty()) {
        ok_ = false;
        return {};
      }
      pos_ = paren.next;
      Words inner = alternation(exact);
      if (pos_ >= p_.size() || p_[pos_] != ')') {
        ok_ = false;
        return {};
      }
      ++pos_;
      return inner;
    }
    exact = false;
    if (c == '[') {
      pos_ = class_end(p_, pos_) + 1;
      if (pos_ > p_.size()) ok_ = false;
      return {std::string()};
    }
    if (c == '\\') {
      const std::size_t end = escape_end(p_, pos_);
      if (end == npos) {
        ok_ = false;
        return {};
      }
      const auto e = static_cast<unsigned char>(p_[pos_ + 1]);
      const bool punctuation = end == pos_ + 2 && e < 0x80 && !(e >= '0' && e <= '9') &&
                               !(e >= 'A' && e <= 'Z') && !(e >= 'a' && e <= 'z');
      pos_ = end;
      if (!punctuation) return {std::string()};
      exact = true;
      return {std::string(1, static_cast<char>(e))};
    }
    if (c == '.' || c == '^' || c == '$') {
      ++pos_;
      return {std::string()};
    }
    if (c == '*' || c == '+' || c == '?' || c == '{' || c == ']' || c == '\0') {
      ok_ = false;  // a quantifier with nothing to repeat, or syntax not followed
      return {};
    }
    // One literal code point: a quantifier after it repeats all its bytes.
    std::size_t end = pos_ + 1;
    while (end < p_.size() && (static_cast<unsigned char>(p_[end]) & 0xC0) == 0x80) ++end;
    std::string word(p_.substr(pos_, end - pos_));
    pos_ = end;
    exact = true;
    return {std::move(word)};
  }

  std::string_view p_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace

bool literal_openers(std::string_view p, std::vector<std::string> &words) {
  words.clear();
  std::vector<std::string> read;
  if (!OpenerReader(p).run(read) || read.empty()) return false;
  // Shorter words first: a word that begins with another adds no position.
  std::sort(read.begin(), read.end(), [](const std::string &a, const std::string &b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  for (std::string &w : read) {
    if (w.empty()) return false;  // some match may begin anywhere
    const bool covered = std::any_of(words.begin(), words.end(), [&](const std::string &shorter) {
      return w.compare(0, shorter.size(), shorter) == 0;
    });
    if (!covered) words.push_back(std::move(w));
  }
  return true;
}

}  // namespace zhmeta::pattern
