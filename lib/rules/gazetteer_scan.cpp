#include "rules/gazetteer_scan.hpp"

namespace zhmeta {

void CodePointLengths::add(char32_t cp, std::size_t length) {
  std::uint16_t &page = page_of_[cp >> 8];
  if (page == 0) {  // page 0 stays empty for every code point without terms
    page = static_cast<std::uint16_t>(pages_.size());
    pages_.emplace_back();
  }
  std::uint8_t &index = pages_[page][cp & 0xFF];
  const std::uint64_t mask = masks_[index] | std::uint64_t{1} << length;
  const auto known = std::find(masks_.begin(), masks_.end(), mask);
  if (known != masks_.end()) {
    index = static_cast<std::uint8_t>(known - masks_.begin());
  } else if (masks_.size() <= 0xFF) {
    masks_.push_back(mask);
    index = static_cast<std::uint8_t>(masks_.size() - 1);
  } else {
    overflow_ = true;  // more distinct masks than an index byte tells apart
  }
}

IndexedGazetteer::IndexedGazetteer(const Gazetteer &gazetteer) : gazetteer_(gazetteer) {
  for (const std::string &term : gazetteer.terms()) {
    if (term.empty()) continue;
    bool valid = term.size() < 64;
    for (std::size_t i = 0; valid && i < term.size();) {
      const utf8::Decoded d = utf8::decode(term, i);
      valid = d.valid;
      i += d.len;
    }
    const char32_t first = valid ? utf8::decode(term, 0).cp : 0;
    const char32_t last = valid ? utf8::before(term, term.size()) : 0;
    if (!valid || first > 0xFFFF || last > 0xFFFF || gazetteer.canonical(term).empty()) {
      general_ = true;
      return;
    }
    firsts_.add(first, term.size());
    lasts_.add(last, term.size());
  }
  general_ = firsts_.overflow() || lasts_.overflow();
}

// Defined here, not inline in the header: the linker keeps one copy of an
// inline member, from whichever file it meets first, and a file that did not
// inline utf8::decode into it made every list's lookups pay a call per probe.
std::size_t IndexedGazetteer::starting_at(std::string_view text, std::size_t begin,
                                          std::size_t limit) const {
  const std::size_t stop = std::min(limit, text.size());
  if (begin >= stop) return 0;
  const utf8::Decoded first = utf8::decode(text, begin);
  if (first.cp > 0xFFFF || general_) return term_starting_at(gazetteer_, text, begin, limit);
  for (std::uint64_t lengths = firsts_.of(first.cp) & up_to(stop - begin); lengths != 0;) {
    const std::size_t length = highest_bit(lengths);
    lengths &= ~(std::uint64_t{1} << length);
    const std::size_t end = begin + length;
    if ((end == text.size() || (static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) &&
        known(text.substr(begin, length)))
      return length;
  }
  return 0;
}

std::size_t IndexedGazetteer::ending_at(std::string_view text, std::size_t end,
                                        std::size_t floor) const {
  if (end <= floor || end > text.size()) return 0;
  const char32_t last = utf8::before(text, end);
  if (last > 0xFFFF || general_) return term_ending_at(gazetteer_, text, end, floor);
  for (std::uint64_t lengths = lasts_.of(last) & up_to(end - floor); lengths != 0;) {
    const std::size_t length = highest_bit(lengths);
    lengths &= ~(std::uint64_t{1} << length);
    if ((static_cast<unsigned char>(text[end - length]) & 0xC0) != 0x80 &&
        known(text.substr(end - length, length)))
      return length;
  }
  return 0;
}

}  // namespace zhmeta
