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

}  // namespace zhmeta::pattern
