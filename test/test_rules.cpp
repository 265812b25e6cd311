// The rule-file format: every rule's examples and counter-examples, the loader's
// error messages, and layering of user rule folders.
#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "rules/literal_scanner.hpp"
#include "rules/rule_pack.hpp"
#include "zhmeta/zhmeta.hpp"

using zhmeta::RulePack;

namespace {

std::string load_error(const std::vector<std::pair<std::string, std::string>> &files) {
  try {
    RulePack::load_files(files);
  } catch (const zhmeta::Error &e) {
    return e.what();
  }
  return "";
}

}  // namespace

// Runs the `example` and `counter` lines of every embedded rule. Each rule is its
// own section so a failure names the rule, its file and line.
TEST_CASE("every embedded rule matches its examples and none of its counter-examples", "[rules]") {
  const auto pack = RulePack::load_embedded();
  std::size_t examples = 0;
  for (const auto &[kind, set] : pack->kinds()) {
    for (const auto &rule : set.rules()) {
      INFO(rule.file << ":" << rule.line << " rule " << rule.id);
      for (const auto &ex : rule.examples) {
        INFO("example (line " << ex.line << "): " << ex.text);
        re2::StringPiece groups[64];
        const int n = std::min(rule.re->NumberOfCapturingGroups() + 1, 64);
        const bool matched = rule.re->Match(ex.text, 0, ex.text.size(), RE2::UNANCHORED, groups, n);
        CHECK(matched);
        if (!matched) continue;
        for (const auto &[name, want] : ex.groups) {
          INFO("group " << name);
          auto it = rule.groups.find(name);
          REQUIRE(it != rule.groups.end());
          const auto &g = groups[it->second];
          CHECK(std::string(g.data() ? std::string(g.data(), g.size()) : "") == want);
        }
        ++examples;
      }
      for (const auto &[text, line] : rule.counterexamples) {
        INFO("counter-example (line " << line << "): " << text);
        CHECK_FALSE(RE2::PartialMatch(text, *rule.re));
        ++examples;
      }
    }
  }
  CHECK(examples > 0);
}

// The literal prefilter (RuleSet::candidates) may let extra rules through but
// must never drop one that matches: every example of every rule, and every
// example of a sibling rule, is checked against the exact answer.
TEST_CASE("the literal prefilter never drops a rule that matches", "[rules]") {
  const auto pack = RulePack::load_embedded();
  std::size_t checked = 0;
  for (const auto &[kind, set] : pack->kinds()) {
    std::vector<int> exact, candidates;
    for (const auto &rule : set.rules())
      for (const auto &ex : rule.examples) {
        INFO(kind << " example of " << rule.id << ": " << ex.text);
        set.candidates(ex.text, candidates);
        for (std::size_t i = 0; i < set.rules().size(); ++i)
          if (RE2::PartialMatch(ex.text, *set.rules()[i].re)) {
            INFO("rule " << set.rules()[i].id);
            CHECK(std::binary_search(candidates.begin(), candidates.end(), static_cast<int>(i)));
            ++checked;
          }
        set.matching(ex.text, exact);
        CHECK(std::includes(candidates.begin(), candidates.end(), exact.begin(), exact.end()));
      }
  }
  CHECK(checked > 200);
}

TEST_CASE("the literal prefilter filters: a text without a rule's words lets it by", "[rules]") {
  const auto pack = RulePack::load_files({
      {"demo/a.rules",
       "rule demo.meeting\n  pattern = (?P<name>\\p{Han}{2,8})会议\n"
       "rule demo.date\n  pattern = \\d{1,2}月\\d{1,2}日\n"
       "rule demo.latin\n  pattern = (?i)Xinhua\n"
       "rule demo.any\n  pattern = \\p{Han}{2}\n"},
  });
  const auto &set = pack->kind("demo");
  std::vector<int> candidates;
  set.candidates("县里召开工作会议", candidates);
  CHECK(candidates == std::vector<int>{0, 3});  // demo.any has no literal: always a candidate
  set.candidates("5月9日上午", candidates);
  CHECK(candidates == std::vector<int>{1, 3});
  set.candidates("XINHUA reports", candidates);  // atoms are matched case-insensitively
  CHECK(candidates == std::vector<int>{2, 3});
  set.candidates("", candidates);
  CHECK(candidates == std::vector<int>{3});
}

