// The bad-input contract (docs/bad-input.md): whatever bytes arrive, extract()
// returns a valid record (with warnings where the input was damaged) or, only
// for input over EngineOptions::max_input_bytes, throws zhmeta::Error naming
// the limit. "Valid" is checked the same way for every row: the JSON parses,
// is UTF-8, and every span lies inside the input on a code-point boundary.
// Sizes stay at a few MB: time and linearity belong to bench/, not to tests.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/utf8.hpp"
#include "normalize/normalizer.hpp"
#include "zhmeta/zhmeta.hpp"

namespace {

const zhmeta::Engine &engine() {
  static const zhmeta::Engine e;
  return e;
}

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out.append(unit);
  return out;
}

// Offsets where the decoder starts a unit (a code point or one ill-formed
// subpart), plus the end: where a span of this input may begin or end.
// The offsets where a code unit (as utf8::decode reads them) starts, computed
// once per input: records can hold tens of thousands of spans, and scanning the
// input from its start for each would make the check quadratic.
std::vector<bool> unit_starts(std::string_view input) {
  std::vector<bool> starts(input.size() + 1, false);
  for (std::size_t i = 0; i < input.size(); i += zhmeta::utf8::decode(input, i).len)
    starts[i] = true;
  starts[input.size()] = true;
  return starts;
}

void check_span(const std::vector<bool> &starts, const zhmeta::Span &s) {
  const std::size_t size = starts.size() - 1;
  INFO("span [" << s.begin << ", " << s.end << ") of " << size << " bytes");
  REQUIRE(s.begin <= s.end);
  REQUIRE(s.end <= size);
  CHECK(starts[s.begin]);
  CHECK(starts[s.end]);
}

// Extracts `input`, checks the record is well formed and returns it.
zhmeta::Record extract_checked(std::string_view input) {
  const zhmeta::Record r = engine().extract(input, {"bad-input", std::nullopt});
  const std::string json = zhmeta::to_json(r);
  CHECK(zhmeta::utf8::is_valid(json));
  const auto parsed = nlohmann::json::parse(json);  // throws (and fails the test) when not JSON
  CHECK(parsed["schema"] == zhmeta::kSchema);
  CHECK(parsed["id"] == "bad-input");
  const std::vector<bool> starts = unit_starts(input);
  for (const auto &d : r.dates) check_span(starts, d.span);
  for (const auto &b : r.bylines) check_span(starts, b.span);
  for (const auto &s : r.publication.sources) check_span(starts, s.span);
  for (const auto &p : r.persons)
    for (const auto &m : p.mentions) check_span(starts, m);
  for (const auto &s : r.speakers)
    for (const auto &st : s.statements) check_span(starts, st.span);
  for (const auto &o : r.organizations)
    for (const auto &m : o.mentions) check_span(starts, m);
  for (const auto &m : r.meetings)
    for (const auto &s : m.mentions) check_span(starts, s);
  return r;
}

bool has_warning(const zhmeta::Record &r, std::string_view needle) {
  for (const auto &w : r.warnings)
    if (w.find(needle) != std::string::npos) return true;
  return false;
}

zhmeta::Document normalized(std::string_view input) {
  zhmeta::Document doc;
  zhmeta::normalize(input, doc);
  return doc;
}

// A short article in the genre, written for these tests.
const std::string kArticle =
    "本报讯(记者 万启航)3月18日,青屏县委召开全县防汛工作会议。县委书记龚立言出席会议并讲话。"
    "他强调,要压实各级责任,确保安全度汛。\n会议由县长柏静秋主持。\n";

}  // namespace

TEST_CASE("empty input gives an empty record without warnings", "[bad_input]") {
  const zhmeta::Record r = extract_checked("");
  CHECK(r.dates.empty());
  CHECK(r.persons.empty());
  CHECK(r.organizations.empty());
  CHECK(r.warnings.empty());
  CHECK_FALSE(r.publication.date.has_value());
}

