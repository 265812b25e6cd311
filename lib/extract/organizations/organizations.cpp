#include "extract/organizations/organizations.hpp"

#include <algorithm>
#include <charconv>
#include <functional>

#include "core/profile.hpp"
#include "core/utf8.hpp"
#include "rules/gazetteer_scan.hpp"

namespace zhmeta {
namespace {

std::u32string decode_all(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto d = utf8::decode(s, i);
    out.push_back(d.cp);
    i += d.len;
  }
  return out;
}

// 国家 省 市 区 街道: deeper chains are not administrative names.
constexpr int kMaxRegionLevels = 5;

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// ---- the shape of a pattern, as far as typing needs it ----

// A parenthesized group of an RE2 pattern: `(` at `open`, its body in
// [body, close), `name` for (?P<name>...), `parent` the enclosing group.
struct Group {
  std::string name;
  std::size_t open, body, close;
  std::size_t parent;  // index into the group list, npos at top level
};

// Index of the ']' closing the character class that opens at `open`.
std::size_t class_end(std::string_view p, std::size_t open) {
  std::size_t i = open + 1;
  if (i < p.size() && p[i] == '^') ++i;
  if (i < p.size() && p[i] == ']') ++i;  // a leading ']' is literal
  while (i < p.size() && p[i] != ']') {
    if (p[i] == '\\') {
      i += 2;
    } else if (p[i] == '[' && i + 1 < p.size() && p[i + 1] == ':') {  // [:alpha:]
      const std::size_t e = p.find(":]", i + 2);
      i = e == std::string_view::npos ? p.size() : e + 2;
    } else {
      ++i;
    }
  }
  return i;
}

// The groups of `p` in order of their opening. False when `p` does not
// parse, or has an assertion that looks at the text around a match
// (^ $ \b \B \A \z), whose result would change when the match alone is searched.
bool parse_groups(std::string_view p, std::vector<Group> &out) {
  static constexpr std::string_view kNamed = "(?P<";
  std::vector<std::size_t> open;  // indices into `out`
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      if (i + 1 >= p.size()) return false;
      const char e = p[i + 1];
      if (e == 'b' || e == 'B' || e == 'A' || e == 'z') return false;
      if (e == 'Q') {  // \Q...\E quotes literally
        const std::size_t end = p.find("\\E", i + 2);
        if (end == std::string_view::npos) return false;
        i = end + 1;
      } else {
        ++i;
      }
    } else if (c == '[') {
      i = class_end(p, i);
    } else if (c == '^' || c == '$') {
      return false;
    } else if (c == '(') {
      Group g{{}, i, i + 1, 0, open.empty() ? std::string_view::npos : open.back()};
      if (p.substr(i, kNamed.size()) == kNamed) {
        const std::size_t name_end = p.find('>', i + kNamed.size());
        if (name_end == std::string_view::npos) return false;
        g.name = std::string(p.substr(i + kNamed.size(), name_end - i - kNamed.size()));
        g.body = name_end + 1;
      } else if (p.substr(i, 3) == "(?:") {
        g.body = i + 3;
      } else if (i + 1 < p.size() && p[i + 1] == '?') {
        return false;  // flags such as (?i): not worth understanding here
      }
      open.push_back(out.size());
      out.push_back(std::move(g));
      i = out.back().body - 1;
    } else if (c == ')') {
      if (open.empty()) return false;
      out[open.back()].close = i;
      open.pop_back();
    }
  }
  return open.empty();
}

// True when the group is followed by a quantifier (it may then be taken more than once).
bool repeated(std::string_view p, const Group &g) {
  return g.close + 1 < p.size() &&
         std::string_view("*+?{").find(p[g.close + 1]) != std::string_view::npos;
}

// True when the group is one whole alternative of its parent (or of the pattern).
bool whole_alternative(std::string_view p, const std::vector<Group> &groups, const Group &g) {
  const bool top = g.parent == std::string_view::npos;
  const std::size_t body = top ? 0 : groups[g.parent].body,
                    close = top ? p.size() : groups[g.parent].close;
  return (g.open == body || p[g.open - 1] == '|') &&
         (g.close + 1 == close || p[g.close + 1] == '|');
}

