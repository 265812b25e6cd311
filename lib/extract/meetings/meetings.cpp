#include "extract/meetings/meetings.hpp"

#include <algorithm>
#include <iterator>

#include "core/profile.hpp"
#include "core/scratch.hpp"
#include "core/utf8.hpp"
#include "rules/gazetteer_scan.hpp"

namespace zhmeta {
namespace {

int rule_index(const RuleSet &set, std::string_view id) {
  const auto &rules = set.rules();
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (rules[i].id == id) return static_cast<int>(i);
  return -1;
}

// Characters a meeting name may contain besides Han ones: ordinals (第120次),
// parentheses (县委常委(扩大)会), quotes and middle dots around slogans, and
// the x of a template year (202x年度…会议, dropped later with the year).
bool name_punctuation(char32_t c) {
  return (c >= U'0' && c <= U'9') || c == U'(' || c == U')' || c == U'“' || c == U'”' ||
         c == U'‘' || c == U'’' || c == U'·' || c == U'"' || c == U'x' || c == U'X';
}

// A coordination 、 continues a name (信访、安全稳定工作会议) unless it lists
// levels or bodies (中央、省委…会议, 全国、全省…会议), which then share the
// rest of the name.
bool level_like(char32_t c) {
  return c == U'央' || c == U'国' || c == U'省' || c == U'市' || c == U'县' || c == U'区' ||
         c == U'委' || c == U'镇' || c == U'乡' || c == U'级';
}

constexpr std::size_t kMaxNameChars = 48;  // longer "names" are clauses

}  // namespace

MeetingsExtractor::MeetingsExtractor(const RulePack &rules)
    : rules_(rules.kind("meetings")),
      left_stops_(gazetteer_or_empty(rules, "meeting_left_stops")),
      topic_verbs_(gazetteer_or_empty(rules, "meeting_topic_verbs")),
      left_keeps_(gazetteer_or_empty(rules, "meeting_left_keeps")),
      modifier_stops_(gazetteer_or_empty(rules, "meeting_modifier_stops")),
      suffix_blockers_(gazetteer_or_empty(rules, "meeting_suffix_blockers")),
      surnames_(gazetteer_or_empty(rules, "surnames")),
      offices_(gazetteer_or_empty(rules, "offices")) {
  suffix_rule_ = rule_index(rules_, "meetings.suffix");
  congress_rule_ = rule_index(rules_, "meetings.congress");
  chair_rule_ = rule_index(rules_, "meetings.chair");
  attend_rule_ = rule_index(rules_, "meetings.attend");
  trim_rule_ = rules_.find("meetings.leading_trim");
  if (trim_rule_) trim_start_ = StartFilter::of(trim_rule_->expanded);
}

std::size_t MeetingsExtractor::name_start(std::string_view text, std::size_t suffix_begin,
                                          std::size_t previous_end) const {
  // Before "…精神座谈会" the verbs of studying belong to the name.
  static constexpr std::string_view kSpirit = "精神";
  static const char32_t kSpiritLast = utf8::before(kSpirit, kSpirit.size());
  const bool about_spirit = suffix_begin >= kSpirit.size() &&
                            text.substr(suffix_begin - kSpirit.size(), kSpirit.size()) == kSpirit;
  std::size_t pos = suffix_begin;
  // A ')' whose '(' is not reached belongs to what precedes the name
  // ((记者 某某)市…会议): the name then starts after it.
  std::size_t open_parens = 0, after_unmatched = 0;
  for (std::size_t n = 0; pos > 0 && n < kMaxNameChars; ++n) {
    const std::size_t prev = utf8::prev_boundary(text, pos);
    const char32_t c = utf8::decode(text, prev).cp;
    // "…全会精神和市委…全会": a studied meeting's 精神 ends the clause before
    // this name (right before the meeting word it is part of the name).
    if (c == kSpiritLast && pos != suffix_begin && pos >= kSpirit.size() &&
        text.substr(pos - kSpirit.size(), kSpirit.size()) == kSpirit)
      break;
    // Only a character some stop word ends with can end one: the gazetteer's
    // bit per last character spares the probes on most characters.
    if (const std::size_t stop =
            left_stops_.may_end_with(c) ? term_ending_at(left_stops_, text, pos) : 0;
        stop > 0) {
      const std::size_t topic = about_spirit ? term_ending_at(topic_verbs_, text, pos) : 0;
      const std::size_t keep = std::max(topic, term_ending_at(left_keeps_, text, pos));
      if (keep < stop) break;
      pos -= keep;
      continue;
    }
    if (c == U'、') {
      if (prev == 0 || level_like(utf8::before(text, prev))) break;
    } else if (!utf8::is_han(c) && !name_punctuation(c)) {
      break;
    }
    // "A会议和B会议", "A会议暨B会议": a conjunction right after another meeting
    // ends this name; elsewhere it joins topics (安全生产暨消防工作会议).
    if ((c == U'和' || c == U'与' || c == U'及' || c == U'、' || c == U'暨') &&
        previous_end == prev)
      break;
    if (c == U')') {
      if (open_parens++ == 0) after_unmatched = pos;
    } else if (c == U'(') {
      if (open_parens == 0) break;  // the name sits inside parentheses
      --open_parens;
    }
    pos = prev;
  }
  return open_parens > 0 ? after_unmatched : pos;
}

bool MeetingsExtractor::plausible_modifier(std::string_view modifier,
                                           std::string_view suffix) const {
  if (utf8::length(modifier) < 2 || modifier_stops_.contains(modifier))
    return false;  // 会议, 此次大会
  // 开成团结奋进的大会, 一次重要会议, …指示精神、重要会议: a description, no name.
  static constexpr std::string_view kOf = "的";
  if (modifier.size() >= kOf.size() && modifier.substr(modifier.size() - kOf.size()) == kOf)
    return false;
  if (term_ending_at(modifier_stops_, modifier, modifier.size()) > 0) return false;
  if (const std::size_t comma = modifier.rfind("、"); comma != std::string_view::npos) {
    const std::string_view last = modifier.substr(comma + std::string_view("、").size());
    if (utf8::length(last) < 2 || modifier_stops_.contains(last)) return false;
  }
  // …人民代表大会 is the legislature (or its term); its sessions end in 会议.
  static constexpr std::string_view kPeople = "人民";
  if (suffix == "代表大会" && modifier.size() >= kPeople.size() &&
      modifier.substr(modifier.size() - kPeople.size()) == kPeople)
    return false;
  return true;
}

std::size_t MeetingsExtractor::trim_leading(std::string_view text, std::size_t begin,
                                            std::size_t end) const {
  if (!trim_rule_ || begin >= end) return begin;
  // The rule is matched at the start of text[begin, end), where the filter
  // reads a line start.
  if (!trim_start_.may_begin_at(text.substr(begin, end - begin), 0)) return begin;
  re2::StringPiece input(text.data() + begin, end - begin);
  re2::StringPiece match;
  if (trim_rule_->re->Match(input, 0, input.size(), RE2::ANCHOR_START, &match, 1))
    begin += match.size();
  return begin;
}

void MeetingsExtractor::find_matches(std::string_view text,
                                     const std::vector<LiteralHit> *atom_hits,
                                     const std::vector<LiteralHit> *literal_hits,
                                     const std::vector<LiteralHit> *opener_hits,
                                     Matches &out) const {
  struct Unit {
    std::size_t begin, end;
  };
  thread_local std::vector<Unit> lines;  // each with its newline
  fresh_scratch(lines, text.size());
  for (std::size_t from = 0; from < text.size();) {
    const std::size_t newline = text.find('\n', from);
    const std::size_t to = newline == std::string_view::npos ? text.size() : newline + 1;
    lines.push_back({from, to});
    from = to;
  }
  std::vector<Mention> *lists[] = {&out.suffix, &out.congress, &out.chair, &out.attend};
  const int indices[] = {suffix_rule_, congress_rule_, chair_rule_, attend_rule_};
  auto list_of = [&](int index) -> std::vector<Mention> * {
    for (std::size_t k = 0; k < std::size(indices); ++k)
      if (indices[k] == index) return lists[k];
    return nullptr;
  };
  auto on_match = [&](int index, std::size_t b, std::size_t e, std::size_t) {
    list_of(index)->push_back({b, e});
  };
  auto wanted = [&](int index) { return list_of(index) != nullptr; };
  // The four rules are lists of words or begin with one (党的, 主持): read
  // off the shared scan's hits, with an anchored try where an opener begins.
  if (!rules_.for_each_match_bounds_from_hits(text, lines, on_match, wanted, literal_hits,
                                              opener_hits))
    rules_.for_each_match_bounds(text, lines, on_match, wanted, atom_hits, literal_hits);
}

bool MeetingsExtractor::groups_of(int index, std::string_view text, std::size_t begin,
                                  std::size_t end, std::vector<re2::StringPiece> &groups) const {
  // The same pattern anchored at both ends of the match finds the groups an
  // unanchored match with groups would have (RE2 itself does that).
  const Rule &rule = rules_.rules()[static_cast<std::size_t>(index)];
  groups.assign(static_cast<std::size_t>(rule.re->NumberOfCapturingGroups()) + 1,
                re2::StringPiece());
  return rule.match_groups(re2::StringPiece(text.data(), text.size()), begin, end, groups.data(),
                           static_cast<int>(groups.size()));
}

MeetingsExtractor::Mention MeetingsExtractor::group_span(
    int index, std::string_view text, const std::vector<re2::StringPiece> &groups,
    std::string_view name, std::size_t begin) const {
  const auto &named = rules_.rules()[static_cast<std::size_t>(index)].groups;
  const auto it = named.find(name);
  if (it == named.end() || !groups[static_cast<std::size_t>(it->second)].data())
    return {begin, begin};
  const re2::StringPiece g = groups[static_cast<std::size_t>(it->second)];
  const std::size_t b = static_cast<std::size_t>(g.data() - text.data());
  return {b, b + g.size()};
}

void MeetingsExtractor::collect_names(std::string_view text, const Matches &matches,
                                      std::vector<Mention> &out) const {
  struct Suffix {
    std::size_t begin, end;
  };
  thread_local std::vector<Suffix> suffixes;  // scratch: one per thread, reused
  fresh_scratch(suffixes, text.size());
  thread_local std::vector<re2::StringPiece> groups;
  static constexpr std::string_view kMeeting = "会议";
  for (const Mention &m : matches.suffix) {
    // 代表大会会议精神: a 会议 right after a meeting word is "the meeting's".
    if (!suffixes.empty() && suffixes.back().end == m.begin &&
        groups_of(suffix_rule_, text, m.begin, m.end, groups)) {
      const Mention g = group_span(suffix_rule_, text, groups, "suffix", m.begin);
      if (text.substr(g.begin, g.end - g.begin) == kMeeting) continue;
    }
    if (term_starting_at(suffix_blockers_, text, m.end) > 0) continue;  // 会议室, 人民大会堂
    suffixes.push_back({m.begin, m.end});
  }
  thread_local std::vector<std::size_t> starts;
  fresh_scratch(starts, text.size()).assign(suffixes.size(), 0);
  for (std::size_t i = 0; i < suffixes.size(); ++i)
    starts[i] = name_start(text, suffixes[i].begin, i > 0 ? suffixes[i - 1].end : 0);
  static constexpr std::string_view kSpirit = "精神", kMeetingSpirit = "会议精神";
  for (std::size_t i = 0; i < suffixes.size(); ++i) {
    const Suffix &s = suffixes[i];
    if (i + 1 < suffixes.size() && starts[i + 1] <= s.begin) {
      // Part of the next, longer name; kept only as the meeting whose spirit it is about.
      const std::string_view after = text.substr(s.end, kMeetingSpirit.size());
      if (after.substr(0, kSpirit.size()) != kSpirit && after != kMeetingSpirit) continue;
    }
    const std::size_t begin = trim_leading(text, starts[i], s.begin);
    const std::string_view modifier = text.substr(begin, s.begin - begin);
    if (!plausible_modifier(modifier, text.substr(s.begin, s.end - s.begin))) continue;
    out.push_back({begin, s.end});
  }
  out.insert(out.end(), matches.congress.begin(), matches.congress.end());
  std::sort(out.begin(), out.end(), [](const Mention &a, const Mention &b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  // A congress form the suffix rule found too (党的十九届五中全会) is one mention.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Mention &a, const Mention &b) {
                          return a.begin == b.begin && a.end == b.end;
                        }),
            out.end());
}

