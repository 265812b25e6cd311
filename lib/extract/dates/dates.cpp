#include "extract/dates/dates.hpp"

#include <algorithm>
#include <cstdio>

#include "core/scratch.hpp"
#include "core/utf8.hpp"
#include "extract/dates/date_value.hpp"

namespace zhmeta {
namespace {

using dates::CalendarDate;
using dates::Precision;

enum class FoundKind { date, dateline, label, exclude, speech };

// One rule match, with the groups the resolver needs (views into doc.text).
struct Found {
  std::size_t begin = 0, end = 0;              // the reported span (`date` group or match)
  std::size_t match_begin = 0, match_end = 0;  // the whole match
  FoundKind kind = FoundKind::date;
  int priority = 0;
  bool day_month_year = false;
  bool range_end = false;  // `至7日`: takes its month from the date it follows
  std::string_view year, month, day, deictic, hour, minute, second, label;
};

FoundKind kind_of(const Rule &rule) {
  const std::string_view k = rule.emit_value("kind", "date");
  if (k == "dateline") return FoundKind::dateline;
  if (k == "label") return FoundKind::label;
  if (k == "exclude") return FoundKind::exclude;
  if (k == "speech") return FoundKind::speech;
  return FoundKind::date;
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_chinese_numeral(char32_t c) {
  return c == U'〇' || c == U'零' || c == U'一' || c == U'二' || c == U'两' || c == U'三' || c == U'四' ||
         c == U'五' || c == U'六' || c == U'七' || c == U'八' || c == U'九' || c == U'十' || c == U'百' ||
         c == U'千' || c == U'万' || c == U'廿' || c == U'卅' || c == U'几';
}

// A numeric match must not be a piece of a longer number, a version string,
// a phone number or an identifier (see rules/dates/dates.rules).
bool clean_boundaries(std::string_view text, std::size_t begin, std::size_t end) {
  if (begin >= end) return false;
  if (is_ascii_digit(text[begin]) && begin > 0) {
    const char before = text[begin - 1];
    if (is_ascii_alnum(before) || before == '.' || before == '/' || before == '-' || before == '_') return false;
  } else if (begin > 0 && is_chinese_numeral(utf8::before(text, begin))) {
    return false;
  }
  if (is_ascii_digit(text[end - 1]) && end < text.size()) {
    const char after = text[end];
    if (is_ascii_alnum(after)) return false;
    if ((after == '.' || after == '-' || after == '/') && end + 1 < text.size() && is_ascii_digit(text[end + 1]))
      return false;
  }
  return true;
}

// `2023年04 02`: a year followed by a bare number whose month did not parse
// is a garbled page stamp, not a year (`2019年3-5月` still is one).
bool year_followed_by_bare_number(std::string_view text, std::size_t end) {
  while (end < text.size() && text[end] == ' ') ++end;
  if (end >= text.size() || !is_ascii_digit(text[end])) return false;
  while (end < text.size() && is_ascii_digit(text[end])) ++end;
  return end == text.size() || text[end] == ' ' || text[end] == '\n';
}

int to_int(std::string_view s) {
  const auto v = dates::parse_numeral(s);
  return v ? *v : 0;
}

// The explicit calendar fields of a match (no resolution yet).
struct Written {
  CalendarDate date;  // year/month/day as written (0 when not written)
  bool has_year = false, has_month = false, has_day = false;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  bool ok = true;
};

Written read_fields(const Found &f) {
  Written w;
  if (!f.year.empty()) {
    w.has_year = dates::parse_year(f.year, w.date.year, w.date.year_mask);
    if (!w.has_year) w.ok = false;
  }
  if (!f.month.empty()) {
    w.date.month = to_int(f.month);
    w.has_month = true;
    if (w.date.month < 1 || w.date.month > 12) w.ok = false;
  }
  if (!f.day.empty()) {
    w.date.day = to_int(f.day);
    w.has_day = true;
    if (!dates::valid_day(w.date.year, w.date.month > 0 ? w.date.month : 1, w.date.day)) w.ok = false;
  }
  w.date.precision = w.has_day ? Precision::day : w.has_month ? Precision::month : Precision::year;
  if (!f.hour.empty()) {
    w.has_time = true;
    w.hour = to_int(f.hour);
    w.minute = f.minute.empty() ? 0 : to_int(f.minute);
    w.second = f.second.empty() ? 0 : to_int(f.second);
  }
  return w;
}

// Parses a deictic canonical such as "day-1", "year+0", "same-day".
struct Deixis {
  Precision unit = Precision::day;
  int offset = 0;
  bool same_day = false;
  bool ok = false;
};

Deixis read_deixis(std::string_view canonical) {
  Deixis d;
  if (canonical == "same-day") {
    d.same_day = d.ok = true;
    return d;
  }
  const auto sign = canonical.find_first_of("+-");
  if (sign == std::string_view::npos) return d;
  const std::string_view unit = canonical.substr(0, sign);
  const auto amount = dates::parse_numeral(canonical.substr(sign + 1));
  if (!amount) return d;
  d.offset = canonical[sign] == '-' ? -*amount : *amount;
  if (unit == "day") d.unit = Precision::day;
  else if (unit == "month") d.unit = Precision::month;
  else if (unit == "year") d.unit = Precision::year;
  else return d;
  d.ok = true;
  return d;
}

// Publication-date candidate score: a label beats everything; then a time of
// day (page stamps carry one, stray dates rarely do), then page furniture.
struct PubCandidate {
  std::size_t index;  // into the kept dates
  int score;
};

std::size_t han_count(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < s.size();) {
    const utf8::Decoded d = utf8::decode(s, pos);
    pos += d.len;
    if (utf8::is_han(d.cp)) ++n;
  }
  return n;
}

// A line is a date stamp when little but the date is on it and it is no
// clause ("A01版 2023年04月02日 要闻", "三味园范文网 2024-12-03 00:45:27"); a
// headline or a lead sentence that contains a date is not. Segmentation may
// put a stamp below a long navigation line into the body, so the zone only
// weighs in the score.
// Rules run on windows around the date triggers: a date starts at most this
// far before its first trigger (二〇一八年, a 发布时间: label before 2019-...)
// and ends at most this far after it (十二月三十一日下午3时30分).
constexpr std::size_t kWindowBefore = 64;
constexpr std::size_t kWindowAfter = 96;
// `scan:head` rules (a speech's salutation) look at the start of the text only.
constexpr std::size_t kHeadBytes = 4096;

constexpr std::size_t kStampMaxOtherHan = 10;
constexpr std::size_t kStampMaxLineBytes = 200;

}  // namespace

DatesExtractor::DatesExtractor(const RulePack &rules)
    : rules_(rules.kind("dates")),
      deictics_(rules.has_gazetteer("date_deictics") ? &rules.gazetteer("date_deictics") : nullptr),
      labels_(rules.has_gazetteer("pubdate_labels") ? &rules.gazetteer("pubdate_labels") : nullptr),
      anchored_(rules, rules_) {
  if (rules.has_gazetteer("date_triggers"))
    for (const std::string &t : rules.gazetteer("date_triggers").terms()) triggers_.add(t);
  triggers_.add_digit_separators();
  for (std::size_t i = 0; i < rules_.rules().size(); ++i) {
    const Rule &rule = rules_.rules()[i];
    if (rule.emit_value("scan") == "head") head_rules_.push_back(static_cast<int>(i));
    traits_.push_back({static_cast<int>(kind_of(rule)), rule.emit_value("order") == "dmy",
                       rule.emit_value("range") == "end"});
  }
}

void DatesExtractor::share_literal_scan(SharedLiteralScan &scan) {
  triggers_source_ = scan.add([this] { return &triggers_.words(); }, false);
  // The prefilter is asked once, for the whole text (run()): which atoms
  // occur is all it needs, not where.
  atoms_source_ =
      scan.add([this] { return rules_.atom_words(); }, true, SharedLiteralScan::Recorded::first);
  anchors_source_ = scan.add([this] { return &anchored_.words(); }, false);
}

void DatesExtractor::run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const {
  const std::string_view text = doc.text;

  // 1. Every match of every rule, run around the trigger characters only.
  // Per-thread scratch, as the lists below.
  thread_local std::vector<std::pair<std::size_t, std::size_t>> excluded;
  thread_local std::vector<std::size_t> label_ends, body_label_ends;
  fresh_scratch(excluded, text.size());
  fresh_scratch(label_ends, text.size());
  fresh_scratch(body_label_ends, text.size());
  bool speech = false;
  thread_local std::vector<Found> candidates;  // scratch: one per thread, reused
  fresh_scratch(candidates, text.size());
  auto collect = [&](const RuleMatch &m) {
    const RuleTraits &traits = traits_[static_cast<std::size_t>(&m.rule() - rules_.rules().data())];
    Found f;
    f.kind = static_cast<FoundKind>(traits.kind);
    f.priority = m.rule().priority;
    f.match_begin = m.begin();
    f.match_end = m.end();
    if (m.has("date")) {
      f.begin = m.group_begin("date");
      f.end = m.group_end("date");
    } else {
      f.begin = m.begin();
      f.end = m.end();
    }
    if (f.kind == FoundKind::label) f.label = m.group("label");
    if (f.kind == FoundKind::date || f.kind == FoundKind::dateline) {
      f.year = m.group("year");
      f.month = m.group("month");
      f.day = m.group("day");
      f.deictic = m.group("deictic");
      f.hour = m.group("hour");
      f.minute = m.group("minute");
      f.second = m.group("second");
      f.day_month_year = traits.day_month_year;
      f.range_end = traits.range_end;
    }
    switch (f.kind) {  // sorted out at once: dense input can hold a date every few bytes
      case FoundKind::exclude: excluded.emplace_back(f.match_begin, f.match_end); break;
      case FoundKind::label:
        // A generic label (时间:) names the publication date only off the article
        // body; in the body it marks a date that is *not* the publication date.
        if (!labels_ || labels_->canonical(f.label) != "generic" || doc.zone_at(f.match_begin) != Zone::body)
          label_ends.push_back(f.match_end);
        else
          body_label_ends.push_back(f.match_end);
        break;
      case FoundKind::speech: speech = true; break;
      default:
        if (clean_boundaries(text, f.begin, f.end)) candidates.push_back(f);
    }
  };
  thread_local std::vector<Window> windows;  // find() empties it
  triggers_.find(text, kWindowBefore, kWindowAfter, windows, doc.literal_hits.of(triggers_source_));
  // The literal prefilter, asked once for the whole text (a superset of its
  // answer for any part of it), drops the rules that cannot match anywhere.
  // A rule that declares anchors is then tried, in each window, only where a
  // match can start (a few anchored tries instead of a search of the whole
  // window); the others search the windows (AnchoredRules does both).
  thread_local std::vector<int> possible;
  rules_.candidates(text, 0, text.size(), doc.literal_hits.of(atoms_source_), possible);
  thread_local AnchoredRules::Candidates starts;
  anchored_.find(text, starts, doc.literal_hits.of(anchors_source_));
  const auto is_head = [&](int index) {
    return std::find(head_rules_.begin(), head_rules_.end(), index) != head_rules_.end();
  };
  for (const Window &w : windows)
    for (const int index : possible) {
      if (!is_head(index) && anchored_.may_run(index, starts))
        anchored_.for_each_match(index, text, w.begin, w.end, starts, collect);
    }
  std::size_t head_end = std::min(text.size(), kHeadBytes);
  while (head_end < text.size() && (static_cast<unsigned char>(text[head_end]) & 0xC0) == 0x80) ++head_end;
  for (const int index : possible)
    if (is_head(index)) rules_.for_each_match(index, text, 0, head_end, collect);

  std::sort(excluded.begin(), excluded.end());
  std::sort(label_ends.begin(), label_ends.end());
  std::sort(body_label_ends.begin(), body_label_ends.end());

  // 2. Overlaps: by start, longest first, then priority; exclusions veto.
  std::sort(candidates.begin(), candidates.end(), [](const Found &a, const Found &b) {
    if (a.match_begin != b.match_begin) return a.match_begin < b.match_begin;
    if (a.match_end != b.match_end) return a.match_end > b.match_end;
    return a.priority > b.priority;
  });
  thread_local std::vector<Found> kept;
  thread_local std::vector<Written> written;
  fresh_scratch(kept, text.size());
  fresh_scratch(written, text.size());
  std::size_t taken_end = 0, next_excluded = 0, max_excluded_end = 0;
  for (const Found &f : candidates) {
    if (f.match_begin < taken_end) continue;
    // Exclusion spans that start before this match ends may overlap it.
    while (next_excluded < excluded.size() && excluded[next_excluded].first < f.match_end)
      max_excluded_end = std::max(max_excluded_end, excluded[next_excluded++].second);
    if (max_excluded_end > f.match_begin) continue;
    if (f.deictic.empty() && f.year.empty() && f.month.empty() && f.day.empty()) continue;
    Written w = read_fields(f);
    if (!w.ok) continue;
    if (f.day_month_year && !w.has_year) continue;
    if (w.has_year && !w.has_month && f.deictic.empty() && year_followed_by_bare_number(text, f.end)) continue;
    if (!f.deictic.empty() && (!deictics_ || !read_deixis(deictics_->canonical(f.deictic)).ok)) continue;
    if (!f.deictic.empty() && f.deictic == deictics_->canonical(f.deictic)) continue;  // a code, not a word
    taken_end = f.match_end;
    kept.push_back(f);
    written.push_back(w);
  }

  // 3. Publication date: a full written date in the header or footer (or on a
  // furniture line), best score wins; the caller's hint overrides it.
  std::optional<CalendarDate> pub;
  std::string pub_datetime;
  {
    std::size_t best = kept.size();
    int best_score = -1;
    for (std::size_t i = 0; i < kept.size(); ++i) {
      const Written &w = written[i];
      if (!w.has_year || !w.has_month || !w.has_day || w.date.year <= 0 || !kept[i].deictic.empty()) continue;
      const Line &line = doc.lines[doc.line_at(kept[i].begin)];
      const bool labelled =
          std::binary_search(label_ends.begin(), label_ends.end(), kept[i].match_begin);
      if (std::binary_search(body_label_ends.begin(), body_label_ends.end(), kept[i].match_begin)) continue;
      const std::string_view line_text = doc.slice(line.begin, line.end);
      bool stamp = false;
      if (line_text.size() <= kStampMaxLineBytes) {  // bounded: a long line is never a stamp
        const std::size_t other_han = han_count(line_text) - han_count(doc.slice(kept[i].begin, kept[i].end));
        const bool clause = line_text.find(',') != std::string_view::npos ||
                            line_text.find("。") != std::string_view::npos ||
                            line_text.find("、") != std::string_view::npos;
        stamp = !clause && other_han <= kStampMaxOtherHan;
      }
      if (!labelled && !line.boilerplate && !stamp) continue;
      const int score = (labelled ? 100 : 0) + (w.has_time ? 10 : 0) + (line.boilerplate ? 5 : 0) +
                        (line.zone != Zone::body ? 3 : 0);
      if (score > best_score) {
        best_score = score;
        best = i;
      }
    }
    if (best < kept.size()) {
      const Written &w = written[best];
      const CalendarDate &d = w.date;
      pub = d;
      if (w.has_time) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day, w.hour, w.minute,
                      w.second);
        pub_datetime = buf;
      }
    }
  }
  std::optional<CalendarDate> anchor = pub;
  if (options.pubdate) {
    // "2019-03-07", also with a time after it ("2019-03-07T10:21:00").
    std::string_view given = *options.pubdate;
    if (given.size() > 10 && (given[10] == 'T' || given[10] == ' ')) given = given.substr(0, 10);
    if (auto hint = dates::parse_iso(given)) {
      const bool same = pub && pub->year == hint->year && pub->month == hint->month && pub->day == hint->day;
      if (!same) pub_datetime.clear();
      pub = hint;
      anchor = hint;
    }
  }
  if (pub) {
    CalendarDate p = *pub;
    p.precision = Precision::day;
    draft.publication.date = dates::format(p);
    if (!pub_datetime.empty()) draft.publication.datetime = pub_datetime;
  }

  // 4. Resolution, in text order.
  std::optional<CalendarDate> dateline;      // the last wire dateline seen
  std::optional<CalendarDate> last_day;      // the last date naming a day (for 当天)
  std::optional<CalendarDate> last_month;    // the last written month/day (for a bare day)
  std::size_t previous_end = std::string_view::npos;
  auto deixis_anchor = [&]() -> std::optional<CalendarDate> {
    if (dateline) return dateline;
    if (speech) return std::nullopt;  // a transcript's 今天 is the speech's day, not the page's
    return anchor;
  };
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const Found &f = kept[i];
    const Written &w = written[i];
    CalendarDate value = w.date;
    if (!f.deictic.empty()) {
      const Deixis dx = read_deixis(deictics_->canonical(f.deictic));
      const std::optional<CalendarDate> ref = deixis_anchor();
      if (w.has_month) {  // 去年12月, 今年3月5日: the deictic gives the year only
        value.year = ref && ref->year > 0 ? ref->year + dx.offset : 0;
      } else if (dx.same_day) {
        value = last_day ? *last_day : ref ? *ref : CalendarDate{};
        value.precision = Precision::day;
      } else {
        CalendarDate base = ref ? *ref : CalendarDate{};
        base.year_mask.clear();
        if (dx.unit == Precision::day) {
          value = dx.offset ? dates::add_days(base, dx.offset) : base;
        } else if (dx.unit == Precision::month) {
          value = dates::add_months(base, dx.offset);
          value.day = 0;
        } else {
          value = base;
          if (value.year > 0) value.year += dx.offset;
          value.month = value.day = 0;
        }
        value.precision = dx.unit;
      }
    } else if (!w.has_year && w.has_month) {  // 12月6日: the year of the anchor, rolled over
      if (anchor) value.year = dates::year_for_month_day(*anchor, value.month, value.day);
      last_month = value;
    } else if (!w.has_year && !w.has_month) {  // 26日
      const bool range_end = f.range_end && previous_end == f.match_begin;
      const std::optional<CalendarDate> ref = dateline ? dateline : anchor;
      if (range_end && last_day) {
        value.year = last_day->year;
        value.month = last_day->month;
      } else if (ref && ref->month > 0) {
        CalendarDate base = *ref;
        if (value.day > base.day && base.day > 0) base = dates::add_months(base, -1);
        value.year = base.year;
        value.month = base.month;
      } else if (last_month) {
        value.year = last_month->year;
        value.month = last_month->month;
      }
      if (value.month > 0 && !dates::valid_day(value.year, value.month, value.day)) value.month = 0;
    }
    if (f.day_month_year) value.precision = Precision::day;
    if (f.kind == FoundKind::dateline) dateline = value;
    if (value.precision == Precision::day) last_day = value;
    previous_end = f.end;
    draft.dates.push_back({std::string(doc.slice(f.begin, f.end)), dates::format(value),
                           normalized_span(f.begin, f.end)});
  }
}

}  // namespace zhmeta
