#include "core/shared_literal_scan.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include "core/call_marks.hpp"
#include "core/swar.hpp"

namespace zhmeta {

bool contains_ascii_upper(std::string_view text) noexcept {
  std::size_t i = 0;
  while (text.size() - i >= 8 && swar::bytes_between(swar::load8(text.data() + i), 'A', 'Z') == 0)
    i += 8;
  for (; i < text.size(); ++i)
    if (text[i] >= 'A' && text[i] <= 'Z') return true;
  return false;
}

int SharedLiteralScan::add(Words words, bool ignores_ascii_case, Recorded recorded) {
  sources_.push_back(std::move(words));
  ignores_ascii_case_.push_back(ignores_ascii_case);
  first_only_.push_back(recorded == Recorded::first);
  return static_cast<int>(sources_.size() - 1);
}

void SharedLiteralScan::build() const {
  served_.assign(sources_.size(), 0);
  // Each distinct word once, with every (source, index) it stands for; a word
  // a source holds twice keeps both indices, in the source's order.
  for (std::size_t source = 0; source < sources_.size(); ++source) {
    const LiteralSet *words = sources_[source] ? sources_[source]() : nullptr;
    if (!words) continue;
    for (std::size_t index = 0; index < words->size(); ++index)
      if (!words->word(index).empty())  // never found by the source's own scan either
        merged_.add(words->word(index), {source, index});
    served_[source] = 1;
  }
  merged_.finish();
}

void SharedLiteralScan::scan(std::string_view text, LiteralHits &out) const {
  std::call_once(built_, [this] { build(); });
  out.by_source.resize(sources_.size());
  out.ready.assign(sources_.size(), 0);
  const bool has_upper = contains_ascii_upper(text);
  for (std::size_t source = 0; source < sources_.size(); ++source) {
    out.by_source[source].clear();
    out.ready[source] = served_[source] && !(has_upper && ignores_ascii_case_[source]);
  }
  auto give_up = [&] {  // and hand the memory back: the sources' own scans need theirs
    for (std::size_t source = 0; source < sources_.size(); ++source) {
      out.ready[source] = 0;
      std::vector<LiteralHit>().swap(out.by_source[source]);
    }
  };
  if (text.size() > std::numeric_limits<std::uint32_t>::max()) return give_up();
  const char *const ready = out.ready.data();
  const char *const first_only = first_only_.data();
  std::vector<LiteralHit> *const lists = out.by_source.data();
  // The (word, source) pairs of first-only sources recorded in this call,
  // by target slot.
  thread_local CallMarks recorded_targets;
  const Target *const targets = merged_.first(0);
  recorded_targets.start(merged_.target_count());
  const std::size_t budget = text.size() / 2 + 4096;
  std::size_t recorded = 0;
  merged_.words().scan(text, [&](std::size_t pos, std::size_t word) {
    if (recorded > budget) return true;  // given up: see below
    for (const Target *t = merged_.first(word), *last = merged_.last(word); t != last; ++t)
      if (ready[t->source]) {
        if (first_only[t->source] &&
            !recorded_targets.mark(static_cast<std::size_t>(t - targets)))
          continue;
        lists[t->source].push_back(
            {static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(t->index)});
        ++recorded;
      }
    return false;  // every word at every position: sources stop early on replay
  });
  if (recorded > budget) give_up();
}

void SharedLiteralScan::recycle(LiteralHits &hits, std::size_t max_kept) {
  std::size_t kept = 0;
  for (const auto &list : hits.by_source) kept += list.capacity();
  if (kept > max_kept) {
    hits = LiteralHits();
    return;
  }
  for (auto &list : hits.by_source) list.clear();
  hits.ready.clear();
}

}  // namespace zhmeta
