// Maps spans of normalized text back to byte offsets of the original input.
//
// Normalization turns the input into output piece by piece: each piece consumes
// `orig_len` input bytes and produces `norm_len` output bytes (a copied code
// point, a folded one, a deleted pinyin artifact with norm_len 0, a CRLF pair
// that became one '\n'). Consecutive pieces whose lengths are equal are merged
// into one *linear* segment, inside which offsets map one to one; every other
// piece stays an *atomic* segment whose inside never maps. For plain Simplified
// text the map is one segment per full-width punctuation mark or so.
//
// A segment is 8 bytes, where its starts are: its lengths are where the next
// one starts (a sentinel follows the last), as the pieces tile the input and
// the text. At 20 bytes with its lengths, the map of a huge article was one
// of its largest arrays (80 MB for a 100 MB article; 14 bytes per byte of
// random input, which makes a piece of every ill-formed sequence).
#ifndef ZHMETA_CORE_OFFSET_MAP_HPP
#define ZHMETA_CORE_OFFSET_MAP_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

namespace zhmeta {

class OffsetMap {
 public:
  /// Records that input [orig_pos, orig_pos + orig_len) became the next
  /// `norm_len` bytes of the normalized text. Pieces arrive in order.
  /// `one_to_one`: the piece's characters correspond one to one with equal
  /// byte lengths (a copy, or one code point replaced by one of the same
  /// length), so offsets inside it map linearly. "⒑" -> "10." has equal byte
  /// lengths but is not one to one.
  /// Inline: the normalizer adds a piece at every full-width punctuation mark.
  void add(std::size_t orig_pos, std::size_t orig_len, std::size_t norm_len, bool one_to_one) {
    one_to_one = one_to_one && orig_len == norm_len && norm_len > 0;
    if (orig_len == 0 && norm_len == 0) return;
    // Input skipped between pieces (never, from the normalizer) is a deleted piece.
    if (orig_pos > orig_end_) start_segment(orig_end_, false);
    // Equal-length pieces extend a linear segment: inner offsets still map 1:1.
    if (!(one_to_one && last_linear_)) start_segment(orig_pos, one_to_one);
    orig_end_ = orig_pos + orig_len;
    norm_end_ += norm_len;
  }

  /// Finishes the map: `norm_size`/`orig_size` are the final text sizes.
  void finish(std::size_t norm_size, std::size_t orig_size);

  /// Original offset where the normalized character starting at `norm` starts.
  std::size_t to_original_begin(std::size_t norm) const noexcept;
  /// Original offset where the normalized character ending at `norm` ends.
  std::size_t to_original_end(std::size_t norm) const noexcept;

  /// False when `norm` falls strictly inside an atomic piece ("⒑" -> "10."),
  /// where no original offset corresponds; spans should not end there.
  bool is_boundary(std::size_t norm) const noexcept;

  /// Segments, once finished (the sentinel not counted).
  std::size_t segment_count() const noexcept {
    return segments_.empty() ? 0 : segments_.size() - 1;
  }
  void clear() noexcept;
  /// Bytes held by the segment list and its page index, used or not (Document::recycle).
  std::size_t capacity_bytes() const noexcept {
    return segments_.capacity() * sizeof(Segment) + page_first_.capacity() * sizeof(std::uint32_t);
  }

 private:
  static std::uint32_t u32(std::size_t v) { return static_cast<std::uint32_t>(v); }
  // Inputs stay under 2 GiB (kLargestMaxInputBytes), so an original offset
  // leaves its top bit for the linear flag; a text under 4 GiB (11 × the input
  // at most) fits norm_begin.
  static constexpr std::uint32_t kLinearBit = std::uint32_t{1} << 31;
  struct Segment {
    std::uint32_t norm_begin, orig_and_linear;
    std::size_t orig_begin() const noexcept { return orig_and_linear & ~kLinearBit; }
    bool linear() const noexcept { return (orig_and_linear & kLinearBit) != 0; }
    // Lengths: up to where the next segment (or the sentinel) starts.
    std::size_t norm_len() const noexcept { return this[1].norm_begin - norm_begin; }
    std::size_t orig_len() const noexcept { return this[1].orig_begin() - orig_begin(); }
  };
  static_assert(sizeof(Segment) == 8);
  void start_segment(std::size_t orig_pos, bool linear) {
    // Fields written in place: a Segment built on the stack and copied in was
    // stored field by field and reloaded as one block, a store-forwarding
    // stall at every piece (a sixth of normalization time).
    Segment &segment = segments_.emplace_back();
    segment.norm_begin = u32(norm_end_);
    segment.orig_and_linear = u32(orig_pos) | (linear ? kLinearBit : 0);
    last_linear_ = linear;
  }
  // The first segment whose norm_begin is past `norm` (std::upper_bound's
  // answer), found between two entries of the page index rather than by a
  // binary search of every segment: finalize() maps every span it emits,
  // and a page holds one or two segments.
  const Segment *segment_after(std::size_t norm) const noexcept;
  static constexpr unsigned kPageBits = 6;  // pages of 64 normalized bytes
  std::vector<Segment> segments_;  // and, once finished, the sentinel {norm end, input end}
  // By page p: how many segments have norm_begin <= p << kPageBits (built by finish()).
  std::vector<std::uint32_t> page_first_;
  std::size_t norm_size_ = 0, orig_size_ = 0;
  // While pieces are added: where the last one ends, and whether its segment is linear.
  std::size_t norm_end_ = 0, orig_end_ = 0;
  bool last_linear_ = false;
};

}  // namespace zhmeta

#endif
