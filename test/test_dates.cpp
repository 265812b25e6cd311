// Dates: the grammar (rules/dates), resolution against the publication date,
// the publication date itself and event.date. All texts are invented in the
// genre of the corpus; every expected value was worked out by hand.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/document.hpp"
#include "core/trigger_windows.hpp"
#include "extract/dates/date_value.hpp"
#include "normalize/normalizer.hpp"
#include "anchor_check.hpp"
#include "rules/anchored_rules.hpp"
#include "test_support.hpp"
#include "zhmeta/zhmeta.hpp"

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;  // (surface text, value)

using zhmeta::test::engine;

zhmeta::Record extract(const std::string &text, std::optional<std::string> pubdate = std::nullopt) {
  return engine().extract(text, {"t", std::move(pubdate)});
}

Pairs dates_of(const zhmeta::Record &r) {
  Pairs out;
  for (const auto &d : r.dates) out.emplace_back(d.text, d.value);
  return out;
}

std::vector<std::string> values_of(const zhmeta::Record &r) {
  std::vector<std::string> out;
  for (const auto &d : r.dates) out.push_back(d.value);
  return out;
}

struct Case {
  const char *text;
  const char *pubdate;  // nullptr: no hint
  Pairs want;
};

void run_cases(const std::vector<Case> &cases) {
  for (const Case &c : cases) {
    INFO("text: " << c.text << "  pubdate: " << (c.pubdate ? c.pubdate : "-"));
    const auto r = extract(c.text, c.pubdate ? std::optional<std::string>(c.pubdate) : std::nullopt);
    CHECK(dates_of(r) == c.want);
  }
}

}  // namespace

TEST_CASE("explicit calendar dates keep what they write", "[dates]") {
  run_cases({
      {"2018年12月6日,县委召开全体会议。", nullptr, {{"2018年12月6日", "2018-12-06"}}},
      {"二〇一八年十二月六日,镇党委召开会议。", nullptr, {{"二〇一八年十二月六日", "2018-12-06"}}},
      {"二〇二〇年一月三十一日", nullptr, {{"二〇二〇年一月三十一日", "2020-01-31"}}},
      {"2019年03月07日 星期四", nullptr, {{"2019年03月07日", "2019-03-07"}}},
      {"发布时间:2016-10-05 07:15:42", nullptr, {{"2016-10-05 07:15:42", "2016-10-05"}}},
      {"2018.12.07", nullptr, {{"2018.12.07", "2018-12-07"}}},
      {"2019/3/5 发布", nullptr, {{"2019/3/5", "2019-03-05"}}},
      {"05.06.2018", nullptr, {{"05.06.2018", "2018-06-05"}}},
      {"2015年,全县完成造林任务。", nullptr, {{"2015年", "2015"}}},
      {"2015年11月,全县完成验收。", nullptr, {{"2015年11月", "2015-11"}}},
      {"审议2022年度履职考核方案。", nullptr, {{"2022年度", "2022"}}},
      {"召开202x年度工作总结会。", nullptr, {{"202x年度", "202X"}}},
      {"20xx年,我镇建立了网格制度。", nullptr, {{"20xx年", "20XX"}}},
      {"2019年3月5日下午3时30分,会议开幕。", nullptr, {{"2019年3月5日下午3时30分", "2019-03-05"}}},
      {"2013年12月16日 00时00分", nullptr, {{"2013年12月16日 00时00分", "2013-12-16"}}},
      {"1998年6月,他参加工作。", nullptr, {{"1998年6月", "1998-06"}}},
      {"2019年3-5月,全县开展专项行动。", nullptr, {{"2019年", "2019"}}},
      {"A01版 2023年04 02 星期日", nullptr, {}},
      {"2021年是建党100周年。", nullptr, {{"2021年", "2021"}}},
      {"审议2019年预算执行情况和2020年预算草案", nullptr, {{"2019年", "2019"}, {"2020年", "2020"}}},
  });
}

