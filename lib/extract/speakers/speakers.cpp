#include "extract/speakers/speakers.hpp"

#include <algorithm>
#include <numeric>
#include <string_view>

#include "core/scratch.hpp"
#include "core/utf8.hpp"

namespace zhmeta {
namespace {

// Longest text allowed between a subject and its verb (about 30 characters:
// 庄某代表市委、市政府对大会的召开表示…).
constexpr std::size_t kMaxGapBytes = 96;
// How far back an antecedent or a referent is looked for (mentions), and how
// far before a person an object marker (传达了…) may stand: bounds that keep
// odd input (one huge sentence full of names) linear.
constexpr int kMaxMentionsBack = 64;
constexpr std::size_t kMaxObjectMarkerBytes = 90;
// Candidates after a preposition skipped on the way back to the subject.
constexpr int kMaxSubjectsSkipped = 3;

// A person (its name, its titles merged over its entries) or an unnamed
// official (the title in the text); copied into a Speaker only when a verb
// takes it.
struct Subject {
  std::size_t begin = 0, end = 0;
  const std::string *name = nullptr;
  const std::vector<std::string> *titles = nullptr;
  std::string_view unnamed_title;
};

struct Verb {
  std::size_t begin = 0, end = 0;
  std::string_view text;  // into the document's text; copied into a Statement
};

struct Mention {
  std::size_t begin = 0, end = 0;
  const Person *person = nullptr;
};

}  // namespace

SpeakersExtractor::SpeakersExtractor(const RulePack &rules)
    : rules_(rules),
      grammar_(rules),
      anchored_(rules, rules.kind("speakers")),
      noun_markers_(rules.gazetteer("noun_markers")),
      non_followers_(rules.gazetteer("statement_non_followers")),
      object_markers_(rules.gazetteer("object_markers")),
      object_prepositions_(rules.gazetteer("object_prepositions")),
      continuations_(rules.gazetteer("statement_continuations")),
      nonperson_subjects_(rules.gazetteer("nonperson_subjects")),
      adverbs_(rules.gazetteer("statement_adverbs")) {
  for (const Rule &rule : rules.kind("speakers").rules()) kinds_.push_back(rule.emit_value("kind"));
}

void SpeakersExtractor::share_literal_scan(SharedLiteralScan &scan) {
  anchors_source_ = scan.add([this] { return &anchored_.words(); }, false);
}

void SpeakersExtractor::run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const {
  (void)options;
  const std::string_view text = doc.text;
  if (text.empty() || doc.sentences.empty() || doc.lines.empty()) return;

  // Person mentions in text order; byline names (reporters) never speak.
  // The lists of this function are per-thread scratch, emptied here: a page
  // has dozens of mentions, subjects and verbs, and fresh lists grew through
  // as many allocations each time.
  thread_local std::vector<std::pair<std::size_t, std::size_t>> byline_spans;
  fresh_scratch(byline_spans, text.size());
  for (const Byline &b : draft.bylines) byline_spans.emplace_back(b.span.begin, b.span.end);
  std::sort(byline_spans.begin(), byline_spans.end());
  thread_local std::vector<Mention> mentions;
  fresh_scratch(mentions, text.size());
  for (const Person &p : draft.persons)
    for (const Span &s : p.mentions)
      if (!std::binary_search(byline_spans.begin(), byline_spans.end(), std::make_pair(s.begin, s.end)))
        mentions.push_back(Mention{s.begin, s.end, &p});
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention &a, const Mention &b) { return a.begin < b.begin; });
  // A person's titles are those of every entry with its name, in list order:
  // merged once per name, found by entry index.
  const std::vector<Person> &persons = draft.persons;
  thread_local std::vector<std::size_t> by_name;
  fresh_scratch(by_name, text.size()).resize(persons.size());
  std::iota(by_name.begin(), by_name.end(), std::size_t{0});
  std::stable_sort(by_name.begin(), by_name.end(),
                   [&](std::size_t a, std::size_t b) { return persons[a].name < persons[b].name; });
  std::vector<std::vector<std::string>> merged_titles;
  merged_titles.reserve(persons.size());  // never reallocated: titles_of points into it
  thread_local std::vector<const std::vector<std::string> *> titles_of;
  fresh_scratch(titles_of, text.size()).assign(persons.size(), nullptr);
  for (std::size_t group = 0; group < by_name.size();) {
    const std::string &name = persons[by_name[group]].name;
    std::vector<std::string> &titles = merged_titles.emplace_back();
    std::size_t next = group;
    for (; next < by_name.size() && persons[by_name[next]].name == name; ++next) {
      for (const auto &t : persons[by_name[next]].titles)
        if (std::find(titles.begin(), titles.end(), t) == titles.end()) titles.push_back(t);
      titles_of[by_name[next]] = &titles;
    }
    group = next;
  }
  auto covered_by_mention = [&](std::size_t pos) {
    auto it = std::upper_bound(mentions.begin(), mentions.end(), pos,
                               [](std::size_t p, const Mention &m) { return p < m.begin; });
    return it != mentions.begin() && std::prev(it)->end > pos;
  };
  // The last mention ending at or before `pos` that satisfies `ok`.
  auto last_mention_before = [&](std::size_t pos, auto ok) -> const Mention * {
    auto it = std::upper_bound(mentions.begin(), mentions.end(), pos,
                               [](std::size_t p, const Mention &m) { return p < m.begin; });
    for (int steps = 0; it != mentions.begin() && steps < kMaxMentionsBack; ++steps) {
      --it;
      if (it->end <= pos && ok(*it)) return &*it;
    }
    return nullptr;
  };

  // True when the person at `begin` is the object of the verb of its clause
  // (传达了…某某的讲话) rather than its subject.
  auto is_object = [&](std::size_t begin, std::size_t sentence_begin) {
    std::size_t clause = begin;
    const std::size_t floor = std::max(sentence_begin, begin - std::min(begin, kMaxObjectMarkerBytes));
    while (clause > floor && text[clause - 1] != ',') clause = utf8::prev_boundary(text, clause);
    for (std::size_t p = clause; p < begin; p = p + utf8::decode(text, p).len)
      if (term_starting_at(object_markers_, text, p, begin) > 0) return true;
    return false;
  };
  // True when a preposition or companion verb stands right before the person
  // or before the title written right before it (对县委书记李某…).
  auto after_preposition = [&](std::size_t begin, std::size_t sentence_begin) {
    std::size_t p = begin;
    if (const std::size_t office = grammar_.office_ending_at(text, p, sentence_begin); office > 0)
      p = grammar_.title_begin(text, p - office, sentence_begin);
    return term_ending_at(object_prepositions_, text, p, sentence_begin) > 0;
  };
  // True when the mention is a possessor (某某的指示, 某某总书记的讲话): not a subject.
  auto is_possessor = [&](const Mention &m) {
    std::size_t p = m.end;
    p += grammar_.office_at(text, p, text.size());
    return term_starting_at(noun_markers_, text, p, text.size()) > 0;
  };

  thread_local std::vector<Subject> subjects;
  fresh_scratch(subjects, text.size());
  auto person_subject = [&](std::size_t begin, std::size_t end, const Person &p) {
    const auto entry = static_cast<std::size_t>(&p - persons.data());
    return Subject{begin, end, &p.name, titles_of[entry], {}};
  };
  for (const Mention &m : mentions) subjects.push_back(person_subject(m.begin, m.end, *m.person));
  thread_local std::vector<Verb> verbs;
  fresh_scratch(verbs, text.size());

  const RuleSet &rules = rules_.kind("speakers");
  auto on_match = [&](const RuleMatch &m) {
    const std::string_view kind = kinds_[static_cast<std::size_t>(&m.rule() - rules.rules().data())];
    if (kind == "verb") {
      verbs.push_back(Verb{m.group_begin("verb"), m.group_end("verb"), m.group("verb")});
    } else if (kind == "pronoun") {
      const std::size_t begin = m.group_begin("pronoun"), end = m.group_end("pronoun");
      const std::size_t sentence = doc.sentence_at(begin);
      const Mention *antecedent = last_mention_before(begin, [&](const Mention &c) {
        return !is_possessor(c) && !is_object(c.begin, doc.sentences[doc.sentence_at(c.begin)].begin);
      });
      // The antecedent is in the same paragraph or the sentence just before.
      if (antecedent && (doc.sentence_at(antecedent->begin) + 1 >= sentence ||
                         doc.line_at(antecedent->begin) == doc.line_at(begin)))
        subjects.push_back(person_subject(begin, end, *antecedent->person));
    } else if (kind == "reference") {
      const std::size_t begin = m.begin();
      if (covered_by_mention(begin)) return;  // 王保华书记: the 华 is part of a name
      const std::string_view surname = m.group("surname");
      const Mention *person = last_mention_before(begin, [&](const Mention &c) {
        return std::string_view(c.person->name).substr(0, surname.size()) == surname;
      });
      if (person) subjects.push_back(person_subject(begin, m.end(), *person->person));
    } else if (kind == "unnamed") {
      const std::size_t office_begin = m.group_begin("office"), end = m.group_end("office");
      const Line &line = doc.lines[doc.line_at(office_begin)];
      const std::size_t begin = grammar_.title_begin(text, office_begin, line.begin);
      subjects.push_back(Subject{std::min(begin, m.begin()), end, nullptr, nullptr,
                                 text.substr(begin, end - begin)});
    }
  };
  // Each rule is tried only next to its anchor words (anchored_rules.hpp),
  // rule by rule in file order, each in text order, as a whole-text run would.
  // Subjects first: without a person mention or an unnamed official no verb
  // can have a speaker, and the verb rules are skipped.
  thread_local AnchoredRules::Candidates candidates;
  anchored_.find(text, candidates, doc.literal_hits.of(anchors_source_));
  auto run_rules = [&](bool subjects_pass) {
    for (int index = 0; index < static_cast<int>(rules.rules().size()); ++index) {
      const Rule &rule = rules.rules()[static_cast<std::size_t>(index)];
      if ((kinds_[static_cast<std::size_t>(index)] != "verb") == subjects_pass &&
          anchored_.may_run(index, candidates) && may_match(rule, text))
        anchored_.for_each_match(index, text, candidates, on_match);
    }
  };
  run_rules(true);
  if (subjects.empty()) return;
  run_rules(false);
  std::sort(subjects.begin(), subjects.end(),
            [](const Subject &a, const Subject &b) { return a.end != b.end ? a.end < b.end : a.begin < b.begin; });
  std::sort(verbs.begin(), verbs.end(), [](const Verb &a, const Verb &b) { return a.begin < b.begin; });

  // True when the text between a subject and its verb keeps them together.
  auto gap_ok = [&](std::size_t from, std::size_t to) {
    if (to - from > kMaxGapBytes) return false;
    for (std::size_t p = from; p < to; ++p)
      if (text[p] == ',' && term_starting_at(continuations_, text, p + 1, to) == 0) return false;
    std::size_t end = to;
    while (end > from) {
      const std::size_t adverb = term_ending_at(adverbs_, text, end, from);
      if (adverb == 0) break;
      end -= adverb;
    }
    return term_ending_at(nonperson_subjects_, text, end, from) == 0;
  };

  std::size_t last_verb_begin = std::string_view::npos;
  for (const Verb &v : verbs) {
    if (v.begin == last_verb_begin) continue;
    last_verb_begin = v.begin;
    const Sentence &sentence = doc.sentences[doc.sentence_at(v.begin)];
    if (term_ending_at(noun_markers_, text, v.begin, sentence.begin) > 0) continue;
    if (term_starting_at(non_followers_, text, v.end, sentence.end) > 0) continue;
    // The nearest subject ending before the verb, within the sentence; one
    // after a preposition (对李某表示) yields to the one before it.
    auto it = std::upper_bound(subjects.begin(), subjects.end(), v.begin,
                               [](std::size_t p, const Subject &s) { return p < s.end; });
    const Subject *subject = nullptr;
    for (int tries = 0; it != subjects.begin() && tries < kMaxSubjectsSkipped; ++tries) {
      --it;
      if (it->begin < sentence.begin) break;
      if (!after_preposition(it->begin, sentence.begin)) {
        subject = &*it;
        break;
      }
    }
    if (!subject || !gap_ok(subject->end, v.begin) || is_object(subject->begin, sentence.begin)) continue;
    Speaker speaker;
    if (subject->name) speaker.name = *subject->name;
    if (subject->titles)
      speaker.titles = *subject->titles;
    else
      speaker.titles.emplace_back(subject->unnamed_title);
    speaker.statements.push_back(Statement{std::string(v.text), normalized_span(v.begin, std::max(v.end, sentence.end))});
    draft.speakers.push_back(std::move(speaker));
  }
}

}  // namespace zhmeta
