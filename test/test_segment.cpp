// Segmentation: lines, sentences and zones on pages written for the test.
#include <catch2/catch.hpp>

#include "normalize/normalizer.hpp"
#include "rules/rule_pack.hpp"
#include "segment/segmenter.hpp"

using zhmeta::Document;
using zhmeta::Zone;

namespace {

Document segment(std::string_view text) {
  static const auto pack = zhmeta::RulePack::load_embedded();
  Document doc;
  zhmeta::normalize(text, doc);
  zhmeta::Segmenter(*pack).run(doc);
  return doc;
}

std::string zones(const Document &doc) {  // one letter a non-blank line
  std::string out;
  for (const auto &l : doc.lines)
    if (!l.blank()) out += l.zone == Zone::header ? 'H' : l.zone == Zone::body ? 'B' : 'F';
  return out;
}

std::vector<std::string> sentences(const Document &doc) {
  std::vector<std::string> out;
  for (const auto &s : doc.sentences) out.emplace_back(doc.slice(s.begin, s.end));
  return out;
}

}  // namespace

TEST_CASE("sentences end at 。！？；, their ASCII forms and line ends", "[segment]") {
  const Document doc = segment("会议召开。他强调：要落实！是否可行？一是;二是\n第二行");
  CHECK(sentences(doc) ==
        std::vector<std::string>{"会议召开。", "他强调:要落实!", "是否可行?", "一是;", "二是", "第二行"});
}

TEST_CASE("closing quotes stay with their sentence", "[segment]") {
  const Document doc = segment("他说：“我们要努力。”会议结束。");
  CHECK(sentences(doc) == std::vector<std::string>{"他说:“我们要努力。”", "会议结束。"});
}

TEST_CASE("a scraped page splits into header, body and footer", "[segment]") {
  const Document doc = segment(
      "首页 > 新闻中心 > 正文\n"
      "某县召开工作会议\n"
      "发布时间：2021-05-06  来源：某县融媒体中心\n"
      "　　5月5日，某县召开全县工作会议。县委书记张三主持会议。\n"
      "　　会议强调，要狠抓落实，确保各项任务按期完成，全面推进乡村振兴。\n"
      "责任编辑：李四\n"
      "【打印】 【关闭】\n"
      "某县召开工作会议\n");
  CHECK(zones(doc) == "HHHBBFFF");
  CHECK(doc.lines[0].boilerplate);   // breadcrumb
  CHECK_FALSE(doc.lines[1].boilerplate);
  CHECK(doc.lines[2].boilerplate);   // 发布时间/来源 line
  CHECK(doc.lines[5].boilerplate);   // 责任编辑
}

TEST_CASE("article text after the last full stop is still body", "[segment]") {
  const Document doc = segment(
      "标题\n"
      "　　全会由县委常委会主持。县委书记王五作工作报告。\n"
      "　　县领导赵六、钱七、孙八、李九等出席开幕式并为获奖代表颁奖\n");
  CHECK(zones(doc) == "HBB");
}

TEST_CASE("a footer marker inside the page ends the body", "[segment]") {
  const Document doc = segment(
      "　　会议要求，各地要压实责任，确保工作落到实处，推动高质量发展取得新成效。\n"
      "（责任编辑：王宁）\n"
      "　　相关阅读：某市召开另一场会议，部署相关工作，要求各地认真落实到位。\n");
  CHECK(zones(doc) == "BFF");
}

TEST_CASE("a short text without article-shaped lines is all body", "[segment]") {
  CHECK(zones(segment("县委召开会议")) == "B");
  CHECK(zones(segment("")) == "");
}

TEST_CASE("e-paper banners and dated bullets are furniture", "[segment]") {
  const Document doc = segment(
      "某某日报 2019年03月07日 星期四\n"
      "2013年12月16日 00时00分\n"
      "　　3月6日，县政协全体会议在县会议中心开幕，县政协主席主持开幕会并作报告。\n");
  CHECK(zones(doc) == "HHB");
  CHECK(doc.lines[1].boilerplate);
}
