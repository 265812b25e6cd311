#include "jsonl_line.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

namespace zhmeta::cli {
namespace {

// What a byte can start, for FlatObjectReader::plain_run_end().
enum class ByteKind : unsigned char { other, plain_ascii, common_lead };

constexpr std::array<ByteKind, 256> byte_kinds() {
  std::array<ByteKind, 256> kinds{};
  for (unsigned byte = 0x20; byte < 0x80; ++byte) kinds[byte] = ByteKind::plain_ascii;
  kinds['"'] = kinds['\\'] = ByteKind::other;
  for (unsigned byte = 0xE1; byte <= 0xEF; ++byte) kinds[byte] = ByteKind::common_lead;
  kinds[0xED] = ByteKind::other;
  return kinds;
}
constexpr std::array<ByteKind, 256> kByteKinds = byte_kinds();

// Reads the tokens of one flat object. Every step returns false at the first
// byte it does not handle exactly as nlohmann/json would, and the whole line
// then goes to nlohmann: being wrong costs only speed, never behaviour.
class FlatObjectReader {
 public:
  explicit FlatObjectReader(std::string_view line)
      : p_(line.data()), end_(line.data() + line.size()) {}

  bool read(JsonlFields &fields) {
    skip_whitespace();
    if (!consume('{')) return false;
    skip_whitespace();
    if (consume('}')) return at_end();
    std::string key;
    for (;;) {
      key.clear();
      if (!consume('"') || !string_body(key)) return false;
      skip_whitespace();
      if (!consume(':')) return false;
      skip_whitespace();
      JsonlValue &target = member(fields, key);
      // The article is most of the line: one allocation for it, not a doubling series.
      if (&target == &fields.text) target.text.reserve(static_cast<std::size_t>(end_ - p_));
      if (!value(target)) return false;
      skip_whitespace();
      if (consume('}')) return at_end();
      if (!consume(',')) return false;
      skip_whitespace();
    }
  }

 private:
  JsonlValue &member(JsonlFields &fields, const std::string &key) {
    if (key == "text") return fields.text;
    if (key == "id") return fields.id;
    if (key == "pubdate") return fields.pubdate;
    return ignored_;
  }

  bool value(JsonlValue &v) {
    v.text.clear();
    if (p_ == end_) return false;
    switch (*p_) {
      case '"':
        ++p_;
        v.kind = JsonlValue::Kind::string;
        return string_body(v.text);
      case 't':
        v.kind = JsonlValue::Kind::other;
        return literal("true");
      case 'f':
        v.kind = JsonlValue::Kind::other;
        return literal("false");
      case 'n':
        v.kind = JsonlValue::Kind::other;
        return literal("null");
      default:
        v.kind = JsonlValue::Kind::number;
        return integer(v.text);
    }
  }

  // Integers only, and only those nlohmann's dump() writes back unchanged:
  // it stores up to 18 digits exactly, turns -0 into 0, and re-formats (or
  // rejects on overflow) fractions, exponents and longer numbers.
  bool integer(std::string &out) {
    const char *start = p_;
    consume('-');
    const char *digits = p_;
    if (p_ == end_ || *p_ < '0' || *p_ > '9') return false;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
    if (p_ - digits > 18) return false;
    out.assign(start, static_cast<std::size_t>(p_ - start));
    return out != "-0";
  }

  bool literal(std::string_view word) {
    if (std::string_view(p_, static_cast<std::size_t>(end_ - p_)).substr(0, word.size()) != word)
      return false;
    p_ += word.size();
    return true;
  }

  // After the opening quote: decodes up to and including the closing quote,
  // copying runs of plain bytes (ASCII or valid UTF-8) in one append each.
  bool string_body(std::string &out) {
    const char *run = p_;
    for (;;) {
      p_ = plain_run_end(p_, end_);
      if (p_ == end_) return false;  // unterminated
      const auto byte = static_cast<unsigned char>(*p_);
      if (byte >= 0x80) {
        if (!utf8_sequence()) return false;
        continue;
      }
      out.append(run, static_cast<std::size_t>(p_ - run));
      if (byte == '"') {
        ++p_;
        return true;
      }
      if (byte != '\\' || !escape(out)) return false;  // raw control characters are invalid
      run = p_;
    }
  }

