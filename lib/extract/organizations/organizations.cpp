#include "extract/organizations/organizations.hpp"

#include <algorithm>
#include <charconv>

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

struct Candidate {
  std::size_t begin, end;
  std::size_t rule;
  const std::string *type;  // owned by the extractor's RuleInfo
};

}  // namespace

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
    info.extend = extend == "region" ? Extension::region : extend == "name" ? Extension::name : Extension::none;
    const std::string_view max = rule.emit_value("max", "8");
    std::size_t max_chars = 8;
    std::from_chars(max.data(), max.data() + max.size(), max_chars);
    info.max_name_chars = std::max<std::size_t>(1, max_chars);
    info.bare_place = rule.emit_value("bare_place") == "yes";
    info.needs_region = rule.emit_value("needs_region") == "yes";
    info.reject_next = decode_all(rule.emit_value("reject_next"));
    if (info.type == "@group")
      for (const auto &group : rule.groups)
        if (group.first != "national") info.type_groups.push_back(group.first);
    const std::string_view national = rule.emit_value("national");
    for (std::size_t b = 0; b < national.size();) {
      std::size_t e = national.find(',', b);
      if (e == std::string_view::npos) e = national.size();
      if (e > b) info.national_types.emplace_back(national.substr(b, e - b));
      b = e + 1;
    }
    info_.push_back(std::move(info));
  }
}

bool OrganizationsExtractor::delimited_before(std::string_view text, std::size_t pos) const {
  if (pos == 0) return true;
  const char32_t c = utf8::before(text, pos);
  if (!utf8::is_han(c)) return true;
  const std::size_t prev = utf8::prev_boundary(text, pos);
  if (region_stop_chars_.contains(text.substr(prev, pos - prev))) return true;
  return term_ending_at(region_stops_, text, pos) > 0 || term_ending_at(name_stops_, text, pos) > 0 ||
         term_ending_at(levels_, text, pos) > 0 || term_ending_at(party_prefixes_, text, pos) > 0;
}

std::size_t OrganizationsExtractor::place_before(std::string_view text, std::size_t end) const {
  // A listed long place name first (石家庄, 黑龙江), then two Han characters.
  if (const std::size_t n = term_ending_at(long_places_, text, end); n > 0 && delimited_before(text, end - n))
    return end - n;
  std::size_t begin = end;
  for (int i = 0; i < 2; ++i) {
    if (begin == 0) return std::string_view::npos;
    const std::size_t prev = utf8::prev_boundary(text, begin);
    if (!utf8::is_han(utf8::decode(text, prev).cp) || region_stop_chars_.contains(text.substr(prev, begin - prev)))
      return std::string_view::npos;
    begin = prev;
  }
  if (region_stops_.contains(text.substr(begin, end - begin))) return std::string_view::npos;
  return delimited_before(text, begin) ? begin : std::string_view::npos;
}

std::size_t OrganizationsExtractor::extend_region(std::string_view text, std::size_t begin, bool bare_place) const {
  std::size_t start = begin;
  if (term_starting_at(levels_, text, begin) > 0) {
    // Walk a chain of "place + level word" to the left: 江苏省 苏州市 吴中[区].
    std::size_t cursor = begin;
    for (int depth = 0; depth < kMaxRegionLevels; ++depth) {
      const std::size_t place = place_before(text, cursor);
      if (place == std::string_view::npos) break;
      start = place;
      const std::size_t level = term_ending_at(levels_, text, place);
      if (level == 0) break;
      const std::size_t outer = place_before(text, place - level);
      if (outer == std::string_view::npos) break;
      cursor = place - level;
    }
  } else if (bare_place) {
    if (const std::size_t place = place_before(text, begin); place != std::string_view::npos) start = place;
  }
  if (start != begin || term_starting_at(levels_, text, begin) > 0)
    start -= term_ending_at(party_prefixes_, text, start);  // 中共清河市委
  return start;
}

