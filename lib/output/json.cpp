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
#include <nlohmann/json.hpp>

#include "core/utf8.hpp"
#include "zhmeta/zhmeta.hpp"

namespace zhmeta {
namespace {

class Writer {
 public:
  explicit Writer(std::string &out) : out_(out) {}

  void raw(std::string_view s) { out_.append(s); }
  void key(std::string_view k) {  // keys are ASCII literals: no escaping needed
    out_ += '"';
    out_.append(k);
    out_ += "\":";
  }
  void number(std::size_t v) {
    char buffer[24];
    char *end = buffer + sizeof buffer, *p = end;
    do {
      *--p = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    out_.append(p, static_cast<std::size_t>(end - p));
  }
  void string(std::string_view s) {
    out_ += '"';
    std::size_t clean_from = 0;  // bytes [clean_from, i) need no escaping
    for (std::size_t i = 0; i < s.size();) {
      const auto byte = static_cast<unsigned char>(s[i]);
      if (byte >= 0x20 && byte != '"' && byte != '\\' && byte < 0x80) {
        ++i;
        continue;
      }
      if ((byte & 0xF0) == 0xE0 && i + 2 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
          (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80 &&
          !(byte == 0xE0 && static_cast<unsigned char>(s[i + 1]) < 0xA0) &&   // overlong
          !(byte == 0xED && static_cast<unsigned char>(s[i + 1]) > 0x9F)) {  // surrogate
        i += 3;  // the common case, CJK: a valid three-byte sequence
        continue;
      }
      if (byte >= 0x80) {
        const utf8::Decoded d = utf8::decode(s, i);
        if (d.valid) {
          i += d.len;
          continue;
        }
        out_.append(s.substr(clean_from, i - clean_from));
        out_.append("\xEF\xBF\xBD");  // U+FFFD for each maximal ill-formed subpart
        i += d.len;
        clean_from = i;
        continue;
      }
      out_.append(s.substr(clean_from, i - clean_from));
      escape(byte);
      clean_from = ++i;
    }
    out_.append(s.substr(clean_from));
    out_ += '"';
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
  void value(const Span &s) {  // [begin,end]
    out_ += '[';
    number(s.begin);
    out_ += ',';
    number(s.end);
    out_ += ']';
  }
  template <typename T>
  void value(const std::vector<T> &list) {
    out_ += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out_ += ',';
      value(list[i]);
    }
    out_ += ']';
  }
  void value(const Source &s) {
    object([&](auto field) { field("name", s.name), field("span", s.span); });
  }
  void value(const Publication &p) {
    object([&](auto field) { field("date", p.date), field("datetime", p.datetime), field("sources", p.sources); });
  }
  void value(const Event &e) {
    object([&](auto field) { field("date", e.date), field("meeting", e.meeting); });
  }
  void value(const DateMention &d) {
    object([&](auto field) { field("text", d.text), field("value", d.value), field("span", d.span); });
  }
  void value(const Byline &b) {
    object([&](auto field) { field("role", b.role), field("name", b.name), field("span", b.span); });
  }
  void value(const Person &p) {
    object([&](auto field) { field("name", p.name), field("titles", p.titles), field("mentions", p.mentions); });
  }
  void value(const Statement &s) {
    object([&](auto field) { field("verb", s.verb), field("span", s.span); });
  }
  void value(const Speaker &s) {
    object([&](auto field) { field("name", s.name), field("titles", s.titles), field("statements", s.statements); });
  }
  void value(const Organization &o) {
    object([&](auto field) { field("name", o.name), field("type", o.type), field("mentions", o.mentions); });
  }
  void value(const Meeting &m) {
    object([&](auto field) {
      field("name", m.name), field("date", m.date), field("chairs", m.chairs), field("attendees", m.attendees),
          field("mentions", m.mentions);
    });
  }
  void value(const Record &r) {  // SPEC.md's key order
    object([&](auto field) {
      field("schema", kSchema), field("id", r.id), field("publication", r.publication), field("event", r.event),
          field("dates", r.dates), field("bylines", r.bylines), field("persons", r.persons),
          field("speakers", r.speakers), field("organizations", r.organizations), field("meetings", r.meetings),
          field("warnings", r.warnings);
    });
  }

 private:
  /// {"key":value,...}: `fields(field)` calls field(key, value) per member, in order.
  template <typename Fields>
  void object(Fields &&fields) {
    out_ += '{';
    bool first = true;
    fields([&](std::string_view k, const auto &v) {
      if (!first) out_ += ',';
      first = false;
      key(k);
      value(v);
      return 0;  // lets the fields be listed with the comma operator
    });
    out_ += '}';
  }
  void escape(unsigned char byte) {
    switch (byte) {
      case '"': out_ += "\\\""; return;
      case '\\': out_ += "\\\\"; return;
      case '\b': out_ += "\\b"; return;
      case '\f': out_ += "\\f"; return;
      case '\n': out_ += "\\n"; return;
      case '\r': out_ += "\\r"; return;
      case '\t': out_ += "\\t"; return;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escaped[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xF]};
        out_.append(escaped, sizeof escaped);
      }
    }
  }
  std::string &out_;
};

std::string compact_json(const Record &r) {
  std::string out;
  out.reserve(4096);
  Writer(out).value(r);
  return out;
}

}  // namespace

std::string to_json(const Record &r, bool pretty) {
  std::string compact = compact_json(r);
  if (!pretty) return compact;
  return nlohmann::ordered_json::parse(compact).dump(2, ' ', false);
}

}  // namespace zhmeta