TEST_CASE("whitespace-only input gives an empty record", "[bad_input]") {
  const std::string input = " \t\n\r\n\xE3\x80\x80\xC2\xA0  \n\n";  // incl. ideographic space, NBSP
  const zhmeta::Record r = extract_checked(input);
  CHECK(r.dates.empty());
  CHECK(r.persons.empty());
  CHECK(r.speakers.empty());
  CHECK(r.meetings.empty());
}

TEST_CASE("invalid UTF-8 is replaced, warned about, and spans stay on boundaries", "[bad_input]") {
  struct Case {
    const char *what;
    std::string bytes;
    std::size_t ill_formed;  // maximal ill-formed subparts (Unicode 15, 3.9)
  };
  const Case cases[] = {
      {"overlong '/' (C0 AF)", "\xC0\xAF", 2},            // C0 never starts a sequence: 2 units
      {"overlong 3-byte (E0 80 AF)", "\xE0\x80\xAF", 3},  // E0 80 is ill-formed at byte 2
      {"surrogate D800 (ED A0 80)", "\xED\xA0\x80", 3},   // ED A0 is ill-formed at byte 2
      {"truncated 记 (E8 AE)", "\xE8\xAE", 1},            // one maximal subpart
      {"lone continuation bytes", "\x80\xBF", 2},
      {"above U+10FFFF (F4 90 80 80)", "\xF4\x90\x80\x80", 4},
      {"FE FF", "\xFE\xFF", 2},
  };
  for (const auto &c : cases) {
    SECTION(c.what) {
      const std::string input = "会议" + c.bytes + kArticle + c.bytes;
      const zhmeta::Record r = extract_checked(input);
      CHECK(has_warning(r, "invalid UTF-8: " + std::to_string(2 * c.ill_formed) + " ill-formed"));
      const zhmeta::Document doc = normalized(input);
      CHECK(doc.text.find("\xEF\xBF\xBD") ==
            std::string("会议").size());  // U+FFFD right after 会议
    }
  }
  SECTION("truncated sequence at the very end") {
    const std::string input = kArticle + "\xE4\xBC";
    const zhmeta::Record r = extract_checked(input);
    CHECK(has_warning(r, "invalid UTF-8: 1 ill-formed"));
  }
}

TEST_CASE("embedded NUL bytes read as spaces, with a warning", "[bad_input]") {
  std::string input = kArticle;
  input.insert(9, 1, '\0');  // after 本报讯, before "(": between characters
  input += std::string(3, '\0');
  const zhmeta::Record r = extract_checked(input);
  CHECK(has_warning(r, "4 NUL byte(s)"));
  const zhmeta::Document doc = normalized(input);
  CHECK(doc.text.find('\0') == std::string::npos);
  CHECK(doc.text.size() == input.size());  // each NUL became one space: offsets unchanged
}

TEST_CASE("a multi-megabyte article is processed whole", "[bad_input]") {
  const std::string input = repeat(kArticle, 16 * 1024);  // ~3.5 MB
  REQUIRE(input.size() > 3'000'000);
  const zhmeta::Record r = extract_checked(input);
  CHECK(r.warnings.empty());
}

TEST_CASE("a 1 MB line without a newline", "[bad_input]") {
  std::string line = repeat(kArticle, 4800);
  for (auto &c : line)
    if (c == '\n') c = ' ';
  REQUIRE(line.size() >= 1'000'000);
  const zhmeta::Record r = extract_checked(line);
  CHECK(r.warnings.empty());
  const zhmeta::Document doc = normalized(line);
  CHECK(doc.text.find('\n') == std::string::npos);
}

