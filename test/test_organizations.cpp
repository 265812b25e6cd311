// Organizations: level + institution grammar, region widening, short forms,
// nesting, collectives, types and spans. Every text here is invented.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/document.hpp"
#include "extract/organizations/organizations.hpp"
#include "normalize/normalizer.hpp"
#include "rules/rule_pack.hpp"
#include "segment/segmenter.hpp"
#include "test_support.hpp"
#include "zhmeta/zhmeta.hpp"

namespace {

using zhmeta::test::engine;

std::vector<std::string> org_names(const std::string &text) {
  std::vector<std::string> out;
  for (const auto &o : engine().extract(text).organizations) out.push_back(o.name);
  return out;
}

bool has(const std::vector<std::string> &names, const std::string &name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string type_of(const std::string &text, const std::string &name) {
  for (const auto &o : engine().extract(text).organizations)
    if (o.name == name) return o.type;
  return "(missing)";
}

}  // namespace

TEST_CASE("a level word and an institution make an organization", "[organizations]") {
  const auto names = org_names("市委书记王海峰出席会议。");
  CHECK(names == std::vector<std::string>{"市委"});
}

TEST_CASE("nested departments stay in the name", "[organizations]") {
  CHECK(org_names("市委组织部部长刘清出席。") == std::vector<std::string>{"市委组织部"});
  CHECK(org_names("区政府办公室副主任张明主持。") == std::vector<std::string>{"区政府办公室"});
  CHECK(org_names("县委办公室提交了方案。") == std::vector<std::string>{"县委办公室"});
  CHECK(org_names("北岭市政府新闻办公室发布消息。") ==
        std::vector<std::string>{"北岭市政府新闻办公室"});
}

TEST_CASE("a coordination sharing the level gives one organization each", "[organizations]") {
  const auto names = org_names("随后,县总工会、团县委、县妇联负责人作了发言。");
  CHECK(names == std::vector<std::string>{"县总工会", "团县委", "县妇联"});
}

TEST_CASE("a region name is part of the organization", "[organizations]") {
  CHECK(org_names("江苏省苏州市吴中区总工会获得表彰。") ==
        std::vector<std::string>{"江苏省苏州市吴中区总工会"});
  CHECK(org_names("上午,清河市委副书记赵刚讲话。") == std::vector<std::string>{"清河市委"});
  CHECK(org_names("对标省委、临川市委的部署。") == std::vector<std::string>{"省委", "临川市委"});
  CHECK(org_names("石家庄市委召开会议。") == std::vector<std::string>{"石家庄市委"});
}

TEST_CASE("a region walk steps over the longest level word a place ends with", "[organizations]") {
  // 自治州 and 州 are both level words: the walk must step back over all of
  // 自治州 to reach 清河 (over 州 alone it would stop at 自治, no place).
  CHECK(org_names("清河自治州松阳县委召开会议。") ==
        std::vector<std::string>{"清河自治州松阳县委"});
  // A level word of three and of five characters right after a place.
  CHECK(org_names("据悉,北岭自治县政府和南川特别行政区政府签署协议。") ==
        std::vector<std::string>{"北岭自治县政府", "南川特别行政区政府"});
}

TEST_CASE("中共 before a region belongs to the name", "[organizations]") {
  CHECK(org_names("中共清河市委门户网站") == std::vector<std::string>{"中共清河市委"});
}

TEST_CASE("a verb or preposition before the level word is no region", "[organizations]") {
  CHECK(org_names("区长主持召开市政府常务会议。") == std::vector<std::string>{"市政府"});
  CHECK(org_names("会议在市委党校举行。") == std::vector<std::string>{"市委党校"});
  CHECK(org_names("要围绕县委中心工作。") == std::vector<std::string>{"县委"});
  CHECK(org_names("他当选为区红十字会会长。") == std::vector<std::string>{"区红十字会"});
}

TEST_CASE("central bodies by their fixed short forms", "[organizations]") {
  const auto names = org_names("党中央、中共中央书记处、中央军委和国务院高度重视。");
  CHECK(has(names, "党中央"));
  CHECK(has(names, "中共中央书记处"));
  CHECK(has(names, "中央军委"));
  CHECK(has(names, "国务院"));
  CHECK(org_names("中央财经委员会第五次会议") == std::vector<std::string>{"中央财经委员会"});
}

TEST_CASE("national mass organizations", "[organizations]") {
  const auto names = org_names(
      "中国侨联和中华全国总工会派员,中国记协及共青团中央、中国科协与全国妇联也派员参加。");
  CHECK(names == std::vector<std::string>{"中国侨联", "中华全国总工会", "中国记协", "共青团中央",
                                          "中国科协", "全国妇联"});
}

TEST_CASE("a party or league committee with its term is one organization", "[organizations]") {
  CHECK(org_names("中国共产党南溪县第八届委员会第四次全体会议") ==
        std::vector<std::string>{"中国共产党南溪县第八届委员会"});
  CHECK(org_names("代表共青团浙江省第十五届委员会作报告") ==
        std::vector<std::string>{"共青团浙江省第十五届委员会"});
  CHECK(org_names("主席代表市文联第四届委员会作报告") ==
        std::vector<std::string>{"市文联第四届委员会"});
}

TEST_CASE("a league committee may carry a bare place name", "[organizations]") {
  CHECK(org_names("5月4日上午,松阳团县委召开座谈会。") == std::vector<std::string>{"松阳团县委"});
}

TEST_CASE("full names of mass organizations", "[organizations]") {
  CHECK(org_names("南溪市科学技术协会第二次代表大会开幕") ==
        std::vector<std::string>{"南溪市科学技术协会"});
  CHECK(type_of("南溪市科学技术协会成立", "南溪市科学技术协会") == "science_association");
}

TEST_CASE("collectives and categories are no organizations", "[organizations]") {
  CHECK(org_names("各级党委和有关部门要高度重视。").empty());
  CHECK(org_names("充分发挥群团组织和基层组织的作用。").empty());
  CHECK(org_names("工会、团委、妇联等群团组织").empty());
  CHECK(org_names("各县委要抓好落实。").empty());
}

TEST_CASE("places alone are no organizations", "[organizations]") {
  CHECK(org_names("他来到湖滨区调研。").empty());
  CHECK(org_names("全县上下齐心协力。").empty());
  CHECK(org_names("对我市工作给予肯定。").empty());
}

TEST_CASE("a level character inside a common word starts nothing", "[organizations]") {
  CHECK(org_names("黄桥社区党委书记介绍情况。").empty());
  CHECK(org_names("城市管理局局长").empty());
}

TEST_CASE("bureaus by pattern, but not 大局 or 新局面", "[organizations]") {
  CHECK(org_names("县交通运输局、县自然资源和规划局参加。") ==
        std::vector<std::string>{"县交通运输局", "县自然资源和规划局"});
  CHECK(org_names("全市上下服务大局。").empty());
  CHECK(org_names("开创全市工作新局面。").empty());
  CHECK(org_names("市发改委主任发言。") == std::vector<std::string>{"市发改委"});
}

TEST_CASE("legislature, consultative, discipline, court and procuratorate", "[organizations]") {
  const std::string text =
      "县人大常委会主任、县政协主席、县纪委监委、县人民法院和县人民检察院负责同志参加。";
  CHECK(type_of(text, "县人大常委会") == "legislature");
  CHECK(type_of(text, "县政协") == "cppcc");
  CHECK(type_of(text, "县纪委监委") == "discipline");
  CHECK(type_of(text, "县人民法院") == "court");
  CHECK(type_of(text, "县人民检察院") == "procuratorate");
}

TEST_CASE("人大代表 and 政协委员 name people, not bodies", "[organizations]") {
  CHECK(org_names("人大代表和政协委员").empty());
}

TEST_CASE("each institution has its SPEC type", "[organizations]") {
  const std::string text =
      "市委、市政府、团市委、市科协、市残联、市侨联、市文联、市工商联、市社科联、市红十字会、市纪委"
      "、市总工会、市妇联。";
  CHECK(type_of(text, "市委") == "party");
  CHECK(type_of(text, "市政府") == "government");
  CHECK(type_of(text, "团市委") == "youth_league");
  CHECK(type_of(text, "市科协") == "science_association");
  CHECK(type_of(text, "市残联") == "disabled_federation");
  CHECK(type_of(text, "市侨联") == "overseas_chinese_federation");
  CHECK(type_of(text, "市文联") == "literary_federation");
  CHECK(type_of(text, "市工商联") == "commerce_federation");
  CHECK(type_of(text, "市社科联") == "other_mass_org");
  CHECK(type_of(text, "市红十字会") == "red_cross");
  CHECK(type_of(text, "市纪委") == "discipline");
  CHECK(type_of(text, "市总工会") == "trade_union");
  CHECK(type_of(text, "市妇联") == "womens_federation");
}

TEST_CASE("organizations inside meeting names and document titles", "[organizations]") {
  CHECK(org_names("区政府第8次常务会议召开") == std::vector<std::string>{"区政府"});
  CHECK(org_names("印发《中共中央关于加强基层治理的意见》") ==
        std::vector<std::string>{"中共中央"});
}

TEST_CASE("enterprises, schools, media and hospitals by their open names", "[organizations]") {
  CHECK(org_names("走访了青禾智能装备有限公司。") ==
        std::vector<std::string>{"青禾智能装备有限公司"});
  CHECK(type_of("走访了青禾智能装备有限公司。", "青禾智能装备有限公司") == "enterprise");
  CHECK(org_names("一行走进南岭大学。") == std::vector<std::string>{"南岭大学"});
  CHECK(org_names("鼓励大学生返乡创业。").empty());
  CHECK(type_of("据青川日报报道", "青川日报") == "media");
  CHECK(org_names("在县人民医院检查。") == std::vector<std::string>{"县人民医院"});
}

TEST_CASE("Traditional input gives Simplified names and original spans", "[organizations]") {
  const std::string text = "會上,市總工會作了發言。";
  const auto record = engine().extract(text);
  REQUIRE(record.organizations.size() == 1);
  const auto &org = record.organizations[0];
  CHECK(org.name == "市总工会");
  REQUIRE(org.mentions.size() == 1);
  CHECK(text.substr(org.mentions[0].begin, org.mentions[0].end - org.mentions[0].begin) ==
        "市總工會");
}

TEST_CASE("repeated mentions merge into one organization", "[organizations]") {
  const std::string text = "市委常委会研究。市委书记讲话。";
  const auto record = engine().extract(text);
  REQUIRE(record.organizations.size() == 1);
  CHECK(record.organizations[0].mentions.size() == 2);
  CHECK(text.substr(record.organizations[0].mentions[1].begin, 6) == "市委");
}

TEST_CASE("odd input yields no organizations and no crash", "[organizations]") {
  CHECK(org_names("").empty());
  CHECK(org_names("市").empty());
  CHECK(org_names("委").empty());
  CHECK(org_names("有限公司").empty());
  CHECK(org_names("中共").empty());
}

TEST_CASE("many mentions and long region-like runs stay linear", "[organizations]") {
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "市委、";
  const auto record = engine().extract(many);
  REQUIRE(record.organizations.size() == 1);
  CHECK(record.organizations[0].mentions.size() == 20000);

  std::string chain;
  for (int i = 0; i < 100000; ++i) chain += "甲乙市";
  chain += "委";
  const auto names = org_names(chain);
  REQUIRE(names.size() == 1);
  CHECK(names[0].size() < 60);  // a bounded region chain, not the whole line
}

TEST_CASE("特区 is no 区 level; a State Council office keeps its name", "[organizations]") {
  CHECK(org_names("特区政府有关部门负责人出席。").empty());
  CHECK(org_names("国务院侨务办公室副主任出席。") == std::vector<std::string>{"国务院侨务办公室"});
}

TEST_CASE("the national prefix only goes with national bodies", "[organizations]") {
  CHECK(org_names("全国政协和全国人大常委会").size() == 2);
  CHECK(org_names("中国政府高度重视。").empty());
}

TEST_CASE("management committees of development zones", "[organizations]") {
  CHECK(org_names("青屏经济开发区管委会作了发言。") ==
        std::vector<std::string>{"青屏经济开发区管委会"});
  CHECK(type_of("青屏经济开发区管委会作了发言。", "青屏经济开发区管委会") == "government");
}

TEST_CASE("elliptical members after a full organization are kept", "[organizations]") {
  const std::string text = "县工商联牵头,县侨联、妇联、科协配合,共同办好活动。";
  const auto names = org_names(text);
  CHECK(names == std::vector<std::string>{"县工商联", "县侨联", "妇联", "科协"});
  CHECK(type_of(text, "妇联") == "womens_federation");
  CHECK(type_of(text, "科协") == "science_association");
}

TEST_CASE("bare institution words without a full one are categories", "[organizations]") {
  CHECK(org_names("工会、团委、妇联等群团组织要发挥作用。").empty());
  CHECK(org_names("县妇联、妇联干部").size() == 1);
}

TEST_CASE("a verb before a level word is no place, even after a conjunction", "[organizations]") {
  CHECK(org_names("听取并讨论市政府工作报告。") == std::vector<std::string>{"市政府"});
  CHECK(org_names("政协临江市第九届委员会第二次会议开幕。") ==
        std::vector<std::string>{"政协临江市第九届委员会"});
}

TEST_CASE("a subdistrict office with its place name", "[organizations]") {
  CHECK(org_names("上午,城南街道办事处组织志愿者。") == std::vector<std::string>{"城南街道办事处"});
}

TEST_CASE("a chamber of commerce with its place", "[organizations]") {
  CHECK(org_names("东湾中华总商会举行会员大会。") == std::vector<std::string>{"东湾中华总商会"});
}

TEST_CASE("a town or subdistrict named by itself is an organization", "[organizations]") {
  CHECK(org_names("会上,城南街道、平川镇负责人作了发言。") ==
        std::vector<std::string>{"城南街道", "平川镇"});
  CHECK(org_names("平川镇党委书记") == std::vector<std::string>{"平川镇党委"});
  CHECK(org_names("打造美丽城镇,整治城市街道。").empty());
  CHECK(org_names("各乡镇要抓好落实。").empty());
}

TEST_CASE("the central government's liaison office", "[organizations]") {
  CHECK(org_names("中央人民政府驻香港特别行政区联络办公室负责人出席。") ==
        std::vector<std::string>{"中央人民政府驻香港特别行政区联络办公室"});
}

// The type of a match is read without a match with capture groups when the
// rule's shape allows it (organizations.cpp, build_typing); these rules of
// other shapes check that the answer stays the one RE2's groups give.
namespace {

std::vector<std::pair<std::string, std::string>> typed_with(const std::string &rules,
                                                            const std::string &text) {
  const auto pack = zhmeta::RulePack::load_files({{"organizations/test.rules", rules}});
  zhmeta::Document doc;
  zhmeta::normalize(text, doc);
  zhmeta::Segmenter(*pack).run(doc);
  zhmeta::Record draft;
  zhmeta::OrganizationsExtractor(*pack).run(doc, zhmeta::ExtractOptions{}, draft);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto &o : draft.organizations) out.emplace_back(o.name, o.type);
  return out;
}

using Typed = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("types as RE2's groups give them, whatever the rule's shape", "[organizations]") {
  // Two places where the opening words can end: RE2 takes the first word.
  CHECK(typed_with("rule organizations.t\n  pattern = (?:甲|甲乙)(?:(?P<one>乙丙)|(?P<two>丙))\n"
                   "  emit = type:@group\n",
                   "甲乙丙。") == Typed{{"甲乙丙", "one"}});
  // Groups one after the other: the first group by name that took part.
  CHECK(typed_with("rule organizations.t\n  pattern = (?P<b>甲)(?P<a>乙)\n  emit = type:@group\n",
                   "甲乙。") == Typed{{"甲乙", "a"}});
  // A path that takes no type group keeps the rule's own type.
  CHECK(typed_with("rule organizations.t\n  pattern = 甲(?:(?P<one>乙)|丙)\n  emit = type:@group\n",
                   "甲丙,甲乙。") == Typed{{"甲丙", "@group"}, {"甲乙", "one"}});
}

TEST_CASE("a thread's remembered types belong to the extractor that asked", "[organizations]") {
  // The same rule index and span, opposite answers: the second extractor,
  // made on this thread after the first is gone, must not get its answer.
  const std::string text = "甲乙。";
  CHECK(typed_with("rule organizations.t\n  pattern = (?:甲|丁)(?:(?P<one>乙)|(?P<two>丙))\n"
                   "  emit = type:@group\n",
                   text) == Typed{{"甲乙", "one"}});
  CHECK(typed_with("rule organizations.t\n  pattern = (?:甲|丁)(?:(?P<two>乙)|(?P<one>丙))\n"
                   "  emit = type:@group\n",
                   text) == Typed{{"甲乙", "two"}});
  // And the first again, after the second.
  CHECK(typed_with("rule organizations.t\n  pattern = (?:甲|丁)(?:(?P<one>乙)|(?P<two>丙))\n"
                   "  emit = type:@group\n",
                   text) == Typed{{"甲乙", "one"}});
}

TEST_CASE("the national prefix as RE2's groups give it", "[organizations]") {
  const std::string rules =
      "rule organizations.t\n  pattern = "
      "(?:市|全省|(?P<national>全国|全省))(?:(?P<party>委)|(?P<union>总工会))\n"
      "  emit = type:@group national:union\n";
  // 全国 is only national; 全省 is first a plain word, so national does not take part.
  CHECK(typed_with(rules, "全国总工会、全国委、全省委和市委。") ==
        Typed{{"全国总工会", "union"}, {"全省委", "party"}, {"市委", "party"}});
}
