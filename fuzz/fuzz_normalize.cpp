// Fuzz target: normalization, its offset map, and segmentation on arbitrary bytes.
// Properties: no crash or sanitizer report; the normalized text is valid UTF-8;
// for every code point of it the map gives 0 <= begin <= end <= len on unit
// boundaries of the input, never going backwards; lines and sentences are in
// order, inside the text and on code-point boundaries; a second run gives the
// same text and map.
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/utf8.hpp"
#include "fuzz_checks.hpp"
#include "normalize/normalizer.hpp"
#include "rules/rule_pack.hpp"
#include "segment/segmenter.hpp"

using zhmeta::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  static const auto pack = zhmeta::RulePack::load_embedded();
  static const zhmeta::Segmenter segmenter(*pack);
  const std::string_view input(reinterpret_cast<const char *>(data), size);

  zhmeta::Document doc;
  zhmeta::normalize(input, doc);
  const std::string &text = doc.text;
  check(zhmeta::utf8::is_valid(text), "normalized text is not valid UTF-8");

  const auto in_boundary = zhmeta::fuzz::unit_boundaries(input);
  std::size_t last_begin = 0, last_end = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t next = pos + zhmeta::utf8::decode(text, pos).len;
    const zhmeta::Span span = doc.to_original(pos, next);
    check(span.begin <= span.end && span.end <= size, "mapped span out of order or past the input", span.begin,
          span.end);
    check(in_boundary[span.begin] && in_boundary[span.end], "mapped span cuts a UTF-8 sequence", span.begin,
          span.end);
    check(span.begin >= last_begin && span.end >= last_end, "offset map goes backwards", span.begin, last_begin);
    last_begin = span.begin;
    last_end = span.end;
    pos = next;
  }
  const zhmeta::Span whole = doc.to_original(0, text.size());
  check(whole.begin <= whole.end && whole.end <= size, "whole-text span", whole.begin, whole.end);

  segmenter.run(doc);
  check(!doc.lines.empty(), "every text has at least one line");
  std::size_t prev_end = 0;
  for (const auto &line : doc.lines) {
    check(line.begin <= line.end && line.end <= text.size() && line.begin >= prev_end, "line bounds", line.begin,
          line.end);
    prev_end = line.end;
  }
  prev_end = 0;
  for (const auto &s : doc.sentences) {
    check(s.begin < s.end && s.end <= text.size() && s.begin >= prev_end && s.line < doc.lines.size(),
          "sentence bounds", s.begin, s.end);
    check((static_cast<unsigned char>(text[s.begin]) & 0xC0) != 0x80 &&
              (s.end == text.size() || (static_cast<unsigned char>(text[s.end]) & 0xC0) != 0x80),
          "sentence cuts a code point", s.begin, s.end);
    prev_end = s.end;
  }

  zhmeta::Document again;
  zhmeta::normalize(input, again);
  check(again.text == text && again.warnings == doc.warnings, "a second run normalizes differently");
  return 0;
}
