#include "extract/persons/name_grammar.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace zhmeta {
namespace {

// Longest proper-name chunk (in characters) taken before a title's pieces:
// 濮阳职业技术(学院党委书记) has six; anything longer is running text.
constexpr std::size_t kMaxTitleChunkChars = 6;
// Bounds on the backward reading of a title (pieces per stretch, stretches),
// so that odd input such as a long run of 市市市… stays cheap.
constexpr int kMaxTitlePieces = 12;
constexpr int kMaxTitleStretches = 4;
// Longest qualifier between two runs of pieces (国务院+港澳事务+办公室).
constexpr std::size_t kMaxQualifierChars = 4;

std::size_t next_boundary(std::string_view s, std::size_t pos) {
  return pos + utf8::decode(s, pos).len;
}

bool han_at(std::string_view s, std::size_t pos, std::size_t limit) {
  return pos < limit && utf8::is_han(utf8::decode(s, pos).cp);
}

}  // namespace

NameGrammar::NameGrammar(const RulePack &rules)
    : surnames_(rules.gazetteer("surnames")),
      not_names_(rules.gazetteer("not_names")),
      breakers_(rules.gazetteer("name_breakers")),
      followers_(rules.gazetteer("name_followers")),
      cues_(rules.gazetteer("name_cues")),
      offices_(rules.gazetteer("offices")),
      pieces_(rules.gazetteer("title_pieces")),
      stops_(rules.gazetteer("title_stops")) {
  for (const char *name : {"name_followers", "name_cues"})
    for (const std::string &t : rules.gazetteer(name).terms())
      if (!t.empty()) follower_starts_.insert(std::string_view(t).substr(0, utf8::decode(t, 0).len));
}

std::size_t NameGrammar::surname_at(std::string_view text, std::size_t pos, std::size_t limit) const {
  return surnames_.starting_at(text, pos, limit);
}

std::size_t NameGrammar::cue_at(std::string_view text, std::size_t pos, std::size_t limit) const {
  return cues_.starting_at(text, pos, limit);
}

std::size_t NameGrammar::office_at(std::string_view text, std::size_t pos, std::size_t limit) const {
  return offices_.starting_at(text, pos, limit);
}

std::size_t NameGrammar::office_ending_at(std::string_view text, std::size_t end, std::size_t floor) const {
  return offices_.ending_at(text, end, floor);
}

bool NameGrammar::given_name_ok(std::string_view given) const {
  if (given.empty()) return false;
  for (std::size_t i = 0; i < given.size();) {
    const utf8::Decoded d = utf8::decode(given, i);
    if (!utf8::is_han(d.cp) || breakers_.gazetteer().contains(given.substr(i, d.len))) return false;
    i += d.len;
  }
  // 刘书记, 王主任: a surname followed by an office is a reference, not a
  // name; 张同志 likewise is a surname with a context cue.
  return offices_.starting_at(given, 0, given.size()) == 0 &&
         cues_.starting_at(given, 0, given.size()) == 0;
}

bool NameGrammar::closes_name(std::string_view text, std::size_t pos, std::size_t limit) const {
  if (pos >= limit) return true;
  const utf8::Decoded d = utf8::decode(text, pos);
  if (!utf8::is_han(d.cp)) {
    // Mojibake right after a name means the name itself may be cut: leave it out.
    return d.valid && d.cp != '?' && d.cp != utf8::kReplacement;
  }
  return followers_.starting_at(text, pos, limit) > 0 || cues_.starting_at(text, pos, limit) > 0 ||
         offices_.starting_at(text, pos, limit) > 0;
}