std::size_t OrganizationsExtractor::extend_name(std::string_view text, std::size_t begin, std::size_t max_chars) const {
  std::size_t start = begin;
  for (std::size_t n = 0; n < max_chars && start > 0; ++n) {
    if (term_ending_at(name_stops_, text, start) > 0) break;
    const std::size_t prev = utf8::prev_boundary(text, start);
    if (!utf8::is_han(utf8::decode(text, prev).cp)) break;
    start = prev;
  }
  return start;
}

void OrganizationsExtractor::run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const {
  (void)options;
  const std::string_view text = doc.text;
  std::vector<Candidate> candidates;
  const auto &rules = rules_.rules();
  // Every rule runs over the whole text once. No RE2::Set prefilter: almost
  // every article matches most rules, and the set's combined automaton costs
  // more than the few rules it would skip.
  {
    rules_.for_each_match_in_units(text, doc.lines, [&](const RuleMatch &m) {
    const std::size_t rule_index = static_cast<std::size_t>(&m.rule() - rules.data());
    const RuleInfo &info = info_[rule_index];
      std::size_t begin = m.begin();
      const std::size_t end = m.end();
      const std::string *type = &info.type;
      for (const std::string &group : info.type_groups)
        if (m.has(group)) {
          type = &group;
          break;
        }
      // 全国政协 and 中国侨联 are bodies; "全国委" or "中国政府" are not in this grammar.
      if (m.has("national") &&
          std::find(info.national_types.begin(), info.national_types.end(), *type) == info.national_types.end())
        return;
      if (end < text.size() && !info.reject_next.empty() &&
          info.reject_next.find(utf8::decode(text, end).cp) != std::u32string::npos)
        return;
      const std::size_t match_begin = begin;
      switch (info.extend) {
        case Extension::region: begin = extend_region(text, begin, info.bare_place); break;
        case Extension::name: {
          const std::size_t start = extend_name(text, begin, info.max_name_chars);
          // A bare head word names nothing; a level word alone does (县人民医院).
          const std::string_view name = text.substr(start, begin - start);
          if (name.empty() || (utf8::length(name) < 2 && term_starting_at(levels_, name, 0) != name.size())) return;
          begin = start;
          break;
        }
        case Extension::none: break;
      }
      if (begin == match_begin && info.needs_region) return;  // 街道 alone names nothing
      if (begin == match_begin) {
        // 社区党委, 城市管理局: without a region of its own, a level character
        // that belongs to a common word starts no organization (北湖区 does).
        if (const std::size_t level = term_starting_at(levels_, text, begin); level > 0)
          for (std::size_t probe = begin + level; probe > begin; probe = utf8::prev_boundary(text, probe))
            if (term_ending_at(level_blockers_, text, probe) > probe - begin) return;
      }
      if (term_ending_at(collectives_, text, begin) > 0) return;  // 各级党委, 各县委
      candidates.push_back({begin, end, rule_index, type});
    });
  }
  // Earliest start wins, then the longer match, then the higher priority.
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate &a, const Candidate &b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return rules[a.rule].priority > rules[b.rule].priority;
  });
  std::size_t covered_until = 0;
  auto emit = [&](std::size_t begin, std::size_t end, std::string type) {
    Organization org;
    org.name = std::string(doc.slice(begin, end));
    org.type = std::move(type);
    org.mentions.push_back(normalized_span(begin, end));
    draft.organizations.push_back(std::move(org));
  };
  static constexpr std::string_view kListComma = "、";
  for (const Candidate &c : candidates) {
    if (c.begin < covered_until) continue;
    covered_until = c.end;
    emit(c.begin, c.end, *c.type);
    // 市文联、残联、红十字会: bare members after a full one share its level.
    if (rules[c.rule].emit_value("extend") != "region") continue;
    std::size_t pos = c.end;
    while (text.substr(pos, kListComma.size()) == kListComma) {
      const std::size_t member = pos + kListComma.size();
      const std::size_t length = term_starting_at(elliptical_members_, text, member);
      if (length == 0) break;
      // 妇联组织, 残联工作: a category word after it makes the member a category.
      const std::size_t after = member + length;
      if (term_starting_at(category_followers_, text, after) > 0) break;
      emit(member, after, std::string(elliptical_members_.canonical(text.substr(member, length))));
      pos = covered_until = after;
    }
  }
}

}  // namespace zhmeta