// Matches nothing: stands in for the body of a group a typing pattern leaves out.
constexpr std::string_view kNever = "[^\\x00-\\x{10FFFF}]";

// `p` with the body of each of `groups` (none inside another) replaced:
// by kNever for those in `never`, by nothing for those in `empty`.
std::string rewrite(std::string_view p, const std::vector<const Group *> &never,
                    const std::vector<const Group *> &empty = {}) {
  std::vector<std::pair<const Group *, std::string_view>> edits;
  for (const Group *g : never) edits.emplace_back(g, kNever);
  for (const Group *g : empty) edits.emplace_back(g, std::string_view());
  std::sort(edits.begin(), edits.end(), [](const auto &a, const auto &b) { return a.first->open < b.first->open; });
  std::string out;
  std::size_t from = 0;
  for (const auto &[g, body] : edits) {
    out.append(p.substr(from, g->body - from));
    out.append(body);
    from = g->close;
  }
  out.append(p.substr(from));
  return out;
}

}  // namespace

struct OrganizationsExtractor::Candidate {
  std::size_t begin, end;
  std::size_t rule;
  const std::string *type;  // owned by the extractor's RuleInfo
};

OrganizationsExtractor::Lexicon::Lexicon(const Gazetteer &gazetteer) : gazetteer_(gazetteer) {
  for (const std::string &term : gazetteer.terms()) {
    if (term.empty()) continue;
    first_.set(utf8::decode(term, 0).cp % kBits);
    last_.set(utf8::before(term, term.size()) % kBits);
    if (std::find(lengths_.begin(), lengths_.end(), term.size()) == lengths_.end())
      lengths_.push_back(term.size());
  }
  std::sort(lengths_.begin(), lengths_.end(), std::greater<>());
}

std::size_t OrganizationsExtractor::Lexicon::ending_at(std::string_view text,
                                                       std::size_t end) const {
  if (end == 0 || lengths_.empty() || !last_[utf8::before(text, end) % kBits]) return 0;
  for (const std::size_t length : lengths_)  // longest first: the first term found is the answer
    if (length <= end && !continuation_byte(text[end - length]) &&
        gazetteer_.contains(text.substr(end - length, length)))
      return length;
  return 0;
}

std::size_t OrganizationsExtractor::Lexicon::starting_at(std::string_view text,
                                                         std::size_t begin) const {
  if (begin >= text.size() || lengths_.empty() || !first_[utf8::decode(text, begin).cp % kBits])
    return 0;
  for (const std::size_t length : lengths_) {
    const std::size_t end = begin + length;
    if (end <= text.size() && (end == text.size() || !continuation_byte(text[end])) &&
        gazetteer_.contains(text.substr(begin, length)))
      return length;
  }
  return 0;
}

OrganizationsExtractor::OrganizationsExtractor(const RulePack &rules)
    : rules_(rules.kind("organizations")),
      levels_(gazetteer_or_empty(rules, "org_levels")),
      region_stops_(gazetteer_or_empty(rules, "org_region_stops")),
      region_stop_chars_(gazetteer_or_empty(rules, "org_region_stop_chars")),
      level_blockers_(gazetteer_or_empty(rules, "org_level_blockers")),
      long_places_(gazetteer_or_empty(rules, "org_long_places")),
      name_stops_(gazetteer_or_empty(rules, "org_name_stops")),
      collectives_(gazetteer_or_empty(rules, "org_collective_markers")),
      party_prefixes_(gazetteer_or_empty(rules, "org_party_prefixes")),
      elliptical_members_(gazetteer_or_empty(rules, "org_elliptical_members")),
      category_followers_(gazetteer_or_empty(rules, "org_category_followers")) {
  for (const Rule &rule : rules_.rules()) {
    RuleInfo info;
    info.type = std::string(rule.emit_value("type", "other"));
    const std::string_view extend = rule.emit_value("extend", "none");
    info.extend = extend == "region" ? Extension::region
                  : extend == "name" ? Extension::name
                                     : Extension::none;
    const std::string_view max = rule.emit_value("max", "8");
    std::size_t max_chars = 8;
    std::from_chars(max.data(), max.data() + max.size(), max_chars);
    info.max_name_chars = std::max<std::size_t>(1, max_chars);
    info.bare_place = rule.emit_value("bare_place") == "yes";
    info.needs_region = rule.emit_value("needs_region") == "yes";
    info.reject_next = decode_all(rule.emit_value("reject_next"));
    for (const auto &group : rule.groups) {
      if (group.first == "national")
        info.national_group = group.second;
      else if (info.type == "@group")
        info.type_groups.emplace_back(group.second, group.first);
    }
    const std::string_view national = rule.emit_value("national");
    for (std::size_t b = 0; b < national.size();) {
      std::size_t e = national.find(',', b);
      if (e == std::string_view::npos) e = national.size();
      if (e > b) info.national_types.emplace_back(national.substr(b, e - b));
      b = e + 1;
    }
    build_typing(rule, info);
    info_.push_back(std::move(info));
  }
}