TEST_CASE("partial dates without an anchor keep X for what is unknown", "[dates]") {
  run_cases({
      {"3月24日上午,全市工作会议召开。", nullptr, {{"3月24日上午", "XXXX-03-24"}}},
      {"十二月六日,镇里召开会议。", nullptr, {{"十二月六日", "XXXX-12-06"}}},
      {"26日,青屏县科协召开代表大会。", nullptr, {{"26日", "XXXX-XX-26"}}},
      {"县长27日在京出席论坛。", nullptr, {{"27日", "XXXX-XX-27"}}},
      {"二十六日,会议闭幕。", nullptr, {{"二十六日", "XXXX-XX-26"}}},
      {"今天下午,镇长主持召开会议。", nullptr, {{"今天下午", "XXXX-XX-XX"}}},
      {"今年以来,全县经济稳中向好。", nullptr, {{"今年", "XXXX"}}},
      {"本月,全县开展安全检查。", nullptr, {{"本月", "XXXX-XX"}}},
      {"当天,调研组一行察看了项目。", nullptr, {{"当天", "XXXX-XX-XX"}}},
      {"去年12月,项目开工。", nullptr, {{"去年12月", "XXXX-12"}}},
      {"11月9日下午,镇党委书记走访企业。", nullptr, {{"11月9日下午", "XXXX-11-09"}}},
      {"三月三日,会议开幕。", nullptr, {{"三月三日", "XXXX-03-03"}}},
  });
}

TEST_CASE("things that are not dates", "[dates]") {
  const char *texts[] = {
      "市委日前发出通知,要求认真落实。",
      "近日,市委召开会议。",
      "近年来,全市群团工作成效明显。",
      "两年来,改革取得明显成效。",
      "五年来,全县经济总量翻番。",
      "奋力开创“十四五”发展新局面。",
      "深入学习党的十九届五中全会精神。",
      "迎接建党100周年。",
      "根据青政发〔2019〕5号文件精神。",
      "服务热线 0791-86753021",
      "详见 http://www.example.com/news/2019-05-06/37755.html",
      "软件版本 v1.2.3 已发布",
      "在30日内办结。",
      "请于5个工作日内答复。",
      "共创美好的明天。",
      "三季度是关键期。",
      "节日期间注意安全。",
      "今后十几天里,委员们将认真履职。",
  };
  for (const char *t : texts) {
    INFO(t);
    CHECK(extract(t).dates.empty());
  }
}

TEST_CASE("month/day and day-only dates resolve against the publication date", "[dates][resolve]") {
  run_cases({
      {"12月30日,县委召开全会。", "2019-01-02", {{"12月30日", "2018-12-30"}}},
      {"1月1日,新规施行。", "2019-01-02", {{"1月1日", "2019-01-01"}}},
      {"12月6日,市委召开会议。", "2018-12-07", {{"12月6日", "2018-12-06"}}},
      {"26日,市科协召开代表大会。", "2018-12-07", {{"26日", "2018-11-26"}}},
      {"6日,市科协召开代表大会。", "2018-12-07", {{"6日", "2018-12-06"}}},
      {"28日,县里召开会议。", "2019-01-02", {{"28日", "2018-12-28"}}},
      {"2月29日,会议召开。", "2020-03-01", {{"2月29日", "2020-02-29"}}},
      {"将于12月10日召开。", "2018-12-05", {{"12月10日", "2018-12-10"}}},
      {"7月6日至7日,培训班举办。", "2019-08-01", {{"7月6日", "2019-07-06"}, {"7日", "2019-07-07"}}},
      {"1日至3日,全县开展检查。", "2019-08-05", {{"1日", "2019-08-01"}, {"3日", "2019-08-03"}}},
      {"10月19日至23日,展会举行。", "2019-10-25", {{"10月19日", "2019-10-19"}, {"23日", "2019-10-23"}}},
      // The end of a range takes its month from the date before it, not from
      // the publication date (against which 7日 would be 2019-10-07).
      {"7月6日至7日,培训班举办。", "2019-10-25", {{"7月6日", "2019-07-06"}, {"7日", "2019-07-07"}}},
  });
}

TEST_CASE("a dotted numeric date with the year last reads day.month.year", "[dates]") {
  run_cases({
      {"发布时间:05.06.2018 09:40\n县委召开会议。", nullptr, {{"05.06.2018 09:40", "2018-06-05"}}},
      {"22.07.2015 县委召开会议。", nullptr, {{"22.07.2015", "2015-07-22"}}},
  });
}

