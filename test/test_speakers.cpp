// Speakers: speech verbs and their subjects (names, titles, pronouns across
// sentences, surname+office references, unnamed officials), statements, and
// what makes no speaker (会议强调, 传达, chairing, attending, nouns). Every text
// and name here is invented; expectations are worked out by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "zhmeta/zhmeta.hpp"

namespace {

using zhmeta::test::engine;

// "name" for named speakers, "title:X" for unnamed ones (as the scorer keys them).
std::vector<std::string> speaker_keys(const std::string &text) {
  std::vector<std::string> out;
  for (const auto &s : engine().extract(text).speakers)
    out.push_back(s.name ? *s.name : "title:" + (s.titles.empty() ? std::string("?") : s.titles[0]));
  std::sort(out.begin(), out.end());
  return out;
}

const zhmeta::Speaker *find_speaker(const zhmeta::Record &r, const std::string &name) {
  for (const auto &s : r.speakers)
    if (s.name && *s.name == name) return &s;
  return nullptr;
}

std::vector<std::string> verbs_of(const zhmeta::Speaker &s) {
  std::vector<std::string> out;
  for (const auto &st : s.statements) out.push_back(st.verb);
  return out;
}

using Keys = std::vector<std::string>;

}  // namespace

TEST_CASE("a titled person attending and speaking is a speaker with the title", "[speakers]") {
  const std::string text = "县委书记黎振东出席会议并讲话。";
  const zhmeta::Record r = engine().extract(text);
  const zhmeta::Speaker *s = find_speaker(r, "黎振东");
  REQUIRE(s != nullptr);
  CHECK(s->titles == Keys{"县委书记"});
  CHECK(verbs_of(*s) == Keys{"讲话"});
}

TEST_CASE("a statement runs from the verb to the sentence end", "[speakers]") {
  const std::string text = "县委书记黎振东主持会议。黎振东强调,要压实责任。";
  const zhmeta::Record r = engine().extract(text);
  const zhmeta::Speaker *s = find_speaker(r, "黎振东");
  REQUIRE(s != nullptr);
  REQUIRE(s->statements.size() == 1);
  const auto &span = s->statements[0].span;
  CHECK(text.substr(span.begin, span.end - span.begin) == "强调,要压实责任。");
}

TEST_CASE("a pronoun speaks for the most recent named person", "[speakers]") {
  CHECK(speaker_keys("县委书记黎振东主持召开专题会议。他强调,要抓好落实。") == Keys{"黎振东"});
  CHECK(speaker_keys("县委书记黎振东主持会议,县长邝海青出席。她指出,要守住底线。") == Keys{"邝海青"});
}

TEST_CASE("a pronoun skips a person who is only the object or possessor", "[speakers]") {
  const std::string text = "县委副书记邝海青主持座谈会并传达了省委书记滕立新的批示。他指出,要认真落实。";
  CHECK(speaker_keys(text) == Keys{"邝海青"});
}

TEST_CASE("a pronoun after several sentences of one paragraph still resolves", "[speakers]") {
  const std::string text = "骆志刚强调,要抓好三项工作。第一是安全。第二是质量。他说,要久久为功。";
  const zhmeta::Record r = engine().extract(text);
  const zhmeta::Speaker *s = find_speaker(r, "骆志刚");
  REQUIRE(s != nullptr);
  CHECK(verbs_of(*s) == Keys{"强调", "说"});
}

TEST_CASE("会议强调 makes no speaker", "[speakers]") {
  CHECK(speaker_keys("县委书记黎振东主持会议。会议强调,要抓好落实。").empty());
  CHECK(speaker_keys("县委书记黎振东主持会议,会议要求,各部门要认真履职。").empty());
}

TEST_CASE("chairing or attending alone makes no speaker", "[speakers]") {
  CHECK(speaker_keys("县委书记黎振东主持会议,县长邝海青出席。").empty());
  CHECK(speaker_keys("县领导韩志峰、秦晓兵等参加活动。").empty());
}

TEST_CASE("passing on someone's words makes no speaker", "[speakers]") {
  CHECK(speaker_keys("县委副书记邝海青传达了省委书记滕立新在全省会议上的讲话精神。").empty());
  CHECK(speaker_keys("团县委书记柯一鸣传达了省委书记滕立新代表省委所作的工作报告。").empty());
}

TEST_CASE("speech nouns are no statements", "[speakers]") {
  CHECK(speaker_keys("要认真学习曹文龙书记的讲话,深刻领会精神实质。").empty());
  CHECK(speaker_keys("会议学习了蒲振华总书记重要讲话精神。").empty());
}