// A match with capture groups runs RE2's backtracker over a program of
// thousands of instructions (organizations.local): tens of microseconds per
// match, most of the stage. Which type group took part can instead be read
// from one anchored RE2::Set pass (a DFA) over the match text, with one
// pattern per type group: the rule's pattern with the bodies of the other
// type groups replaced by a class that matches nothing. The group that took
// part is one whose pattern matches the whole match; when exactly one does,
// it is the answer. With `national` (which must then be the last alternative
// of a group that opens the pattern, as in (?:{LEVEL}|(?P<national>…))): a
// second pattern per type without `national`'s body; RE2 prefers the earlier
// alternative, so when a path without `national` exists for exactly one type,
// that path is taken, and when none exists, `national` took part. Anything
// else (two candidates, a path through no type group or through an empty
// one, an assertion that looks around the match) leaves typing null or sends
// the match to the match with groups, so the answer is always RE2's own.
const re2::RE2::Set *OrganizationsExtractor::Typing::get() {
  std::call_once(compiled, [this] {
    if (national) {
      const RE2 body("(?:" + national_body + ")", options);
      if (!body.ok() || RE2::FullMatch("", body)) return;
    }
    auto compiling = std::make_unique<re2::RE2::Set>(options, RE2::ANCHOR_BOTH);
    for (const std::string &pattern : patterns)
      if (compiling->Add(pattern, nullptr) < 0) return;
    if (compiling->Compile()) set = std::move(compiling);
  });
  return set.get();
}

void OrganizationsExtractor::build_typing(const Rule &rule, RuleInfo &info) {
  if (!info.needs_groups()) return;
  const std::string_view p = rule.expanded;
  std::vector<Group> groups;
  if (!parse_groups(p, groups)) return;
  auto find = [&](std::string_view name) -> const Group * {
    for (const Group &g : groups)
      if (g.name == name) return &g;
    return nullptr;
  };
  std::vector<const Group *> typed;  // parallel to info.type_groups
  for (const auto &entry : info.type_groups)
    if (const Group *g = find(entry.second)) typed.push_back(g);
  const Group *national = info.national_group >= 0 ? find("national") : nullptr;
  if (typed.size() != info.type_groups.size() || (info.national_group >= 0 && !national)) return;
  std::vector<const Group *> all = typed;
  if (national) all.push_back(national);
  // A match takes at most one of these groups, once: they are whole
  // alternatives of groups that are never repeated, none inside another,
  // the type groups all of one alternation.
  for (const Group *g : all) {
    if (!whole_alternative(p, groups, *g)) return;
    if (g != national && g->parent != typed.front()->parent) return;
    for (std::size_t up = g->parent; up != std::string_view::npos; up = groups[up].parent)
      if (repeated(p, groups[up])) return;
    for (const Group &inner : groups)
      if (inner.open > g->open && inner.open < g->close && !inner.name.empty()) return;
  }
  // `national` is the last alternative of the group that opens the pattern
  // (so the first choice RE2 makes is whether to take it).
  if (national && (national->parent != 0 || groups[0].open != 0 || national->close + 1 != groups[0].close))
    return;
  auto typing = std::make_unique<Typing>();
  typing->options = rule.re->options();
  typing->types = std::max<std::size_t>(1, typed.size());
  typing->national = national != nullptr;
  for (int pass = national ? 0 : 1; pass < 2; ++pass)  // pass 0: without national's body
    for (std::size_t t = 0; t < typing->types; ++t) {
      std::vector<const Group *> dropped;
      for (const Group *g : all)
        if (g == national ? pass == 0 : g != typed[t]) dropped.push_back(g);
      typing->patterns.push_back(rewrite(p, dropped));
    }
  // The checks: a path through no type group; through a type group that
  // takes part empty (and so does not count as taking part). Whether
  // `national` can is asked once, when compiling.
  if (!typed.empty()) {
    typing->patterns.push_back(rewrite(p, typed));
    typing->patterns.push_back(rewrite(p, {}, typed));
  }
  if (national) typing->national_body = std::string(p.substr(national->body, national->close - national->body));
  info.typing = std::move(typing);
}

