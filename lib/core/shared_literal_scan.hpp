// One scan of a document for the literal words of every stage that looks for
// words: the trigger words of dates and bylines, the anchor words of persons
// and speakers, and the prefilter atoms of the rule kinds. Each of them used
// to scan the whole text for its own words, seven passes in all; the scans
// cost more than normalization. Now one LiteralSet holding every source's
// words scans the text once, and each source receives its own hits, in the
// order its own scan would have found them (LiteralSet::replay), as indices
// into its own word list.
#ifndef ZHMETA_CORE_SHARED_LITERAL_SCAN_HPP
#define ZHMETA_CORE_SHARED_LITERAL_SCAN_HPP

#include <cstddef>
#include <functional>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

#include "core/literal_set.hpp"
#include "core/word_targets.hpp"

namespace zhmeta {

/// The hits of one document, by source id (see SharedLiteralScan::add).
struct LiteralHits {
  std::vector<std::vector<LiteralHit>> by_source;
  std::vector<char> ready;  // by source id; 0: that source scans the text itself

  /// The hits of `source` in the scanned text, or null when it must scan for
  /// itself. A source added with Recorded::first gets each word's first hit only.
  const std::vector<LiteralHit> *of(int source) const {
    if (source < 0 || static_cast<std::size_t>(source) >= ready.size() ||
        !ready[static_cast<std::size_t>(source)])
      return nullptr;
    return &by_source[static_cast<std::size_t>(source)];
  }
};

/// Whether `text` holds an ASCII capital letter: eight bytes per step, since
/// it runs over every document and nearly all of them hold none.
bool contains_ascii_upper(std::string_view text) noexcept;

class SharedLiteralScan {
 public:
  /// Where a source's words come from. Asked once, on the first scan: a rule
  /// kind's prefilter atoms only exist once its prefilter is built (on first
  /// use, to keep engine creation fast). Null: the source scans for itself.
  using Words = std::function<const LiteralSet *()>;

  /// Which hits a source gets: every occurrence of its words, or only the
  /// first of each word, for a source that asks which words occur anywhere in
  /// the text (the rule prefilter of dates, asked once for the whole text).
  /// Common atoms (",", digits) then cost one hit each rather than hundreds.
  enum class Recorded { every, first };

  /// Registers a source and returns its id; only before the first scan.
  /// A source that `ignores_ascii_case` (prefilter atoms, which are lowercase)
  /// gets no hits for a text holding an uppercase ASCII letter: it then
  /// scans a lowered copy itself, as before.
  int add(Words words, bool ignores_ascii_case, Recorded recorded = Recorded::every);

  /// Scans `text` once and fills `out` for every source. Thread-safe.
  /// Every source's hits are held at once, so they are kept only while they
  /// number at most one per two bytes of text (ordinary news text has about
  /// one per seven; a megabyte of "((((" has several per byte): past that, or
  /// for a text of 4 GiB or more, every source scans for itself, as before.
  void scan(std::string_view text, LiteralHits &out) const;

  /// Empties `hits` for reuse on the next document, keeping the lists'
  /// capacity unless they hold room for more than `max_kept` hits in all (a
  /// huge document's lists are freed rather than kept for the next one).
  static void recycle(LiteralHits &hits, std::size_t max_kept);

 private:
  void build() const;

  std::vector<Words> sources_;
  std::vector<bool> ignores_ascii_case_;
  std::vector<char> first_only_;  // by source: Recorded::first
  // Built by the first scan (call_once), never changed afterwards.
  mutable std::once_flag built_;
  // Every source's words, each once, with the sources it stands for and its
  // index in each.
  struct Target {
    std::size_t source, index;
  };
  mutable WordTargets<Target> merged_;
  mutable std::vector<char> served_;  // by source: its words are in merged_
};

}  // namespace zhmeta

#endif
