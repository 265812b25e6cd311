#include "resolve/finalize.hpp"

#include <algorithm>
#include <map>

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

// Merges items that share a key, keeping the first item's position in the list.
template <typename T, typename Key, typename Merge>
void merge_by(std::vector<T> &items, Key key, Merge merge) {
  std::vector<T> out;
  std::map<std::string, std::size_t> index;
  for (auto &item : items) {
    auto [it, fresh] = index.emplace(key(item), out.size());
    if (fresh)
      out.push_back(std::move(item));
    else
      merge(out[it->second], item);
  }
  items = std::move(out);
}

}  // namespace

Record finalize(const Document &doc, DraftRecord draft) {
  Record &r = draft;
  auto map = [&](Span &s) { s = doc.to_original(s.begin, s.end); };

  // Dates: one item per mention, in text order.
  std::stable_sort(r.dates.begin(), r.dates.end(),
                   [](const DateMention &a, const DateMention &b) { return a.span.begin < b.span.begin; });
  for (auto &d : r.dates) map(d.span);

  merge_by(r.publication.sources, [](const Source &s) { return s.name; }, [](Source &, const Source &) {});
  for (auto &s : r.publication.sources) map(s.span);

  merge_by(r.bylines, [](const Byline &b) { return b.role + '\x1f' + b.name; }, [](Byline &, const Byline &) {});
  for (auto &b : r.bylines) map(b.span);

  merge_by(r.persons, [](const Person &p) { return p.name; }, [](Person &into, const Person &p) {
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

  merge_by(r.organizations, [](const Organization &o) { return o.name; },
           [](Organization &into, const Organization &o) {
             if (into.type.empty() || into.type == "other") into.type = o.type;
             into.mentions.insert(into.mentions.end(), o.mentions.begin(), o.mentions.end());
           });
  for (auto &o : r.organizations) {
    for (auto &m : o.mentions) map(m);
    sort_spans(o.mentions);
    if (o.type.empty()) o.type = "other";
  }

  merge_by(r.meetings, [](const Meeting &m) { return m.name; }, [](Meeting &into, const Meeting &m) {
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