std::string MeetingsExtractor::name_before(std::string_view text, std::size_t end) const {
  // Without a persons mention: a name of a surname and one or two more
  // characters (市委副书记吕平主持: 记吕平 has no surname, 吕平 does; 欧阳立新),
  // preferably right after an office (the persons helper's `offices` list).
  if (surnames_.entries().empty()) return {};
  constexpr int kMaxChars = 4;
  std::size_t begins[kMaxChars + 1] = {end, end, end, end,
                                       end};  // begins[n]: start of the last n characters
  for (int n = 1; n <= kMaxChars; ++n) {
    const std::size_t b = begins[n - 1];
    if (b == 0) break;
    const std::size_t prev = utf8::prev_boundary(text, b);
    if (!utf8::is_han(utf8::decode(text, prev).cp)) break;
    begins[n] = prev;
  }
  auto shaped = [&](int chars) {
    const std::size_t start = begins[chars];
    if (start == end ||
        utf8::length(text.substr(start, end - start)) != static_cast<std::size_t>(chars))
      return false;
    const std::size_t surname = term_starting_at(surnames_, text, start);
    if (surname == 0) return false;
    const std::size_t given = utf8::length(text.substr(start + surname, end - start - surname));
    return given >= 1 && given <= 2;
  };
  // 主任褚慧: the office settles the length (褚慧, not 任褚慧).
  for (int chars = kMaxChars; chars >= 2; --chars)
    if (shaped(chars) && term_ending_at(offices_, text, begins[chars]) > 0)
      return std::string(text.substr(begins[chars], end - begins[chars]));
  for (int chars = 3; chars >= 2; --chars)  // without an office, a compound surname is too unsure
    if (shaped(chars)) return std::string(text.substr(begins[chars], end - begins[chars]));
  return {};
}

