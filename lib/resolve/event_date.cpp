// event.date: the date of the main event the article reports.
//
// The lead decides: the first date naming a day in the article body, as the
// dates extractor resolved it. A wire dateline (`新华社北京7月7日电`) dates the
// report, so a dated lead after it wins and the dateline is the fallback. When
// the article opens with a dated background sentence and the next paragraph
// opens with a later date ("5月8日,省妇代会闭幕。/ 5月11日,县妇联召开学习会"),
// the later one is the reported event. Only lines that read as sentences (a
// comma or a full stop) hold a lead. A date with no known digit
// (`今天` without an anchor) dates nothing.
#include "resolve/event_date.hpp"

#include <algorithm>

#include "core/scratch.hpp"

namespace zhmeta {
namespace {

bool names_a_day(const std::string &value) {
  // "2018-12-06", "XXXX-03-24", "XXXX-XX-26"; not "XXXX-XX-XX" and not years or months.
  return value.size() == 10 && value.compare(8, 2, "XX") != 0;
}

bool is_dateline(const Document &doc, std::size_t end) {
  const std::string_view rest = std::string_view(doc.text).substr(end);
  return rest.rfind("电", 0) == 0 || rest.rfind("讯", 0) == 0;
}

// True when only spaces separate the sentence start from `pos`.
bool opens_sentence(const Document &doc, std::size_t pos) {
  const Sentence &s = doc.sentences[doc.sentence_at(pos)];
  for (std::size_t i = s.begin; i < pos; ++i)
    if (doc.text[i] != ' ') return false;
  return true;
}

}  // namespace

void resolve_event_date(const Document &doc, DraftRecord &draft) {
  thread_local std::vector<const DateMention *> body;  // per-thread scratch
  fresh_scratch(body, doc.text.size());
  if (doc.sentences.empty()) return;
  std::size_t checked_line = doc.lines.size();  // the last line tested for being a sentence
  bool sentence_line = false;
  for (const DateMention &d : draft.dates) {  // spans are still normalized here
    if (!names_a_day(d.value)) continue;
    const std::size_t line_index = doc.line_at(d.span.begin);
    const Line &line = doc.lines[line_index];
    if (line.zone != Zone::body || line.boilerplate) continue;
    // A date stamp the segmenter left in the body ("A01版 2023年04月02日") is no
    // lead. Tested once per line, so a huge line with many dates stays linear.
    if (line_index != checked_line) {
      checked_line = line_index;
      const std::string_view line_text = doc.slice(line.begin, line.end);
      sentence_line = line_text.find(',') != std::string_view::npos || line_text.find("。") != std::string_view::npos;
    }
    if (!sentence_line) continue;
    body.push_back(&d);
  }
  std::stable_sort(body.begin(), body.end(),
                   [](const DateMention *a, const DateMention *b) { return a->span.begin < b->span.begin; });
  if (body.empty()) return;

  const DateMention *chosen = body.front();
  if (is_dateline(doc, chosen->span.end)) {
    // A dated lead in the dateline's paragraph is the event; else the dateline.
    const std::size_t line = doc.line_at(chosen->span.begin);
    for (const DateMention *d : body)
      if (d != chosen && !is_dateline(doc, d->span.end) && doc.line_at(d->span.begin) == line) {
        chosen = d;
        break;
      }
    draft.event.date = chosen->value;
    return;
  }
  // Background lead, reported event in the next paragraph.
  if (opens_sentence(doc, chosen->span.begin)) {
    std::size_t next_line = doc.line_at(chosen->span.begin) + 1;
    while (next_line < doc.lines.size() && doc.lines[next_line].blank()) ++next_line;
    for (const DateMention *d : body) {
      if (doc.line_at(d->span.begin) != next_line) continue;
      if (opens_sentence(doc, d->span.begin) && doc.sentence_at(d->span.begin) ==
                                                     doc.sentence_at(doc.lines[next_line].begin + 0) &&
          d->value.compare(0, 4, chosen->value, 0, 4) == 0 && d->value > chosen->value)
        chosen = d;
      break;
    }
  }
  draft.event.date = chosen->value;
}

}  // namespace zhmeta
