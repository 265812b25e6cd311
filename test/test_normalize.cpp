// Normalization: each step, on hand-written inputs with hand-checked outputs,
// and the build-time fold table against ICU itself.
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>
#include <catch2/catch.hpp>
#include <memory>

#include "core/utf8.hpp"
#include "normalize/fold_table.hpp"
#include "normalize/normalizer.hpp"
#include "test_support.hpp"

using zhmeta::Document;
using zhmeta::normalize;

namespace {
std::string norm(std::string_view in) {
  Document doc;
  normalize(in, doc);
  return doc.text;
}
std::vector<std::string> warnings_of(std::string_view in) {
  Document doc;
  normalize(in, doc);
  return doc.warnings;
}
}  // namespace

TEST_CASE("Traditional characters become Simplified", "[normalize]") {
  CHECK(norm("本報訊 縣委書記林國棟強調") == "本报讯 县委书记林国栋强调");
  CHECK(norm("全國婦聯") == "全国妇联");
  CHECK(norm("會議") == "会议");
  CHECK(norm("已经是简体") == "已经是简体");  // Simplified passes through unchanged
}

TEST_CASE("full-width ASCII, ideographic space and NBSP fold to ASCII", "[normalize]") {
  CHECK(norm("２０１８年１２月６日") == "2018年12月6日");
  CHECK(norm("来源：青溪日报，记者（王宁）") == "来源:青溪日报,记者(王宁)");
  CHECK(norm("市委\xE3\x80\x80书记") == "市委 书记");  // U+3000
  CHECK(norm("市委\xC2\xA0书记") == "市委 书记");      // U+00A0
  CHECK(norm("ＡＢＣ") == "ABC");
}

TEST_CASE("Chinese punctuation that carries meaning is kept", "[normalize]") {
  CHECK(norm("。、“”《》〔〕【】") == "。、“”《》〔〕【】");
  CHECK(norm("……") == "……");               // not "......"
  CHECK(norm("雪克来提·扎克尔") == "雪克来提·扎克尔");  // the name dot stays
}

TEST_CASE("pinyin annotation artifacts are removed", "[normalize]") {
  CHECK(norm("報(bào)訊") == "报讯");
  CHECK(norm("會(huì )議") == "会议");
  CHECK(norm("僑(qiao) 聯") == "侨联");          // the toneless style's space goes too
  CHECK(norm("聯(lián)合") == "联合");
  CHECK(norm("強(qiáng)調(diào)") == "强调");
  CHECK(norm("發揮優勢(shì) 開創") == "发挥优势 开创");  // toned style: the space is the text's
  CHECK(norm("中(zhōng)國") == "中国");
  CHECK(norm("兩(liang) 個(ge) 建設") == "两个建设");
  CHECK(norm("報（bào）訊") == "报讯");            // full-width parentheses too
}

TEST_CASE("real parentheses stay", "[normalize]") {
  CHECK(norm("(記者 何志強)") == "(记者 何志强)");
  CHECK(norm("恩施(州)") == "恩施(州)");
  CHECK(norm("政府(2019)") == "政府(2019)");
  CHECK(norm("全会(扩大)") == "全会(扩大)");
  CHECK(norm("人工智能(AI)") == "人工智能(AI)");      // capitals are not pinyin
  CHECK(norm("手机应用(app)") == "手机应用(app)");    // not a Mandarin syllable
  CHECK(norm("编辑(ljx)") == "编辑(ljx)");
  CHECK(norm("(bao)开头") == "(bao)开头");            // nothing Han before it
  CHECK(norm("祖(籍)国") == "祖(籍)国");
}

