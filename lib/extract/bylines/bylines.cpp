#include "extract/bylines/bylines.hpp"

#include <algorithm>

#include "core/scratch.hpp"
#include "core/utf8.hpp"

namespace zhmeta {
namespace {

// A line of article text rather than furniture: a body line with a full stop,
// or a long one. Byline labels with a colon count only off such lines, so an
// interview's "记者:你好" is no byline.
constexpr std::size_t kFurnitureLineBytes = 90;
// A token of more Han characters than this is running text: the block ends.
constexpr std::size_t kMaxSkippedTokenHan = 8;
// Windows around the triggers: a block or source starts at most this far
// before its role or source word ((人民网记者, 中新社北京9月1日电) and ends at
// most this far after it (a labelled line of names and other fields).
constexpr std::size_t kWindowBefore = 64;
constexpr std::size_t kWindowAfter = 200;

bool is_separator(char32_t c) {
  return c == ' ' || c == '\t' || c == ',' || c == ':' || c == '/' || c == '|' || c == '(' || c == ')' ||
         c == '[' || c == ']' || c == U'、' || c == U'【' || c == U'】' || c == U'丨' || c == U'；' || c == ';';
}

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool is_numeral(char32_t c) {
  return c == U'零' || c == U'一' || c == U'二' || c == U'三' || c == U'四' || c == U'五' || c == U'六' ||
         c == U'七' || c == U'八' || c == U'九' || c == U'十' || c == U'百' || c == U'千' || c == U'万' ||
         c == U'两' || c == U'廿' || c == U'卅';
}

bool blank(std::string_view s) { return s.find_first_not_of(' ') == std::string_view::npos; }

struct Token {
  std::size_t begin, end;
};

// The index of the last non-blank body line, or lines.size() when none.
std::size_t last_body_line(const Document &doc) {
  for (std::size_t i = doc.lines.size(); i-- > 0;) {
    const Line &l = doc.lines[i];
    if (l.zone == Zone::body && !blank(doc.slice(l.begin, l.end))) return i;
  }
  return doc.lines.size();
}

}  // namespace

BylinesExtractor::BylinesExtractor(const RulePack &rules)
    : rules_(rules.kind("bylines")),
      roles_(rules.gazetteer("byline_roles")),
      postfix_(rules.gazetteer("byline_postfix_roles")),
      stops_(rules.gazetteer("byline_stop_labels")),
      non_names_(rules.gazetteer("byline_non_names")),
      not_sources_(rules.gazetteer("source_non_names")),
      anchored_(rules, rules_) {
  for (const std::string &t : roles_.terms()) triggers_.add(t, true);
  for (const std::string &t : postfix_.terms()) triggers_.add(t, true);
  for (const char *name : {"source_labels", "source_triggers"})
    if (rules.has_gazetteer(name))
      for (const std::string &t : rules.gazetteer(name).terms()) triggers_.add(t);
  for (std::size_t i = 0; i < rules_.rules().size(); ++i)
    if (rules_.rules()[i].emit_value("where") == "article_end") end_rules_.push_back(static_cast<int>(i));
}

bool BylinesExtractor::is_name(std::string_view token) const {
  if (token.empty() || roles_.contains(token) || non_names_.contains(token) || postfix_.contains(token))
    return false;
  const unsigned char first = static_cast<unsigned char>(token[0]);
  if (first < 0x80) {  // a Latin handle: ljx, ance
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) return false;
    if (token.size() < 2 || token.size() > 20) return false;
    for (char c : token)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'))
        return false;
    return true;
  }
  // 2-4 Han characters, not a numeral or a date piece (二〇一八, 十二月).
  std::size_t han = 0, numeral = 0;
  char32_t last = 0;
  for (std::size_t pos = 0; pos < token.size();) {
    const utf8::Decoded d = utf8::decode(token, pos);
    pos += d.len;
    if (!utf8::is_han(d.cp) || d.cp == U'〇') return false;
    ++han;
    if (is_numeral(d.cp)) ++numeral;
    last = d.cp;
  }
  const bool date_unit = last == U'年' || last == U'月' || last == U'日' || last == U'号';
  return han >= 2 && han <= 4 && numeral < han && !(date_unit && numeral + 1 == han);
}

