// The document every stage reads: the caller's bytes, the normalized text, the
// offset map between them, and the segmentation of the normalized text.
// Extractors work on `text` (normalized UTF-8) with offsets into it; the record
// builder maps those back to the caller's bytes through `map` at the very end.
#ifndef ZHMETA_CORE_DOCUMENT_HPP
#define ZHMETA_CORE_DOCUMENT_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/offset_map.hpp"
#include "core/shared_literal_scan.hpp"
#include "zhmeta/zhmeta.hpp"

namespace zhmeta {

/// Where a line sits in the page. Header: breadcrumbs, site names, title,
/// 发布时间/来源 lines before the article; footer: 责任编辑, 打印, related
/// links and repeated page furniture after it; body: the article itself.
enum class Zone : std::uint8_t { header, body, footer };

/// A line of normalized text, [begin, end) without its '\n'.
struct Line {
  std::size_t begin = 0, end = 0;
  Zone zone = Zone::body;
  bool boilerplate = false;  // matched a page-furniture rule (rules/segment/zones.rules)
  bool blank() const noexcept { return begin == end; }
};

/// A sentence: ends after 。！？; (or their ASCII forms) or at the end of its line.
struct Sentence {
  std::size_t begin = 0, end = 0;  // end includes the terminator
  std::size_t line = 0;            // index into Document::lines
};

struct Document {
  std::string_view original;  // the caller's bytes, never modified
  std::string text;           // normalized UTF-8
  OffsetMap map;
  std::vector<Line> lines;
  std::vector<Sentence> sentences;
  std::vector<std::string> warnings;
  LiteralHits literal_hits;  // every stage's words in `text`, found in one scan
                             // (core/shared_literal_scan.hpp)

  std::string_view slice(std::size_t begin, std::size_t end) const {
    return std::string_view(text).substr(begin, end - begin);
  }
  /// Maps a normalized [begin, end) to the caller's byte offsets.
  /// An empty span maps to an empty span at the original offset of `begin`.
  Span to_original(std::size_t begin, std::size_t end) const {
    const std::size_t b = map.to_original_begin(begin);
    if (end <= begin) return {b, b};
    const std::size_t e = map.to_original_end(end);
    return {b, e < b ? b : e};
  }
  /// Empties the document for the next one on the same thread. Its buffers
  /// keep their capacity, so that a document of ordinary size allocates
  /// nearly nothing for its text, offset map, lines, sentences and hits;
  /// a huge one's buffers (more than `max_kept_bytes` in all) are freed
  /// instead, so a thread does not hold on to them.
  void recycle(std::size_t max_kept_bytes);

  /// Index of the sentence containing normalized offset `pos` (the last one when past the end).
  std::size_t sentence_at(std::size_t pos) const noexcept;
  std::size_t line_at(std::size_t pos) const noexcept;
  Zone zone_at(std::size_t pos) const noexcept {
    return lines.empty() ? Zone::body : lines[line_at(pos)].zone;
  }
};

}  // namespace zhmeta

#endif
