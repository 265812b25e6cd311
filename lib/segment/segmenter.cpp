#include "segment/segmenter.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/scratch.hpp"
#include "core/utf8.hpp"

namespace zhmeta {
namespace {

// Lines longer than this are article text, never page furniture; checking only
// short lines also keeps segmentation linear on huge single-line inputs.
constexpr std::size_t kMaxBoilerplateBytes = 240;
// A line this long, or one with a full stop, is article text; so is a shorter
// one that reads as a clause (a comma or enumeration comma, 20+ characters).
constexpr std::size_t kBodyLineBytes = 150;
constexpr std::size_t kClauseLineBytes = 60;

bool is_terminator(char32_t c) {
  return c == U'。' || c == '!' || c == '?' || c == ';' || c == U'！' || c == U'？' || c == U'；';
}
// First byte of every terminator's UTF-8 form: ASCII ! ? ;, E3 (。), EF (！？；).
constexpr bool may_start_terminator(unsigned char b) {
  return b == '!' || b == '?' || b == ';' || b == 0xE3 || b == 0xEF;
}
// The first byte in text[pos, end) that may start a terminator, or `end`.
// Most of Chinese text holds none for many bytes: the search takes 16 bytes at
// a time with SSE2 (x86-64 always has it) or 8 at a time as plain integer
// arithmetic elsewhere, instead of a test and a branch per byte, which was most
// of segmentation's own time.
#if defined(__SSE2__)
std::size_t next_candidate(const char *text, std::size_t pos, std::size_t end) {
  const __m128i excl = _mm_set1_epi8('!'), question = _mm_set1_epi8('?'),
                semicolon = _mm_set1_epi8(';'), e3 = _mm_set1_epi8(static_cast<char>(0xE3)),
                ef = _mm_set1_epi8(static_cast<char>(0xEF));
  for (; pos + 16 <= end; pos += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(text + pos));
    const __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, excl), _mm_cmpeq_epi8(v, question)),
        _mm_or_si128(_mm_cmpeq_epi8(v, semicolon),
                     _mm_or_si128(_mm_cmpeq_epi8(v, e3), _mm_cmpeq_epi8(v, ef))));
    if (const int mask = _mm_movemask_epi8(hit))
      return pos + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
  for (; pos < end; ++pos)
    if (may_start_terminator(static_cast<unsigned char>(text[pos]))) return pos;
  return end;
}
#else
// zero_bytes(v) is non-zero exactly when some byte of v is 0.
constexpr std::uint64_t kOnes = 0x0101010101010101u;
constexpr std::uint64_t zero_bytes(std::uint64_t v) { return (v - kOnes) & ~v & (kOnes << 7); }
constexpr bool may_hold_terminator(std::uint64_t w) {
  return (zero_bytes(w ^ (kOnes * '!')) | zero_bytes(w ^ (kOnes * '?')) |
          zero_bytes(w ^ (kOnes * ';')) | zero_bytes(w ^ (kOnes * 0xE3)) |
          zero_bytes(w ^ (kOnes * 0xEF))) != 0;
}
std::size_t next_candidate(const char *text, std::size_t pos, std::size_t end) {
  for (; pos + 8 <= end; pos += 8) {
    std::uint64_t word;
    std::memcpy(&word, text + pos, sizeof word);
    if (may_hold_terminator(word)) break;  // one of these 8 bytes: found below
  }
  for (; pos < end; ++pos)
    if (may_start_terminator(static_cast<unsigned char>(text[pos]))) return pos;
  return end;
}
#endif

bool is_closer(char32_t c) {
  return c == U'”' || c == U'’' || c == U'」' || c == U'』' || c == ')' || c == U'】' || c == U'》' ||
         c == '"';
}

enum class Furniture { none, header, footer, any };

}  // namespace

Segmenter::Segmenter(const RulePack &rules) : zones_(rules.kind("segment")) {}

void Segmenter::run(Document &doc) const {
  const std::string_view text = doc.text;
  doc.lines.clear();
  doc.sentences.clear();

  // Lines.
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    doc.lines.push_back({pos, nl, Zone::body, false});
    pos = nl + 1;
  }

  // Page furniture, and where the article text is.
  thread_local std::vector<Furniture> furniture;  // per-thread scratch, like `hits`
  fresh_scratch(furniture, doc.text.size()).assign(doc.lines.size(), Furniture::none);
  thread_local std::vector<int> hits;  // matching() empties it
  std::size_t first_body = doc.lines.size(), last_body = 0;
  std::size_t first_content = doc.lines.size(), last_content = 0;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    Line &line = doc.lines[i];
    if (line.blank()) continue;
    const std::string_view s = text.substr(line.begin, line.end - line.begin);
    if (s.find_first_not_of(' ') == std::string_view::npos) continue;
    // Most lines are no furniture: the yes/no question is cheaper than the list.
    if (s.size() <= kMaxBoilerplateBytes && !zones_.empty() && zones_.any_match(s)) {
      zones_.matching(s, hits);
      for (int h : hits) {
        const auto zone = zones_.rules()[static_cast<std::size_t>(h)].emit_value("zone", "any");
        const Furniture f = zone == "header" ? Furniture::header
                            : zone == "footer" ? Furniture::footer
                                               : Furniture::any;
        if (furniture[i] == Furniture::none || f == Furniture::footer) furniture[i] = f;
      }
    }
    if (furniture[i] != Furniture::none) {
      line.boilerplate = true;
      continue;
    }
    if (first_content == doc.lines.size()) first_content = i;
    last_content = i;
    const bool clause = s.size() >= kClauseLineBytes &&
                        (s.find(',') != std::string_view::npos || s.find("、") != std::string_view::npos);
    if (s.size() >= kBodyLineBytes || clause || s.find("。") != std::string_view::npos) {
      if (first_body == doc.lines.size()) first_body = i;
      last_body = i;
    }
  }
  if (first_body == doc.lines.size()) {  // a short text: every content line is body
    first_body = first_content;
    last_body = last_content;
  }
  // A footer marker (责任编辑, 打印, ...) after the article starts the footer.
  std::size_t footer_from = last_body + 1;
  for (std::size_t i = first_body; i < doc.lines.size() && i < footer_from; ++i)
    if (furniture[i] == Furniture::footer) footer_from = i;
  for (std::size_t i = 0; i < doc.lines.size(); ++i)
    doc.lines[i].zone = i < first_body ? Zone::header : i >= footer_from ? Zone::footer : Zone::body;

  // Sentences, within lines.
  for (std::size_t li = 0; li < doc.lines.size(); ++li) {
    const Line &line = doc.lines[li];
    std::size_t start = line.begin;
    // Step to each byte that may start a terminator, without decoding the
    // rest (the text is valid UTF-8, so a continuation byte never matches).
    for (std::size_t pos = line.begin;;) {
      pos = next_candidate(text.data(), pos, line.end);
      if (pos == line.end) break;
      const utf8::Decoded d = utf8::decode(text, pos);
      pos += d.len;
      if (!is_terminator(d.cp)) continue;
      while (pos < line.end) {  // keep closing quotes with their sentence
        const utf8::Decoded next = utf8::decode(text, pos);
        if (!is_closer(next.cp) && !is_terminator(next.cp)) break;
        pos += next.len;
      }
      doc.sentences.push_back({start, pos, li});
      start = pos;
    }
    if (start < line.end) doc.sentences.push_back({start, line.end, li});
  }
}

}  // namespace zhmeta