bool OrganizationsExtractor::type_of(std::string_view text, std::size_t line_end,
                                     std::size_t rule_index, std::size_t begin, std::size_t end,
                                     Typed &out) const {
  const RuleInfo &info = info_[rule_index];
  out = {&info.type, false};
  if (const re2::RE2::Set *set = info.typing ? info.typing->get() : nullptr) {
    const Typing &typing = *info.typing;
    const int types = static_cast<int>(typing.types);
    const int checks = types * (typing.national ? 2 : 1);  // first index of the checks
    thread_local std::vector<int> hits;
    re2::RE2::Set::ErrorInfo error{};
    if (set->Match(re2::StringPiece(text.data() + begin, end - begin), &hits, &error)) {
      int plain = -1, any = -1, plain_count = 0, any_count = 0;  // plain: a path without `national`
      for (const int hit : hits) {
        if (hit >= checks) {
          plain_count = any_count = 2;  // ambiguous: left to the match with groups
          break;
        }
        if (typing.national && hit < types) {
          plain = hit;
          ++plain_count;
        } else {
          any = hit - (typing.national ? types : 0);
          ++any_count;
        }
      }
      if (!typing.national) plain = any, plain_count = any_count;
      int type = -1;
      if (plain_count == 1) {
        type = plain;
      } else if (plain_count == 0 && any_count == 1) {
        type = any;
        out.national = true;
      }
      if (type >= 0) {
        if (!info.type_groups.empty()) out.type = &info.type_groups[static_cast<std::size_t>(type)].second;
        return true;
      }
    }
  }
  // The match again, anchored at both ends of what the DFA found, now with
  // its groups: the same groups as an unanchored match with groups (RE2
  // itself does this).
  const RE2 &re = *rules_.rules()[rule_index].re;
  thread_local std::vector<re2::StringPiece> groups;
  groups.assign(static_cast<std::size_t>(re.NumberOfCapturingGroups()) + 1, re2::StringPiece());
  const re2::StringPiece line(text.data(), line_end);
  if (!re.Match(line, begin, end, RE2::ANCHOR_BOTH, groups.data(), static_cast<int>(groups.size())))
    return false;
  auto took_part = [&](int index) { return !groups[static_cast<std::size_t>(index)].empty(); };
  for (const auto &[index, name] : info.type_groups)
    if (took_part(index)) {
      out.type = &name;
      break;
    }
  out.national = info.national_group >= 0 && took_part(info.national_group);
  return true;
}

bool OrganizationsExtractor::delimited_before(std::string_view text, std::size_t pos) const {
  if (pos == 0) return true;
  const std::size_t prev = utf8::prev_boundary(text, pos);
  const char32_t c = utf8::decode(text, prev).cp;
  if (!utf8::is_han(c)) return true;
  if (region_stop_chars_.may_contain_char(c) &&
      region_stop_chars_.contains(text.substr(prev, pos - prev)))
    return true;
  return region_stops_.ending_at(text, pos) > 0 || name_stops_.ending_at(text, pos) > 0 ||
         levels_.ending_at(text, pos) > 0 || party_prefixes_.ending_at(text, pos) > 0;
}