void BylinesExtractor::read_block(const Document &doc, std::size_t begin, std::size_t end,
                                  std::string_view default_role, DraftRecord &draft) const {
  const std::string_view text = doc.text;
  thread_local std::vector<Token> tokens;  // per-thread scratch, like `unassigned`
  fresh_scratch(tokens, text.size());
  std::size_t start = begin;
  for (std::size_t pos = begin; pos < end;) {
    const utf8::Decoded d = utf8::decode(text, pos);
    if (is_separator(d.cp)) {
      if (pos > start) tokens.push_back({start, pos});
      start = pos + d.len;
    }
    pos += d.len;
  }
  if (end > start) tokens.push_back({start, end});

  std::string role(default_role);
  bool default_role_in_force = !default_role.empty();  // no role word read yet
  std::size_t names_since_role = 0;  // bylines of the current role, for a postfix 摄
  thread_local std::vector<Token> unassigned;  // names before any role word ("张三 李四 摄")
  fresh_scratch(unassigned, text.size());
  // Emits one byline per role of `r` ("author+photographer" for 文/图 or 图文);
  // returns how many.
  auto emit = [&](std::string_view r, std::size_t b, std::size_t e) -> std::size_t {
    std::size_t n = 0;
    for (std::size_t from = 0; from <= r.size();) {
      const std::size_t plus = std::min(r.find('+', from), r.size());
      if (plus > from) {
        draft.bylines.push_back({std::string(r.substr(from, plus - from)), std::string(text.substr(b, e - b)),
                                 normalized_span(b, e)});
        ++n;
      }
      from = plus + 1;
    }
    return n;
  };
  bool last_was_role = false;  // 文/图: adjacent role words add up
  std::size_t last_name = static_cast<std::size_t>(-1);  // token index of the last plain name
  auto apply_postfix = [&](std::string_view postfix_role) {
    // The last `names_since_role` bylines are the names the postfix role follows.
    const std::size_t n = draft.bylines.size();
    for (std::size_t k = n - names_since_role; k < n; ++k)
      if (default_role_in_force)  // "(江山 摄)": the postfix is the only role written
        draft.bylines[k].role = std::string(postfix_role);
      else if (draft.bylines[k].role != postfix_role)
        draft.bylines.push_back({std::string(postfix_role), draft.bylines[k].name, draft.bylines[k].span});
    names_since_role = 0;
    for (const Token &u : unassigned) emit(std::string(postfix_role), u.begin, u.end);
    unassigned.clear();
  };

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view t = text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    if (stops_.contains(t)) break;
    if (!roles_.contains(t)) last_was_role = false;
    const bool next_is_name =
        i + 1 < tokens.size() && is_name(text.substr(tokens[i + 1].begin, tokens[i + 1].end - tokens[i + 1].begin));
    if (postfix_.contains(t) && (names_since_role > 0 || !unassigned.empty()) && !next_is_name) {  // 记者 方启明 摄
      apply_postfix(postfix_.canonical(t));
      continue;
    }
    if (const std::string_view r = roles_.canonical(t); !r.empty()) {  // 记者, 编辑
      if (i > 0 && last_name == i - 1 && tokens[i].begin == tokens[i - 1].end + 1 && text[tokens[i - 1].end] == '/') {
        // 江河/文 李想/图: a role written after one name, for that name only.
        if (!unassigned.empty() && unassigned.back().begin == tokens[i - 1].begin) {
          unassigned.pop_back();
          emit(r, tokens[i - 1].begin, tokens[i - 1].end);
        } else if (default_role_in_force && !draft.bylines.empty()) {
          draft.bylines.pop_back();  // it replaces the block's default role
          emit(r, tokens[i - 1].begin, tokens[i - 1].end);
        } else {
          emit(r, tokens[i - 1].begin, tokens[i - 1].end);
        }
        names_since_role = 0;
        continue;
      }
      if (last_was_role && !default_role_in_force)
        role += "+" + std::string(r);
      else
        role = std::string(r);
      default_role_in_force = false;
      names_since_role = 0;
      last_was_role = true;
      continue;
    }
    // Glued forms: 记者林思远, 全媒体记者许博 (role first), 田甜摄 (postfix),
    // 人民网记者 (an outlet's reporter). Only role words of two or more
    // characters are cut off, so 图为... or 文中... stay whole.
    bool handled = false;
    for (const std::string &term : roles_.terms()) {
      if (term.size() < 6 || !starts_with(t, term)) continue;
      const std::string_view rest = t.substr(term.size());
      if (is_name(rest)) {
        role = std::string(roles_.canonical(term));
        default_role_in_force = false;
        names_since_role = emit(role, tokens[i].begin + term.size(), tokens[i].end);
        handled = true;
      }
      break;
    }
    if (handled) continue;
    for (const std::string &term : postfix_.terms()) {
      if (next_is_name || !ends_with(t, term)) continue;
      if (is_name(t.substr(0, t.size() - term.size()))) {
        const std::string_view postfix_role = postfix_.canonical(term);
        const std::size_t name_end = tokens[i].end - term.size();
        if (!role.empty() && role != postfix_role) {
          names_since_role += emit(role, tokens[i].begin, name_end);
          apply_postfix(postfix_role);
        } else {
          emit(std::string(postfix_role), tokens[i].begin, name_end);
          names_since_role = 0;
          apply_postfix(postfix_role);  // names before it without a role: 张三 李四摄
        }
        handled = true;
      }
      break;
    }
    if (handled) continue;
    if (is_name(t)) {
      last_name = i;
      if (!role.empty()) {
        names_since_role += emit(role, tokens[i].begin, tokens[i].end);
      } else {
        unassigned.push_back(tokens[i]);
      }
      continue;
    }
    for (const std::string &term : roles_.terms()) {
      if (term.size() < 6 || !ends_with(t, term)) continue;
      role = std::string(roles_.canonical(term));  // 人民网记者, 新华社记者
      default_role_in_force = false;
      names_since_role = 0;
      handled = true;
      break;
    }
    if (handled) continue;
    if (utf8::length(t) > kMaxSkippedTokenHan) break;  // running text, not a byline
  }
}

