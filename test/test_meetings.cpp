// Meetings: names, dates, chairs, attendees and event.meeting. Every text
// here is invented, in the genre of local government news.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "zhmeta/zhmeta.hpp"

namespace {

using zhmeta::test::engine;

std::vector<std::string> meeting_names(const std::string &text) {
  std::vector<std::string> out;
  for (const auto &m : engine().extract(text).meetings) out.push_back(m.name);
  return out;
}

const zhmeta::Meeting *find(const zhmeta::Record &r, const std::string &name) {
  for (const auto &m : r.meetings)
    if (m.name == name) return &m;
  return nullptr;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("a name ending in a meeting word, widened over its modifiers", "[meetings]") {
  CHECK(meeting_names("区委统一战线工作会议召开") == Names{"区委统一战线工作会议"});
  CHECK(meeting_names("上午,全市经济工作会议在市会展中心举行。") == Names{"全市经济工作会议"});
  CHECK(meeting_names("在全市安全生产工作会议上,他指出") == Names{"全市安全生产工作会议"});
}

TEST_CASE("the name stops at the verb before it", "[meetings]") {
  CHECK(meeting_names("县长主持召开县政府第12次常务会议。") == Names{"县政府第12次常务会议"});
  CHECK(meeting_names("委员们出席县政协五届一次会议。") == Names{"县政协五届一次会议"});
  CHECK(meeting_names("传达了市委六届九次全会精神。") == Names{"市委六届九次全会"});
}

TEST_CASE("a leading year is not part of the name", "[meetings]") {
  CHECK(meeting_names("2024年全区侨务工作会议召开") == Names{"全区侨务工作会议"});
  CHECK(meeting_names("明天举行202x年度区政府与区级群团组织联席会议。") == Names{"区政府与区级群团组织联席会议"});
  // Han and digit openings of the trim rule, and names that begin with none
  // (the extractor skips the rule there: rules/start_filter.hpp).
  CHECK(meeting_names("去年全市安全生产工作会议召开") == Names{"全市安全生产工作会议"});
  CHECK(meeting_names("12月全县教育工作会议召开") == Names{"全县教育工作会议"});
  CHECK(meeting_names("全区年度统计工作会议召开") == Names{"全区年度统计工作会议"});
}

TEST_CASE("暨 joins two meetings, both kept", "[meetings]") {
  CHECK(meeting_names("市侨联第五届委员会第三次全体会议暨2024年全市侨联工作会议召开") ==
        Names{"市侨联第五届委员会第三次全体会议", "全市侨联工作会议"});
}

TEST_CASE("congress and plenum short forms", "[meetings]") {
  CHECK(meeting_names("深入学习贯彻党的二十大精神") == Names{"党的二十大"});
  CHECK(meeting_names("全面贯彻党的二十届三中全会精神") == Names{"党的二十届三中全会"});
  CHECK(meeting_names("学习贯彻二十届三中全会精神") == Names{"二十届三中全会"});
  CHECK(meeting_names("群团工作是党的一大优势").empty());
}

TEST_CASE("quotes and middle dots of a slogan stay in the name", "[meetings]") {
  CHECK(meeting_names("区妇联召开“清风·家和”主题座谈会。") == Names{"“清风·家和”主题座谈会"});
}

TEST_CASE("a 、 list of levels shares the name; a 、 list of topics is the name", "[meetings]") {
  CHECK(meeting_names("以及全国、全省防汛抗旱电视电话会议精神。") == Names{"全省防汛抗旱电视电话会议"});
  CHECK(meeting_names("全市信访、维稳工作会议召开。") == Names{"全市信访、维稳工作会议"});
}

TEST_CASE("与 joins the bodies of one joint meeting", "[meetings]") {
  CHECK(meeting_names("召开县政府与县总工会联席会议。") == Names{"县政府与县总工会联席会议"});
}

TEST_CASE("和 after a meeting starts the next one", "[meetings]") {
  CHECK(meeting_names("体现了中央农村工作会议和省委全会精神。") == Names{"中央农村工作会议", "省委全会"});
}

TEST_CASE("parentheses inside a name, and a byline before it", "[meetings]") {
  CHECK(meeting_names("区委书记主持召开区委常委(扩大)会。") == Names{"区委常委(扩大)会"});
  CHECK(meeting_names("(记者 林青)市关工委工作推进会召开。") == Names{"市关工委工作推进会"});
}

TEST_CASE("a meeting about another meeting's spirit keeps both", "[meetings]") {
  CHECK(meeting_names("团县委召开学习贯彻共青团浙江省第十六次代表大会精神座谈会。") ==
        Names{"学习贯彻共青团浙江省第十六次代表大会精神座谈会", "共青团浙江省第十六次代表大会"});
}

TEST_CASE("a bare meeting word is no name", "[meetings]") {
  CHECK(meeting_names("会议指出,会上大家发言。").empty());
  CHECK(meeting_names("此次大会意义重大。").empty());
  CHECK(meeting_names("座谈会上,他说。").empty());
}

TEST_CASE("rooms, halls and institutions of meetings are no meetings", "[meetings]") {
  CHECK(meeting_names("在区政府三楼会议室举行。").empty());
  CHECK(meeting_names("在人民大会堂举行。").empty());
  CHECK(meeting_names("县里完善了部门与企业联席会议制度。").empty());
}

TEST_CASE("descriptions of a meeting are no names", "[meetings]") {
  CHECK(meeting_names("开好本次会议,把大会开成团结奋进的大会。").empty());
  CHECK(meeting_names("这是一次重要会议。").empty());
}

TEST_CASE("the legislature is no session, its numbered meeting is", "[meetings]") {
  CHECK(meeting_names("依据《自治县人民代表大会议事规则》").empty());
  CHECK(meeting_names("县第十届人民代表大会第三次会议闭幕。") == Names{"县第十届人民代表大会第三次会议"});
}

TEST_CASE("Traditional input with pinyin artifacts gives a Simplified name", "[meetings]") {
  CHECK(meeting_names("全縣春耕生產工作會(huì)議召開。") == Names{"全县春耕生产工作会议"});
}

TEST_CASE("the date comes from the same sentence", "[meetings]") {
  zhmeta::ExtractOptions options;
  options.pubdate = "2024-05-10";
  const auto record = engine().extract("5月8日上午,全县春耕生产工作会议召开。会议要求抓好落实。", options);
  const auto *meeting = find(record, "全县春耕生产工作会议");
  REQUIRE(meeting);
  REQUIRE(meeting->date);
  CHECK(*meeting->date == "2024-05-08");
}

TEST_CASE("no date in the sentence gives no date", "[meetings]") {
  const auto record = engine().extract("全县春耕生产工作会议召开。");
  const auto *meeting = find(record, "全县春耕生产工作会议");
  REQUIRE(meeting);
  CHECK_FALSE(meeting->date);
}

TEST_CASE("X主持召开 names the chair of the meeting after the verb", "[meetings]") {
  const auto record = engine().extract("3月2日,区长王建国主持召开区政府第9次常务会议。");
  const auto *meeting = find(record, "区政府第9次常务会议");
  REQUIRE(meeting);
  CHECK(meeting->chairs == Names{"王建国"});
}

TEST_CASE("X主持会议 in a later sentence chairs the meeting named before", "[meetings]") {
  const auto record = engine().extract("全市侨务工作会议召开。市委副书记陈志远主持会议。");
  const auto *meeting = find(record, "全市侨务工作会议");
  REQUIRE(meeting);
  CHECK(meeting->chairs == Names{"陈志远"});
}

TEST_CASE("会议由X主持", "[meetings]") {
  const auto record = engine().extract("全县教育工作会议召开,会议由副县长刘晓梅主持。");
  const auto *meeting = find(record, "全县教育工作会议");
  REQUIRE(meeting);
  CHECK(meeting->chairs == Names{"刘晓梅"});
}

TEST_CASE("a place phrase between chair and verb", "[meetings]") {
  const auto record = engine().extract("县长赵立新在县政府二楼会议室主持召开县政府第3次常务会议。");
  const auto *meeting = find(record, "县政府第3次常务会议");
  REQUIRE(meeting);
  CHECK(meeting->chairs == Names{"赵立新"});
}

TEST_CASE("attending is not chairing", "[meetings]") {
  const auto record = engine().extract("全市妇联工作会议召开。市领导孙平、周敏出席会议。");
  const auto *meeting = find(record, "全市妇联工作会议");
  REQUIRE(meeting);
  CHECK(meeting->chairs.empty());
  CHECK(meeting->attendees == Names{"孙平", "周敏"});
}

TEST_CASE("主持人 is no chair verb", "[meetings]") {
  const auto record = engine().extract("全市文艺工作座谈会召开。主持人李娜介绍嘉宾。");
  const auto *meeting = find(record, "全市文艺工作座谈会");
  REQUIRE(meeting);
  CHECK(meeting->chairs.empty());
}

TEST_CASE("event.meeting is the meeting the title reports held", "[meetings][event]") {
  const auto record = engine().extract("全区民政工作会议召开\n\n3月5日,全区民政工作会议召开。区委书记讲话。\n");
  REQUIRE(record.event.meeting);
  CHECK(*record.event.meeting == "全区民政工作会议");
}

TEST_CASE("event.meeting prefers 召开 to a congress that closed", "[meetings][event]") {
  const auto record = engine().extract(
      "5月20日,共青团浙江省第十六次代表大会在杭州闭幕。5月23日,团县委召开学习贯彻共青团浙江省第十六次代表大会"
      "精神座谈会。\n");
  REQUIRE(record.event.meeting);
  CHECK(*record.event.meeting == "学习贯彻共青团浙江省第十六次代表大会精神座谈会");
}

TEST_CASE("a visit is no meeting: event.meeting stays null", "[meetings][event]") {
  CHECK_FALSE(engine().extract("6月3日,市委书记王刚到清河镇调研乡村振兴工作。他强调,要抓好落实。\n").event.meeting);
}

TEST_CASE("a meeting only mentioned, not held, is no event meeting", "[meetings][event]") {
  const auto record = engine().extract("县委书记来到驻地,看望出席县政协五届一次会议的委员。\n");
  CHECK(meeting_names("县委书记来到驻地,看望出席县政协五届一次会议的委员。") == Names{"县政协五届一次会议"});
  CHECK_FALSE(record.event.meeting);
}

TEST_CASE("meeting spans cut the surface form out of the input", "[meetings]") {
  const std::string text = "上午,全縣春耕生產工作會議召開。";
  const auto record = engine().extract(text);
  REQUIRE(record.meetings.size() == 1);
  const auto &span = record.meetings[0].mentions.at(0);
  CHECK(text.substr(span.begin, span.end - span.begin) == "全縣春耕生產工作會議");
}

TEST_CASE("odd input: no meetings, no crash, linear time", "[meetings]") {
  CHECK(meeting_names("").empty());
  CHECK(meeting_names("会议").empty());
  CHECK(meeting_names("主持").empty());
  CHECK(meeting_names("((((会议").empty());
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "全县工作会议";
  CHECK(engine().extract(many).meetings.size() <= 20000);
  std::string chairs;
  for (int i = 0; i < 20000; ++i) chairs += "主持";
  CHECK(engine().extract(chairs).meetings.empty());
}

TEST_CASE("attendance after a studied meeting's 精神 goes to the meeting held", "[meetings]") {
  const auto record =
      engine().extract("全区侨务工作推进会召开。会议传达了全省侨务工作会议精神。区领导方明出席会议。");
  const auto *held = find(record, "全区侨务工作推进会");
  const auto *studied = find(record, "全省侨务工作会议");
  REQUIRE(held);
  REQUIRE(studied);
  CHECK(held->attendees == Names{"方明"});
  CHECK(studied->attendees.empty());
}

TEST_CASE("event.meeting takes the body's fuller name of the title's meeting", "[meetings][event]") {
  const auto record =
      engine().extract("区侨联召开五届二次全体会议\n\n4月9日,区侨联五届二次全体会议在区文化中心召开。\n");
  REQUIRE(record.event.meeting);
  CHECK(*record.event.meeting == "区侨联五届二次全体会议");
}

TEST_CASE("new meeting words: 学习会, 宣讲会", "[meetings]") {
  CHECK(meeting_names("县委理论学习中心组专题学习会召开。") == Names{"县委理论学习中心组专题学习会"});
}

TEST_CASE("暨 between two topics is one meeting", "[meetings]") {
  CHECK(meeting_names("全县2025年度春运暨道路交通安全工作会议召开。") ==
        Names{"全县2025年度春运暨道路交通安全工作会议"});
}

TEST_CASE("a studied meeting's 精神 and a conjunction end the next name", "[meetings]") {
  CHECK(meeting_names("传达了省委九届四次全会精神和市委五届六次全会精神。") ==
        Names{"省委九届四次全会", "市委五届六次全会"});
}

TEST_CASE("a year inside the name is no date of the meeting", "[meetings]") {
  zhmeta::ExtractOptions options;
  options.pubdate = "2025-01-08";
  const auto record = engine().extract("1月7日上午,全县2025年度春运暨道路交通安全工作会议召开。", options);
  REQUIRE(record.meetings.size() == 1);
  REQUIRE(record.meetings[0].date);
  CHECK(*record.meetings[0].date == "2025-01-07");
}

TEST_CASE("a chair with no meeting named but a studied one goes nowhere", "[meetings]") {
  const auto record = engine().extract("县委书记林海主持并讲话。会议传达学习了省委八届二次全会精神。");
  REQUIRE(record.meetings.size() == 1);
  CHECK(record.meetings[0].chairs.empty());
}

TEST_CASE("a title reporting a meeting opened wins over a later 召开", "[meetings][event]") {
  const auto record = engine().extract(
      "县政协九届四次会议开幕\n\n2月3日,县政协九届四次会议在县会议中心开幕。县人大九届四次会议将于2月4日召开。\n");
  REQUIRE(record.event.meeting);
  CHECK(*record.event.meeting == "县政协九届四次会议");
}

TEST_CASE("a meeting still to come is no event meeting", "[meetings][event]") {
  CHECK_FALSE(engine().extract("县委书记到乡镇调研。全县经济工作会议即将召开。\n").event.meeting);
}

TEST_CASE("enlarged sessions keep (扩大) in the name", "[meetings]") {
  CHECK(meeting_names("县委书记主持召开县委常委会(扩大)会议。") == Names{"县委常委会(扩大)会议"});
  CHECK(meeting_names("局长主持召开局党组扩大会议。") == Names{"局党组扩大会议"});
}

// An engine with every rule but the persons rules (their word lists stay):
// chairs then come from the surname-shaped fallback alone.
const zhmeta::Engine &engine_without_persons() {
  static const zhmeta::Engine e = [] {
    namespace fs = std::filesystem;
    const fs::path source = fs::path(ZHMETA_SOURCE_DIR) / "rules";
    // One folder per process: other test runs may build theirs at the same time.
    const fs::path dir = fs::temp_directory_path() / ("zhmeta_test_meetings_rules." + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::copy(source, dir, fs::copy_options::recursive);
    for (const auto &entry : fs::directory_iterator(dir / "persons"))
      if (entry.path().extension() == ".rules") fs::remove(entry.path());
    zhmeta::EngineOptions options;
    options.rules_dir = dir.string();
    zhmeta::Engine engine(options);  // the rules are read now; the folder is no longer needed
    fs::remove_all(dir);
    return engine;
  }();
  return e;
}

TEST_CASE("without persons, a chair is a surname-shaped name after the office", "[meetings]") {
  const auto record = engine_without_persons().extract("全区审计工作会议召开。区政府办公室主任邵卫主持会议。");
  REQUIRE(record.meetings.size() == 1);
  CHECK(record.meetings[0].chairs == Names{"邵卫"});
  const auto other = engine_without_persons().extract("全区审计工作会议召开。会议由区委书记欧阳立新主持。");
  REQUIRE(other.meetings.size() == 1);
  CHECK(other.meetings[0].chairs == Names{"欧阳立新"});
}

TEST_CASE("mentions of one meeting share its most precise date", "[meetings]") {
  zhmeta::ExtractOptions options;
  options.pubdate = "2025-03-02";
  const auto record =
      engine().extract("2025年全区民政工作会议召开\n\n3月1日,2025年全区民政工作会议召开。\n", options);
  const auto *meeting = find(record, "全区民政工作会议");
  REQUIRE(meeting);
  REQUIRE(meeting->date);
  CHECK(*meeting->date == "2025-03-01");
}

TEST_CASE("a template year placeholder is dropped too", "[meetings]") {
  CHECK(meeting_names("某局长在x年度全县统计工作会议上的讲话") == Names{"全县统计工作会议"});
}

TEST_CASE("a title that is a meeting's name reports it", "[meetings][event]") {
  const auto record = engine().extract("区政府第12次常务会议\n\n5月6日,区长主持会议,研究部署防汛工作。\n");
  REQUIRE(record.event.meeting);
  CHECK(*record.event.meeting == "区政府第12次常务会议");
}

TEST_CASE("a title that mentions a meeting among other words does not", "[meetings][event]") {
  CHECK_FALSE(engine().extract("市长到企业调研时要求落实全市安全生产工作会议部署\n\n6月3日,市长到企业调研。\n").event.meeting);
}
