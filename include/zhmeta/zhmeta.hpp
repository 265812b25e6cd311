// zhmeta: structured records from Chinese news articles (C++17 API).
//
// One `Engine` is compiled once (rules, tables) and is immutable afterwards: any
// number of threads may call `extract` on the same engine at once. Each call
// returns its own `Record`; nothing is shared between calls.
//
// Every span in a Record is a half-open range of UTF-8 *byte offsets into the
// input exactly as the caller passed it* (before normalization), so
// `text.substr(span.begin, span.end - span.begin)` is the surface form. Names,
// titles and values are normalized (Simplified characters, pinyin artifacts
// removed, full-width forms folded).
//
// Errors: construction throws `zhmeta::Error` (rule files that fail to load or
// compile, with file, line and rule id in the message). `extract` never throws
// for bad input: invalid UTF-8, NUL bytes, oversized input and the like yield a
// best-effort record with `warnings`. It throws `zhmeta::Error` only for input
// larger than `EngineOptions::max_input_bytes`.
#ifndef ZHMETA_ZHMETA_HPP
#define ZHMETA_ZHMETA_HPP

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// Symbols of the C++ API stay visible in the shared library (everything else
// is hidden; see capi/ for the C ABI).
#if defined(__GNUC__)
#define ZHMETA_CXX_API __attribute__((visibility("default")))
#else
#define ZHMETA_CXX_API
#endif

namespace zhmeta {

/// The output schema this library writes (see SPEC.md).
inline constexpr const char *kSchema = "zhmeta/1";

/// Library version, "MAJOR.MINOR.PATCH".
ZHMETA_CXX_API const char *version() noexcept;

/// Thrown by Engine construction and by extract() for over-limit input.
class ZHMETA_CXX_API Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// [begin, end) in UTF-8 bytes of the caller's input.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const Span &a, const Span &b) {
    return a.begin == b.begin && a.end == b.end;
  }
};

/// An explicit calendar expression. `value` is ISO-like with X for unknown digits
/// ("2018-12-06", "XXXX-03-24", "XXXX-XX-26", "2018", "202X").
struct DateMention {
  std::string text;   // normalized surface text, e.g. "12月6日"
  std::string value;  // resolved value
  Span span;
};

struct Byline {
  std::string role;  // reporter | correspondent | author | editor | photographer
  std::string name;
  Span span;  // the name
};

struct Source {
  std::string name;  // e.g. "濮阳日报", "新华社"
  Span span;
};

struct Person {
  std::string name;
  std::vector<std::string> titles;  // offices as written, split at 、
  std::vector<Span> mentions;
};

struct Statement {
  std::string verb;  // 强调, 指出, 讲话, ...
  Span span;         // the statement (verb and what follows, to the sentence end)
};

struct Speaker {
  std::optional<std::string> name;  // nullopt for unnamed speakers (县委主要负责同志)
  std::vector<std::string> titles;
  std::vector<Statement> statements;
};

struct Organization {
  std::string name;
  std::string type;  // party | government | ... | other (SPEC.md)
  std::vector<Span> mentions;
};

struct Meeting {
  std::string name;
  std::optional<std::string> date;
  std::vector<std::string> chairs;
  std::vector<std::string> attendees;
  std::vector<Span> mentions;
};

struct Publication {
  std::optional<std::string> date;      // "2018-12-07"
  std::optional<std::string> datetime;  // "2015-11-04T06:05:47"
  std::vector<Source> sources;
};

struct Event {
  std::optional<std::string> date;
  std::optional<std::string> meeting;
};

/// One article's structured record (schema zhmeta/1).
struct Record {
  std::string id;
  Publication publication;
  Event event;
  std::vector<DateMention> dates;
  std::vector<Byline> bylines;
  std::vector<Person> persons;
  std::vector<Speaker> speakers;
  std::vector<Organization> organizations;
  std::vector<Meeting> meetings;
  std::vector<std::string> warnings;  // input problems met (invalid UTF-8, NUL, ...)
};

/// Per-call options.
struct ExtractOptions {
  std::string id;                      // copied into Record::id
  std::optional<std::string> pubdate;  // "YYYY-MM-DD" hint; wins over the text's own
};

/// One article's outcome in Engine::extract_batch().
struct BatchResult {
  Record record;      // the article's record, when `error` is empty
  std::string error;  // why the article has none (what extract() would throw)
};

/// Engine-wide options.
struct EngineOptions {
  /// Load rules from this folder (same layout as the bundled `rules/`) instead of
  /// the rules embedded at build time. Empty: embedded rules.
  std::string rules_dir;
  /// Additional rule folders layered over the base rules: their rule files add
  /// rules and their gazetteer files add entries (see rules/README.md).
  std::vector<std::string> extra_rules_dirs;
  /// extract() refuses input larger than this (bytes). Default 256 MiB; at
  /// most kLargestMaxInputBytes, or the Engine constructor throws Error.
  std::size_t max_input_bytes = std::size_t{256} << 20;
};

/// The largest EngineOptions::max_input_bytes an Engine accepts: 372 MiB.
/// Offsets are 32-bit, and normalization can make a text 11 times longer
/// (U+FDFA, 3 bytes, becomes 33 under NFKC): 11 × 372 MiB stays under 4 GiB.
inline constexpr std::size_t kLargestMaxInputBytes = std::size_t{372} << 20;

class ZHMETA_CXX_API Engine {
 public:
  /// Compiles the rules. Throws zhmeta::Error with file, line and rule id on
  /// a rule that does not load or compile.
  explicit Engine(const EngineOptions &options = {});
  ~Engine();
  Engine(Engine &&) noexcept;
  Engine &operator=(Engine &&) noexcept;
  Engine(const Engine &) = delete;
  Engine &operator=(const Engine &) = delete;

  /// Extracts one article. Thread-safe: may be called concurrently on one engine.
  Record extract(std::string_view text, const ExtractOptions &options = {}) const;

  /// Same, serialized as one line of zhmeta/1 JSON (no trailing newline).
  std::string extract_json(std::string_view text, const ExtractOptions &options = {},
                           bool pretty = false) const;

  /// Extracts several articles: result i holds what extract(texts[i],
  /// options[i]) returns, or the message it would throw (an article over
  /// max_input_bytes) while the others are still extracted. `options`: one
  /// per article, or empty for the defaults. The same records as one call
  /// each, for less CPU time (a tenth to a quarter less on news pages): each
  /// stage of the pipeline runs over up to 64 articles (and 1 MB) at once,
  /// its rules and tables staying in cache. Thread-safe like extract().
  /// Throws zhmeta::Error when `options` is neither empty nor one per article.
  std::vector<BatchResult> extract_batch(const std::vector<std::string_view> &texts,
                                         const std::vector<ExtractOptions> &options = {}) const;

  struct Impl;

 private:
  std::unique_ptr<const Impl> impl_;
};

/// Serializes a record as zhmeta/1 JSON; every key is always present.
ZHMETA_CXX_API std::string to_json(const Record &record, bool pretty = false);

}  // namespace zhmeta

#endif  // ZHMETA_ZHMETA_HPP