TEST_CASE("100,000 nested brackets", "[bad_input]") {
  for (const auto &[open, close] : {std::pair<std::string, std::string>{"(", ")"},
                                    {"（", "）"},
                                    {"【", "】"},
                                    {"《", "》"},
                                    {"“", "”"}}) {
    const std::string input = repeat(open, 100'000) + "记者 万启航" + repeat(close, 100'000);
    INFO("bracket " << open);
    const zhmeta::Record r = extract_checked(input);
    CHECK(r.warnings.empty());
  }
  // Unbalanced: only openers, and a pinyin-artifact look-alike after each Han character.
  extract_checked(repeat("会(", 100'000));
  extract_checked(repeat("會(huì", 50'000));
}

TEST_CASE("10,000 repetitions of 记者", "[bad_input]") {
  for (const std::string &unit :
       {std::string("记者"), std::string("记者 "), std::string("(记者"), std::string("本报记者")}) {
    INFO("unit " << unit);
    const zhmeta::Record r = extract_checked(repeat(unit, 10'000));
    // No names to find, so nothing that could explode into 10,000 items per mention.
    CHECK(r.bylines.size() <= 10'000);
  }
}

TEST_CASE("CRLF line ends give the same record as LF, with spans in the CRLF input",
          "[bad_input]") {
  std::string crlf;
  for (const char c : kArticle) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const zhmeta::Record lf_record = extract_checked(kArticle);
  const zhmeta::Record crlf_record = extract_checked(crlf);
  // Same items, and each span cuts the same surface text (minus the '\r') out of its own input.
  auto surface = [](const std::string &input, const zhmeta::Span &s) {
    std::string out = input.substr(s.begin, s.end - s.begin);
    out.erase(std::remove(out.begin(), out.end(), '\r'), out.end());
    return out;
  };
  REQUIRE(lf_record.dates.size() == crlf_record.dates.size());
  for (std::size_t i = 0; i < lf_record.dates.size(); ++i) {
    CHECK(lf_record.dates[i].value == crlf_record.dates[i].value);
    CHECK(surface(crlf, crlf_record.dates[i].span) == surface(kArticle, lf_record.dates[i].span));
  }
  REQUIRE(lf_record.persons.size() == crlf_record.persons.size());
  for (std::size_t i = 0; i < lf_record.persons.size(); ++i) {
    CHECK(lf_record.persons[i].name == crlf_record.persons[i].name);
    REQUIRE(lf_record.persons[i].mentions.size() == crlf_record.persons[i].mentions.size());
    for (std::size_t m = 0; m < lf_record.persons[i].mentions.size(); ++m)
      CHECK(surface(crlf, crlf_record.persons[i].mentions[m]) ==
            surface(kArticle, lf_record.persons[i].mentions[m]));
  }
  // The normalized text is identical; the second line starts one byte later in the input.
  const zhmeta::Document lf_doc = normalized(kArticle), crlf_doc = normalized(crlf);
  CHECK(lf_doc.text == crlf_doc.text);
  const std::size_t second_line = kArticle.find('\n') + 1;
  CHECK(crlf_doc.to_original(second_line, second_line + 3).begin == second_line + 1);
  CHECK(crlf_doc.to_original(0, second_line).end == second_line + 1);  // "\r\n" belongs to the line
}

TEST_CASE("a leading byte order mark is dropped and spans count it", "[bad_input]") {
  const std::string bom = "\xEF\xBB\xBF";
  const zhmeta::Record plain = extract_checked(kArticle);
  const zhmeta::Record with_bom = extract_checked(bom + kArticle);
  REQUIRE(plain.dates.size() == with_bom.dates.size());
  for (std::size_t i = 0; i < plain.dates.size(); ++i) {
    CHECK(with_bom.dates[i].span.begin == plain.dates[i].span.begin + 3);
    CHECK(with_bom.dates[i].span.end == plain.dates[i].span.end + 3);
  }
  const zhmeta::Document doc = normalized(bom + kArticle);
  CHECK(doc.text == kArticle);
  CHECK(doc.to_original(0, 3).begin == 3);  // "本" starts after the BOM
  CHECK(doc.to_original(0, 3).end == 6);
}

TEST_CASE("input over max_input_bytes throws an error naming the limit", "[bad_input]") {
  zhmeta::EngineOptions options;
  CHECK(options.max_input_bytes == std::size_t{256} << 20);  // the documented default
  options.max_input_bytes = 64;
  const zhmeta::Engine small(options);
  CHECK_NOTHROW(small.extract(std::string(64, 'a')));  // the limit itself is allowed
  try {
    (void)small.extract(std::string(65, 'a'));
    FAIL("no error for 65 bytes over a 64-byte limit");
  } catch (const zhmeta::Error &e) {
    const std::string message = e.what();
    CHECK(message.find("65 bytes") != std::string::npos);
    CHECK(message.find("64 bytes") != std::string::npos);
    CHECK(message.find("max_input_bytes") != std::string::npos);
  }
}

TEST_CASE("a max_input_bytes past what 32-bit offsets can map is refused when the engine is built",
          "[bad_input]") {
  // The most a character grows under normalization: U+FDFA (3 bytes) becomes 33.
  zhmeta::Document doc;
  zhmeta::normalize("\xEF\xB7\xBA", doc);
  CHECK(doc.text.size() == 33);
  CHECK(11 * zhmeta::kLargestMaxInputBytes < (std::size_t{1} << 32));
  zhmeta::EngineOptions options;
  options.max_input_bytes = zhmeta::kLargestMaxInputBytes + 1;
  try {
    const zhmeta::Engine engine(options);
    FAIL("an engine was built with max_input_bytes past the largest supported");
  } catch (const zhmeta::Error &e) {
    CHECK(std::string(e.what()).find("max_input_bytes of 390070273") != std::string::npos);
  }
  options.max_input_bytes = zhmeta::kLargestMaxInputBytes;
  CHECK_NOTHROW(zhmeta::Engine(options));
}

TEST_CASE("random byte soup never breaks the record", "[bad_input]") {
  std::uint32_t seed = 2024;
  for (int round = 0; round < 50; ++round) {
    std::string bytes(512 + static_cast<std::size_t>(round) * 37, '\0');
    for (auto &c : bytes) {  // LCG, deterministic; mixes ASCII, CJK lead bytes and garbage
      seed = seed * 1664525u + 1013904223u;
      c = static_cast<char>(seed >> 24);
    }
    if (round % 2) bytes = kArticle + bytes + kArticle;
    INFO("round " << round);
    extract_checked(bytes);
  }
}

// A thread's documents share buffers (Document::recycle): nothing of one
// document may show in the next one's record, whether the first was damaged,
// long, or over the size whose buffers are freed rather than kept.
TEST_CASE("a document's record does not depend on the documents before it on the thread",
          "[bad_input]") {
  const std::string article =
      "新华社南江3月5日电(记者王明)3月4日,全县工作会议召开。县委书记李华主持会议并讲话。\n"
      "县长张强指出,要抓好落实。\n";
  // Fresh buffers: a new thread has no spare document yet.
  std::string alone;
  std::thread([&] {
    alone = zhmeta::to_json(engine().extract(article, {"a", std::nullopt}));
  }).join();
  REQUIRE(alone.find("\"warnings\":[]") != std::string::npos);
  using namespace std::string_literals;  // "..."s: the NUL stays in
  const std::string damaged = "\xFF\xFE 县长\0王五\xE8\xAE 说"s + repeat("市委书记李四强调,", 2000);
  REQUIRE(damaged.find('\0') != std::string::npos);
  const std::string huge =
      repeat("市委书记李四强调,要抓好落实。\n", 200000);  // 9 MB: freed after use
  for (const std::string *before : {&damaged, &huge}) {
    std::string after;
    std::thread([&] {
      engine().extract(*before, {"before", std::nullopt});
      after = zhmeta::to_json(engine().extract(article, {"a", std::nullopt}));
    }).join();
    CHECK(after == alone);
  }
}