  // The end of the run from p of bytes taken as they are: printable ASCII but
  // the quote and backslash, and the three-byte UTF-8 sequences of CJK and its
  // punctuation (lead bytes other than E0 and ED, which restrict the byte after
  // them). A free-standing loop over locals, so the pointer stays in a register,
  // with one table look-up per character instead of a chain of comparisons.
  static const char *plain_run_end(const char *p, const char *end) {
    while (p != end) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      // Runs of Chinese text: one 4-byte load per character checks the
      // sequence (the lead byte is the low byte) and the lead, as the table does.
      for (; end - p >= 4; p += 3) {
        std::uint32_t quad;
        std::memcpy(&quad, p, sizeof quad);
        const std::uint32_t lead = quad & 0xFF;
        if ((quad & 0xC0C0F0u) != 0x8080E0u || lead == 0xE0 || lead == 0xED) break;
      }
#endif
      const ByteKind kind = kByteKinds[static_cast<unsigned char>(*p)];
      if (kind == ByteKind::plain_ascii) {
        ++p;
      } else if (kind == ByteKind::common_lead && end - p >= 3 &&
                 (static_cast<unsigned char>(p[1]) & 0xC0) == 0x80 &&
                 (static_cast<unsigned char>(p[2]) & 0xC0) == 0x80) {
        p += 3;
      } else {
        break;
      }
    }
    return p;
  }

  // One well-formed UTF-8 sequence (Unicode table 3-7, as nlohmann checks it).
  bool utf8_sequence() {
    const auto *s = reinterpret_cast<const unsigned char *>(p_);
    const auto left = static_cast<std::size_t>(end_ - p_);
    const unsigned char lead = s[0];
    std::size_t len = 0;
    unsigned char second_min = 0x80, second_max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      len = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      len = 3;
      if (lead == 0xE0) second_min = 0xA0;  // overlong
      if (lead == 0xED) second_max = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      len = 4;
      if (lead == 0xF0) second_min = 0x90;  // overlong
      if (lead == 0xF4) second_max = 0x8F;  // beyond U+10FFFF
    } else {
      return false;
    }
    if (left < len || s[1] < second_min || s[1] > second_max) return false;
    for (std::size_t i = 2; i < len; ++i)
      if ((s[i] & 0xC0) != 0x80) return false;
    p_ += len;
    return true;
  }

  // At a backslash: appends the escaped character.
  bool escape(std::string &out) {
    if (end_ - p_ < 2) return false;
    const char kind = p_[1];
    p_ += 2;
    switch (kind) {
      case '"':
        out += '"';
        return true;
      case '\\':
        out += '\\';
        return true;
      case '/':
        out += '/';
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    unsigned code = 0;
    if (!hex4(code) || (code >= 0xDC00 && code <= 0xDFFF)) return false;  // lone low surrogate
    if (code >= 0xD800 && code <= 0xDBFF) {  // a high surrogate needs its low half next
      unsigned low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, code);
    return true;
  }

  bool hex4(unsigned &code) {
    if (end_ - p_ < 4) return false;
    for (int i = 0; i < 4; ++i, ++p_) {
      const char c = *p_;
      unsigned digit;
      if (c >= '0' && c <= '9')
        digit = static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        digit = static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        digit = static_cast<unsigned>(c - 'A' + 10);
      else
        return false;
      code = code << 4 | digit;
    }
    return true;
  }

  static void append_utf8(std::string &out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | code >> 6);
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | code >> 12);
      out += static_cast<char>(0x80 | (code >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | code >> 18);
      out += static_cast<char>(0x80 | (code >> 12 & 0x3F));
      out += static_cast<char>(0x80 | (code >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  bool consume(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  void skip_whitespace() {  // JSON's four whitespace characters
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  bool at_end() {
    skip_whitespace();
    return p_ == end_;
  }

  const char *p_;
  const char *const end_;
  JsonlValue ignored_;  // the value of a member the CLI does not read
};

}  // namespace

std::optional<JsonlFields> read_flat_jsonl(std::string_view line) {
  JsonlFields fields;
  if (!FlatObjectReader(line).read(fields)) return std::nullopt;
  return fields;
}

JsonlFields read_jsonl_with_nlohmann(const std::string &line) {
  const auto doc = nlohmann::json::parse(line);
  JsonlFields fields;
  fields.object = doc.is_object();
  if (!fields.object) return fields;
  auto member = [&doc](const char *key) {
    JsonlValue v;
    const auto it = doc.find(key);
    if (it == doc.end()) return v;
    if (it->is_string()) {
      v.kind = JsonlValue::Kind::string;
      v.text = it->get<std::string>();
    } else if (it->is_number()) {
      v.kind = JsonlValue::Kind::number;
      v.text = it->dump();
    } else {
      v.kind = JsonlValue::Kind::other;
    }
    return v;
  };
  fields.id = member("id");
  fields.text = member("text");
  fields.pubdate = member("pubdate");
  return fields;
}

JsonlFields read_jsonl(const std::string &line) {
  if (auto fields = read_flat_jsonl(line)) return std::move(*fields);
  return read_jsonl_with_nlohmann(line);
}

}  // namespace zhmeta::cli
