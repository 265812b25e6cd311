// The offset map: normalized spans map back to the caller's bytes. The property,
// for every span checked: the original bytes [B, E) normalize to exactly the
// normalized text of the span.
#include <catch2/catch.hpp>
#include <random>

#include "core/utf8.hpp"
#include "normalize/normalizer.hpp"
#include "test_support.hpp"
#include "zhmeta/zhmeta.hpp"

using zhmeta::Document;

namespace Catch {
template <>
struct StringMaker<zhmeta::Span> {
  static std::string convert(const zhmeta::Span &s) {
    return "[" + std::to_string(s.begin) + ", " + std::to_string(s.end) + ")";
  }
};
}  // namespace Catch

namespace {

std::string norm(std::string_view in) {
  Document doc;
  zhmeta::normalize(in, doc);
  return doc.text;
}

// True when `pos` is where a character starts (or the end), decoding as the
// normalizer does: in invalid input a stray continuation byte is a character.
bool on_boundary(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return pos == s.size();
  std::size_t i = pos > 3 ? pos - 3 : 0;  // a character is at most 4 bytes long
  // Resynchronize: walk from a lead byte (or the start) up to pos.
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  while (i < pos) i += zhmeta::utf8::decode(s, i).len;
  return i == pos;
}

// Checks the property for normalized [b, e) of `doc`; returns false on failure.
bool span_round_trips(const Document &doc, std::size_t b, std::size_t e) {
  const zhmeta::Span o = doc.to_original(b, e);
  UNSCOPED_INFO("maps to original " << o.begin << ".." << o.end);
  if (!(o.begin <= o.end && o.end <= doc.original.size())) return false;
  if (!on_boundary(doc.original, o.begin) || !on_boundary(doc.original, o.end)) return false;
  const std::string got = norm(doc.original.substr(o.begin, o.end - o.begin));
  UNSCOPED_INFO("normalizes to '" << got << "', want '" << doc.text.substr(b, e - b) << "'");
  return got == doc.text.substr(b, e - b);
}

// Every line, every sentence, every single character and 300 random spans.
void check_document(std::string_view input) {
  Document doc;
  zhmeta::normalize(input, doc);
  // Character boundaries of the normalized text, less those inside an atomic
  // piece ("⒑" -> "10.": no original offset stands for the middle of "10.").
  std::vector<std::size_t> cuts;
  for (std::size_t i = 0; i <= doc.text.size(); ++i)
    if (on_boundary(doc.text, i) && doc.map.is_boundary(i)) cuts.push_back(i);
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    INFO("character(s) at normalized offset " << cuts[i]);
    REQUIRE(span_round_trips(doc, cuts[i], cuts[i + 1]));
  }
  std::mt19937 rng(12345);
  for (int n = 0; n < 300 && cuts.size() > 1; ++n) {
    std::size_t a = cuts[rng() % cuts.size()], z = cuts[rng() % cuts.size()];
    if (a > z) std::swap(a, z);
    INFO("normalized span [" << a << ", " << z << ")");
    REQUIRE(span_round_trips(doc, a, z));
  }
  std::size_t line_start = 0;
  for (std::size_t i = 0; i <= doc.text.size(); ++i)
    if (i == doc.text.size() || doc.text[i] == '\n') {
      REQUIRE(span_round_trips(doc, line_start, i));
      line_start = i + 1;
    }
}

}  // namespace

TEST_CASE("offset map: hand-checked positions", "[offsets]") {
  // "報(bào)訊：２０" -> "报讯:20". Bytes of the input: 報 [0,3), "(bào)" [3,9)
  // (à is two bytes), 訊 [9,12), ： [12,15), ２ [15,18), ０ [18,21).
  const std::string in = "報(bào)訊：２０";
  Document doc;
  zhmeta::normalize(in, doc);
  REQUIRE(doc.text == "报讯:20");
  CHECK(doc.to_original(0, 3) == zhmeta::Span{0, 3});    // 报
  CHECK(doc.to_original(3, 6) == zhmeta::Span{9, 12});   // 讯, after the artifact
  CHECK(doc.to_original(0, 6) == zhmeta::Span{0, 12});   // 报讯 covers the artifact
  CHECK(doc.to_original(6, 7) == zhmeta::Span{12, 15});  // ':' <- '：'
  CHECK(doc.to_original(7, 9) == zhmeta::Span{15, 21});  // "20" <- "２０"
  CHECK(doc.to_original(9, 9) == zhmeta::Span{21, 21});
}

