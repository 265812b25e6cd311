// Bylines and publication sources (rules/bylines). All texts are invented in
// the genre of the corpus; every expected pair was worked out by hand.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/document.hpp"
#include "core/trigger_windows.hpp"
#include "normalize/normalizer.hpp"
#include "anchor_check.hpp"
#include "rules/anchored_rules.hpp"
#include "test_support.hpp"
#include "zhmeta/zhmeta.hpp"

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;  // (role, name)

using zhmeta::test::engine;

Pairs bylines_of(const std::string &text) {
  const zhmeta::Record r = engine().extract(text, {"t", std::nullopt});
  Pairs out;
  for (const auto &b : r.bylines) {
    // The span cuts the name out of the caller's text (Simplified input here).
    CHECK(text.substr(b.span.begin, b.span.end - b.span.begin) == b.name);
    out.emplace_back(b.role, b.name);
  }
  return out;
}

std::vector<std::string> sources_of(const std::string &text) {
  const zhmeta::Record r = engine().extract(text, {"t", std::nullopt});
  std::vector<std::string> out;
  for (const auto &s : r.publication.sources) out.push_back(s.name);
  return out;
}

struct Case {
  const char *text;
  Pairs want;
};

}  // namespace

TEST_CASE("bylines in brackets after 本报讯 and at the end of the text", "[bylines]") {
  const std::vector<Case> cases = {
      {"本报讯(记者林思远)5月9日,县委召开会议,部署工作。", {{"reporter", "林思远"}}},
      {"本报讯(记者 郑可)5月9日,县委召开会议,部署工作。", {{"reporter", "郑可"}}},
      {"青屏网讯(全媒体记者许博)4月2日,县科协召开代表大会,选举产生新一届委员会。", {{"reporter", "许博"}}},
      {"县委召开会议,部署工作。会议要求,各级要抓好落实。(记者 赵晓岚 孙海涛", {{"reporter", "赵晓岚"}, {"reporter", "孙海涛"}}},
      {"县人大常委会召开主任会议,研究有关事项。(记者 郑可欣 实习生 韩立 通讯员 周雨桐)",
       {{"reporter", "郑可欣"}, {"reporter", "韩立"}, {"correspondent", "周雨桐"}}},
      {"人民网成都5月21日电 (记者李华、周扬)论坛在蓉开幕,嘉宾出席活动。", {{"reporter", "李华"}, {"reporter", "周扬"}}},
      {"会议要求,各地要抓好落实。 ( 编辑:wqh ) |", {{"editor", "wqh"}}},
      {"市长出席会议并讲话,副市长主持会议。(见习记者 周舟)", {{"reporter", "周舟"}}},
      {"市长出席会议并讲话,副市长主持会议。(特约记者 马良 通讯员 石磊)", {{"reporter", "马良"}, {"correspondent", "石磊"}}},
      {"市长出席会议并讲话,副市长主持会议。【记者 龙飞】", {{"reporter", "龙飞"}}},
      {"副县长沈梅出席活动。(江河)", {{"reporter", "江河"}}},
      {"会议审议通过了工作报告。\n\n(青屏县慈善总会  黄岚)", {{"reporter", "黄岚"}}},
  };
  for (const Case &c : cases) {
    INFO(c.text);
    CHECK(bylines_of(c.text) == c.want);
  }
}