TEST_CASE("deictic words resolve against the publication date", "[dates][resolve]") {
  run_cases({
      {"今天,县委召开会议。", "2018-12-07", {{"今天", "2018-12-07"}}},
      {"今日,县委召开会议。", "2018-12-07", {{"今日", "2018-12-07"}}},
      {"昨天,县委召开会议。", "2018-12-07", {{"昨天", "2018-12-06"}}},
      {"昨日下午,县委召开会议。", "2019-01-01", {{"昨日下午", "2018-12-31"}}},
      {"前天,县委召开会议。", "2018-12-07", {{"前天", "2018-12-05"}}},
      {"明天,县委将召开会议。", "2018-12-31", {{"明天", "2019-01-01"}}},
      {"今年以来,全县经济稳中向好。", "2018-12-07", {{"今年", "2018"}}},
      {"去年同期增长5%。", "2018-12-07", {{"去年", "2017"}}},
      {"明年将全面完成。", "2018-12-07", {{"明年", "2019"}}},
      {"本月,全县开展安全检查。", "2018-12-07", {{"本月", "2018-12"}}},
      {"上月,全县开展安全检查。", "2019-01-15", {{"上月", "2018-12"}}},
      {"去年12月,项目开工。", "2018-12-07", {{"去年12月", "2017-12"}}},
      {"今年3月5日上午,会议召开。", "2018-12-07", {{"今年3月5日上午", "2018-03-05"}}},
      {"12月6日,市委书记调研。当天,一行人察看了现场。", "2018-12-07",
       {{"12月6日", "2018-12-06"}, {"当天", "2018-12-06"}}},
  });
}

TEST_CASE("a wire dateline anchors the day-only dates and deictics after it", "[dates][resolve]") {
  run_cases({
      {"新华社北京7月7日电 国务院6日召开常务会议。", nullptr, {{"7月7日", "XXXX-07-07"}, {"6日", "XXXX-07-06"}}},
      {"中新社上海10月8日电 今天,论坛开幕。", nullptr, {{"10月8日", "XXXX-10-08"}, {"今天", "XXXX-10-08"}}},
      {"中新社上海10月8日电 论坛7日开幕。", "2020-10-09", {{"10月8日", "2020-10-08"}, {"7日", "2020-10-07"}}},
      {"(青屏廿三日电)县委召开会议。", nullptr, {{"廿三日", "XXXX-XX-23"}}},
      {"本报上海3月5日讯 会议召开。", nullptr, {{"3月5日", "XXXX-03-05"}}},
      {"新华社北京2019年7月7日电 国务院6日召开常务会议。", nullptr,
       {{"2019年7月7日", "2019-07-07"}, {"6日", "2019-07-06"}}},
      {"3月3日,会议开幕。4日,代表分组讨论。", nullptr, {{"3月3日", "XXXX-03-03"}, {"4日", "XXXX-03-04"}}},
  });
}

TEST_CASE("Traditional text goes through the whole engine", "[dates][traditional]") {
  run_cases({
      {"二〇一九年三月五日,縣委召開會議。", nullptr, {{"二〇一九年三月五日", "2019-03-05"}}},
      {"12月6日,市委書記深入機關調研。當天,一行人察看了現場。", "2018-12-07",
       {{"12月6日", "2018-12-06"}, {"当天", "2018-12-06"}}},  // text is normalized
      {"昨天,縣政府召開常務會議。", "2019-01-02", {{"昨天", "2019-01-01"}}},
      {"中新社上海10月8日電 論壇7日開幕。", nullptr, {{"10月8日", "XXXX-10-08"}, {"7日", "XXXX-10-07"}}},
      {"去年同期增長5%。", "2020-06-01", {{"去年", "2019"}}},
  });
  const auto r = extract("發布時間:2019-03-07 10:21\n\n縣委召開會議,研究部署工作。", std::nullopt);
  CHECK(r.publication.date == std::optional<std::string>("2019-03-07"));
  CHECK(r.publication.datetime == std::optional<std::string>("2019-03-07T10:21:00"));
}

