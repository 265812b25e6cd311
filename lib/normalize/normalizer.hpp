// Normalization: the caller's bytes -> Document::text + Document::map.
//
// In one pass, each step recorded in the offset map:
//  - invalid UTF-8 -> U+FFFD (one per maximal ill-formed subpart), with a warning;
//  - NUL and other C0 controls -> space, with a warning for NUL; tab -> space;
//  - CRLF and lone CR -> '\n'; a leading BOM and zero-width characters dropped;
//  - pinyin annotation artifacts of Traditional->pinyin converters removed:
//    報(bào)訊 -> 報訊, 會(huì )議, 僑(qiao) 聯 (the toneless style's space after ')'
//    goes too); real
//    parentheses stay: (記者 何志強), (州), (2019), (扩大), (AI);
//  - every code point folded by the build-time table: NFKC (full-width ASCII,
//    ideographic space, NBSP -> ASCII) then Traditional -> Simplified.
#ifndef ZHMETA_NORMALIZE_NORMALIZER_HPP
#define ZHMETA_NORMALIZE_NORMALIZER_HPP

#include <string_view>

#include "core/document.hpp"

namespace zhmeta {

/// Fills doc.original, doc.text, doc.map and adds warnings; clears the rest.
void normalize(std::string_view input, Document &doc);

/// Length in bytes of a pinyin artifact "(...)" starting at input[pos] (which is
/// '(' or '（'), including the converter's trailing space; 0 when it is not one. Exposed for tests.
std::size_t pinyin_artifact_length(std::string_view input, std::size_t pos) noexcept;

}  // namespace zhmeta

#endif
