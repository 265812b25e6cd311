// Persons and titles: names from context evidence, title grammar, title runs
// split at 、/兼, lists, counter-words, mojibake, Traditional input. Every
// text and name here is invented; expectations are worked out by hand.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "anchor_check.hpp"
#include "core/document.hpp"
#include "normalize/normalizer.hpp"
#include "rules/anchored_rules.hpp"
#include "rules/rule_pack.hpp"
#include "test_support.hpp"
#include "zhmeta/zhmeta.hpp"

namespace {

using zhmeta::test::engine;

std::vector<std::string> person_names(const zhmeta::Record &r) {
  std::vector<std::string> out;
  for (const auto &p : r.persons) out.push_back(p.name);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> names_of(const std::string &text) {
  return person_names(engine().extract(text));
}

// Titles of one person; a missing person fails the test.
std::vector<std::string> titles_of(const std::string &text, const std::string &name) {
  const zhmeta::Record r = engine().extract(text);
  for (const auto &p : r.persons)
    if (p.name == name) return p.titles;
  FAIL("no person " << name << " in: " << text);
  return {};
}

using Names = std::vector<std::string>;

// Expected names in any order (names_of sorts by bytes).
Names S(Names n) {
  std::sort(n.begin(), n.end());
  return n;
}

}  // namespace

TEST_CASE("an office right before a name gives the person and the title", "[persons]") {
  const std::string text = "3月5日上午,县委书记黎振东主持召开县委常委会会议。";
  CHECK(names_of(text) == S({"黎振东"}));
  CHECK(titles_of(text, "黎振东") == Names{"县委书记"});
}

TEST_CASE("a run of titles is split at 、", "[persons]") {
  CHECK(titles_of("会议开始前,县委常委、县纪委书记龚卫国作了动员。", "龚卫国") ==
        Names{"县委常委", "县纪委书记"});
  CHECK(titles_of("省委书记、省人大常委会主任覃立德主持会议。", "覃立德") ==
        Names{"省委书记", "省人大常委会主任"});
  CHECK(titles_of("县委常委、县委宣传部部长、县总工会主席鲍启明出席。", "鲍启明") ==
        Names{"县委常委", "县委宣传部部长", "县总工会主席"});
}

TEST_CASE("兼 joins two titles like 、", "[persons]") {
  CHECK(titles_of("县委常委兼秘书长骆志刚主持会议。", "骆志刚") == Names{"县委常委", "秘书长"});
  CHECK(titles_of("国务院副总理兼财政部部长诸葛文涛出席会见。", "诸葛文涛") ==
        Names{"国务院副总理", "财政部部长"});
}

TEST_CASE("a name written with a middle dot after an office or before a cue", "[persons]") {
  CHECK(titles_of("代表团团长阿卜杜·卡迪尔说,此行收获很大。", "阿卜杜·卡迪尔") ==
        Names{"代表团团长"});
  CHECK(names_of("会上,努尔兰·阿山强调,要加强交流。") == S({"努尔兰·阿山"}));
  // The part after the dot alone is no name.
  CHECK(names_of("团长阿卜杜·卡迪尔说,此行收获很大。") == S({"阿卜杜·卡迪尔"}));
}

TEST_CASE("a title keeps its organization prefix as written", "[persons]") {
  // A place name before the pieces, bounded by punctuation.
  CHECK(titles_of("昨天上午,南陵市委副书记、市长邬建华出席活动。", "邬建华") ==
        Names{"南陵市委副书记", "市长"});
  // An institution's own name before 学院.
  CHECK(titles_of("会上,岳西职业技术学院党委书记邵明远作了发言。", "邵明远") ==
        Names{"岳西职业技术学院党委书记"});
  CHECK(titles_of("市委组织部部长鲍启明出席。", "鲍启明") == Names{"市委组织部部长"});
  // A connective before the title is not part of it.
  CHECK(titles_of("会议由县政府办公室副主任、信访室主任褚晓燕主持。", "褚晓燕") ==
        Names{"县政府办公室副主任", "信访室主任"});
}

TEST_CASE("time words and verbs before a title are not part of it", "[persons]") {
  CHECK(titles_of("近日市委书记鲁明哲到企业调研。", "鲁明哲") == Names{"市委书记"});
  CHECK(titles_of("出席会议的还有市委常委鲍启明。", "鲍启明") == Names{"市委常委"});
  CHECK(titles_of("会议听取了县委常委、宣传部部长骆志刚的汇报。", "骆志刚") ==
        Names{"县委常委", "宣传部部长"});
}

TEST_CASE("a surname with 同志 is no name", "[persons]") {
  CHECK(names_of("会上,张同志指出,要抓好落实。").empty());
}

TEST_CASE("a designation after the office stays with the title", "[persons]") {
  CHECK(titles_of("副主席候选人许晴岚参加座谈。", "许晴岚") == Names{"副主席候选人"});
}

TEST_CASE("category words govern a list but are no titles", "[persons]") {
  const std::string text = "县领导韩志峰、秦晓兵、邝海青出席会议。";
  CHECK(names_of(text) == S({"秦晓兵", "邝海青", "韩志峰"}));
  CHECK(titles_of(text, "韩志峰").empty());
  CHECK(titles_of("县委常委、常务副县长丁若愚等县领导陪同调研。", "丁若愚") ==
        Names{"县委常委", "常务副县长"});
}

TEST_CASE("a title before a list of names goes to the first name only", "[persons]") {
  const std::string text = "县人大常委会副主任柯一鸣、滕雪梅、龚立出席会议。";
  CHECK(names_of(text) == S({"柯一鸣", "滕雪梅", "龚立"}));
  CHECK(titles_of(text, "柯一鸣") == Names{"县人大常委会副主任"});
  CHECK(titles_of(text, "滕雪梅").empty());
  CHECK(titles_of(text, "龚立").empty());
}

TEST_CASE("a long attendee list yields every name", "[persons]") {
  const std::string text =
      "市领导韩志峰、秦晓兵、邝海青、柯一鸣、滕雪梅、龚立、骆志刚、覃立德、邬建华、邵明远、"
      "褚晓燕、鲍启明、许晴岚、丁若愚出席会议。";
  const Names names = names_of(text);
  CHECK(names.size() == 14);
  for (const char *n : {"韩志峰", "龚立", "褚晓燕", "丁若愚"})
    CHECK(std::count(names.begin(), names.end(), n) == 1);
}

TEST_CASE("a list closed by 等参加 needs no title", "[persons]") {
  CHECK(names_of("邹文斌、宁海燕、安龙飞等参加会议。") == S({"安龙飞", "宁海燕", "邹文斌"}));
}

TEST_CASE("list items separated by doubled punctuation still count", "[persons]") {
  CHECK(names_of("县人大常委会副主任柯一鸣、龚立,、滕雪梅列席会议。") ==
        S({"柯一鸣", "滕雪梅", "龚立"}));
}

TEST_CASE("an office after the name is a title", "[persons]") {
  CHECK(titles_of("要深入学习蒲振华总书记的重要讲话。", "蒲振华") == Names{"总书记"});
  CHECK(titles_of("与会同志认为,曹文龙书记的讲话内容丰富。", "曹文龙") == Names{"书记"});
}

TEST_CASE("context cues make a name without a title", "[persons]") {
  CHECK(names_of("谈到下一步工作,邝海青指出,要压实责任。") == S({"邝海青"}));
  CHECK(names_of("会议由范小燕主持。") == S({"范小燕"}));
  CHECK(names_of("骆志刚同志长期在基层工作。") == S({"骆志刚"}));
}

TEST_CASE("what follows a name fixes its length", "[persons]") {
  CHECK(names_of("市长葛军安排部署下半年工作。") == S({"葛军"}));
  CHECK(names_of("区长钱立春在区政府主持召开常务会议。") == S({"钱立春"}));
  CHECK(names_of("副县长沈望来到田间地头。") == S({"沈望"}));
  CHECK(names_of("市委书记鲁明哲出席会议并讲话。") == S({"鲁明哲"}));
}

TEST_CASE("an unlisted verb after a titled name: a three-character name is assumed", "[persons]") {
  CHECK(names_of("县委书记吴晓红莅临指导。") == S({"吴晓红"}));
  // ...unless the third character looks like the start of a verb (出 of 出席).
  CHECK(names_of("副县长温庭出差归来。") == S({"温庭"}));
}

TEST_CASE("a place after 代表 or a word after a role is no name", "[persons]") {
  CHECK(names_of("县长代表黄石市政府致辞。").empty());
  CHECK(names_of("摄影师作品展开幕。").empty());
}

TEST_CASE("surname characters starting ordinary words make no names", "[persons]") {
  CHECK(names_of("各级党委要高度重视,于是万元资金全部到位,建院周年庆典在王府井举行,张贴标语。")
            .empty());
  CHECK(names_of("县委书记高度重视此项工作。").empty());
  CHECK(names_of("全会强调,要安排好全年工作。").empty());
  // A category word is no evidence to guess a name from its shape.
  CHECK(names_of("要牢牢掌握意识形态工作的领导权和话语权。").empty());
}

TEST_CASE("a surname with an office refers back, it is no new person", "[persons]") {
  const Names names = names_of("团市委书记邝海青主持会议。邝书记在总结时提出三点意见。");
  CHECK(names == Names{"邝海青"});
}

TEST_CASE("names broken by mojibake are left out, the rest of the list is kept", "[persons]") {
  CHECK(names_of("县领导赵?qí)屛、吕海月、宁静出席会议。") == S({"吕海月", "宁静"}));
  CHECK(names_of("县人大常委会副主任孔?mù)锘?、佘克贤、廖忠明列席会议。") ==
        S({"佘克贤", "廖忠明"}));
}

TEST_CASE("byline roles give names, several after one role", "[persons]") {
  const Names names = names_of("本报讯(记者 滕雪梅 龚立)5月3日,县委书记黎振东调研农业生产。");
  CHECK(std::count(names.begin(), names.end(), "滕雪梅") == 1);
  CHECK(std::count(names.begin(), names.end(), "龚立") == 1);
  CHECK(std::count(names.begin(), names.end(), "黎振东") == 1);
  CHECK(names_of("(全媒体记者柯一鸣)") == S({"柯一鸣"}));
}

TEST_CASE("a bare name in parentheses closing a line is the author", "[persons]") {
  CHECK(names_of("活动现场气氛热烈。(鲍晓云)\n") == S({"鲍晓云"}));
  CHECK(names_of("(郑州)市场供应充足。").empty());
}

TEST_CASE("a dotted foreign name inside a list counts", "[persons]") {
  const Names names = names_of("县领导韩志峰、阿不都·热合曼、秦晓兵出席会议。");
  CHECK(std::count(names.begin(), names.end(), "阿不都·热合曼") == 1);
  CHECK(std::count(names.begin(), names.end(), "秦晓兵") == 1);
  CHECK(std::count(names.begin(), names.end(), "县领导阿不都·热合曼") == 0);
}

TEST_CASE("every occurrence of a person is a mention", "[persons]") {
  const std::string text = "县委书记黎振东主持会议。黎振东指出,要抓好落实。会后,黎振东走访了企业。";
  const zhmeta::Record r = engine().extract(text);
  REQUIRE(r.persons.size() == 1);
  CHECK(r.persons[0].mentions.size() == 3);
  for (const auto &m : r.persons[0].mentions)
    CHECK(text.substr(m.begin, m.end - m.begin) == "黎振东");
}

TEST_CASE("Traditional input with pinyin artifacts gives Simplified names and titles",
          "[persons]") {
  const std::string text = "縣委書(shū)記黎振東主持會(huì)議,縣長(zhǎng)邝海青出席。";
  const zhmeta::Record r = engine().extract(text);
  CHECK(person_names(r) == S({"邝海青", "黎振东"}));
  for (const auto &p : r.persons) {
    REQUIRE(p.mentions.size() == 1);
    const auto &m = p.mentions[0];
    if (p.name == "黎振东") {
      CHECK(p.titles == Names{"县委书记"});
      CHECK(text.substr(m.begin, m.end - m.begin) == "黎振東");
    } else {
      CHECK(p.titles == Names{"县长"});
    }
  }
}

TEST_CASE("text without persons yields none", "[persons]") {
  CHECK(names_of("全市各级党组织要切实加强领导,把群团工作摆上重要议事日程。").empty());
  CHECK(names_of("市领导出席会议。有关负责同志参加。").empty());
  CHECK(names_of("").empty());
}

TEST_CASE("odd input: long repetitions and long lines stay linear and safe", "[persons]") {
  std::string reporters;
  for (int i = 0; i < 10000; ++i) reporters += "记者";
  CHECK(names_of(reporters).empty());
  std::string list = "县领导";
  for (int i = 0; i < 20000; ++i) list += "韩志峰、";
  list += "出席会议。";
  CHECK(names_of(list) == S({"韩志峰"}));
  std::string garbage(1 << 20, '?');
  CHECK(names_of("县委书记" + garbage).empty());
}

// Persons and speakers rules are tried only next to the anchor words they
// declare (emit anchor:/lead:). A declaration that misses a position a match
// can start at would lose matches silently: every rule must give, on every
// sample article, dev article and rule example, exactly the matches of a
// plain whole-text run.
TEST_CASE("anchored rule runs equal whole-text runs", "[persons][speakers]") {
  const auto pack = zhmeta::RulePack::load_embedded();
  // Anchors at the very start and end, a name right after a line break,
  // overlapping anchor words (总书记/书记, 副主席/主席); then matches that
  // begin at the very start of the text, with nothing before the name (the
  // shortest lead a rule can have).
  const auto texts = zhmeta::test::anchor_check_texts(
      *pack, {"persons", "speakers"},
      {"书记\n王明书记:\n(鲍晓云)\n总书记习近平总书记,副主席李强副主席。他说,\n某县长说",
       "王明书记出席。", "邝海青指出,要加强。", "龚立为县妇联副主席", "刘书记说", "他说,好。",
       "蒲振华总书记讲话", "并讲话。", "作报告", "作指示"});
  std::size_t checked = 0;
  for (const char *kind : {"persons", "speakers"})
    checked += zhmeta::test::check_anchored_runs(*pack, pack->kind(kind), texts);
  CHECK(checked > 100);
}

TEST_CASE("titles found for one name at one place keep the order the rules found them in",
          "[persons]") {
  // persons.title_before (earlier in the rules file) gives 国家主席, then
  // persons.title_after_national 总书记, both for the name at the same place:
  // one person, the first rule's title first.
  CHECK(titles_of("会议开始。国家主席蒲振华总书记出席会议。", "蒲振华") ==
        Names{"国家主席", "总书记"});
}