TEST_CASE("line ends, BOM and invisible characters", "[normalize]") {
  CHECK(norm("一\r\n二\r三\n") == "一\n二\n三\n");
  CHECK(norm("\xEF\xBB\xBF标题") == "标题");
  CHECK(norm("市委\xE2\x80\x8B书记") == "市委书记");  // zero-width space
  CHECK(norm("a\tb") == "a b");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD with a warning", "[normalize]") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(norm("a\xFF" "b") == "a" + fffd + "b");                   // never a lead byte
  CHECK(norm("a\x80" "b") == "a" + fffd + "b");                   // lone continuation
  CHECK(norm("a\xC0\xAF" "b") == "a" + fffd + fffd + "b");         // overlong '/': two maximal subparts
  CHECK(norm("a\xED\xA0\x80" "b") == "a" + fffd + fffd + fffd + "b");  // surrogate D800
  CHECK(norm("a\xE4\xB8") == "a" + fffd);                         // truncated 3-byte sequence
  CHECK(norm("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);   // above U+10FFFF
  const auto w = warnings_of("a\xFF" "b\xFE");
  REQUIRE(w.size() == 1);
  CHECK(w[0].find("2 ill-formed") != std::string::npos);
  CHECK(warnings_of("完全合法").empty());
}

// The main loop steps over 3-byte characters with a table test and reads
// short folds from a table of their own; these are the edges of those paths.
TEST_CASE("3-byte fast path: folds at the edges, ill-formed 3-byte forms", "[normalize]") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(norm("會") == "会");                         // a fold as the whole text
  CHECK(norm("會a會") == "会a会");
  CHECK(norm("\xEF\xBB\xBF會") == "会");             // right after a dropped BOM
  CHECK(norm("國，會") == "国,会");                   // a length-changing fold between two others
  CHECK(norm("㈱") == "(株)");                        // a fold longer than 3 bytes
  CHECK(norm("\xE0\x80\x80") == fffd + fffd + fffd);  // overlong: three maximal subparts
  CHECK(norm("会\xE4") == "会" + fffd);                // cut after the lead byte
  CHECK(norm("会\xE4\xBD") == "会" + fffd);            // cut after the second byte
  Document doc;
  normalize("報(zhuāng)訊", doc);
  CHECK(doc.text == "报讯");
  CHECK(doc.to_original(3, 6).begin == 12);  // 讯 maps past the removed artifact
}

TEST_CASE("pinyin syllables: two-letter initials, and ng only after an initial", "[normalize]") {
  CHECK(norm("報(zhuāng)訊") == "报讯");
  CHECK(norm("報(hng)訊") == "报讯");
  CHECK(norm("報(ng)訊") == "报(ng)讯");
  CHECK(norm("中（zhōng）國") == "中国");
}

TEST_CASE("NUL bytes are read as spaces, with a warning", "[normalize]") {
  const std::string in("市委\0书记", 13);
  CHECK(norm(in) == "市委 书记");
  const auto w = warnings_of(in);
  REQUIRE(w.size() == 1);
  CHECK(w[0].find("NUL") != std::string::npos);
}

TEST_CASE("normalized text is always valid UTF-8", "[normalize]") {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
  CHECK(zhmeta::utf8::is_valid(norm(junk)));
}

// The fold table is built at compile time from ICU, one code point at a time.
// This checks that doing so gives what ICU gives on whole real texts.
TEST_CASE("fold table output equals ICU NFKC + Traditional-Simplified on real text", "[normalize][icu]") {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2 *nfkc = icu::Normalizer2::getNFKCInstance(status);
  std::unique_ptr<icu::Transliterator> t2s(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  REQUIRE(U_SUCCESS(status));
  auto files = zhmeta::test::sample_articles();
  const auto dev = zhmeta::test::dev_articles();
  files.insert(files.end(), dev.begin(), dev.end());
  REQUIRE(files.size() >= 6);
  for (const auto &path : files) {
    std::string text = zhmeta::test::read_file(path);
    // Characters the normalizer deliberately keeps (see gen_fold_table.cpp) are
    // taken out of both sides; so are the artifacts, by normalizing ICU's output.
    for (const char *keep : {"…", "‥", "·", "・"}) {
      for (std::size_t p; (p = text.find(keep)) != std::string::npos;) text.erase(p, std::strlen(keep));
    }
    icu::UnicodeString u = nfkc->normalize(icu::UnicodeString::fromUTF8(text), status);
    t2s->transliterate(u);
    std::string by_icu;
    u.toUTF8String(by_icu);
    INFO(path.filename().string());
    CHECK(norm(text) == norm(by_icu));
  }
}
