#include "rules/start_filter.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>

#include <algorithm>
#include <utility>

#include "core/utf8.hpp"
#include "rules/pattern_syntax.hpp"

namespace zhmeta {

namespace {

using pattern::npos;
constexpr char32_t kMaxCodePoint = 0x10FFFF;

// A set of code points as ranges (unsorted, may overlap), or everything.
struct CodePoints {
  std::vector<std::pair<char32_t, char32_t>> ranges;
  bool all = false;

  void add(char32_t lo, char32_t hi) {
    if (!all && lo <= hi) ranges.emplace_back(lo, hi);
  }
  void add(const CodePoints &other) {
    if (all) return;
    if (other.all) {
      set_all();
      return;
    }
    ranges.insert(ranges.end(), other.ranges.begin(), other.ranges.end());
  }
  void set_all() {
    all = true;
    ranges.clear();
  }
  // Everything not in the set.
  void complement() {
    if (all) {
      all = false;
      return;
    }
    std::sort(ranges.begin(), ranges.end());
    std::vector<std::pair<char32_t, char32_t>> out;
    char32_t next = 0;  // the first code point not yet known to be in the set
    bool done = false;
    for (const auto &[lo, hi] : ranges) {
      if (lo > next) out.emplace_back(next, lo - 1);
      if (hi >= kMaxCodePoint) {
        done = true;
        break;
      }
      next = std::max<char32_t>(next, hi + 1);
    }
    if (!done) out.emplace_back(next, kMaxCodePoint);
    ranges = std::move(out);
  }
};

// What a piece of a pattern can begin with, wherever the match begins and
// when it begins at a line start, and whether the piece can match the empty
// string there (then what follows it may begin the match too).
struct Beginning {
  CodePoints anywhere, at_line_start;
  bool empty_anywhere = true, empty_at_line_start = true;

  static Beginning of_class(const CodePoints &chars) {
    Beginning b;
    b.anywhere = chars;
    b.at_line_start = chars;
    b.empty_anywhere = b.empty_at_line_start = false;
    return b;
  }
  // `next` follows this piece.
  void then(const Beginning &next) {
    if (empty_anywhere) anywhere.add(next.anywhere);
    if (empty_at_line_start) at_line_start.add(next.at_line_start);
    empty_anywhere = empty_anywhere && next.empty_anywhere;
    empty_at_line_start = empty_at_line_start && next.empty_at_line_start;
  }
  // `other` is an alternative to this piece.
  void or_else(const Beginning &other) {
    anywhere.add(other.anywhere);
    at_line_start.add(other.at_line_start);
    empty_anywhere = empty_anywhere || other.empty_anywhere;
    empty_at_line_start = empty_at_line_start || other.empty_at_line_start;
  }
  bool consumed() const { return !empty_anywhere && !empty_at_line_start; }
};

// The Han script, as ICU tells it; test_start_filter.cpp checks it against
// RE2's \p{Han} on every BMP code point.
const CodePoints &han() {
  static const CodePoints set = [] {
    CodePoints out;
    UErrorCode error = U_ZERO_ERROR;
    USet *s = uset_openEmpty();
    uset_applyIntPropertyValue(s, UCHAR_SCRIPT, USCRIPT_HAN, &error);
    const int32_t n = U_SUCCESS(error) ? uset_getItemCount(s) : 0;
    for (int32_t k = 0; k < n; ++k) {
      UChar32 lo = 0, hi = 0;
      UErrorCode item_error = U_ZERO_ERROR;
      if (uset_getItem(s, k, &lo, &hi, nullptr, 0, &item_error) == 0 && U_SUCCESS(item_error))
        out.add(static_cast<char32_t>(lo), static_cast<char32_t>(hi));
    }
    uset_close(s);
    if (!U_SUCCESS(error) || out.ranges.empty()) out.set_all();  // cannot tell
    return out;
  }();
  return set;
}

bool hex_value(std::string_view digits, char32_t &out) {
  if (digits.empty() || digits.size() > 6) return false;
  char32_t v = 0;
  for (const char c : digits) {
    const int d = c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : -1;
    if (d < 0) return false;
    v = v * 16 + static_cast<char32_t>(d);
  }
  if (v > kMaxCodePoint) return false;
  out = v;
  return true;
}

class Analyzer {
 public:
  explicit Analyzer(std::string_view p) : p_(p) {}

  // The beginning of the whole pattern; false when it is beyond the analysis.
  bool run(Beginning &out) {
    std::size_t i = 0;
    if (!alternation(i, out)) return false;
    return i == p_.size();
  }

 private:
  // Alternatives up to the ')' that closes them (i is left there) or the end.
  bool alternation(std::size_t &i, Beginning &out) {
    if (!sequence(i, out)) return false;
    while (i < p_.size() && p_[i] == '|') {
      ++i;
      Beginning other;
      if (!sequence(i, other)) return false;
      out.or_else(other);
    }
    return true;
  }