TEST_CASE("publication date comes from labels and page stamps, never from the body", "[dates][publication]") {
  SECTION("labelled, with a datetime") {
    const auto r = extract("青屏县召开工作会议\n发布时间:2016-10-05 07:15:42  来源:青屏日报\n\n5日,县委召开会议,研究部署工作。");
    CHECK(r.publication.date == std::optional<std::string>("2016-10-05"));
    CHECK(r.publication.datetime == std::optional<std::string>("2016-10-05T07:15:42"));
    CHECK(values_of(r) == std::vector<std::string>{"2016-10-05", "2016-10-05"});
  }
  SECTION("a stray page date loses to the stamped one with a time") {
    const auto r = extract(
        "2020-07-14\n\n青屏县召开联席会议\n\n • 2013年12月16日 00时00分\n\n12月13日上午,县长主持召开联席会议,研究部署工作。");
    CHECK(r.publication.date == std::optional<std::string>("2013-12-16"));
    CHECK(values_of(r) == std::vector<std::string>{"2020-07-14", "2013-12-16", "2013-12-13"});
  }
  SECTION("a date in the lead is no publication date") {
    const auto r = extract("2023年12月26日,区长主持召开区政府第9次常务会议,研究有关事项。");
    CHECK_FALSE(r.publication.date.has_value());
    CHECK(r.event.date == std::optional<std::string>("2023-12-26"));
  }
  SECTION("an empty label gives nothing") {
    const auto r = extract("发布日期:\n3月6日上午,县残联召开工作会议,部署全年工作。");
    CHECK_FALSE(r.publication.date.has_value());
    CHECK(values_of(r) == std::vector<std::string>{"XXXX-03-06"});
  }
  SECTION("a European page stamp, day first") {
    const auto r = extract("区慈善总会召开理事会\n\n05.06.2018  09:40\n\n5月29日下午,区慈善总会召开理事会,审议工作报告。");
    CHECK(r.publication.date == std::optional<std::string>("2018-06-05"));
    CHECK(r.event.date == std::optional<std::string>("2018-05-29"));
  }
  SECTION("an e-paper banner") {
    const auto r = extract("A03版 2022年05月16日 要闻\n\n本报讯(记者 林思远)14日,县委召开常委会会议,研究部署工作。");
    CHECK(r.publication.date == std::optional<std::string>("2022-05-16"));
    CHECK(r.event.date == std::optional<std::string>("2022-05-14"));
  }
  SECTION("the caller's hint wins") {
    const auto r = extract("发布时间:2019-03-07 10:21\n\n6日,县委召开会议,研究部署工作。", "2019-03-08");
    CHECK(r.publication.date == std::optional<std::string>("2019-03-08"));
    CHECK_FALSE(r.publication.datetime.has_value());
    CHECK(values_of(r) == std::vector<std::string>{"2019-03-07", "2019-03-06"});
  }
  SECTION("a notice's 时间: line in the body is no publication date") {
    const auto r = extract(
        "关于召开全县安全生产工作会议的通知\n\n各乡镇、县直各部门:\n经县政府研究,决定召开全县安全生产工作会议,现将有关事项通知如下。\n"
        "时间:2019年3月5日上午9时\n地点:县政府三楼会议室\n请各单位主要负责同志准时参加,不得缺席。\n");
    CHECK_FALSE(r.publication.date.has_value());
  }
  SECTION("a hint with a time, and a malformed hint") {
    CHECK(extract("县委召开会议,研究部署工作。", "2019-03-08T10:00:00").publication.date ==
          std::optional<std::string>("2019-03-08"));
    CHECK_FALSE(extract("县委召开会议,研究部署工作。", "March 8").publication.date.has_value());
  }
  SECTION("nothing comes from the clock") {
    const auto r = extract("县委召开会议,研究部署工作。");
    CHECK_FALSE(r.publication.date.has_value());
    CHECK_FALSE(r.event.date.has_value());
  }
}

TEST_CASE("event.date is the date of the lead", "[dates][event]") {
  SECTION("the lead after 本报讯") {
    const auto r = extract("本报讯(记者林思远)5月9日,县委召开全县工作会议,部署全年工作。", "2019-05-10");
    CHECK(r.event.date == std::optional<std::string>("2019-05-09"));
  }
  SECTION("a background lead gives way to the reported event of the next paragraph") {
    const auto r = extract(
        "5月8日,省妇女第十三次代表大会在省城闭幕,选举产生了新一届执委会。\n"
        "5月11日下午,县妇联召开学习贯彻省妇代会精神座谈会,机关全体干部参加。\n");
    CHECK(r.event.date == std::optional<std::string>("XXXX-05-11"));
  }
  SECTION("a dated lead after a dateline") {
    const auto r = extract("新华社北京7月7日电 (记者 方启明)国务院6日召开常务会议,部署有关工作。");
    CHECK(r.event.date == std::optional<std::string>("XXXX-07-06"));
  }
  SECTION("the dateline when the lead has no date") {
    const auto r = extract("新华社北京7月7日电 国务院召开常务会议,部署有关工作。");
    CHECK(r.event.date == std::optional<std::string>("XXXX-07-07"));
  }
  SECTION("a speech transcript's 今天 dates no reported event") {
    const auto r = extract("同志们:\n今天,我们在这里召开全县农村工作会议,主要任务是总结工作、部署任务。", "2024-12-03");
    CHECK_FALSE(r.event.date.has_value());
    CHECK(values_of(r) == std::vector<std::string>{"XXXX-XX-XX"});
  }
  SECTION("a year alone dates no event") {
    const auto r = extract("2016年,全县完成造林任务,成效明显。");
    CHECK_FALSE(r.event.date.has_value());
  }
}

