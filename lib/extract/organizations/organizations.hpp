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

#include <re2/set.h>

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/extractor.hpp"
#include "rules/gazetteer_scan.hpp"

namespace zhmeta {

class OrganizationsExtractor {
 public:
  explicit OrganizationsExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;
  /// Has the engine's one scan per document find this extractor's words too
  /// (core/shared_literal_scan.hpp); without it, run() scans for them itself.
  void share_literal_scan(SharedLiteralScan &scan);

 private:
  enum class Extension { none, region, name };
  // What reads a match's type group without a match with groups (see build_typing()).
  struct Typing {
    re2::RE2::Options options;
    // The strings the opening group matches (none when the rule has none),
    // each with whether an alternative other than `national` matches it.
    std::deque<std::string> prefix_words;                 // storage for the keys below
    std::unordered_map<std::string_view, bool> prefixes;  // views into prefix_words
    // Their byte lengths, ascending, each with the bytes their words of that
    // length end with: most lengths are ruled out without a hash probe.
    std::vector<std::pair<std::size_t, std::bitset<256>>> prefix_lengths;
    std::vector<std::string> bodies;        // the type groups' bodies, in pattern order
    std::vector<std::size_t> type_of_body;  // index into RuleInfo::type_groups, per body
    // Compiled on first use, as the rule sets' prefilters are: engine
    // creation pays nothing for it. Null when it did not compile.
    std::once_flag compiled;
    std::unique_ptr<re2::RE2::Set> body_set;  // anchored at both ends
    const re2::RE2::Set *set();
  };
  // What a rule's `emit` says, read once at construction.
  struct RuleInfo {
    std::string type;
    Extension extend = Extension::none;
    std::size_t max_name_chars = 0;  // for Extension::name
    bool bare_place = false;         // region without a level word (松阳团县委)
    bool needs_region = false;       // no organization without a region (洋溪街道)
    std::u32string reject_next;      // a match followed by one of these is no organization
    std::vector<std::pair<int, std::string>>
        type_groups;          // type:@group: named groups that are types (index, name)
    int national_group = -1;  // index of the `national` group, -1 when none
    std::vector<std::string> national_types;  // types allowed after the `national` group
    bool needs_groups() const { return !type_groups.empty() || national_group >= 0; }
    // Tells which type group a match took part in (and whether `national`
    // did) by one DFA pass over the match, see build_typing(); null when the
    // pattern's shape does not allow it, and then a match with groups does.
    std::unique_ptr<Typing> typing;
  };
  struct Typed {
    const std::string *type;
    bool national;
  };
  static void build_typing(const Rule &rule, RuleInfo &info);
  // The type and national flag of rule `rule_index`'s match text[begin, end);
  // false when the type groups did not take part (a match never does that).
  bool type_of(std::string_view text, std::size_t line_end, std::size_t rule_index,
               std::size_t begin, std::size_t end, Typed &out) const;
  // type_of's two ways: the body set over the match `span` alone (false when
  // it cannot tell), and the rule's groups over the match in its line.
  static bool type_by_body(const Typing &typing, const RuleInfo &info, std::string_view span,
                           const re2::RE2::Set &set, Typed &out);
  bool type_by_groups(std::string_view text, std::size_t line_end, std::size_t rule_index,
                      std::size_t begin, std::size_t end, Typed &out) const;

  // Start of the region name ending at `begin`, or `begin` when none;
  // `level_first`: a level word starts at `begin`.
  std::size_t extend_region(std::string_view text, std::size_t begin, bool bare_place,
                            bool level_first) const;
  // Start of an open proper name of at most `max_chars` characters ending at `begin`.
  std::size_t extend_name(std::string_view text, std::size_t begin, std::size_t max_chars) const;
  // Start of a place name (2 Han characters, or a longer listed one) ending at
  // `end` and delimited on its left, or npos.
  std::size_t place_before(std::string_view text, std::size_t end) const;
  // True when text before `pos` cannot continue a name (punctuation, a stop
  // character or stop word, a level word, start of text).
  bool delimited_before(std::string_view text, std::size_t pos) const;

  // Appends the candidate of rule `rule_index` matching text[begin, end), if any.
  struct Candidate;
  void consider(std::string_view text, std::size_t line_end, std::size_t rule_index,
                std::size_t begin, std::size_t end, std::vector<Candidate> &out) const;

  const RuleSet &rules_;
  int atoms_source_ = -1;       // id in the shared scan
  int literal_source_ = -1;     // the words of literal rules, ditto
  int opener_source_ = -1;      // the words other rules' matches begin with, ditto
  std::vector<RuleInfo> info_;  // parallel to rules_.rules()
  // Tells this extractor's entries apart in the thread's cache of type_of
  // answers (a later extractor never reuses an id, as it may an address).
  const std::uint64_t instance_id_ = next_instance_id();
  static std::uint64_t next_instance_id();
  // Probed at nearly every character around a match: Gazetteer rejects most
  // positions on the first/last character and term length before hashing.
  // Lists whose terms have several lengths (levels: 3, 6, 9 and 15 bytes) are
  // indexed by character, so a probe tries only the lengths of the terms that
  // begin or end with the character there (市: 3 bytes only).
  IndexedGazetteer levels_;
  const Gazetteer &region_stops_, &region_stop_chars_, &level_blockers_, &long_places_,
      &name_stops_, &collectives_;
  IndexedGazetteer party_prefixes_, elliptical_members_;
  const Gazetteer &category_followers_;
};

}  // namespace zhmeta

#endif