  bool sequence(std::size_t &i, Beginning &out) {
    out = Beginning();
    while (i < p_.size() && p_[i] != '|' && p_[i] != ')') {
      if (out.consumed()) {  // nothing further can begin the match: only find the end
        if (!skip_atom(i)) return false;
        continue;
      }
      Beginning piece;
      if (!atom(i, piece)) return false;
      out.then(piece);
    }
    return true;
  }

  bool skip_atom(std::size_t &i) {
    const char c = p_[i];
    if (c == '\\') {
      i = pattern::escape_end(p_, i);
      return i != npos;
    }
    if (c == '[') {
      i = pattern::class_end(p_, i) + 1;
      return i <= p_.size();
    }
    if (c == '(') {
      const pattern::ParenAt paren = pattern::paren_at(p_, i);
      if (paren.kind == pattern::Paren::kUnknown) return false;
      if (paren.kind == pattern::Paren::kFlags) {
        i = paren.next;
        return true;
      }
      bool has_capture = false;
      const std::size_t close = pattern::group_close(p_, paren.next, has_capture);
      if (close == npos) return false;
      i = close + 1;
      return true;
    }
    i += static_cast<std::size_t>(utf8::decode(p_, i).len);  // quantifiers too, one byte at a time
    return true;
  }

  // One atom and its quantifier.
  bool atom(std::size_t &i, Beginning &out) {
    const char c = p_[i];
    if (c == '(') {
      const pattern::ParenAt paren = pattern::paren_at(p_, i);
      if (paren.kind == pattern::Paren::kUnknown) return false;
      if (paren.kind == pattern::Paren::kFlags) {  // zero-width; (?i) was refused up front
        out = Beginning();
        i = paren.next;
        return true;
      }
      i = paren.next;
      if (!alternation(i, out) || i >= p_.size() || p_[i] != ')') return false;
      ++i;
    } else if (c == '[') {
      const std::size_t close = pattern::class_end(p_, i);
      if (close >= p_.size()) return false;
      CodePoints chars;
      if (!char_class(i, close, chars)) return false;
      out = Beginning::of_class(chars);
      i = close + 1;
    } else if (c == '\\') {
      const std::size_t end = pattern::escape_end(p_, i);
      if (end == npos) return false;
      const char e = p_[i + 1];
      if (e == 'b' || e == 'B' || e == 'z') {
        out = Beginning();  // zero-width: passes here or not, the next piece decides
      } else if (e == 'A') {
        out = line_start_only();
      } else {
        CodePoints chars;
        if (!escape(i, end, chars)) return false;
        out = Beginning::of_class(chars);
      }
      i = end;
    } else if (c == '.') {
      CodePoints chars;
      chars.set_all();
      out = Beginning::of_class(chars);
      ++i;
    } else if (c == '^') {
      out = line_start_only();  // (?m) or not: a line start is the wider reading
      ++i;
    } else if (c == '$') {
      out = Beginning();
      ++i;
    } else if (c == '*' || c == '+' || c == '?' || c == '{') {
      return false;  // a quantifier with nothing to repeat (or a literal '{'): not followed
    } else {
      const utf8::Decoded d = utf8::decode(p_, i);
      if (!d.valid) return false;
      CodePoints chars;
      chars.add(d.cp, d.cp);
      out = Beginning::of_class(chars);
      i += d.len;
    }
    return quantifier(i, out);
  }

  static Beginning line_start_only() {
    Beginning b;
    b.empty_anywhere = false;  // elsewhere the assertion fails: nothing begins
    return b;
  }

  // A quantifier after an atom: one that allows zero repetitions makes it optional.
  bool quantifier(std::size_t &i, Beginning &out) {
    if (i >= p_.size()) return true;
    const char c = p_[i];
    if (c != '*' && c != '+' && c != '?' && c != '{') return true;
    const pattern::Repetition r = pattern::repetition_at(p_, i);
    if (r.end == npos) return false;  // `{` as a literal: not followed
    i = r.end;
    if (i < p_.size() && (p_[i] == '*' || p_[i] == '+' || p_[i] == '{')) return false;
    if (r.min == 0) out.empty_anywhere = out.empty_at_line_start = true;
    return true;
  }

  // The code points of the class p_[open, close] ('[' ... ']').
  bool char_class(std::size_t open, std::size_t close, CodePoints &out) {
    std::size_t i = open + 1;
    const bool negated = i < close && p_[i] == '^';
    if (negated) ++i;
    while (i < close) {
      if (p_[i] == '[' && i + 1 < close && p_[i + 1] == ':') return false;  // [:alpha:]
      char32_t lo = 0;
      bool single = false;
      if (!class_item(i, close, out, lo, single)) return false;
      if (!single) continue;
      if (i + 1 < close && p_[i] == '-') {  // a range lo-hi
        std::size_t j = i + 1;
        char32_t hi = 0;
        bool hi_single = false;
        CodePoints unused;
        if (!class_item(j, close, unused, hi, hi_single) || !hi_single || hi < lo) return false;
        out.add(lo, hi);
        i = j;
      } else {
        out.add(lo, lo);
      }
    }
    if (negated) out.complement();
    return true;
  }

