// core/trigger_windows: the windows extractors run their rules on.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/trigger_windows.hpp"

using zhmeta::TriggerWindows;
using zhmeta::Window;

namespace {

std::vector<std::string> cut(const std::string &text, const TriggerWindows &t, std::size_t before, std::size_t after) {
  std::vector<Window> windows;
  t.find(text, before, after, windows);
  std::vector<std::string> out;
  for (const Window &w : windows) out.push_back(text.substr(w.begin, w.end - w.begin));
  return out;
}

}  // namespace

TEST_CASE("windows surround triggers, clipped to their line", "[windows]") {
  TriggerWindows t;
  t.add("日");
  // Each window stays on its line. 6 bytes before 日 ends inside 议, so the
  // window starts at the next code point, 于; 6 bytes after 日 are 召开.
  CHECK(cut("会议于5日召开\n次年再议", t, 6, 6) == std::vector<std::string>{"于5日召开"});
  CHECK(cut("第一行\n5日\n第三行", t, 30, 30) == std::vector<std::string>{"5日"});
  CHECK(cut("没有触发词", t, 30, 30).empty());
}

TEST_CASE("windows snap to code points and merge when they touch", "[windows]") {
  TriggerWindows t;
  t.add("日");
  // 2 bytes before 日 falls inside 于 (3 bytes): the window starts at 5.
  const auto w = cut("会议于5日召开", t, 2, 0);
  REQUIRE(w.size() == 1);
  CHECK(w[0] == "5日");
  CHECK(cut("5日6日", t, 2, 2) == std::vector<std::string>{"5日6日"});
}

TEST_CASE("a one-character trigger can require a separator", "[windows]") {
  TriggerWindows t;
  t.add("文", true);
  CHECK(cut("文件精神", t, 0, 3).empty());
  CHECK(cut("文/江山", t, 0, 7) == std::vector<std::string>{"文/江山"});  // / 江 山 = 7 bytes
  CHECK(cut("图文", t, 0, 0) == std::vector<std::string>{"文"});  // the end of the text separates
}

TEST_CASE("digit separators trigger numeric dates", "[windows]") {
  TriggerWindows t;
  t.add_digit_separators();
  // Triggers at 9-0 and 3-0; 3 bytes before and 1 after each cover the date exactly.
  CHECK(cut("发布 2019-03-07 来源", t, 3, 1) == std::vector<std::string>{"2019-03-07"});
  CHECK(cut("共12345人", t, 10, 10).empty());
}

TEST_CASE("digit separators are found at every offset among Chinese text", "[windows]") {
  // The scan skips eight bytes at a time where no byte is ASCII: put the
  // date at each offset from 0 to 15 behind Han characters (3 bytes each)
  // and ASCII padding, and follow it with more Han text.
  TriggerWindows t;
  t.add_digit_separators();
  for (std::size_t han = 0; han < 6; ++han)
    for (const std::string pad : {"", "a", "ab"}) {
      std::string before;
      for (std::size_t i = 0; i < han; ++i) before += "会";
      before += pad;
      const std::string text = before + "3-5" + "会议在镇政府召开会议在镇政府召开";
      INFO("date at byte " << before.size());
      // 0 bytes before the trigger and none after it: the window is the trigger.
      CHECK(cut(text, t, 0, 0) == std::vector<std::string>{"3-5"});
    }
  CHECK(cut("会议在镇政府召开会议在镇政府召开", t, 0, 0).empty());
}

TEST_CASE("a capped window says so", "[windows]") {
  TriggerWindows t;
  t.add("日");
  std::vector<Window> windows;
  t.find("5日召开会议", 0, 3, windows);
  REQUIRE(windows.size() == 1);
  CHECK(windows[0].cut);
  t.find("5日", 0, 30, windows);
  REQUIRE(windows.size() == 1);
  CHECK_FALSE(windows[0].cut);
}