TEST_CASE("date values: numerals, formatting, arithmetic", "[dates][value]") {
  using namespace zhmeta::dates;
  CHECK(parse_numeral("26") == std::optional<int>(26));
  CHECK(parse_numeral("07") == std::optional<int>(7));
  CHECK(parse_numeral("十") == std::optional<int>(10));
  CHECK(parse_numeral("十二") == std::optional<int>(12));
  CHECK(parse_numeral("二十六") == std::optional<int>(26));
  CHECK(parse_numeral("廿三") == std::optional<int>(23));
  CHECK(parse_numeral("卅一") == std::optional<int>(31));
  CHECK(parse_numeral("三十") == std::optional<int>(30));
  CHECK(parse_numeral("二〇一八") == std::optional<int>(2018));
  CHECK_FALSE(parse_numeral("年").has_value());
  CHECK_FALSE(parse_numeral("").has_value());

  int year = 0;
  std::string mask;
  CHECK(parse_year("202x", year, mask));
  CHECK(mask == "202X");
  CHECK(parse_year("二〇一九", year, mask));
  CHECK(year == 2019);
  CHECK(mask.empty());

  CalendarDate d;
  d.month = 3;
  d.day = 24;
  CHECK(format(d) == "XXXX-03-24");
  d.month = 0;
  CHECK(format(d) == "XXXX-XX-24");
  d = CalendarDate{2018, 12, 6, "", Precision::month};
  CHECK(format(d) == "2018-12");
  d.precision = Precision::year;
  CHECK(format(d) == "2018");
  // Zero-padded to four year digits and two month and day digits, longer
  // years written whole, a year mask as it is.
  CHECK(format(CalendarDate{5, 7, 9, "", Precision::day}) == "0005-07-09");
  CHECK(format(CalendarDate{12345, 11, 30, "", Precision::day}) == "12345-11-30");
  CHECK(format(CalendarDate{0, 0, 0, "20xx", Precision::month}) == "20xx-XX");

  CHECK(format(add_days(CalendarDate{2019, 1, 1, "", Precision::day}, -1)) == "2018-12-31");
  CHECK(format(add_days(CalendarDate{2020, 2, 28, "", Precision::day}, 1)) == "2020-02-29");
  CHECK(format(add_days(CalendarDate{0, 3, 1, "", Precision::day}, -1)) == "XXXX-02-28");
  CHECK(format(add_months(CalendarDate{2019, 1, 0, "", Precision::month}, -1)) == "2018-12");
  CHECK(year_for_month_day(CalendarDate{2019, 1, 2, "", Precision::day}, 12, 30) == 2018);
  CHECK(year_for_month_day(CalendarDate{2019, 1, 2, "", Precision::day}, 1, 2) == 2019);
  CHECK_FALSE(parse_iso("2019-02-30").has_value());
  CHECK(parse_iso("2019-02-28").has_value());
}

// Date rules are tried, in each window, only where their anchor declarations
// (emit anchor:/lead:) say a match can start. A declaration that misses a
// start would lose dates silently: every rule must give, in the extractor's
// windows, in narrow windows that cut matches short and over the whole text
// of every sample article, dev article and rule example, exactly the matches
// of a plain search of the same range.
TEST_CASE("anchored date rule runs equal window searches", "[dates][anchors]") {
  const auto pack = zhmeta::RulePack::load_embedded();
  const zhmeta::RuleSet &rules = pack->kind("dates");
  // The longest leads (a four-character year and a space, a two-digit month
  // and a space, a three-character day, a dateline with every part), matches
  // at the very start, after a line break and at the very end.
  const auto texts = zhmeta::test::anchor_check_texts(
      *pack, {"dates"},
      {"2019 年3月5日\n12 月 6 日 二〇一八年十二月三十一日\n新华社北京二〇一九年十二月三十一日电",
       "05.06.2018 0791-86753021 市政发〔2019〕5号 www.example.com/2019-05-06 今日头条 去年12月 "
       "3日至31日",
       "发布时间:2016-10-05 07:15:42\n昨天\n31日"});
  zhmeta::TriggerWindows triggers;
  for (const std::string &t : pack->gazetteer("date_triggers").terms()) triggers.add(t);
  triggers.add_digit_separators();
  CHECK(zhmeta::test::anchored_rule_count(*pack, rules) >= 10);
  CHECK(zhmeta::test::check_anchored_runs(*pack, rules, texts, &triggers, {{64, 96}, {4, 4}}) > 500);
}