  // One item of a class at p_[i]: a single code point (`single`, in `cp`) or
  // a set (\d, \p{Han}) added to `out`.
  bool class_item(std::size_t &i, std::size_t close, CodePoints &out, char32_t &cp, bool &single) {
    if (p_[i] == '\\') {
      const std::size_t end = pattern::escape_end(p_, i);
      if (end == npos || end > close) return false;
      CodePoints chars;
      if (!escape(i, end, chars)) return false;
      single = !is_class_escape(p_[i + 1]);
      if (single)
        cp = chars.ranges.front().first;  // every other escape stands for one code point
      else
        out.add(chars);
      i = end;
      return true;
    }
    const utf8::Decoded d = utf8::decode(p_, i);
    if (!d.valid) return false;
    single = true;
    cp = d.cp;
    i += d.len;
    return true;
  }

  static bool is_class_escape(char e) {
    return e == 'd' || e == 'D' || e == 's' || e == 'S' || e == 'w' || e == 'W' || e == 'p' ||
           e == 'P';
  }

  // The escape p_[i, end); false for those not followed.
  bool escape(std::size_t i, std::size_t end, CodePoints &out) {
    const char e = p_[i + 1];
    auto ascii = [&](std::string_view spec) {  // pairs of bounds
      for (std::size_t k = 0; k + 1 < spec.size(); k += 2)
        out.add(static_cast<char32_t>(spec[k]), static_cast<char32_t>(spec[k + 1]));
    };
    switch (e) {
      case 'd':
        ascii("09");
        return true;
      case 's':
        ascii("\t\n\f\r  ");
        return true;
      case 'w':
        ascii("09AZaz__");
        return true;
      case 'D':
        ascii("09");
        out.complement();
        return true;
      case 'S':
        ascii("\t\n\f\r  ");
        out.complement();
        return true;
      case 'W':
        ascii("09AZaz__");
        out.complement();
        return true;
      case 'n':
        out.add('\n', '\n');
        return true;
      case 't':
        out.add('\t', '\t');
        return true;
      case 'r':
        out.add('\r', '\r');
        return true;
      case 'f':
        out.add('\f', '\f');
        return true;
      case 'v':
        out.add('\v', '\v');
        return true;
      case 'a':
        out.add('\a', '\a');
        return true;
      case 'p':
        if (p_.substr(i, end - i) != "\\p{Han}") return false;
        out.add(han());
        return true;
      case 'x': {  // \x{HEX} only: escape_end() does not read \xHH's digits
        char32_t v = 0;
        if (end - i < 5 || p_[i + 2] != '{' || !hex_value(p_.substr(i + 3, end - i - 4), v))
          return false;
        out.add(v, v);
        return true;
      }
      default:
        break;
    }
    // Escaped punctuation stands for itself; letters, digits (\C, \1, \pN) are not followed.
    const auto u = static_cast<unsigned char>(e);
    if (u >= 0x80 || (e >= '0' && e <= '9') || (e >= 'A' && e <= 'Z') || (e >= 'a' && e <= 'z'))
      return false;
    out.add(u, u);
    return true;
  }

  std::string_view p_;
};

// (?i) anywhere: case folding is not followed.
bool folds_case(std::string_view p) {
  for (std::size_t i = p.find("(?"); i != npos; i = p.find("(?", i + 2)) {
    for (std::size_t j = i + 2; j < p.size() && p[j] != ':' && p[j] != ')' && p[j] != '<'; ++j)
      if (p[j] == 'i') return true;
  }
  return false;
}

std::vector<std::uint64_t> bits_of(const CodePoints &set, bool empty_matches) {
  std::vector<std::uint64_t> bits(0x10000 / 64, 0);
  if (set.all || empty_matches) {
    std::fill(bits.begin(), bits.end(), ~std::uint64_t{0});
    return bits;
  }
  for (const auto &[lo, range_hi] : set.ranges) {
    if (lo > 0xFFFF) continue;
    const char32_t hi = std::min<char32_t>(range_hi, 0xFFFF);
    // Word by word: a complemented class spans most of the BMP.
    for (char32_t c = lo; c <= hi;) {
      const char32_t last =
          std::min<char32_t>(c | 63, hi);  // the last code point of c's word in range
      const unsigned from = c & 63, to = last & 63;
      const std::uint64_t upto = to == 63 ? ~std::uint64_t{0} : (std::uint64_t{1} << (to + 1)) - 1;
      bits[c >> 6] |= upto & (~std::uint64_t{0} << from);
      c = last + 1;
    }
  }
  return bits;
}

}  // namespace

StartFilter StartFilter::of(std::string_view pattern) {
  StartFilter filter;
  if (folds_case(pattern)) return filter;
  Beginning b;
  if (!Analyzer(pattern).run(b)) return filter;
  if ((b.anywhere.all || b.empty_anywhere) && (b.at_line_start.all || b.empty_at_line_start))
    return filter;
  filter.anywhere_ = bits_of(b.anywhere, b.empty_anywhere);
  filter.at_line_start_ = bits_of(b.at_line_start, b.empty_at_line_start);
  return filter;
}

}  // namespace zhmeta
