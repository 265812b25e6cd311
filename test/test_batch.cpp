// Engine::extract_batch must give every article exactly what extract() gives
// it, whatever its place in the batch: the stages run over many documents at
// once, so a document or option mixed up with a neighbour's, or state left
// from the article before, would show here.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "zhmeta/zhmeta.hpp"

namespace {

using zhmeta::test::engine;
using zhmeta::test::read_file;

std::vector<std::string> sample_and_dev_texts() {
  std::vector<std::string> texts;
  for (const auto &path : zhmeta::test::sample_articles()) texts.push_back(read_file(path));
  for (const auto &path : zhmeta::test::dev_articles()) texts.push_back(read_file(path));
  return texts;
}

}  // namespace

TEST_CASE("extract_batch: each article gets the record extract() gives it", "[pipeline][batch]") {
  std::vector<std::string> texts = sample_and_dev_texts();
  REQUIRE(texts.size() >= 10);
  // Edge cases between ordinary articles, and the whole list three times over
  // so that the batch spans more than one of the engine's chunks of 64.
  texts.insert(texts.begin() + 3, "");
  texts.insert(texts.begin() + 5, std::string("\xff\xfe broken \xe4\xb8", 12));
  texts.insert(texts.begin() + 7, std::string("本报讯 记者张明 \0 报道", 31));
  const std::size_t distinct = texts.size();
  for (int copy = 0; copy < 2; ++copy)
    for (std::size_t i = 0; i < distinct; ++i) texts.push_back(texts[i]);
  REQUIRE(texts.size() > 64);

  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<zhmeta::ExtractOptions> options(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    options[i].id = "article-" + std::to_string(i);
    // A publication date hint on every third article, a different one each
    // time: it shows up in the record, so options given to the wrong
    // article would.
    if (i % 3 == 0)
      options[i].pubdate = "2019-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10);
  }

  const std::vector<zhmeta::BatchResult> results = engine().extract_batch(views, options);
  REQUIRE(results.size() == texts.size());
  std::size_t with_dates = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    INFO("article " << i);
    CHECK(results[i].error.empty());
    const zhmeta::Record one = engine().extract(views[i], options[i]);
    CHECK(results[i].record.id == options[i].id);
    CHECK(zhmeta::to_json(results[i].record) == zhmeta::to_json(one));
    with_dates += !results[i].record.dates.empty();
  }
  CHECK(with_dates > texts.size() / 2);  // the comparison is about real records
}

TEST_CASE("extract_batch: an article over the size limit gets an error, the others their records",
          "[pipeline][batch]") {
  zhmeta::EngineOptions small;
  small.max_input_bytes = 100;
  const zhmeta::Engine limited(small);
  const std::string short_text = "2021年3月5日,县委召开常委会会议。";  // 48 bytes
  const std::string long_text(200, 'x');
  const std::vector<std::string_view> texts = {short_text, long_text, short_text};
  const std::vector<zhmeta::ExtractOptions> options = {
      {"a", std::nullopt}, {"b", std::nullopt}, {"c", std::nullopt}};

  const auto results = limited.extract_batch(texts, options);
  REQUIRE(results.size() == 3);
  CHECK(results[0].error.empty());
  CHECK(results[0].record.id == "a");
  CHECK_THAT(results[1].error, Catch::Contains("200 bytes exceeds the limit of 100 bytes"));
  CHECK(results[1].record.id.empty());
  CHECK(results[2].error.empty());
  CHECK(results[2].record.id == "c");
  CHECK(zhmeta::to_json(results[2].record) ==
        zhmeta::to_json(limited.extract(short_text, options[2])));
  CHECK(results[2].record.dates.size() == 1);
  CHECK_THROWS_AS(limited.extract(long_text), zhmeta::Error);  // what extract() does with it
}

TEST_CASE("extract_batch: options one per article, or none for the defaults", "[pipeline][batch]") {
  const std::string text = "2021年3月5日,县委召开常委会会议。";
  const std::vector<std::string_view> two = {text, text};
  CHECK_THROWS_AS(engine().extract_batch(two, {zhmeta::ExtractOptions{}}), zhmeta::Error);
  const auto defaults = engine().extract_batch(two);
  REQUIRE(defaults.size() == 2);
  CHECK(zhmeta::to_json(defaults[1].record) == zhmeta::to_json(engine().extract(text)));
  CHECK(engine().extract_batch({}).empty());
}

TEST_CASE("extract_batch: articles larger than a chunk's bytes, between small ones",
          "[pipeline][batch]") {
  const std::vector<std::string> samples = [] {
    std::vector<std::string> texts;
    for (const auto &path : zhmeta::test::sample_articles()) texts.push_back(read_file(path));
    return texts;
  }();
  REQUIRE(samples.size() >= 3);
  std::string large;  // past the engine's 1 MB per chunk on its own
  while (large.size() < (std::size_t{1} << 20) + 1000) large += samples[0] + "\n";
  const std::vector<std::string_view> texts = {samples[1], large, samples[2],
                                               samples[1], large, samples[0]};
  std::vector<zhmeta::ExtractOptions> options(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) options[i].id = "n" + std::to_string(i);
  const auto results = engine().extract_batch(texts, options);
  REQUIRE(results.size() == texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    INFO("article " << i);
    CHECK(results[i].error.empty());
    CHECK(zhmeta::to_json(results[i].record) ==
          zhmeta::to_json(engine().extract(texts[i], options[i])));
  }
}