std::size_t NameGrammar::name_at(std::string_view text, std::size_t pos, std::size_t limit, bool guess) const {
  const std::size_t surname = surname_at(text, pos, limit);
  if (surname == 0 || not_names_.starting_at(text, pos, limit) > 0) return 0;
  const std::size_t g1 = pos + surname;
  if (!han_at(text, g1, limit)) return 0;
  const std::size_t e1 = next_boundary(text, g1);
  const bool ok1 = given_name_ok(text.substr(g1, e1 - g1)) && closes_name(text, e1, limit);
  bool ok2 = false;
  std::size_t e2 = e1;
  if (han_at(text, e1, limit)) {
    e2 = next_boundary(text, e1);
    ok2 = given_name_ok(text.substr(g1, e2 - g1)) && closes_name(text, e2, limit);
  }
  // Both readings close properly only when the third character starts a
  // follower word (徐望来到…): the shorter name is the one the text supports.
  if (ok1) return e1 - pos;
  if (ok2) return e2 - pos;
  // Nothing known closes the name (an unlisted verb follows): three-character
  // names are the common case, unless the third character looks like the
  // start of a verb (温庭出差 -> 温庭).
  if (!guess || e2 == e1) return 0;
  if (follower_starts_.count(text.substr(e1, e2 - e1)) != 0)
    return given_name_ok(text.substr(g1, e1 - g1)) ? e1 - pos : 0;
  return given_name_ok(text.substr(g1, e2 - g1)) ? e2 - pos : 0;
}

bool NameGrammar::is_name(std::string_view item) const {
  const std::size_t surname = surname_at(item, 0, item.size());
  if (surname == 0 || surname >= item.size()) return false;
  if (not_names_.starting_at(item, 0, item.size()) > 0) return false;
  const std::string_view given = item.substr(surname);
  const std::size_t chars = utf8::length(given);
  return chars >= 1 && chars <= 2 && given_name_ok(given);
}

bool NameGrammar::is_dotted_name(std::string_view item) {
  static constexpr std::string_view kDot = "·";
  const std::size_t dot = item.find(kDot);
  if (dot == std::string_view::npos || dot == 0) return false;
  std::size_t han = 0;
  for (std::size_t i = 0; i < item.size();) {
    const utf8::Decoded d = utf8::decode(item, i);
    if (item.compare(i, kDot.size(), kDot) == 0) {
      if (han == 0) return false;
      han = 0;
      i += kDot.size();
      continue;
    }
    if (!utf8::is_han(d.cp)) return false;
    ++han;
    i += d.len;
  }
  return han > 0 && utf8::length(item) <= 16;
}

std::size_t NameGrammar::title_begin(std::string_view text, std::size_t office_begin,
                                     std::size_t floor) const {
  std::size_t p = office_begin;
  for (int stretch = 0; stretch < kMaxTitleStretches; ++stretch) {
    bool any_piece = false;
    for (int pieces = 0; p > floor && pieces < kMaxTitlePieces; ++pieces) {
      const std::size_t piece = pieces_.ending_at(text, p, floor);
      if (piece == 0) break;
      p -= piece;
      any_piece = true;
    }
    // A bare office may still be qualified by a word that follows pieces
    // (希腊驻华大使馆+文化+参赞): then the chunk is taken, never on its own.
    // A proper name before the pieces (眉山市委, 濮阳职业技术学院) is taken only
    // when it is short and runs back to punctuation, a stop word, or further
    // pieces (国务院+港澳事务+办公室).
    std::size_t q = p, chars = 0;
    bool more_pieces = false;
    while (q > floor && chars <= kMaxTitleChunkChars) {
      if (!utf8::is_han(utf8::before(text, q)) || stops_.ending_at(text, q, floor) > 0) break;
      // Further pieces only right behind a short qualifier, and only a piece
      // of two or more characters: a lone 县/市 may end any word.
      if (chars >= 2 && chars <= kMaxQualifierChars &&
          pieces_.ending_at(text, q, floor) >
              utf8::decode(text, utf8::prev_boundary(text, q)).len) {
        more_pieces = true;
        break;
      }
      q = utf8::prev_boundary(text, q);
      ++chars;
    }
    if (chars < 2 || chars > kMaxTitleChunkChars || (!any_piece && !more_pieces)) return p;
    if (more_pieces) {
      p = q;
      continue;
    }
    const bool bounded =
        q == floor || !utf8::is_han(utf8::before(text, q)) || stops_.ending_at(text, q, floor) > 0;
    // Mojibake before the chunk: the chunk may be a broken word, leave it out.
    const char32_t prev = q > floor ? utf8::before(text, q) : 0;
    if (bounded && prev != '?' && prev != utf8::kReplacement) return q;
    return p;
  }
  return p;
}

}  // namespace zhmeta
