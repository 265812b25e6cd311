// zhmeta/1 JSON (SPEC.md).
//
// The compact form is written directly into one string: building an
// nlohmann::ordered_json tree first (one heap node per value, then a dump)
// cost more than any extractor once extraction got fast. The output is the
// same as nlohmann's dump(): same key order, no spaces, the same escapes
// (\" \\ \b \f \n \r \t, other control characters as \u00xx, everything else
// as UTF-8), invalid UTF-8 replaced by U+FFFD (error_handler_t::replace).
// test_output.cpp compares the two on every golden record. The pretty form is
// rare (a debugging aid), so it re-reads the compact text with nlohmann/json
// and lets it indent: one formatter to trust instead of two.
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
  void optional_string(const std::optional<std::string> &v) {
    if (v)
      string(*v);
    else
      raw("null");
  }
  void span(const Span &s) {
    out_ += '[';
    number(s.begin);
    out_ += ',';
    number(s.end);
    out_ += ']';
  }
  /// `[item, item, ...]` with each item written by `write(item)`.
  template <typename List, typename Write>
  void array(const List &list, Write &&write) {
    out_ += '[';
    bool first = true;
    for (const auto &item : list) {
      if (!first) out_ += ',';
      first = false;
      write(item);
    }
    out_ += ']';
  }
  void strings(const std::vector<std::string> &list) {
    array(list, [&](const std::string &s) { string(s); });
  }
  void spans(const std::vector<Span> &list) {
    array(list, [&](const Span &s) { span(s); });
  }

 private:
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
  Writer w(out);
  w.raw("{");
  w.key("schema"), w.string(kSchema), w.raw(",");
  w.key("id"), w.string(r.id), w.raw(",");
  w.key("publication"), w.raw("{");
  w.key("date"), w.optional_string(r.publication.date), w.raw(",");
  w.key("datetime"), w.optional_string(r.publication.datetime), w.raw(",");
  w.key("sources");
  w.array(r.publication.sources, [&](const Source &s) {
    w.raw("{"), w.key("name"), w.string(s.name), w.raw(","), w.key("span"), w.span(s.span), w.raw("}");
  });
  w.raw("},");
  w.key("event"), w.raw("{");
  w.key("date"), w.optional_string(r.event.date), w.raw(",");
  w.key("meeting"), w.optional_string(r.event.meeting), w.raw("},");
  w.key("dates");
  w.array(r.dates, [&](const DateMention &d) {
    w.raw("{"), w.key("text"), w.string(d.text), w.raw(",");
    w.key("value"), w.string(d.value), w.raw(",");
    w.key("span"), w.span(d.span), w.raw("}");
  });
  w.raw(","), w.key("bylines");
  w.array(r.bylines, [&](const Byline &b) {
    w.raw("{"), w.key("role"), w.string(b.role), w.raw(",");
    w.key("name"), w.string(b.name), w.raw(",");
    w.key("span"), w.span(b.span), w.raw("}");
  });
  w.raw(","), w.key("persons");
  w.array(r.persons, [&](const Person &p) {
    w.raw("{"), w.key("name"), w.string(p.name), w.raw(",");
    w.key("titles"), w.strings(p.titles), w.raw(",");
    w.key("mentions"), w.spans(p.mentions), w.raw("}");
  });
  w.raw(","), w.key("speakers");
  w.array(r.speakers, [&](const Speaker &s) {
    w.raw("{"), w.key("name"), w.optional_string(s.name), w.raw(",");
    w.key("titles"), w.strings(s.titles), w.raw(",");
    w.key("statements");
    w.array(s.statements, [&](const Statement &st) {
      w.raw("{"), w.key("verb"), w.string(st.verb), w.raw(","), w.key("span"), w.span(st.span), w.raw("}");
    });
    w.raw("}");
  });
  w.raw(","), w.key("organizations");
  w.array(r.organizations, [&](const Organization &o) {
    w.raw("{"), w.key("name"), w.string(o.name), w.raw(",");
    w.key("type"), w.string(o.type), w.raw(",");
    w.key("mentions"), w.spans(o.mentions), w.raw("}");
  });
  w.raw(","), w.key("meetings");
  w.array(r.meetings, [&](const Meeting &m) {
    w.raw("{"), w.key("name"), w.string(m.name), w.raw(",");
    w.key("date"), w.optional_string(m.date), w.raw(",");
    w.key("chairs"), w.strings(m.chairs), w.raw(",");
    w.key("attendees"), w.strings(m.attendees), w.raw(",");
    w.key("mentions"), w.spans(m.mentions), w.raw("}");
  });
  w.raw(","), w.key("warnings"), w.strings(r.warnings);
  w.raw("}");
  return out;
}

}  // namespace

std::string to_json(const Record &r, bool pretty) {
  std::string compact = compact_json(r);
  if (!pretty) return compact;
  return nlohmann::ordered_json::parse(compact).dump(2, ' ', false);
}

}  // namespace zhmeta
