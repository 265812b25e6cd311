#include "extract/organizations/organizations.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <functional>

#include "core/profile.hpp"
#include "core/scratch.hpp"
#include "core/utf8.hpp"
#include "rules/gazetteer_scan.hpp"
#include "rules/pattern_syntax.hpp"

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
      i = pattern::class_end(p, i);
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

// The strings `p` matches when it is literal text, groups and | only (as an
// alternation of gazetteer words is); false for anything else, or when the
// strings would be too many. A group named `skip` matches nothing.
class LiteralStrings {
 public:
  LiteralStrings(std::string_view p, std::string_view skip) : p_(p), skip_(skip) {}
  bool run(std::vector<std::string> &out) {
    out = alternation();
    return ok_ && pos_ == p_.size();
  }

 private:
  static constexpr std::size_t kMaxStrings = 4096;
  std::vector<std::string> alternation() {
    std::vector<std::string> all = sequence();
    while (ok_ && pos_ < p_.size() && p_[pos_] == '|') {
      ++pos_;
      for (std::string &s : sequence()) all.push_back(std::move(s));
    }
    if (all.size() > kMaxStrings) ok_ = false;
    return all;
  }
  std::vector<std::string> sequence() {
    std::vector<std::string> strings{std::string()};
    while (ok_ && pos_ < p_.size() && p_[pos_] != '|' && p_[pos_] != ')') {
      std::vector<std::string> next = atom(), product;
      if (strings.size() * next.size() > kMaxStrings) ok_ = false;
      if (!ok_) break;
      for (const std::string &a : strings)
        for (const std::string &b : next) product.push_back(a + b);
      strings.swap(product);
      if (strings.size() > kMaxStrings) ok_ = false;
    }
    return strings;
  }
  std::vector<std::string> atom() {
    std::vector<std::string> strings;
    const char c = p_[pos_];
    if (c == '(') {
      std::string_view name;
      if (p_.substr(pos_, 3) == "(?:") {
        pos_ += 3;
      } else if (p_.substr(pos_, 4) == "(?P<" && p_.find('>', pos_) != std::string_view::npos) {
        const std::size_t close = p_.find('>', pos_);
        name = p_.substr(pos_ + 4, close - pos_ - 4);
        pos_ = close + 1;
      } else {
        ok_ = false;
        return strings;
      }
      strings = alternation();
      if (pos_ >= p_.size() || p_[pos_] != ')') ok_ = false;
      ++pos_;
      if (!name.empty() && name == skip_) strings.clear();
    } else if (c == '\\') {
      if (pos_ + 1 >= p_.size() || std::isalnum(static_cast<unsigned char>(p_[pos_ + 1]))) {
        ok_ = false;  // \d, \p…
        return strings;
      }
      strings.emplace_back(1, p_[pos_ + 1]);
      pos_ += 2;
    } else if (std::string_view(".[]*+?{}^$").find(c) != std::string_view::npos) {
      ok_ = false;
    } else {
      strings.emplace_back(1, c);
      ++pos_;
    }
    if (pos_ < p_.size() && std::string_view("*+?{").find(p_[pos_]) != std::string_view::npos)
      ok_ = false;
    return strings;
  }