void BylinesExtractor::share_literal_scan(SharedLiteralScan &scan) {
  triggers_source_ = scan.add([this] { return &triggers_.words(); }, false);
  atoms_source_ = scan.add([this] { return rules_.atom_words(); }, true);
  anchors_source_ = scan.add([this] { return &anchored_.words(); }, false);
}

void BylinesExtractor::run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const {
  (void)options;
  const std::string_view text = doc.text;
  const std::size_t last_body = last_body_line(doc);
  // The article ends on its last body line or on the first non-blank line
  // after it (a signature line of its own: "(青屏县慈善总会 黄岚)").
  std::size_t after_last_body = last_body + 1;
  while (after_last_body < doc.lines.size() &&
         blank(doc.slice(doc.lines[after_last_body].begin, doc.lines[after_last_body].end)))
    ++after_last_body;

  std::size_t window_end = text.size();
  bool window_cut = false;
  auto on_match = [&](const RuleMatch &m) {
    const Rule &rule = m.rule();
    const std::string_view kind = rule.emit_value("kind");
    if (kind == "block") {
      const std::size_t b = m.group_begin("block"), e = m.group_end("block");
      if (b >= e) return;
      if (window_cut && m.end() >= window_end) return;  // ran into a capped window, not a line end
      const std::size_t line_index = doc.line_at(b);
      const Line &line = doc.lines[line_index];
      const std::string_view where = rule.emit_value("where");
      if (where == "furniture") {
        const std::string_view line_text = doc.slice(line.begin, line.end);
        const bool article_line = line.zone == Zone::body && !line.boilerplate &&
                                  (line_text.size() > kFurnitureLineBytes || line_text.find("。") != std::string_view::npos);
        if (article_line) return;
      } else if (where == "article_end") {
        if (line_index != last_body && line_index != after_last_body) return;
      }
      read_block(doc, b, e, rule.emit_value("role"), draft);
    } else if (kind == "source") {
      if (rule.emit_value("left") == "boundary" && m.begin() > 0 && utf8::is_han(utf8::before(text, m.begin())))
        return;
      std::string_view name = m.group("source");
      // "来源:青屏日报2019-03-07": a date glued to the source is not part of it.
      const std::size_t digit = name.find_first_of("0123456789");
      if (digit != std::string_view::npos && digit > 0) name = name.substr(0, digit);
      while (!name.empty() && (name.back() == '-' || name.back() == '.')) name.remove_suffix(1);
      if (utf8::length(name) < 2 || not_sources_.contains(name) || roles_.contains(name)) return;
      if (is_ascii_digit(name[0]) || starts_with(name, "http") || starts_with(name, "www")) return;  // a time, a URL
      for (const std::string &label : stops_.terms())
        if (starts_with(name, label)) return;  // "来源: 发布日期:..." names nothing
      const std::size_t b = m.group_begin("source");
      draft.publication.sources.push_back({std::string(name), normalized_span(b, b + name.size())});
    }
  };

  // Rules run around role words and source words only (see core/trigger_windows.hpp).
  thread_local std::vector<Window> windows;  // find() empties it
  triggers_.find(text, kWindowBefore, kWindowAfter, windows, doc.literal_hits.of(triggers_source_));
  // A rule that declares anchors is tried only where a match can start
  // (a few anchored tries instead of a search of the whole window).
  thread_local AnchoredRules::Candidates starts;
  anchored_.find(text, starts, doc.literal_hits.of(anchors_source_));
  thread_local std::vector<int> hits;  // candidates() empties it
  for (const Window &w : windows) {
    window_end = w.end;
    window_cut = w.cut;
    rules_.candidates(text, w.begin, w.end, doc.literal_hits.of(atoms_source_), hits);
    for (int index : hits) {
      if (std::find(end_rules_.begin(), end_rules_.end(), index) == end_rules_.end())
        anchored_.for_each_match(index, text, w.begin, w.end, starts, on_match);
    }
  }
  // Role-less signatures count only where the article ends.
  window_cut = false;
  for (std::size_t line : {last_body, after_last_body}) {
    if (line >= doc.lines.size()) continue;
    window_end = doc.lines[line].end;
    for (int index : end_rules_)
      anchored_.for_each_match(index, text, doc.lines[line].begin, window_end, starts, on_match);
  }
}

}  // namespace zhmeta