TEST_CASE("a rule file with examples loads and matches with named groups", "[rules]") {
  const auto pack = RulePack::load_files({
      {"gaz/roles.txt", "reporter|记者|本报记者\neditor|编辑|责编\n"},
      {"demo/a.rules",
       "define MONTH = 1[0-2]|0?[1-9]\n"
       "rule demo.md\n"
       "  pattern = (?P<month>{MONTH})月(?P<day>\\d{1,2})日\n"
       "  priority = 3\n"
       "  emit = precision:day note:x\n"
       "  example = 12月6日 => month=12 day=6\n"
       "rule demo.role\n"
       "  pattern = (?P<role>{@roles})\\s*(?P<name>\\p{Han}{2,3})\n"},
  });
  const auto &set = pack->kind("demo");
  REQUIRE(set.rules().size() == 2);
  const auto &md = set.rules()[0];
  CHECK(md.id == "demo.md");
  CHECK(md.priority == 3);
  CHECK(md.emit_value("precision") == "day");
  CHECK(md.emit_value("missing", "fallback") == "fallback");
  CHECK(pack->gazetteer("roles").canonical("本报记者") == "reporter");
  CHECK(pack->gazetteer("roles").canonical("责编") == "editor");
  CHECK(pack->gazetteer("roles").canonical("作者").empty());

  const std::string text = "本报记者王宁报道,12月6日,3月24日";
  std::vector<std::string> found;
  set.for_each_match(text, 0, text.size(), [&](const zhmeta::RuleMatch &m) {
    if (m.rule().id == "demo.md")
      found.push_back(std::string(m.group("month")) + "/" + std::string(m.group("day")));
    else
      found.push_back(std::string(m.group("role")) + ":" + std::string(m.group("name")));
  });
  // The longest gazetteer term wins inside the alternation (本报记者, not 记者).
  CHECK(found == std::vector<std::string>{"12/6", "3/24", "本报记者:王宁报"});
}

TEST_CASE("match offsets are absolute and respect the searched range", "[rules]") {
  const auto pack = RulePack::load_files({{"k/a.rules", "rule k.x\n  pattern = (?P<w>会议)\n"}});
  const std::string text = "会议一会议二会议";
  std::vector<std::size_t> starts;
  pack->kind("k").for_each_match(0, text, 3, 18, [&](const zhmeta::RuleMatch &m) {
    starts.push_back(m.begin());
    CHECK(m.group_begin("w") == m.begin());
    CHECK(m.end() - m.begin() == 6);
  });
  CHECK(starts == std::vector<std::size_t>{9});  // [3,18) holds only the middle 会议
}

TEST_CASE("rule loading errors name the file, line and rule", "[rules]") {
  CHECK(load_error({{"k/bad.rules", "rule k.a\n  pattern = (?P<x>unclosed\n"}}) ==
        "k/bad.rules:1: rule k.a: pattern does not compile: missing ): (?P<x>unclosed");
  CHECK(load_error({{"k/bad.rules", "\n\nrule k.a\n  pattern = (positional)\n"}}) ==
        "k/bad.rules:3: rule k.a: use named groups (?P<name>...) or (?:...) only");
  CHECK(load_error({{"k/bad.rules", "rule k.a\n  pattern = a\n  colour = red\n"}}) ==
        "k/bad.rules:3: rule k.a: unknown key `colour`");
  CHECK(load_error({{"k/bad.rules", "rule k.a\n  priority = 1\n"}}) == "k/bad.rules:1: rule k.a: no pattern");
  CHECK(load_error({{"k/bad.rules", "rule k.a\n  pattern = {NOPE}\n"}}) ==
        "k/bad.rules:1: rule k.a: unknown define {NOPE}");
  CHECK(load_error({{"k/bad.rules", "rule k.a\n  pattern = {@nope}\n"}}) ==
        "k/bad.rules:1: rule k.a: unknown gazetteer {@nope}");
  CHECK(load_error({{"k/a.rules", "rule k.a\n  pattern = a\n"}, {"k/b.rules", "rule k.a\n  pattern = b\n"}}) ==
        "k/b.rules:1: rule k.a: id already used at k/a.rules:1");
  CHECK(load_error({{"k/bad.rules", "pattern = a\n"}}) ==
        "k/bad.rules:1: expected `rule ID` or `define NAME = pattern`");
  CHECK(load_error({{"k/bad.rules", "define lower = a\n"}}) == "k/bad.rules:1: define name must be UPPER_CASE: `lower`");
  CHECK(load_error({{"k/bad.rules", "define A = {B}\ndefine B = {A}\nrule k.a\n  pattern = {A}\n"}}) ==
        "k/bad.rules:3: rule k.a: defines nest too deep (a cycle?)");
  CHECK(load_error({{"k/bad.rules", "rule k.a\n  pattern = a\n  priority = high\n"}}) ==
        "k/bad.rules:3: rule k.a: priority must be an integer");
}

