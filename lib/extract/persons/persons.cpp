#include "extract/persons/persons.hpp"

#include <algorithm>
#include <iterator>

#include "core/scratch.hpp"
#include "core/utf8.hpp"
#include "extract/persons/name_occurrences.hpp"

namespace zhmeta {
namespace {

constexpr std::string_view kListSeparator = "、";
constexpr std::string_view kConcurrent = "兼";  // 市委常委兼秘书长
// How far a garbled first list item (mojibake) may run before the next 、.
constexpr std::size_t kMaxGarbledItemBytes = 48;
// Longest list item looked at (a dotted foreign name is the longest).
constexpr std::size_t kMaxItemBytes = 48;
// Most titles in one run (中共中央总书记、国家主席、中央军委主席 has three).
constexpr std::size_t kMaxTitleRun = 8;

// One name found with evidence, in normalized offsets.
struct Found {
  std::size_t begin = 0, end = 0;
  std::vector<std::string> titles;
  bool byline = false;  // names after it may be separated by spaces (记者 王某 张某)
};

bool starts_with_at(std::string_view text, std::size_t pos, std::string_view word) {
  return text.compare(pos, word.size(), word) == 0;
}

bool ends_with_at(std::string_view text, std::size_t end, std::string_view word) {
  return end >= word.size() && text.compare(end - word.size(), word.size(), word) == 0;
}

bool is_clause_end(char32_t c) {
  return c == ',' || c == 0x3002 || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n' ||
         c == '(' || c == ')';
}

// Length of the list separator run starting at `pos` ("、", ",、", "、,"; spaces
// too after byline names), or 0.
std::size_t separator_after(std::string_view text, std::size_t pos, std::size_t limit,
                            bool spaces) {
  std::size_t p = pos;
  bool list_mark = false;
  while (p < limit) {
    if (starts_with_at(text, p, kListSeparator)) {
      list_mark = true;
      p += kListSeparator.size();
    } else if (text[p] == ',') {
      ++p;
    } else if (spaces && text[p] == ' ') {
      list_mark = true;
      ++p;
    } else {
      break;
    }
  }
  return list_mark ? p - pos : 0;
}

std::size_t separator_before(std::string_view text, std::size_t end, std::size_t floor,
                             bool spaces) {
  std::size_t p = end;
  bool list_mark = false;
  while (p > floor) {
    if (p - floor >= kListSeparator.size() && ends_with_at(text, p, kListSeparator)) {
      list_mark = true;
      p -= kListSeparator.size();
    } else if (text[p - 1] == ',') {
      --p;
    } else if (spaces && text[p - 1] == ' ') {
      list_mark = true;
      --p;
    } else {
      break;
    }
  }
  return list_mark ? end - p : 0;
}

// End of the list item starting at `pos`: the next separator or clause end.
std::size_t item_end(std::string_view text, std::size_t pos, std::size_t limit) {
  std::size_t p = pos;
  while (p < limit && p - pos < kMaxItemBytes) {
    if (starts_with_at(text, p, kListSeparator)) return p;
    const utf8::Decoded d = utf8::decode(text, p);
    if (d.cp == ' ' || is_clause_end(d.cp)) return p;
    p += d.len;
  }
  return p;
}

// Start of the list item ending at `end`: back to the previous separator,
// space or clause end.
std::size_t item_begin(std::string_view text, std::size_t end, std::size_t floor) {
  std::size_t p = end;
  while (p > floor && end - p < kMaxItemBytes) {
    if (ends_with_at(text, p, kListSeparator)) return p;
    const char32_t c = utf8::before(text, p);
    if (c == ' ' || is_clause_end(c)) return p;
    p = utf8::prev_boundary(text, p);
  }
  return p;
}

}  // namespace

PersonsExtractor::PersonsExtractor(const RulePack &rules)
    : rules_(rules), grammar_(rules), anchored_(rules, rules.kind("persons")) {
  for (const Rule &rule : rules.kind("persons").rules())
    evidence_.push_back(rule.emit_value("evidence"));
}

void PersonsExtractor::share_literal_scan(SharedLiteralScan &scan) {
  anchors_source_ = scan.add([this] { return &anchored_.words(); }, false);
}

void PersonsExtractor::run(const Document &doc, const ExtractOptions &options,
                           DraftRecord &draft) const {
  (void)options;
  const std::string_view text = doc.text;
  if (text.empty()) return;
  // The working vectors here are per-thread scratch, cleared per document:
  // their capacity is reused instead of allocated again for every document.
  thread_local std::vector<Found> found;
  fresh_scratch(found, text.size());
  // Positions after which a governed list continues although its first item
  // is garbled (县人大常委会副主任龙?zhí…、佘克先、…).
  thread_local std::vector<std::size_t> list_restarts;
  fresh_scratch(list_restarts, text.size());

  // Organization mentions (found earlier by the organizations extractor) by
  // their end: one that ends where an office starts is that title's prefix
  // when it reaches further back than the title grammar (an enterprise's
  // registered name before 总经理). The grammar alone stands without them.
  thread_local std::vector<std::pair<std::size_t, std::size_t>> org_spans;  // (end, begin)
  fresh_scratch(org_spans, text.size());
  for (const Organization &o : draft.organizations)
    for (const Span &m : o.mentions)
      if (m.begin < m.end && m.end <= text.size()) org_spans.emplace_back(m.end, m.begin);
  std::sort(org_spans.begin(), org_spans.end());
  auto title_begin = [&](std::size_t office_begin, std::size_t floor) {
    std::size_t begin = grammar_.title_begin(text, office_begin, floor);
    auto it = std::lower_bound(org_spans.begin(), org_spans.end(),
                               std::make_pair(office_begin, std::size_t{0}));
    for (; it != org_spans.end() && it->first == office_begin; ++it) {
      const std::size_t org_begin = it->second;
      if (org_begin < begin && org_begin >= floor &&
          item_end(text, org_begin, office_begin) == office_begin)
        begin = org_begin;
    }
    return begin;
  };

  // The run of titles ending at `title_end` whose last office starts at
  // `office_begin`, split at 、 and 兼: 市委常委、市纪委书记 -> {市委常委, 市纪委书记}.
  auto title_chain = [&](std::size_t office_begin, std::size_t title_end, std::size_t floor) {
    std::vector<std::string> titles;
    std::size_t begin = title_begin(office_begin, floor);
    titles.emplace_back(text.substr(begin, title_end - begin));
    while (titles.size() < kMaxTitleRun) {
      std::size_t sep = 0;
      if (begin - floor >= kListSeparator.size() && ends_with_at(text, begin, kListSeparator))
        sep = kListSeparator.size();
      else if (begin - floor >= kConcurrent.size() && ends_with_at(text, begin, kConcurrent))
        sep = kConcurrent.size();
      if (sep == 0) break;
      const std::size_t prev_end = begin - sep;
      const std::size_t office = grammar_.office_ending_at(text, prev_end, floor);
      if (office == 0) break;
      const std::size_t prev_begin = title_begin(prev_end - office, floor);
      titles.emplace(titles.begin(), text.substr(prev_begin, prev_end - prev_begin));
      begin = prev_begin;
    }
    return titles;
  };

  const RuleSet &rules = rules_.kind("persons");
  auto on_match = [&](const RuleMatch &m) {
    const Line &line = doc.lines.empty() ? Line{0, text.size()} : doc.lines[doc.line_at(m.begin())];
    const std::size_t floor = line.begin, limit = std::max(line.end, m.end());
    const std::string_view evidence =
        evidence_[static_cast<std::size_t>(&m.rule() - rules.rules().data())];
    if (evidence == "title" || evidence == "category" || evidence == "role" ||
        evidence == "paren") {
      const std::size_t begin = m.group_begin("surname");
      // Only an office right before the name is evidence enough to guess a
      // name's length when nothing known follows it (市领导权…: no guess).
      const std::size_t length = grammar_.name_at(text, begin, limit, evidence == "title");
      if (length == 0) {
        if (evidence == "title" || evidence == "category") {
          // A garbled first item does not end the list it heads (mojibake
          // may carry a line break, so the item may run past the line end).
          std::size_t p = begin;
          while (p < text.size() && p - begin < kMaxGarbledItemBytes &&
                 !starts_with_at(text, p, kListSeparator)) {
            const utf8::Decoded d = utf8::decode(text, p);
            if (is_clause_end(d.cp) && d.cp != '?' && d.cp != ')' && d.cp != '(' && d.cp != '\n')
              break;
            p += d.len;
          }
          if (starts_with_at(text, p, kListSeparator)) list_restarts.push_back(p);
        }
        return;
      }
      Found f{begin, begin + length, {}, evidence == "role"};
      if (evidence == "title")
        f.titles = title_chain(m.group_begin("office"), m.group_end("title"), floor);
      found.push_back(std::move(f));
    } else if (evidence == "dotted") {
      const std::string_view name = m.group("name");
      if (!NameGrammar::is_dotted_name(name)) return;
      // Without an office before it the first Han run may still start with
      // one (团长阿卜杜·卡迪尔说): the title rule reads that case.
      if (!m.has("office") &&
          grammar_.office_at(text, m.group_begin("name"), m.group_end("name")) > 0)
        return;
      Found f{m.group_begin("name"), m.group_end("name"), {}, false};
      if (m.has("office"))
        f.titles = title_chain(m.group_begin("office"), m.group_end("title"), floor);
      found.push_back(std::move(f));
    } else if (evidence == "cue" || evidence == "post") {
      const std::string_view name = m.group("name");
      if (!grammar_.is_name(name)) return;
      Found f{m.group_begin("name"), m.group_end("name"), {}, false};
      if (evidence == "post") f.titles.emplace_back(m.group("office"));
      found.push_back(std::move(f));
    }
  };
  // Each rule is tried only next to its anchor words (anchored_rules.hpp),
  // rule by rule in file order, each in text order, as a whole-text run would.
  thread_local AnchoredRules::Candidates candidates;
  anchored_.find(text, candidates, doc.literal_hits.of(anchors_source_));
  for (int index = 0; index < static_cast<int>(rules.rules().size()); ++index)
    if (anchored_.may_run(index, candidates) &&
        may_match(rules.rules()[static_cast<std::size_t>(index)], text))
      anchored_.for_each_match(index, text, candidates, on_match);

  for (const Byline &b : draft.bylines)
    if (!b.name.empty() && b.span.end > b.span.begin && b.span.end <= text.size())
      found.push_back(Found{b.span.begin, b.span.end, {}, true});

  // Walk 、-lists from every accepted name, both ways.
  thread_local std::vector<bool> seen;  // by begin
  fresh_scratch(seen, text.size()).assign(text.size(), false);
  for (const Found &f : found) seen[f.begin] = true;
  // Where to look for a further list item: (position, spaces allowed).
  thread_local std::vector<std::pair<std::size_t, bool>> right_from, left_from;
  fresh_scratch(right_from, text.size());
  fresh_scratch(left_from, text.size());
  for (const Found &f : found) {
    right_from.emplace_back(f.end, f.byline);
    left_from.emplace_back(f.begin, f.byline);
  }
  for (std::size_t p : list_restarts) right_from.emplace_back(p, false);

  auto accept = [&](std::size_t begin, std::size_t end, bool byline) {
    if (seen[begin]) return false;
    seen[begin] = true;
    found.push_back(Found{begin, end, {}, byline});
    right_from.emplace_back(end, byline);
    left_from.emplace_back(begin, byline);
    return true;
  };
  while (!right_from.empty() || !left_from.empty()) {
    if (!right_from.empty()) {
      const auto [pos, spaces] = right_from.back();
      right_from.pop_back();
      const std::size_t limit = doc.lines.empty() ? text.size() : doc.lines[doc.line_at(pos)].end;
      const std::size_t sep = separator_after(text, pos, limit, spaces);
      if (sep == 0) continue;
      const std::size_t begin = pos + sep;
      // The item between separators fixes the name's length (罗富和、…);
      // the last item of a list is closed by what follows it instead.
      const std::size_t end = item_end(text, begin, limit);
      const std::string_view item = text.substr(begin, end - begin);
      if (grammar_.is_name(item) || NameGrammar::is_dotted_name(item)) {
        accept(begin, end, spaces);
      } else if (const std::size_t length = grammar_.name_at(text, begin, limit); length > 0) {
        accept(begin, begin + length, spaces);
      }
    } else {
      const auto [pos, spaces] = left_from.back();
      left_from.pop_back();
      const std::size_t floor = doc.lines.empty() ? 0 : doc.lines[doc.line_at(pos)].begin;
      const std::size_t sep = separator_before(text, pos, floor, spaces);
      if (sep == 0) continue;
      const std::size_t end = pos - sep;
      const std::size_t begin = item_begin(text, end, floor);
      const std::string_view item = text.substr(begin, end - begin);
      // Dotted names only from the left edge of a separator: going left, the
      // item may still carry the category word or title before it.
      if (grammar_.is_name(item)) accept(begin, end, spaces);
    }
  }

  // Every occurrence of an accepted name is a mention; titles stay with the
  // mention they were written at.
  thread_local std::vector<std::string_view> names;
  fresh_scratch(names, text.size());
  for (const Found &f : found) names.push_back(text.substr(f.begin, f.end - f.begin));
  // Leftmost first and the longest name at a position first, never
  // overlapping. They go after the names found with evidence: the first name
  // found at a position is its mention, later ones only add their titles.
  thread_local std::vector<NameHit> hits;
  find_name_occurrences(text, names, hits);
  for (const auto &[begin, end] : hits) found.push_back(Found{begin, end, {}, false});
  // In order of begin, found order among equal begins: (begin, index) pairs
  // sort cheaper than stable-sorting the records themselves.
  thread_local std::vector<std::pair<std::size_t, std::size_t>> order;
  fresh_scratch(order, text.size());
  for (std::size_t i = 0; i < found.size(); ++i) order.emplace_back(found[i].begin, i);
  std::sort(order.begin(), order.end());
  draft.persons.reserve(draft.persons.size() + found.size());
  for (auto at = order.begin(); at != order.end();) {
    Found *const first = &found[at->second];
    auto next = std::next(at);
    for (; next != order.end() && next->first == first->begin; ++next)
      for (auto &t : found[next->second].titles)
        if (std::find(first->titles.begin(), first->titles.end(), t) == first->titles.end())
          first->titles.push_back(std::move(t));
    Person p;
    p.name = std::string(text.substr(first->begin, first->end - first->begin));
    p.titles = std::move(first->titles);
    p.mentions.push_back(normalized_span(first->begin, first->end));
    draft.persons.push_back(std::move(p));
    at = next;
  }
}

}  // namespace zhmeta