TEST_CASE("offset map: BOM, CRLF and invalid bytes", "[offsets]") {
  const std::string in = "\xEF\xBB\xBF" "一\r\n二\xFF三";
  Document doc;
  zhmeta::normalize(in, doc);
  REQUIRE(doc.text == "一\n二\xEF\xBF\xBD三");
  CHECK(doc.to_original(0, 3) == zhmeta::Span{3, 6});     // 一 after the BOM
  CHECK(doc.to_original(3, 4) == zhmeta::Span{6, 8});     // '\n' <- "\r\n"
  CHECK(doc.to_original(4, 7) == zhmeta::Span{8, 11});    // 二
  CHECK(doc.to_original(7, 10) == zhmeta::Span{11, 12});  // U+FFFD <- one bad byte
  CHECK(doc.to_original(10, 13) == zhmeta::Span{12, 15}); // 三
}

TEST_CASE("offset property on synthetic text", "[offsets]") {
  const char *inputs[] = {
      "本報(bào)訊(記者 何志強)１２月６日，市委書記林國棟強(qiáng)調(diào)。",
      "縣僑(qiao) 聯“僑(qiao) 心向黨·雲(yun) 上春節”座談會(hui) 2月3日舉(ju) 行。",
      "\xEF\xBB\xBF第一行\r\n第二行\r第三行\n\n",
      "bad\xC3\x28 bytes\xE2\x82 and\xF0\x9F\x98 end\x80",
      "tabs\tand\x01controls\x7F",
      "",
      "纯文本没有任何需要改的地方。",
      "（２０１９）〔2019〕5号　全角空格",
  };
  for (const char *in : inputs) {
    INFO(in);
    check_document(in);
  }
  check_document(std::string("nul\0inside\0", 11));
}

TEST_CASE("offset property on random bytes", "[offsets]") {
  std::mt19937 rng(7);
  const std::string alphabet[] = {"a", "(", ")", "報", "bào", " ", "\r", "\n", "\xFF", "\x80",
                                  "２", "，", "會", "qiao", "\xE4\xB8", "\xEF\xBB\xBF", "huì", "。"};
  for (int round = 0; round < 200; ++round) {
    std::string in;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) in += alphabet[rng() % (sizeof alphabet / sizeof alphabet[0])];
    INFO("round " << round);
    check_document(in);
  }
}

TEST_CASE("offset property on sample and dev articles", "[offsets][corpus]") {
  auto files = zhmeta::test::sample_articles();
  const auto dev = zhmeta::test::dev_articles();
  files.insert(files.end(), dev.begin(), dev.end());
  REQUIRE(files.size() >= 6);
  for (const auto &path : files) {
    INFO(path.filename().string());
    check_document(zhmeta::test::read_file(path));
  }
}

// Every span in every record the pipeline emits: cut the caller's bytes at it,
// normalize, and compare with the normalized text the span stands for (found by
// normalizing the prefix up to each end).
TEST_CASE("every span the pipeline emits round-trips", "[offsets][pipeline][corpus]") {
  zhmeta::Engine engine;
  auto files = zhmeta::test::sample_articles();
  const auto dev = zhmeta::test::dev_articles();
  files.insert(files.end(), dev.begin(), dev.end());
  std::size_t spans_checked = 0;
  for (const auto &path : files) {
    const std::string text = zhmeta::test::read_file(path);
    const zhmeta::Record r = engine.extract(text);
    const std::string full = norm(text);
    std::vector<zhmeta::Span> spans;
    for (const auto &d : r.dates) spans.push_back(d.span);
    for (const auto &s : r.publication.sources) spans.push_back(s.span);
    for (const auto &b : r.bylines) spans.push_back(b.span);
    for (const auto &p : r.persons) spans.insert(spans.end(), p.mentions.begin(), p.mentions.end());
    for (const auto &s : r.speakers)
      for (const auto &st : s.statements) spans.push_back(st.span);
    for (const auto &o : r.organizations) spans.insert(spans.end(), o.mentions.begin(), o.mentions.end());
    for (const auto &m : r.meetings) spans.insert(spans.end(), m.mentions.begin(), m.mentions.end());
    for (const auto &s : spans) {
      INFO(path.filename().string() << " span [" << s.begin << ", " << s.end << ")");
      REQUIRE(s.begin <= s.end);
      REQUIRE(s.end <= text.size());
      REQUIRE(on_boundary(text, s.begin));
      REQUIRE(on_boundary(text, s.end));
      const std::size_t b = norm(std::string_view(text).substr(0, s.begin)).size();
      const std::size_t e = norm(std::string_view(text).substr(0, s.end)).size();
      REQUIRE(b <= e);
      REQUIRE(e <= full.size());
      CHECK(norm(std::string_view(text).substr(s.begin, s.end - s.begin)) == full.substr(b, e - b));
      ++spans_checked;
    }
  }
  // Not an assertion on extractor output: an empty record is valid until the
  // extractors land; the count is reported for whoever reads the log.
  WARN("spans checked: " << spans_checked);
}