TEST_CASE("the engine reports a broken rules folder with file and line", "[rules]") {
  const auto dir = std::filesystem::temp_directory_path() / "zhmeta-test-broken-rules";
  std::filesystem::create_directories(dir / "dates");
  std::ofstream(dir / "dates" / "x.rules") << "# comment\nrule dates.broken\n  pattern = [\n";
  zhmeta::EngineOptions opts;
  opts.rules_dir = dir.string();
  try {
    zhmeta::Engine engine(opts);
    FAIL("engine accepted a broken rule");
  } catch (const zhmeta::Error &e) {
    const std::string msg = e.what();
    CHECK(msg.find("dates/x.rules:2: rule dates.broken: pattern does not compile") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a user rule layer replaces rules by id, adds rules and gazetteer entries", "[rules]") {
  const auto dir = std::filesystem::temp_directory_path() / "zhmeta-test-layer";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "segment");
  std::ofstream(dir / "segment" / "mine.rules")
      << "rule segment.breadcrumb\n  pattern = ^位置>\n  emit = zone:header\n"
         "rule segment.my_footer\n  pattern = ^本站声明\n  emit = zone:footer\n";
  std::ofstream(dir / "segment" / "extra_words.txt") << "甲|乙\n";
  const auto base = RulePack::load_embedded();
  const auto layered = RulePack::load_embedded({dir.string()});
  const auto &rules = layered->kind("segment");
  REQUIRE(rules.find("segment.breadcrumb") != nullptr);
  CHECK(rules.find("segment.breadcrumb")->pattern == "^位置>");
  CHECK(rules.find("segment.my_footer") != nullptr);
  CHECK(rules.rules().size() == base->kind("segment").rules().size() + 1);
  CHECK(layered->gazetteer("extra_words").canonical("乙") == "甲");
  std::filesystem::remove_all(dir);
}

TEST_CASE("the literal scanner finds each word once, ignoring ASCII case", "[rules]") {
  const zhmeta::LiteralScanner scanner({"会议", "召开", "xin", "(", "会"});
  REQUIRE(scanner.usable());
  std::vector<int> found;
  scanner.find("县里召开工作会议,会议由XIN主持(", found);
  std::sort(found.begin(), found.end());
  CHECK(found == std::vector<int>{0, 1, 2, 3, 4});
  found.clear();
  scanner.find("工作开会", found);  // 会 at the end, 会议 absent
  CHECK(found == std::vector<int>{4});
  found.clear();
  scanner.find("", found);
  CHECK(found.empty());
  // A word with a cased non-ASCII letter needs full case folding: not handled here.
  CHECK_FALSE(zhmeta::LiteralScanner({"café"}).usable());
  CHECK(zhmeta::LiteralScanner({"咖啡", "cafe"}).usable());
}

TEST_CASE("the literal scanner finds words across its lowercasing pieces in a long text",
          "[rules]") {
  // A text holding an ASCII capital is lowercased and scanned 64 KB at a
  // time: a word straddling a piece's end must still be found, whole.
  const zhmeta::LiteralScanner scanner({"xinhua", "新华社记者", "新华", "z"});
  REQUIRE(scanner.usable());
  for (std::size_t at : {std::size_t{65536} - 9, std::size_t{65536} - 3, std::size_t{65536},
                         std::size_t{131072} - 6}) {
    std::string text(at, 'a');
    text[0] = 'Q';  // a capital: the lowercasing path
    text += "新华社记者XinHua";
    text += std::string(70000, 'b');
    std::vector<int> found;
    scanner.find(text, found);
    CHECK(found == std::vector<int>{0, 1, 2});
  }
  // Each word once, however often it occurs, in a text of many pieces.
  std::string repeated;
  while (repeated.size() < 300000) repeated += "Z新华";
  std::vector<int> found;
  scanner.find(repeated, found);
  CHECK(found == std::vector<int>{2, 3});
}

TEST_CASE("the literal scanner takes Han words whose low byte looks like an ASCII capital", "[rules]") {
  // 道 is U+9053: its low byte is 'S'. A scanner that truncated code points
  // to char when checking for capitals refused every such word.
  const zhmeta::LiteralScanner scanner({"频道", "报道"});
  CHECK(scanner.usable());
  std::vector<int> found;
  scanner.find("新闻频道", found);
  CHECK(found == std::vector<int>{0});
}
