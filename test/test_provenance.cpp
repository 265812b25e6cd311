// Our fixtures are our own writing. The project brief forbids copying the dev
// corpus (../shared/corpus/dev, the articles zhmeta is scored on) into the
// project: rule examples, test fixtures and sample articles must be invented
// text of the same genre, or the dev scores stop telling how zhmeta does on
// articles it has never seen. This test fails on any run of 12 characters (8 of
// them Han) shared with a dev article. It is skipped when ../shared is absent.
#include <catch2/catch.hpp>
#include <filesystem>
#include <unordered_set>

#include "core/utf8.hpp"
#include "normalize/normalizer.hpp"
#include "rules/rule_pack.hpp"
#include "test_support.hpp"

namespace {

constexpr std::size_t kWindow = 12;  // code points
constexpr std::size_t kMinHan = 8;

std::string normalized(std::string_view s) {
  zhmeta::Document doc;
  zhmeta::normalize(s, doc);
  return doc.text;
}

// Calls f(window) for every run of kWindow code points with kMinHan Han ones.
template <typename F>
void for_each_window(const std::string &text, F &&f) {
  std::vector<std::size_t> starts;
  std::vector<bool> han;
  for (std::size_t i = 0; i < text.size();) {
    const auto d = zhmeta::utf8::decode(text, i);
    starts.push_back(i);
    han.push_back(zhmeta::utf8::is_han(d.cp));
    i += d.len;
  }
  starts.push_back(text.size());
  std::size_t han_in_window = 0;
  for (std::size_t k = 0; k + 1 < starts.size(); ++k) {
    han_in_window += han[k];
    if (k >= kWindow) han_in_window -= han[k - kWindow];
    if (k + 1 >= kWindow && han_in_window >= kMinHan)
      f(text.substr(starts[k + 1 - kWindow], starts[k + 1] - starts[k + 1 - kWindow]));
  }
}

const std::unordered_set<std::string> &dev_windows() {
  static const std::unordered_set<std::string> windows = [] {
    std::unordered_set<std::string> w;
    for (const auto &path : zhmeta::test::dev_articles())
      for_each_window(normalized(zhmeta::test::read_file(path)), [&](std::string s) { w.insert(std::move(s)); });
    return w;
  }();
  return windows;
}

std::string copied_run(const std::string &text) {
  std::string hit;
  for_each_window(normalized(text), [&](const std::string &s) {
    if (hit.empty() && dev_windows().count(s)) hit = s;
  });
  return hit;
}

}  // namespace

TEST_CASE("rule examples are our own writing, not copied from the dev corpus", "[provenance][rules]") {
  if (zhmeta::test::dev_articles().empty()) return;  // no ../shared here
  const auto pack = zhmeta::RulePack::load_embedded();
  for (const auto &[kind, set] : pack->kinds())
    for (const auto &rule : set.rules()) {
      std::vector<std::pair<std::string, int>> texts = rule.counterexamples;
      for (const auto &ex : rule.examples) texts.emplace_back(ex.text, ex.line);
      for (const auto &[text, line] : texts) {
        INFO(rule.file << ":" << line << " rule " << rule.id
                       << ": this example copies a dev-corpus article; write an invented one of the "
                          "same shape (other names, places, meetings)");
        CHECK(copied_run(text) == "");
      }
    }
}

TEST_CASE("test fixtures and sample articles are not copied from the dev corpus", "[provenance]") {
  if (zhmeta::test::dev_articles().empty()) return;
  namespace fs = std::filesystem;
  const fs::path root(ZHMETA_SOURCE_DIR);
  const std::vector<std::string> extensions = {".cpp", ".hpp", ".py", ".txt", ".json", ".jsonl", ".c", ".md"};
  for (const char *dir : {"test", "examples", "capi", "fuzz", "bench"}) {
    if (!fs::is_directory(root / dir)) continue;
    for (const auto &entry : fs::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file() || entry.path().filename() == "test_provenance.cpp") continue;
      if (std::find(extensions.begin(), extensions.end(), entry.path().extension().string()) == extensions.end())
        continue;
      INFO(fs::relative(entry.path(), root).string()
           << ": copies a dev-corpus article; fixtures must be invented text of the same genre");
      CHECK(copied_run(zhmeta::test::read_file(entry.path())) == "");
    }
  }
}
