// zhmeta/1 JSON (SPEC.md).
//
// The compact form is written directly into one string: building an
// nlohmann::ordered_json tree first (one heap node per value, then a dump)
// cost more than any extractor once extraction got fast. The output is the
// same as nlohmann's dump(): same key order, no spaces, the same escapes
// (\" \\ \b \f \n \r \t, other control characters as \u00xx, everything else
// as UTF-8), invalid UTF-8 replaced by U+FFFD (error_handler_t::replace).
// test_output.cpp checks it against hand-written output and against nlohmann
// on every sample article's record. The pretty form is rare (a debugging
// aid), so it re-reads the compact text with nlohmann/json and lets it
// indent: one formatter to trust instead of two.
#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/utf8.hpp"
#include "zhmeta/zhmeta.hpp"

namespace zhmeta {
namespace {

// Writes through a pointer into its own buffer: a record is hundreds of short
// appends (quotes, keys, commas, digits), and std::string's append and
// push_back are out-of-line library calls, while claim() and memcpy inline.
// The buffer is sized once from an estimate that errs high, so the check in
// claim() nearly never takes its out-of-line branch.
class Writer {
 public:
  explicit Writer(std::size_t expected_size) {
    buffer_.resize(expected_size);
    next_ = buffer_.data();
    end_ = next_ + buffer_.size();
  }

  std::string finish() && {
    buffer_.resize(written());
    return std::move(buffer_);
  }

  void raw(std::string_view s) { put(s); }
  /// "k": for a key literal (ASCII, no escaping needed), whose length is
  /// known at compile time: one claim and fixed-size copies.
  template <std::size_t N>
  void key(const char (&k)[N]) {
    char *p = claim(N + 2);
    p[0] = '"';
    std::memcpy(p + 1, k, N - 1);
    p[N] = '"';
    p[N + 1] = ':';
  }
  void number(std::size_t v) { next_ = digits(room(kMaxDigits), v); }
  void string(std::string_view s) {
    std::size_t i = plain_run_end(s, 0);
    if (i == s.size()) {  // the common case: nothing to escape or replace, one copy
      char *p = claim(s.size() + 2);
      p[0] = '"';
      std::memcpy(p + 1, s.data(), s.size());
      p[s.size() + 1] = '"';
      return;
    }
    put('"');
    std::size_t clean_from = 0;  // bytes [clean_from, i) are copied as they are
    while (i < s.size()) {
      const auto byte = static_cast<unsigned char>(s[i]);
      if (byte >= 0x80) {
        const utf8::Decoded d = utf8::decode(s, i);
        if (!d.valid) {
          put(s.substr(clean_from, i - clean_from));
          put("\xEF\xBF\xBD");  // U+FFFD for each maximal ill-formed subpart
          clean_from = i + d.len;
        }
        i += d.len;
      } else {
        put(s.substr(clean_from, i - clean_from));
        escape(byte);
        clean_from = ++i;
      }
      i = plain_run_end(s, i);
    }
    put(s.substr(clean_from));
    put('"');
  }
  // value(): one overload per kind of JSON value the schema holds.
  void value(const std::string &v) { string(v); }
  void value(const char *v) { string(v); }
  void value(const std::optional<std::string> &v) {
    if (v)
      string(*v);
    else
      raw("null");
  }
  void value(const Span &s) {  // [begin,end], into one room
    char *p = room(2 * kMaxDigits + 3);
    *p++ = '[';
    p = digits(p, s.begin);
    *p++ = ',';
    p = digits(p, s.end);
    *p++ = ']';
    next_ = p;
  }
  template <typename T>
  void value(const std::vector<T> &list) {
    put('[');
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) put(',');
      value(list[i]);
    }
    put(']');
  }
  void value(const Source &s) {
    object([&](auto field) { field("name", s.name), field("span", s.span); });
  }
  void value(const Publication &p) {
    object([&](auto field) {
      field("date", p.date), field("datetime", p.datetime), field("sources", p.sources);
    });
  }
  void value(const Event &e) {
    object([&](auto field) { field("date", e.date), field("meeting", e.meeting); });
  }
  void value(const DateMention &d) {
    object(
        [&](auto field) { field("text", d.text), field("value", d.value), field("span", d.span); });
  }
  void value(const Byline &b) {
    object(
        [&](auto field) { field("role", b.role), field("name", b.name), field("span", b.span); });
  }
  void value(const Person &p) {
    object([&](auto field) {
      field("name", p.name), field("titles", p.titles), field("mentions", p.mentions);
    });
  }
  void value(const Statement &s) {
    object([&](auto field) { field("verb", s.verb), field("span", s.span); });
  }
  void value(const Speaker &s) {
    object([&](auto field) {
      field("name", s.name), field("titles", s.titles), field("statements", s.statements);
    });
  }
  void value(const Organization &o) {
    object([&](auto field) {
      field("name", o.name), field("type", o.type), field("mentions", o.mentions);
    });
  }
  void value(const Meeting &m) {
    object([&](auto field) {
      field("name", m.name), field("date", m.date), field("chairs", m.chairs),
          field("attendees", m.attendees), field("mentions", m.mentions);
    });
  }
  void value(const Record &r) {  // SPEC.md's key order
    object([&](auto field) {
      field("schema", kSchema), field("id", r.id), field("publication", r.publication),
          field("event", r.event), field("dates", r.dates), field("bylines", r.bylines),
          field("persons", r.persons), field("speakers", r.speakers),
          field("organizations", r.organizations), field("meetings", r.meetings),
          field("warnings", r.warnings);
    });
  }

