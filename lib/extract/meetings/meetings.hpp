// Meetings: maximal names ending in a meeting suffix, with date, chairs and attendees.
//
// rules/meetings/meetings.rules says how matches combine. In short: each
// meeting word (会议, 座谈会, 代表大会…) is widened to the left over its
// modifiers up to a stop (召开, 出席, 在, clause punctuation…); a leading year
// is dropped; a meeting word followed by more of a name belongs to the longer
// name. `date` is the nearest date mention in the same sentence (draft.dates);
// `chairs` are the names right before 主持 (draft.persons, else a name shaped
// by the `surnames` gazetteer), attached to the meeting the sentence names
// after the verb, else to the meeting mentioned last; `attendees` likewise
// from 出席/参加/列席.
#ifndef ZHMETA_EXTRACT_MEETINGS_HPP
#define ZHMETA_EXTRACT_MEETINGS_HPP

#include <re2/re2.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.hpp"
#include "rules/start_filter.hpp"

namespace zhmeta {

class MeetingsExtractor {
 public:
  explicit MeetingsExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;
  /// Has the engine's one scan per document find this extractor's words too
  /// (core/shared_literal_scan.hpp); without it, run() scans for them itself.
  void share_literal_scan(SharedLiteralScan &scan);

 private:
  struct Mention {
    std::size_t begin, end;
  };
  // Where the rules the extractor runs over the whole text matched, each list in text order.
  struct Matches {
    std::vector<Mention> suffix, congress, chair, attend;
  };
  // Finds them line by line (a line with its '\n'): one prefilter pass over the line picks the
  // rules that can match on it, and only those run, over that line alone and without capture
  // groups (RE2's DFA). Meeting rules never match across lines, so these are the matches of a
  // whole-text scan.
  void find_matches(std::string_view text, const std::vector<LiteralHit> *atom_hits,
                    const std::vector<LiteralHit> *literal_hits,
                    const std::vector<LiteralHit> *opener_hits, Matches &out) const;
  // The groups of rule `index`'s match text[begin, end), or false.
  bool groups_of(int index, std::string_view text, std::size_t begin, std::size_t end,
                 std::vector<re2::StringPiece> &groups) const;
  // [begin, end) of the named group in `groups` (empty at `begin` when it did not take part).
  Mention group_span(int index, std::string_view text, const std::vector<re2::StringPiece> &groups,
                     std::string_view name, std::size_t begin) const;
  // Start of the name whose meeting word starts at `suffix_begin`;
  // `previous_end` is where the previous meeting word ended (0 when none).
  std::size_t name_start(std::string_view text, std::size_t suffix_begin,
                         std::size_t previous_end) const;
  // False for modifiers that describe rather than name (此次, 重要, …的).
  bool plausible_modifier(std::string_view modifier, std::string_view suffix) const;
  // Drops a leading year or date (2019年全市…会议); returns the new start.
  std::size_t trim_leading(std::string_view text, std::size_t begin, std::size_t end) const;
  // A surname-shaped name ending at `end`, used when no persons mention does; empty when none.
  std::string name_before(std::string_view text, std::size_t end) const;
  void collect_names(std::string_view text, const Matches &matches,
                     std::vector<Mention> &out) const;

  const RuleSet &rules_;
  int atoms_source_ = -1;    // id in the shared scan
  int literal_source_ = -1;  // the words of literal rules, ditto
  int opener_source_ = -1;   // the words other rules' matches begin with, ditto
  int suffix_rule_ = -1, congress_rule_ = -1, chair_rule_ = -1, attend_rule_ = -1;
  const Rule *trim_rule_ = nullptr;
  // The code points a leading year or date can begin with: most names begin
  // with none of them (全市…, 区委…), and then RE2 is not asked.
  StartFilter trim_start_;
  const Gazetteer &left_stops_, &topic_verbs_, &left_keeps_, &modifier_stops_, &suffix_blockers_,
      &surnames_, &offices_;
};

}  // namespace zhmeta

#endif