  std::string_view p_, skip_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace

struct OrganizationsExtractor::Candidate {
  std::size_t begin, end;
  std::size_t rule;
  const std::string *type;  // owned by the extractor's RuleInfo
};

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
// match, most of the stage. For a rule shaped
//   (?:PREFIX|...|(?P<national>...))(?:(?P<type1>...)|(?P<type2>...)|...)
// (an optional opening group of literal alternatives, the last of which may
// be `national`, then an alternation of exactly the type groups; or that
// alternation alone), the groups a match takes can be read without one:
// the opening group's words tell where it can end, and one anchored
// RE2::Set pass (a DFA) over the rest tells which type bodies match it. When
// exactly one split has bodies that match, RE2's path goes through it; its
// type is the first such body in pattern order (RE2 tries alternatives in
// order), and `national` took part only if no other alternative of the
// opening group matches the prefix (it is the last one). Anything else (two
// splits, an empty body, an assertion that looks around the match, another
// shape) is left to the match with groups, so the answer is always RE2's own.
const re2::RE2::Set *OrganizationsExtractor::Typing::set() {
  std::call_once(compiled, [this] {
    auto compiling = std::make_unique<re2::RE2::Set>(options, RE2::ANCHOR_BOTH);
    for (const std::string &body : bodies)
      if (compiling->Add(body, nullptr) < 0) return;
    if (compiling->Compile()) body_set = std::move(compiling);
  });
  return body_set.get();
}

void OrganizationsExtractor::build_typing(const Rule &rule, RuleInfo &info) {
  if (info.type_groups.empty()) return;
  // What follows reads RE2's default semantics: leftmost-first, case-sensitive.
  const RE2::Options &options = rule.re->options();
  if (options.longest_match() || !options.case_sensitive() || options.literal()) return;
  const std::string_view p = rule.expanded;
  std::vector<Group> groups;
  if (!parse_groups(p, groups)) return;
  auto find = [&](std::string_view name) -> const Group * {
    for (const Group &g : groups)
      if (g.name == name) return &g;
    return nullptr;
  };
  // The type groups in pattern order, and where each is in info.type_groups.
  std::vector<std::pair<const Group *, std::size_t>> typed;
  for (std::size_t i = 0; i < info.type_groups.size(); ++i) {
    const Group *g = find(info.type_groups[i].second);
    if (!g) return;
    typed.emplace_back(g, i);
  }
  std::sort(typed.begin(), typed.end(),
            [](const auto &a, const auto &b) { return a.first->open < b.first->open; });
  // They are, one after the other, the whole alternation they sit in.
  const std::size_t parent = typed.front().first->parent;
  const std::size_t body = parent == std::string_view::npos ? 0 : groups[parent].body;
  const std::size_t close = parent == std::string_view::npos ? p.size() : groups[parent].close;
  std::size_t expected = body;
  for (const auto &[g, index] : typed) {
    if (g->parent != parent || g->open != expected) return;
    for (const Group &inner : groups)  // no named group inside a type group
      if (inner.open > g->open && inner.open < g->close && !inner.name.empty()) return;
    expected = g->close + 1;
    if (expected < close && p[expected] != '|') return;
    ++expected;
  }
  if (expected != close + 1) return;
  // Before the alternation, nothing or one opening group; after it, nothing.
  const Group *opening = nullptr;
  if (parent != std::string_view::npos) {
    if (close + 1 != p.size()) return;
    if (groups[parent].open != 0) {
      if (groups[0].open != 0 || groups[0].close + 1 != groups[parent].open) return;
      opening = &groups[0];
    }
  }
  const Group *national = info.national_group >= 0 ? find("national") : nullptr;
  if (info.national_group >= 0) {
    // `national` is the last alternative of the opening group.
    if (!national || !opening || national->parent != 0 || national->close + 1 != opening->close ||
        p[national->open - 1] != '|')
      return;
    for (const Group &inner : groups)
      if (inner.open > national->open && inner.open < national->close && !inner.name.empty())
        return;
  }
  auto typing = std::make_unique<Typing>();
  typing->options = rule.re->options();
  for (const auto &[g, index] : typed) {
    typing->bodies.emplace_back(p.substr(g->body, g->close - g->body));
    typing->type_of_body.push_back(index);
  }
  if (opening) {
    const std::string_view prefix = p.substr(0, opening->close + 1);
    std::vector<std::string> all, plain;
    if (!LiteralStrings(prefix, {}).run(all) ||
        !LiteralStrings(prefix, national ? "national" : "").run(plain))
      return;
    auto &lengths = typing->prefix_lengths;
    for (std::string &word : all) {
      if (word.empty()) return;  // an opening group that can match empty is not for this
      if (typing->prefixes.count(word) != 0) continue;
      auto it = std::find_if(lengths.begin(), lengths.end(),
                             [&](const auto &l) { return l.first == word.size(); });
      if (it == lengths.end()) it = lengths.insert(lengths.end(), {word.size(), {}});
      it->second.set(static_cast<unsigned char>(word.back()));
      typing->prefixes.emplace(typing->prefix_words.emplace_back(std::move(word)), false);
    }
    for (const std::string &word : plain)
      if (const auto it = typing->prefixes.find(word); it != typing->prefixes.end())
        it->second = true;
    std::sort(lengths.begin(), lengths.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
  }
  info.typing = std::move(typing);
}

std::uint64_t OrganizationsExtractor::next_instance_id() {
  static std::atomic<std::uint64_t> next{0};
  return ++next;
}

bool OrganizationsExtractor::type_of(std::string_view text, std::size_t line_end,
                                     std::size_t rule_index, std::size_t begin, std::size_t end,
                                     Typed &out) const {
  const RuleInfo &info = info_[rule_index];
  out = {&info.type, false};
  if (const re2::RE2::Set *bodies = info.typing ? info.typing->set() : nullptr) {
    const Typing &typing = *info.typing;
    const std::string_view span = text.substr(begin, end - begin);
    // The answer below depends on the rule and the span's bytes alone, and
    // the same organizations recur within and across a thread's documents
    // (市委, 县政府): each (extractor, rule, span) asks the body set once.
    // Bounded: the cache starts over past kMaxCached entries.
    struct Cached {
      bool decided;  // false: the groups must tell (below)
      Typed typed;
    };
    static constexpr std::size_t kMaxCached = 1 << 14;
    thread_local std::unordered_map<std::string, Cached> cache;
    thread_local std::string key;
    key.assign(reinterpret_cast<const char *>(&instance_id_), sizeof instance_id_);
    key.append(reinterpret_cast<const char *>(&rule_index), sizeof rule_index);
    key.append(span);
    if (const auto hit = cache.find(key); hit != cache.end()) {
      if (hit->second.decided) {
        out = hit->second.typed;
        return true;
      }
    } else {
      if (cache.size() >= kMaxCached) cache.clear();
      Cached answer{type_by_body(typing, info, span, *bodies, out), out};
      cache.emplace(key, answer);
      if (answer.decided) return true;
    }
  }
  return type_by_groups(text, line_end, rule_index, begin, end, out);
}

bool OrganizationsExtractor::type_by_body(const Typing &typing, const RuleInfo &info,
                                          std::string_view span, const re2::RE2::Set &set,
                                          Typed &out) {
  thread_local std::vector<int> hits, found;
  std::size_t split = std::string_view::npos;
  bool usable = true;
  auto try_split = [&](std::size_t q) {
    if (!set.Match(re2::StringPiece(span.data() + q, span.size() - q), &hits)) return;
    if (split != std::string_view::npos || q == span.size())
      usable = false;  // two splits, or an empty body
    split = q;
    found.swap(hits);
  };
  if (typing.prefixes.empty()) {
    try_split(0);
  } else {
    for (const auto &[length, last_bytes] : typing.prefix_lengths) {
      if (length > span.size() || !usable) break;
      if (last_bytes[static_cast<unsigned char>(span[length - 1])] &&
          (length == span.size() || !continuation_byte(span[length])) &&
          typing.prefixes.count(span.substr(0, length)) != 0)
        try_split(length);
    }
  }
  if (usable && split != std::string_view::npos) {
    const int first =
        *std::min_element(found.begin(), found.end());  // set indices follow pattern order
    out.type = &info.type_groups[typing.type_of_body[static_cast<std::size_t>(first)]].second;
    out.national = info.national_group >= 0 && !typing.prefixes.find(span.substr(0, split))->second;
    return true;
  }
  return false;
}

bool OrganizationsExtractor::type_by_groups(std::string_view text, std::size_t line_end,
                                            std::size_t rule_index, std::size_t begin,
                                            std::size_t end, Typed &out) const {
  const RuleInfo &info = info_[rule_index];
  // The match again, anchored at both ends of what the DFA found, now with
  // its groups: the same groups as an unanchored match with groups (RE2
  // itself does this).
  const Rule &rule = rules_.rules()[rule_index];
  thread_local std::vector<re2::StringPiece> groups;
  groups.assign(static_cast<std::size_t>(rule.re->NumberOfCapturingGroups()) + 1,
                re2::StringPiece());
  const re2::StringPiece line(text.data(), line_end);
  if (!rule.match_groups(line, begin, end, groups.data(), static_cast<int>(groups.size())))
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
  if (region_stop_chars_.contains(text.substr(prev, pos - prev))) return true;
  return term_ending_at(region_stops_, text, pos) > 0 ||
         term_ending_at(name_stops_, text, pos) > 0 || levels_.ending_at(text, pos) > 0 ||
         party_prefixes_.ending_at(text, pos) > 0;
}

std::size_t OrganizationsExtractor::place_before(std::string_view text, std::size_t end) const {
  // A listed long place name first (石家庄, 黑龙江), then two Han characters.
  if (const std::size_t n = term_ending_at(long_places_, text, end);
      n > 0 && delimited_before(text, end - n))
    return end - n;
  std::size_t begin = end;
  for (int i = 0; i < 2; ++i) {
    if (begin == 0) return std::string_view::npos;
    const std::size_t prev = utf8::prev_boundary(text, begin);
    const char32_t c = utf8::decode(text, prev).cp;
    if (!utf8::is_han(c) || region_stop_chars_.contains(text.substr(prev, begin - prev)))
      return std::string_view::npos;
    begin = prev;
  }
  if (region_stops_.contains(text.substr(begin, end - begin))) return std::string_view::npos;
  return delimited_before(text, begin) ? begin : std::string_view::npos;
}

std::size_t OrganizationsExtractor::extend_region(std::string_view text, std::size_t begin,
                                                  bool bare_place, bool level_first) const {
  std::size_t start = begin;
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
    if (term_ending_at(name_stops_, text, start) > 0) break;
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
  // The level word the match begins with (市 of 市委), looked up once: the
  // region walk and the blocker check below both ask for it.
  const std::size_t level_at_match =
      info.extend == Extension::name ? 0 : levels_.starting_at(text, match_begin);
  switch (info.extend) {
    case Extension::region:
      begin = extend_region(text, begin, info.bare_place, level_at_match > 0);
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
    if (const std::size_t level =
            info.extend == Extension::name ? levels_.starting_at(text, begin) : level_at_match;
        level > 0)
      for (std::size_t probe = begin + level; probe > begin;
           probe = utf8::prev_boundary(text, probe))
        if (term_ending_at(level_blockers_, text, probe) > probe - begin) return;
  }
  if (term_ending_at(collectives_, text, begin) > 0) return;  // 各级党委, 各县委
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

void OrganizationsExtractor::share_literal_scan(SharedLiteralScan &scan) {
  // The atoms serve only run()'s fallback, which with the embedded rules
  // (each literal or with openers) is taken only when the scan gave up and
  // no source has hits: they are found for it only if some rule needs them.
  atoms_source_ = scan.add(
      [this]() -> const LiteralSet * {
        for (std::size_t i = 0; i < rules_.rules().size(); ++i)
          if (!rules_.found_from_hits(static_cast<int>(i))) return rules_.atom_words();
        return nullptr;
      },
      true);
  literal_source_ = scan.add([this] { return rules_.literal_rule_words(); }, false);
  opener_source_ = scan.add([this] { return rules_.opener_words(); }, false);
}

void OrganizationsExtractor::run(const Document &doc, const ExtractOptions &options,
                                 DraftRecord &draft) const {
  (void)options;
  const std::string_view text = doc.text;
  const auto &rules = rules_.rules();
  if (rules.empty()) return;
  thread_local std::vector<Candidate> candidates;  // scratch: one per thread, reused
  fresh_scratch(candidates, text.size());
  // Line by line (organizations never span lines), and without capture
  // groups: consider() asks for groups only when it needs them. Every rule
  // of this kind is a list of words or begins with one (the level words of
  // organizations.local, 中央, 国家…), so its matches are found from the
  // words' hits in the shared scan, with one anchored try where such a word
  // begins; through the prefilter and an unanchored search of each line
  // only when a rule file adds a rule that does not, or the scan has no hits.
  auto on_match = [&](int index, std::size_t b, std::size_t e, std::size_t line_end) {
    consider(text, line_end, static_cast<std::size_t>(index), b, e, candidates);
  };
  auto every_rule = [](int) { return true; };
  const std::vector<LiteralHit> *literal_hits = doc.literal_hits.of(literal_source_);
  if (!rules_.for_each_match_bounds_from_hits(text, doc.lines, on_match, every_rule, literal_hits,
                                              doc.literal_hits.of(opener_source_)))
    rules_.for_each_match_bounds(text, doc.lines, on_match, every_rule,
                                 doc.literal_hits.of(atoms_source_), literal_hits);
  // Earliest start wins, then the longer match, then the higher priority.
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate &a, const Candidate &b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return rules[a.rule].priority > rules[b.rule].priority;
  });
  // At most one organization per candidate, besides the rare elliptical members.
  draft.organizations.reserve(draft.organizations.size() + candidates.size());
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
      if (term_starting_at(category_followers_, text, after) > 0) break;
      emit(member, after, elliptical_members_.gazetteer().canonical(text.substr(member, length)));
      pos = covered_until = after;
    }
  }
}

}  // namespace zhmeta