std::size_t OrganizationsExtractor::place_before(std::string_view text, std::size_t end) const {
  // A listed long place name first (石家庄, 黑龙江), then two Han characters.
  if (const std::size_t n = long_places_.ending_at(text, end);
      n > 0 && delimited_before(text, end - n))
    return end - n;
  std::size_t begin = end;
  for (int i = 0; i < 2; ++i) {
    if (begin == 0) return std::string_view::npos;
    const std::size_t prev = utf8::prev_boundary(text, begin);
    const char32_t c = utf8::decode(text, prev).cp;
    if (!utf8::is_han(c) || (region_stop_chars_.may_contain_char(c) &&
                             region_stop_chars_.contains(text.substr(prev, begin - prev))))
      return std::string_view::npos;
    begin = prev;
  }
  if (region_stops_.contains(text.substr(begin, end - begin))) return std::string_view::npos;
  return delimited_before(text, begin) ? begin : std::string_view::npos;
}

std::size_t OrganizationsExtractor::extend_region(std::string_view text, std::size_t begin,
                                                  bool bare_place) const {
  std::size_t start = begin;
  const bool level_first = levels_.starting_at(text, begin) > 0;
  if (level_first) {
    // Walk a chain of "place + level word" to the left: 江苏省 苏州市 吴中[区].
    std::size_t cursor = begin;
    for (int depth = 0; depth < kMaxRegionLevels; ++depth) {
      const std::size_t place = place_before(text, cursor);
      if (place == std::string_view::npos) break;
      start = place;
      const std::size_t level = levels_.ending_at(text, place);
      if (level == 0) break;
      const std::size_t outer = place_before(text, place - level);
      if (outer == std::string_view::npos) break;
      cursor = place - level;
    }
  } else if (bare_place) {
    if (const std::size_t place = place_before(text, begin); place != std::string_view::npos)
      start = place;
  }
  if (start != begin || level_first)
    start -= party_prefixes_.ending_at(text, start);  // 中共清河市委
  return start;
}

std::size_t OrganizationsExtractor::extend_name(std::string_view text, std::size_t begin,
                                                std::size_t max_chars) const {
  std::size_t start = begin;
  for (std::size_t n = 0; n < max_chars && start > 0; ++n) {
    if (name_stops_.ending_at(text, start) > 0) break;
    const std::size_t prev = utf8::prev_boundary(text, start);
    if (!utf8::is_han(utf8::decode(text, prev).cp)) break;
    start = prev;
  }
  return start;
}

void OrganizationsExtractor::consider(std::string_view text, std::size_t line_end,
                                      std::size_t rule_index, std::size_t begin, std::size_t end,
                                      std::vector<Candidate> &out) const {
  const RuleInfo &info = info_[rule_index];
  // The checks that need no capture group come first: they drop a good part
  // of the matches, and the groups cost a second, slower match.
  if (end < text.size() && !info.reject_next.empty() &&
      info.reject_next.find(utf8::decode(text, end).cp) != std::u32string::npos)
    return;
  const std::size_t match_begin = begin;
  switch (info.extend) {
    case Extension::region:
      begin = extend_region(text, begin, info.bare_place);
      break;
    case Extension::name: {
      const std::size_t start = extend_name(text, begin, info.max_name_chars);
      // A bare head word names nothing; a level word alone does (县人民医院).
      const std::string_view name = text.substr(start, begin - start);
      if (name.empty() || (utf8::length(name) < 2 && levels_.starting_at(name, 0) != name.size()))
        return;
      begin = start;
      break;
    }
    case Extension::none:
      break;
  }
  if (begin == match_begin && info.needs_region) return;  // 街道 alone names nothing
  if (begin == match_begin) {
    // 社区党委, 城市管理局: without a region of its own, a level character
    // that belongs to a common word starts no organization (北湖区 does).
    if (const std::size_t level = levels_.starting_at(text, begin); level > 0)
      for (std::size_t probe = begin + level; probe > begin;
           probe = utf8::prev_boundary(text, probe))
        if (level_blockers_.ending_at(text, probe) > probe - begin) return;
  }
  if (collectives_.ending_at(text, begin) > 0) return;  // 各级党委, 各县委
  const std::string *type = &info.type;
  if (info.needs_groups()) {
    Typed typed{};
    if (!type_of(text, line_end, rule_index, match_begin, end, typed)) return;  // cannot happen
    type = typed.type;
    // 全国政协 and 中国侨联 are bodies; "全国委" or "中国政府" are not in this grammar.
    if (typed.national && std::find(info.national_types.begin(), info.national_types.end(),
                                    *type) == info.national_types.end())
      return;
  }
  out.push_back({begin, end, rule_index, type});
}