TEST_CASE("labelled byline lines in the header and footer", "[bylines]") {
  const std::vector<Case> cases = {
      {"全县防汛工作会议召开\n\n作者:曹一鸣 罗静  文章来源:临川日报  字体:   发布时间:2016-10-05\n\n县委召开会议,部署防汛工作。",
       {{"author", "曹一鸣"}, {"author", "罗静"}}},
      {"县委召开会议,部署防汛工作。\n责任编辑: 蒋悦", {{"editor", "蒋悦"}}},
      {"县委召开会议,部署防汛工作。\n全媒体记者:邱枫 叶繁\n编辑:付强 熊芳\n编审:熊立",
       {{"reporter", "邱枫"}, {"reporter", "叶繁"}, {"editor", "付强"}, {"editor", "熊芳"}, {"editor", "熊立"}}},
      {"来源:青屏发布 | 作者:lmq | 发布时间: 2022-05-16 | 3 次浏览\n\n县委召开会议,部署工作。", {{"author", "lmq"}}},
      {"县委召开会议,部署工作。\n撰稿人:马良\n审稿人:龚平", {{"author", "马良"}, {"editor", "龚平"}}},
      {"县委召开会议,部署工作。\n审核:龚平 值班编辑:孔月", {{"editor", "龚平"}, {"editor", "孔月"}}},
      {"县委召开会议,部署工作。\n责编:孔月 校对:白雪", {{"editor", "孔月"}, {"editor", "白雪"}}},
      {"县委召开会议,部署工作。\n摄影:程远", {{"photographer", "程远"}}},
      {"县委召开会议,部署工作。\n文/李四 图/王五", {{"author", "李四"}, {"photographer", "王五"}}},
      {"县委召开会议,部署工作。\n文丨江山", {{"author", "江山"}}},
      {"县委召开会议,部署工作。\n文/图 江山", {{"author", "江山"}, {"photographer", "江山"}}},
      {"县委召开会议,部署工作。(江河/文 李想/图)", {{"author", "江河"}, {"photographer", "李想"}}},
      {"县委召开会议,部署工作。\n江河/文 李想/图", {{"author", "江河"}, {"photographer", "李想"}}},
      {"县委召开会议,部署工作。(江河/图文)", {{"author", "江河"}, {"photographer", "江河"}}},
      {"县委召开会议,部署工作。\n图文:江山 编辑:孔月(实习)", {{"author", "江山"}, {"photographer", "江山"}, {"editor", "孔月"}}},
      {"县委召开会议,部署工作。\n编辑 | 孔月", {{"editor", "孔月"}}},
      {"春耕生产全面展开\n本报记者 邱枫 通讯员 石磊\n\n县委召开会议,部署春耕生产工作。",
       {{"reporter", "邱枫"}, {"correspondent", "石磊"}}},
  };
  for (const Case &c : cases) {
    INFO(c.text);
    CHECK(bylines_of(c.text) == c.want);
  }
}

TEST_CASE("photo captions give photographers", "[bylines]") {
  const std::vector<Case> cases = {
      {"代表们步入会场。 新华社记者 方启明 摄", {{"reporter", "方启明"}, {"photographer", "方启明"}}},
      {"展台前观众驻足。 中新网记者 田甜摄", {{"reporter", "田甜"}, {"photographer", "田甜"}}},
      {"代表们步入会场。 本报记者 方启明 李想 摄",
       {{"reporter", "方启明"}, {"reporter", "李想"}, {"photographer", "方启明"}, {"photographer", "李想"}}},
      {"会场一角(江山 摄)", {{"photographer", "江山"}}},
      {"会场一角。 李想 王可 摄", {{"photographer", "李想"}, {"photographer", "王可"}}},
      {"工作人员正在拍摄会场。", {}},
  };
  for (const Case &c : cases) {
    INFO(c.text);
    CHECK(bylines_of(c.text) == c.want);
  }
}

TEST_CASE("Traditional bylines come out Simplified", "[bylines][traditional]") {
  const zhmeta::Record r = engine().extract("本報訊(記者林思遠)5月9日,縣委召開會議。\n責任編輯:蔣悅", {"t", std::nullopt});
  REQUIRE(r.bylines.size() == 2);
  CHECK(r.bylines[0].role == "reporter");
  CHECK(r.bylines[0].name == "林思远");
  CHECK(r.bylines[1].role == "editor");
  CHECK(r.bylines[1].name == "蒋悦");
}

TEST_CASE("text that is no byline", "[bylines]") {
  const char *texts[] = {
      "记者从市政府获悉,全市经济运行平稳。",
      "记者:请问今年的工作重点是什么?",
      "镇党委(扩大)会议召开,研究工作。",
      "会上,(李宏 李馨)两位代表发言,介绍了经验做法,大家深受启发。\n会议要求,各地要抓好落实。",
      "记者近日从市摄影家协会获悉,展览将于下月开幕。",
      "图为会议现场。",
      "县委召开会议。\n编辑:二〇一八 十二月",
  };
  for (const char *t : texts) {
    INFO(t);
    CHECK(bylines_of(t).empty());
  }
}