void MeetingsExtractor::share_literal_scan(SharedLiteralScan &scan) {
  // The atoms serve only find_matches()' fallback, which with the embedded
  // rules (the four it reads are literal or have openers) is taken only when
  // the scan gave up and no source has hits: they are found for it only if
  // one of those rules needs them.
  atoms_source_ = scan.add(
      [this]() -> const LiteralSet * {
        for (const int index : {suffix_rule_, congress_rule_, chair_rule_, attend_rule_})
          if (index >= 0 && !rules_.found_from_hits(index)) return rules_.atom_words();
        return nullptr;
      },
      true);
  literal_source_ = scan.add([this] { return rules_.literal_rule_words(); }, false);
  opener_source_ = scan.add([this] { return rules_.opener_words(); }, false);
}

void MeetingsExtractor::run(const Document &doc, const ExtractOptions &options,
                            DraftRecord &draft) const {
  (void)options;
  const std::string_view text = doc.text;
  if (rules_.empty() || text.empty()) return;
  // Scratch lists, one set per thread, reused: a document allocates none.
  thread_local Matches matches;
  for (auto *list : {&matches.suffix, &matches.congress, &matches.chair, &matches.attend})
    fresh_scratch(*list, text.size());
  find_matches(text, doc.literal_hits.of(atoms_source_), doc.literal_hits.of(literal_source_),
               doc.literal_hits.of(opener_source_), matches);
  thread_local std::vector<Mention> mentions;
  fresh_scratch(mentions, text.size());
  collect_names(text, matches, mentions);
  // The other lists are emptied (or given back) before the return below too:
  // a huge article's lists must not wait for the next one with meetings.
  thread_local std::vector<const DateMention *> dates;
  struct PersonSpan {
    std::size_t begin, end;
    const std::string *name;
  };
  thread_local std::vector<PersonSpan> persons;
  thread_local std::vector<std::size_t> order;
  thread_local std::vector<std::size_t> held;  // indices into mentions, in text order
  fresh_scratch(dates, text.size());
  fresh_scratch(persons, text.size());
  fresh_scratch(order, text.size());
  fresh_scratch(held, text.size());
  if (mentions.empty()) return;

  // Dates and person mentions in text order, so that every lookup below is a
  // binary search rather than a scan (inputs may hold many of each).
  for (const DateMention &d : draft.dates) dates.push_back(&d);
  std::sort(dates.begin(), dates.end(), [](const DateMention *a, const DateMention *b) {
    return a->span.begin < b->span.begin;
  });
  for (const Person &p : draft.persons)
    for (const Span &span : p.mentions) persons.push_back({span.begin, span.end, &p.name});
  std::sort(persons.begin(), persons.end(),
            [](const PersonSpan &a, const PersonSpan &b) { return a.begin < b.begin; });

  // How much of a date value is known: 2019-03-06 beats 2019 and XXXX-03-06.
  auto known_digits = [](const std::string &value) {
    return std::count_if(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const std::size_t first = draft.meetings.size();
  for (const Mention &m : mentions) {
    Meeting meeting;
    meeting.name = std::string(doc.slice(m.begin, m.end));
    meeting.mentions.push_back(normalized_span(m.begin, m.end));
    // The date written in the same sentence: the nearest one before the name, else the first after
    // it.
    const std::size_t sentence = doc.sentence_at(m.begin);
    auto after =
        std::lower_bound(dates.begin(), dates.end(), m.begin,
                         [](const DateMention *d, std::size_t pos) { return d->span.begin < pos; });
    const auto before = after;
    while (after != dates.end() && (*after)->span.begin < m.end)
      ++after;  // 2024年度 inside the name
    // Before the name, the most precise of the nearest few (3月1日,2025年…会议:
    // the year right before the name is its label, the day is the date).
    const DateMention *best = nullptr;
    constexpr int kDatesLookedBack = 4;
    auto it = before;
    for (int n = 0; n < kDatesLookedBack && it != dates.begin(); ++n) {
      --it;
      if (doc.sentence_at((*it)->span.begin) != sentence) break;
      if (!best || known_digits((*it)->value) > known_digits(best->value)) best = *it;
    }
    if (!best && after != dates.end() && doc.sentence_at((*after)->span.begin) == sentence)
      best = *after;
    if (best && !best->value.empty()) meeting.date = best->value;
    draft.meetings.push_back(std::move(meeting));
  }

  // The meeting a chair or attendance verb refers to: the one the same
  // sentence names after the verb (主持召开X), else the last one held before
  // it, else the first one held after it; none when the article names none.
  // Mentions of one meeting share its most precise date: a title's "2019年…会议"
  // gives only the year the lead's "3月6日" completes (finalize keeps the first).
  {
    order.resize(mentions.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = first + i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return draft.meetings[a].name < draft.meetings[b].name;
    });
    for (std::size_t i = 0; i < order.size();) {
      std::size_t j = i;
      const std::optional<std::string> *best_date = nullptr;
      for (; j < order.size() && draft.meetings[order[j]].name == draft.meetings[order[i]].name;
           ++j) {
        const auto &date = draft.meetings[order[j]].date;
        if (date && (!best_date || known_digits(*date) > known_digits(**best_date)))
          best_date = &date;
      }
      if (best_date) {
        const std::optional<std::string> value = *best_date;
        for (std::size_t k = i; k < j; ++k) draft.meetings[order[k]].date = value;
      }
      i = j;
    }
  }

  // A meeting whose 精神 is studied (传达…会议精神) is referred to, not held:
  // it takes no chair or attendee from a later sentence.
  static constexpr std::string_view kSpirit = "精神", kMeetingSpirit = "会议精神";
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const std::string_view after = text.substr(mentions[i].end, kMeetingSpirit.size());
    if (after.substr(0, kSpirit.size()) != kSpirit && after != kMeetingSpirit) held.push_back(i);
  }
  auto meeting_for = [&](std::size_t verb_end) -> Meeting * {
    auto next = std::lower_bound(mentions.begin(), mentions.end(), verb_end,
                                 [](const Mention &m, std::size_t pos) { return m.begin < pos; });
    if (next != mentions.end() && doc.sentence_at(next->begin) == doc.sentence_at(verb_end))
      return &draft.meetings[first + static_cast<std::size_t>(next - mentions.begin())];
    const auto count_before = static_cast<std::size_t>(next - mentions.begin());
    auto last_held = std::lower_bound(held.begin(), held.end(), count_before);
    if (last_held != held.begin()) return &draft.meetings[first + *(last_held - 1)];
    if (last_held != held.end())
      return &draft.meetings[first + *last_held];  // the meeting the article goes on to name
    return nullptr;  // only meetings whose 精神 is studied: the chaired one has no name here
  };
  auto add_unique = [](std::vector<std::string> &to, const std::string &name) {
    if (!name.empty() && std::find(to.begin(), to.end(), name) == to.end()) to.push_back(name);
  };
  auto person_ending_at = [&](std::size_t end) -> const std::string * {
    // Mentions do not overlap, so the one ending at `end` is the last one starting before it.
    auto it = std::lower_bound(persons.begin(), persons.end(), end,
                               [](const PersonSpan &p, std::size_t pos) { return p.begin < pos; });
    return it != persons.begin() && (it - 1)->end == end ? (it - 1)->name : nullptr;
  };
  // The last persons mention of the clause that ends at `verb`, searched a
  // bounded distance back: the subject of 主持 when a place phrase follows it.
  auto person_in_clause = [&](std::size_t verb) -> const std::string * {
    static constexpr std::size_t kMaxClauseBytes = 120;
    const std::size_t floor = verb > kMaxClauseBytes ? verb - kMaxClauseBytes : 0;
    auto it = std::lower_bound(persons.begin(), persons.end(), verb,
                               [](const PersonSpan &p, std::size_t pos) { return p.begin < pos; });
    if (it == persons.begin() || (it - 1)->end > verb || (it - 1)->begin < floor) return nullptr;
    for (std::size_t i = (it - 1)->end; i < verb; ++i)
      if (text[i] == ',' || text[i] == ';' || text[i] == ':' || text[i] == '.') return nullptr;
    if (text.substr((it - 1)->end, verb - (it - 1)->end).find("。") != std::string_view::npos)
      return nullptr;
    return (it - 1)->name;
  };
  thread_local std::vector<re2::StringPiece> groups;
  for (const Mention &m : matches.chair) {
    if (!groups_of(chair_rule_, text, m.begin, m.end, groups)) continue;
    const Mention verb_span = group_span(chair_rule_, text, groups, "verb", m.begin);
    const std::size_t verb = verb_span.begin;
    std::size_t end = verb;
    static constexpr std::string_view kComrade = "同志";  // 会议由X同志主持
    if (end >= kComrade.size() && text.substr(end - kComrade.size(), kComrade.size()) == kComrade)
      end -= kComrade.size();
    const std::string *person = person_ending_at(end);
    if (!person) person = person_in_clause(verb);  // 区长X在区政府会议室主持召开…
    if (Meeting *meeting = meeting_for(verb_span.end))
      add_unique(meeting->chairs, person ? *person : name_before(text, end));
  }
  for (const Mention &m : matches.attend) {
    if (!groups_of(attend_rule_, text, m.begin, m.end, groups)) continue;
    const Mention verb_span = group_span(attend_rule_, text, groups, "verb", m.begin);
    // Every persons mention of the clause before the verb (市领导A、B、C出席会议);
    // the clause is searched back a bounded distance to stay linear.
    static constexpr std::size_t kMaxClauseBytes = 600;
    const std::size_t verb = verb_span.begin;
    const std::size_t floor = verb > kMaxClauseBytes ? verb - kMaxClauseBytes : 0;
    std::size_t clause =
        std::max(floor, doc.sentences.empty() ? 0 : doc.sentences[doc.sentence_at(verb)].begin);
    for (std::size_t i = verb; i > clause; --i)
      if (text[i - 1] == ',' || text[i - 1] == ';' || text[i - 1] == ':') {
        clause = i;
        break;
      }
    Meeting *found = meeting_for(verb_span.end);
    if (!found) continue;
    Meeting &meeting = *found;
    auto it = std::lower_bound(persons.begin(), persons.end(), clause,
                               [](const PersonSpan &p, std::size_t pos) { return p.begin < pos; });
    for (; it != persons.end() && it->end <= verb; ++it)
      if (std::find(meeting.chairs.begin(), meeting.chairs.end(), *it->name) ==
          meeting.chairs.end())
        add_unique(meeting.attendees, *it->name);
  }
}

}  // namespace zhmeta
