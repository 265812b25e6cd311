#include "resolve/finalize.hpp"

#include <algorithm>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/scratch.hpp"

namespace zhmeta {
namespace {

template <typename T>
void append_unique(std::vector<T> &to, const std::vector<T> &from) {
  for (const auto &x : from)
    if (std::find(to.begin(), to.end(), x) == to.end()) to.push_back(x);
}

void sort_spans(std::vector<Span> &spans) {
  std::sort(spans.begin(), spans.end(),
            [](const Span &a, const Span &b) { return a.begin != b.begin ? a.begin < b.begin : a.end < b.end; });
  spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
}

// Merges items that share a key, keeping the first item's position in the
// list. The (key, position) pairs are sorted once, so that each item merges
// into the first of its key in list order; no map, and a key that is a
// string_view into the item is not copied (merging never changes a key).
// Both lists are per-thread scratch (one pair per instantiation), and a plain
// sort of unique pairs needs no buffer where a stable sort by key took one.
template <typename T, typename Key, typename Merge>
void merge_by(std::vector<T> &items, Key key, Merge merge) {
  using KeyValue = std::decay_t<decltype(key(items.front()))>;
  thread_local std::vector<std::pair<KeyValue, std::size_t>> keyed;
  thread_local std::vector<char> merged;
  // The lists are as long as the items, so they are sized by them, and given
  // back even when this call has nothing to merge.
  const std::size_t wanted = items.size() * sizeof(typename decltype(keyed)::value_type);
  fresh_scratch(keyed, wanted);
  fresh_scratch(merged, wanted);
  if (items.size() < 2) return;
  for (std::size_t i = 0; i < items.size(); ++i) keyed.emplace_back(key(items[i]), i);
  std::sort(keyed.begin(), keyed.end());  // by key, then by position: the stable order
  merged.assign(items.size(), 0);
  for (std::size_t first = 0; first < keyed.size();) {
    std::size_t next = first + 1;
    for (; next < keyed.size() && keyed[next].first == keyed[first].first; ++next) {
      merge(items[keyed[first].second], items[keyed[next].second]);
      merged[keyed[next].second] = 1;
    }
    first = next;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (merged[i]) continue;
    if (kept != i) items[kept] = std::move(items[i]);
    ++kept;
  }
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(kept), items.end());
  keyed.clear();  // views into the items must not outlive this call, even unread
}

}  // namespace

Record finalize(const Document &doc, DraftRecord draft) {
  Record &r = draft;
  auto map = [&](Span &s) { s = doc.to_original(s.begin, s.end); };

  // Dates: one item per mention, in text order.
  std::stable_sort(r.dates.begin(), r.dates.end(),
                   [](const DateMention &a, const DateMention &b) { return a.span.begin < b.span.begin; });
  for (auto &d : r.dates) map(d.span);

  merge_by(
      r.publication.sources, [](const Source &s) { return std::string_view(s.name); },
      [](Source &, const Source &) {});
  for (auto &s : r.publication.sources) map(s.span);

  merge_by(r.bylines, [](const Byline &b) { return b.role + '\x1f' + b.name; }, [](Byline &, const Byline &) {});
  for (auto &b : r.bylines) map(b.span);

  merge_by(
      r.persons, [](const Person &p) { return std::string_view(p.name); },
      [](Person &into, const Person &p) {
        append_unique(into.titles, p.titles);
        into.mentions.insert(into.mentions.end(), p.mentions.begin(), p.mentions.end());
      });
  for (auto &p : r.persons) {
    for (auto &m : p.mentions) map(m);
    sort_spans(p.mentions);
  }

  // Named speakers merge by name; unnamed ones by their titles.
  merge_by(
      r.speakers,
      [](const Speaker &s) {
        if (s.name) return "n:" + *s.name;
        std::string key = "t:";
        for (const auto &t : s.titles) key += t + '\x1f';
        return key;
      },
      [](Speaker &into, const Speaker &s) {
        append_unique(into.titles, s.titles);
        into.statements.insert(into.statements.end(), s.statements.begin(), s.statements.end());
      });
  for (auto &s : r.speakers) {
    for (auto &st : s.statements) map(st.span);
    std::sort(s.statements.begin(), s.statements.end(),
              [](const Statement &a, const Statement &b) { return a.span.begin < b.span.begin; });
  }

  merge_by(
      r.organizations, [](const Organization &o) { return std::string_view(o.name); },
      [](Organization &into, const Organization &o) {
        if (into.type.empty() || into.type == "other") into.type = o.type;
        into.mentions.insert(into.mentions.end(), o.mentions.begin(), o.mentions.end());
      });
  for (auto &o : r.organizations) {
    for (auto &m : o.mentions) map(m);
    sort_spans(o.mentions);
    if (o.type.empty()) o.type = "other";
  }

  merge_by(
      r.meetings, [](const Meeting &m) { return std::string_view(m.name); },
      [](Meeting &into, const Meeting &m) {
        if (!into.date) into.date = m.date;
        append_unique(into.chairs, m.chairs);
        append_unique(into.attendees, m.attendees);
        into.mentions.insert(into.mentions.end(), m.mentions.begin(), m.mentions.end());
      });
  for (auto &m : r.meetings) {
    for (auto &s : m.mentions) map(s);
    sort_spans(m.mentions);
  }

  append_unique(r.warnings, doc.warnings);
  return draft;
}

}  // namespace zhmeta