TEST_CASE("publication sources", "[bylines][sources]") {
  using V = std::vector<std::string>;
  CHECK(sources_of("来源:青屏日报\n\n县委召开会议,部署工作。") == V{"青屏日报"});
  CHECK(sources_of("发布时间:2016-10-05 文章来源:临川日报 字体:\n\n县委召开会议。") == V{"临川日报"});
  CHECK(sources_of("稿源:临川网\n\n县委召开会议。") == V{"临川网"});
  CHECK(sources_of("县委召开会议。\n来源:[青屏日报]") == V{"青屏日报"});
  CHECK(sources_of("来源:央广网-财经频道 原创稿\n县委召开会议。") == V{"央广网-财经频道"});
  CHECK(sources_of(" 临川网讯 6月3日,县委召开会议。") == V{"临川网"});
  CHECK(sources_of("新华社北京7月7日电 国务院召开常务会议。") == V{"新华社"});
  CHECK(sources_of("中新社上海10月8日电 (记者 田甜)论坛开幕。") == V{"中新社"});
  CHECK(sources_of("据新华社报道,国务院召开常务会议。") == V{"新华社"});
  CHECK(sources_of("來源:青屏日報\n\n縣委召開會議。") == V{"青屏日报"});
  CHECK(sources_of("本报讯(记者 郑可)县委召开会议。").empty());
  CHECK(sources_of("来源: 发布日期:2018-12-07 打印").empty());
  CHECK(sources_of("项目资金来源:财政拨款。").empty());
  CHECK(sources_of("(青屏廿三日电)县委召开会议。").empty());
  CHECK(sources_of("据了解,全县经济运行平稳。").empty());
  CHECK(sources_of("来源:http://www.example.com/a.html").empty());
  CHECK(sources_of("来源:06:05:47").empty());
  CHECK(sources_of("临川新闻客户端消息 6月3日,县委召开会议。") == V{"临川新闻客户端"});
  CHECK(sources_of("本文来源:青屏日报\n县委召开会议。") == V{"青屏日报"});
  CHECK(sources_of("来源:网络\n县委召开会议。").empty());
  CHECK(sources_of("来源:青屏日报2019-03-07\n县委召开会议。") == V{"青屏日报"});
  CHECK(sources_of("【来源:青屏区人民政府】【作者:邱枫】\n县委召开会议。") == V{"青屏区人民政府"});
}

// Bylines rules are tried, in each window, only where their anchor
// declarations (emit anchor:/lead:) say a match can start. Every rule must
// give, in windows around the role and source words (wide ones as the
// extractor's, narrow ones that cut matches short) and over the whole text of
// every sample article, dev article and rule example, exactly the matches of
// a plain search of the same range.
TEST_CASE("anchored bylines rule runs equal window searches", "[bylines][anchors]") {
  const auto pack = zhmeta::RulePack::load_embedded();
  const zhmeta::RuleSet &rules = pack->kind("bylines");
  // The longest leads (six characters before a role word, four before a
  // slash, eight before a media suffix), matches at the very start, after a
  // line break and at the very end.
  const auto texts = zhmeta::test::anchor_check_texts(
      *pack, {"bylines"},
      {"记者 王明\n青屏县融媒体中心记者 李强 摄\n王小明/文 李强/摄\n(通讯员 刘芳)",
       "青屏县广播电视台讯 据新华社报道\n新华社北京7月7日电\n来源:青屏日报\n编辑|王明"});
  zhmeta::TriggerWindows triggers;
  for (const char *name :
       {"byline_roles", "byline_postfix_roles", "source_labels", "source_triggers"})
    for (const std::string &t : pack->gazetteer(name).terms()) triggers.add(t);
  CHECK(zhmeta::test::anchored_rule_count(*pack, rules) >= 6);
  CHECK(zhmeta::test::check_anchored_runs(*pack, rules, texts, &triggers, {{64, 200}, {4, 4}}) > 200);
}