void OrganizationsExtractor::run(const Document &doc, const ExtractOptions &options,
                                 DraftRecord &draft) const {
  (void)options;
  const std::string_view text = doc.text;
  const auto &rules = rules_.rules();
  if (rules.empty()) return;
  std::vector<Candidate> candidates;
  // Line by line: one prefilter pass tells which rules can match on the line,
  // and only those run, over that line alone (organizations never span lines).
  // A rule runs without capture groups, which lets RE2 find each match with
  // its DFA; consider() asks for groups only when it needs them.
  thread_local std::vector<int> hits;
  for (const Line &line : doc.lines) {
    if (line.end <= line.begin || line.end > text.size()) continue;
    rules_.matching(text.substr(line.begin, line.end - line.begin), hits);
    const re2::StringPiece piece(text.data(), line.end);
    for (const int index : hits) {
      const Rule &rule = rules[static_cast<std::size_t>(index)];
      ZHMETA_PROFILE_SCOPE(rule.id, line.end - line.begin);
      re2::StringPiece match;
      for (std::size_t pos = line.begin;
           pos <= line.end && rule.re->Match(piece, pos, line.end, RE2::UNANCHORED, &match, 1);) {
        const std::size_t b = static_cast<std::size_t>(match.data() - text.data()),
                          e = b + match.size();
        consider(text, line.end, static_cast<std::size_t>(index), b, e, candidates);
        if (e > b) {
          pos = e;
        } else {  // empty match: step one code point to make progress
          pos = b + 1;
          while (pos < line.end && continuation_byte(text[pos])) ++pos;
        }
      }
    }
  }
  // Earliest start wins, then the longer match, then the higher priority.
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate &a, const Candidate &b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return rules[a.rule].priority > rules[b.rule].priority;
  });
  std::size_t covered_until = 0;
  auto emit = [&](std::size_t begin, std::size_t end, std::string_view type) {
    Organization org;
    org.name = std::string(doc.slice(begin, end));
    org.type = std::string(type);
    org.mentions.push_back(normalized_span(begin, end));
    draft.organizations.push_back(std::move(org));
  };
  static constexpr std::string_view kListComma = "、";
  for (const Candidate &c : candidates) {
    if (c.begin < covered_until) continue;
    covered_until = c.end;
    emit(c.begin, c.end, *c.type);
    // 市文联、残联、红十字会: bare members after a full one share its level.
    if (info_[c.rule].extend != Extension::region) continue;
    std::size_t pos = c.end;
    while (text.substr(pos, kListComma.size()) == kListComma) {
      const std::size_t member = pos + kListComma.size();
      const std::size_t length = elliptical_members_.starting_at(text, member);
      if (length == 0) break;
      // 妇联组织, 残联工作: a category word after it makes the member a category.
      const std::size_t after = member + length;
      if (category_followers_.starting_at(text, after) > 0) break;
      emit(member, after, elliptical_members_.gazetteer().canonical(text.substr(member, length)));
      pos = covered_until = after;
    }
  }
}

}  // namespace zhmeta