TEST_CASE("a gap of circumstances between subject and verb is allowed", "[speakers]") {
  CHECK(speaker_keys("骆志刚在讲话中指出,要坚持稳中求进。") == Keys{"骆志刚"});
  CHECK(speaker_keys("县长邝海青代表县委、县政府对大会的召开表示祝贺。") == Keys{"邝海青"});
  CHECK(speaker_keys("县委书记黎振东在会上强调,要守住安全底线。") == Keys{"黎振东"});
}

TEST_CASE("a comma keeps the subject only when the clause continues it", "[speakers]") {
  CHECK(speaker_keys("县委副书记吴晓红召开专题座谈会,并对下一步工作提出了明确要求。") == Keys{"吴晓红"});
  CHECK(speaker_keys("县委书记黎振东主持会议,各乡镇负责同志作交流发言。").empty());
}

TEST_CASE("reports and speeches are statements", "[speakers]") {
  const zhmeta::Record r = engine().extract("县政协主席骆志刚代表县政协常委会作工作报告。");
  const zhmeta::Speaker *s = find_speaker(r, "骆志刚");
  REQUIRE(s != nullptr);
  CHECK(verbs_of(*s) == Keys{"作工作报告"});
  CHECK(speaker_keys("副县长韩志峰在开幕式上致辞。") == Keys{"韩志峰"});
}

TEST_CASE("a person after a preposition is no subject; the one before speaks", "[speakers]") {
  CHECK(speaker_keys("县委书记黎振东对副县长邝海青表示感谢。") == Keys{"黎振东"});
  CHECK(speaker_keys("县长骆志刚代表县委书记黎振东致辞。") == Keys{"骆志刚"});
  // A clause starting with 面对 does not make its subject an object.
  CHECK(speaker_keys("面对困难,县长骆志刚表示,要迎难而上。") == Keys{"骆志刚"});
}

TEST_CASE("a surname with an office refers back to the person", "[speakers]") {
  const std::string text = "团县委书记邝海青主持会议。邝书记就做好下一步工作提三点意见。";
  const zhmeta::Record r = engine().extract(text);
  const zhmeta::Speaker *s = find_speaker(r, "邝海青");
  REQUIRE(s != nullptr);
  CHECK(s->titles == Keys{"团县委书记"});
  CHECK(verbs_of(*s) == Keys{"提"});
}

TEST_CASE("unnamed officials speak with their title and no name", "[speakers]") {
  CHECK(speaker_keys("某县长在会上强调,要做好群团工作。") == Keys{"title:县长"});
  CHECK(speaker_keys("县委主要负责同志指出,要压实责任。") == Keys{"title:县委主要负责同志"});
}

TEST_CASE("plural pronouns and collectives are no speakers", "[speakers]") {
  CHECK(speaker_keys("九位代表作交流发言。他们纷纷表示,要立足岗位作贡献。").empty());
  CHECK(speaker_keys("与会人员一致认为,会议开得很成功。").empty());
}

TEST_CASE("several speakers in one article each keep their statements", "[speakers]") {
  const std::string text = "县委书记黎振东强调,要稳增长。县长邝海青指出,要抓项目。骆志刚希望大家团结一心。";
  CHECK(speaker_keys(text) == Keys{"邝海青", "骆志刚", "黎振东"});
}

TEST_CASE("说 closes a quotation", "[speakers]") {
  CHECK(speaker_keys("“群众满意是最大的目标。” 骆志刚说。") == Keys{"骆志刚"});
}

TEST_CASE("a reporter in the byline is no speaker through a pronoun", "[speakers]") {
  const std::string text = "本报讯(记者 滕雪梅)5月3日,县委书记黎振东调研农业生产。他强调,要抓好春耕。";
  CHECK(speaker_keys(text) == Keys{"黎振东"});
}

TEST_CASE("Traditional text with pinyin artifacts: speaker and statement span", "[speakers]") {
  const std::string text = "縣委書(shū)記黎振東強(qiáng)調(diào),要抓好落實(shí)。";
  const zhmeta::Record r = engine().extract(text);
  const zhmeta::Speaker *s = find_speaker(r, "黎振东");
  REQUIRE(s != nullptr);
  CHECK(s->titles == Keys{"县委书记"});
  REQUIRE(s->statements.size() == 1);
  CHECK(s->statements[0].verb == "强调");
  const auto &span = s->statements[0].span;
  CHECK(text.substr(span.begin, 3) == "強");
  CHECK(span.end == text.size());
}

TEST_CASE("text without speech yields no speakers", "[speakers]") {
  CHECK(speaker_keys("全县上下要进一步强调责任意识,切实抓好落实。").empty());
  CHECK(speaker_keys("").empty());
  std::string repeated;
  for (int i = 0; i < 10000; ++i) repeated += "他强调";
  CHECK(speaker_keys(repeated).empty());
}