 private:
  /// {"key":value,...}: `fields(field)` calls field(key, value) per member, in order.
  template <typename Fields>
  void object(Fields &&fields) {
    put('{');
    bool first = true;
    fields([&](const auto &k, const auto &v) {
      if (!first) put(',');
      first = false;
      key(k);
      value(v);
      return 0;  // lets the fields be listed with the comma operator
    });
    put('}');
  }
  /// The end of the run from i of bytes written as they are: printable ASCII
  /// but the quote and backslash, and the common three-byte UTF-8 sequences
  /// (CJK); other multi-byte sequences are left to utf8::decode.
  static std::size_t plain_run_end(std::string_view s, std::size_t i) {
    while (i < s.size()) {
      const auto byte = static_cast<unsigned char>(s[i]);
      if (byte < 0x80) {
        if (byte < 0x20 || byte == '"' || byte == '\\') break;
        ++i;
      } else if (i + 2 < s.size() && (byte & 0xF0) == 0xE0 && byte != 0xE0 && byte != 0xED &&
                 (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
                 (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
        i += 3;  // E0 and ED restrict their second byte (overlong, surrogates)
      } else {
        break;
      }
    }
    return i;
  }
  void escape(unsigned char byte) {
    switch (byte) {
      case '"':
        put("\\\"");
        return;
      case '\\':
        put("\\\\");
        return;
      case '\b':
        put("\\b");
        return;
      case '\f':
        put("\\f");
        return;
      case '\n':
        put("\\n");
        return;
      case '\r':
        put("\\r");
        return;
      case '\t':
        put("\\t");
        return;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escaped[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xF]};
        put(std::string_view(escaped, sizeof escaped));
      }
    }
  }
  static constexpr std::size_t kMaxDigits = 20;  // of a 64-bit number
  /// Writes `v` in decimal at `p` and returns the end.
  static char *digits(char *p, std::size_t v) {
    char reversed[kMaxDigits];
    std::size_t n = 0;
    do {
      reversed[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    while (n) *p++ = reversed[--n];
    return p;
  }
  std::size_t written() const { return static_cast<std::size_t>(next_ - buffer_.data()); }
  /// Room for n more bytes at the returned pointer, not yet counted as
  /// written: the caller sets next_ to where it stopped.
  char *room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - next_) < n) grow(n);
    return next_;
  }
  /// Room for exactly n more bytes, counted as written.
  char *claim(std::size_t n) {
    char *p = room(n);
    next_ = p + n;
    return p;
  }
  void grow(std::size_t n) {  // rare: the estimate was short
    const std::size_t used = written();
    buffer_.resize(std::max(used + n, 2 * buffer_.size()));
    next_ = buffer_.data() + used;
    end_ = buffer_.data() + buffer_.size();
  }
  void put(char c) { *claim(1) = c; }
  void put(std::string_view s) {
    if (!s.empty()) std::memcpy(claim(s.size()), s.data(), s.size());
  }

  std::string buffer_;    // [data, next_) written, [next_, end_) room
  char *next_ = nullptr;  // into buffer_, which only grow() reallocates
  char *end_ = nullptr;
};

/// The compact JSON's size from the record's lists, erring high (512 bytes for
/// the frame, 40 per listed item: above the real size for every record of the
/// dev corpus), so that the buffer is allocated once.
std::size_t expected_json_size(const Record &r) {
  std::size_t items =
      r.publication.sources.size() + r.dates.size() + r.bylines.size() + r.warnings.size();
  for (const Person &p : r.persons) items += 1 + p.titles.size() + p.mentions.size();
  for (const Speaker &s : r.speakers) items += 1 + s.titles.size() + s.statements.size();
  for (const Organization &o : r.organizations) items += 1 + o.mentions.size();
  for (const Meeting &m : r.meetings)
    items += 1 + m.chairs.size() + m.attendees.size() + m.mentions.size();
  return 512 + 40 * items;
}

std::string compact_json(const Record &r) {
  Writer writer(expected_json_size(r));
  writer.value(r);
  return std::move(writer).finish();
}

}  // namespace

std::string to_json(const Record &r, bool pretty) {
  std::string compact = compact_json(r);
  if (!pretty) return compact;
  return nlohmann::ordered_json::parse(compact).dump(2, ' ', false);
}

}  // namespace zhmeta
