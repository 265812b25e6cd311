// Every occurrence of a set of names in a text, in one pass.
//
// The persons extractor turns each further occurrence of an accepted name into
// a mention. The text is read once, Wu-Manber style: a window as long as the
// shortest name slides over it, and a table of the two-byte blocks found in
// the names' first bytes says how far it may jump (Han text that holds no name
// is crossed a few bytes per step). Where a name may start, the names with that
// first code point are tried longest first, one binary search per distinct
// length, so the work at a position is bounded by the number of lengths, not
// of names: the scan stays linear whatever the names, without compiling
// anything per document.
#ifndef ZHMETA_EXTRACT_PERSONS_NAME_OCCURRENCES_HPP
#define ZHMETA_EXTRACT_PERSONS_NAME_OCCURRENCES_HPP

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace zhmeta {

/// A name occurrence: byte offsets [first, second) in the text.
using NameHit = std::pair<std::size_t, std::size_t>;

/// Finds the occurrences of `names` in the valid UTF-8 `text` into `hits`
/// (cleared first): leftmost first, the longest name at a position, never
/// overlapping, the scan resuming after each hit. These are the matches of one
/// regex alternation of the names, longest first. `names` may hold duplicates
/// and empty names (ignored).
void find_name_occurrences(std::string_view text, const std::vector<std::string_view> &names,
                           std::vector<NameHit> &hits);

}  // namespace zhmeta

#endif
