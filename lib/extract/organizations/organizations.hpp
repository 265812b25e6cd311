// Organizations by grammar: region/level prefix + institution suffix, short forms, nesting.
//
// The rules of kind `organizations` (rules/organizations/organizations.rules)
// find the institution itself (市委, 县政府办公室, 中共中央, …有限公司); this
// extractor widens each match to the left over its region name (清河市委,
// 江苏省苏州市吴中区总工会) or its open proper name (湖北某某有限公司), drops
// collectives (各级党委, 各县委), resolves overlaps and appends one
// Organization per mention. Mentions inside titles and meeting names count
// (SPEC), so the persons extractor can use them as title prefixes.
#ifndef ZHMETA_EXTRACT_ORGANIZATIONS_HPP
#define ZHMETA_EXTRACT_ORGANIZATIONS_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.hpp"

namespace zhmeta {

class OrganizationsExtractor {
 public:
  explicit OrganizationsExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;

 private:
  enum class Extension { none, region, name };
  // What a rule's `emit` says, read once at construction.
  struct RuleInfo {
    std::string type;
    Extension extend = Extension::none;
    std::size_t max_name_chars = 0;  // for Extension::name
    bool bare_place = false;         // region without a level word (松阳团县委)
    bool needs_region = false;       // no organization without a region (洋溪街道)
    std::u32string reject_next;      // a match followed by one of these is no organization
    std::vector<std::string> type_groups;      // type:@group: named groups that are types
    std::vector<std::string> national_types;   // types allowed after the `national` group
  };

  // Start of the region name ending at `begin`, or `begin` when none.
  std::size_t extend_region(std::string_view text, std::size_t begin, bool bare_place) const;
  // Start of an open proper name of at most `max_chars` characters ending at `begin`.
  std::size_t extend_name(std::string_view text, std::size_t begin, std::size_t max_chars) const;
  // Start of a place name (2 Han characters, or a longer listed one) ending at
  // `end` and delimited on its left, or npos.
  std::size_t place_before(std::string_view text, std::size_t end) const;
  // True when text before `pos` cannot continue a name (punctuation, a stop
  // character or stop word, a level word, start of text).
  bool delimited_before(std::string_view text, std::size_t pos) const;

  const RuleSet &rules_;
  std::vector<RuleInfo> info_;  // parallel to rules_.rules()
  const Gazetteer &levels_, &region_stops_, &region_stop_chars_, &level_blockers_, &long_places_,
      &name_stops_, &collectives_, &party_prefixes_, &elliptical_members_, &category_followers_;
};

}  // namespace zhmeta

#endif
