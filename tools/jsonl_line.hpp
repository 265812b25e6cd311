// One line of the CLI's JSONL input: the "id", "text" and "pubdate" members.
//
// Parsing every line into an nlohmann/json tree cost the CLI more than
// normalizing the article, so the common shape (one flat object of strings,
// numbers, true, false and null) is read by hand. Everything else, every
// invalid line included, goes to nlohmann/json, whose result or error message
// is then the one the CLI reports: the fast path only ever answers when it is
// sure to give nlohmann's answer.
#ifndef ZHMETA_TOOLS_JSONL_LINE_HPP
#define ZHMETA_TOOLS_JSONL_LINE_HPP

#include <optional>
#include <string>
#include <string_view>

namespace zhmeta::cli {

/// One member of the input object, as the CLI looks at it.
struct JsonlValue {
  enum class Kind { absent, string, number, other };  // other: null, true, false, array, object
  Kind kind = Kind::absent;
  std::string text;  // the decoded string, or the number as nlohmann's dump() writes it
};

struct JsonlFields {
  bool object = true;  // false when the line is valid JSON but not an object
  JsonlValue id, text, pubdate;
};

/// Reads `line` if it is one flat JSON object whose member values are strings,
/// integers of at most 18 digits (other than -0), true, false or null, with any
/// JSON whitespace between tokens. Duplicate keys: the last one wins, as in
/// nlohmann's std::map-based objects. Returns nullopt for anything else.
std::optional<JsonlFields> read_flat_jsonl(std::string_view line);

/// The same fields read with nlohmann/json; throws its parse error when the
/// line is not JSON.
JsonlFields read_jsonl_with_nlohmann(const std::string &line);

/// read_flat_jsonl(), falling back to read_jsonl_with_nlohmann().
JsonlFields read_jsonl(const std::string &line);

}  // namespace zhmeta::cli

#endif
