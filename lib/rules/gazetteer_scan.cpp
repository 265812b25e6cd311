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
    if (!valid || first > 0xFFFF || last > 0xFFFF) {
      general_ = true;
      return;
    }
    firsts_.add(first, term.size());
    lasts_.add(last, term.size());
  }
  general_ = firsts_.overflow() || lasts_.overflow();
}

}  // namespace zhmeta
