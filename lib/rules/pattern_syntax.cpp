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
  static constexpr std::string_view kSyntax = ".+*?()[]{}^$";
  std::string word;
  for (std::size_t i = 0; i <= p.size(); ++i) {
    if (i == p.size() || p[i] == '|') {
      if (word.empty()) return false;  // an empty alternative matches everywhere
      words.push_back(std::move(word));
      word.clear();
      continue;
    }
    const char c = p[i];
    if (c == '\\') {  // escaped punctuation stands for itself; \d, \x00, \pN... do not
      if (i + 1 >= p.size()) return false;
      const auto e = static_cast<unsigned char>(p[i + 1]);
      if (e >= 0x80 || (e >= '0' && e <= '9') || (e >= 'A' && e <= 'Z') || (e >= 'a' && e <= 'z'))
        return false;
      word += p[++i];
      continue;
    }
    if (c == '\0' || kSyntax.find(c) != std::string_view::npos) return false;
    word += c;
  }
  return true;
}

}  // namespace zhmeta::pattern
