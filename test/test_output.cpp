// The JSON writer (lib/output/json.cpp) writes text directly; these tests pin
// it to the schema's shape and to nlohmann/json's formatting and escapes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "zhmeta/zhmeta.hpp"

using nlohmann::ordered_json;

namespace {

zhmeta::Record small_record() {
  zhmeta::Record r;
  r.id = "a1";
  r.publication.date = "2024-03-05";
  r.publication.sources.push_back({"南江日报", {3, 15}});
  r.event.meeting = "全县工作会议";
  r.dates.push_back({"3月5日", "XXXX-03-05", {20, 29}});
  r.persons.push_back({"王明", {"县长", "副书记"}, {{40, 46}, {60, 66}}});
  r.speakers.push_back({std::nullopt, {"县委主要负责同志"}, {{"指出", {70, 90}}}});
  r.meetings.push_back({"全县工作会议", std::nullopt, {"王明"}, {}, {{100, 118}}});
  r.warnings.push_back("invalid UTF-8 replaced");
  return r;
}

}  // namespace

TEST_CASE("json: compact record, written out by hand", "[output]") {
  const std::string expected =
      R"({"schema":"zhmeta/1","id":"a1","publication":{"date":"2024-03-05","datetime":null,)"
      R"("sources":[{"name":"南江日报","span":[3,15]}]},"event":{"date":null,"meeting":"全县工作会议"},)"
      R"("dates":[{"text":"3月5日","value":"XXXX-03-05","span":[20,29]}],"bylines":[],)"
      R"("persons":[{"name":"王明","titles":["县长","副书记"],"mentions":[[40,46],[60,66]]}],)"
      R"("speakers":[{"name":null,"titles":["县委主要负责同志"],"statements":[{"verb":"指出","span":[70,90]}]}],)"
      R"("organizations":[],"meetings":[{"name":"全县工作会议","date":null,"chairs":["王明"],"attendees":[],)"
      R"("mentions":[[100,118]]}],"warnings":["invalid UTF-8 replaced"]})";
  CHECK(zhmeta::to_json(small_record()) == expected);
}

TEST_CASE("json: escapes as nlohmann/json writes them", "[output]") {
  zhmeta::Record r;
  r.id = std::string("q\"b\\s/\b\f\n\r\t\x01\x1f\x7f", 14) + "é中";
  const std::string json = zhmeta::to_json(r);
  CHECK(json.find(R"("id":"q\"b\\s/\b\f\n\r\t\u0001\u001f)"
                  "\x7f"
                  "é中\"") != std::string::npos);
  // A NUL inside the id is escaped, not a terminator.
  r.id = std::string("a\0b", 3);
  CHECK(zhmeta::to_json(r).find(R"("id":"a\u0000b")") != std::string::npos);
}

TEST_CASE("json: invalid UTF-8 becomes U+FFFD, one per maximal ill-formed subpart", "[output]") {
  zhmeta::Record r;
  r.id = "x\xFFy\xE4\xB8z\xF0\x9F\x98";  // lone byte, truncated 3-byte, truncated 4-byte at the end
  const std::string json = zhmeta::to_json(r);
  CHECK(json.find("\"id\":\"x\xEF\xBF\xBDy\xEF\xBF\xBDz\xEF\xBF\xBD\"") != std::string::npos);
  CHECK_NOTHROW(ordered_json::parse(json));
}

TEST_CASE("json: pretty output is the same document, indented", "[output]") {
  const zhmeta::Record r = small_record();
  const std::string pretty = zhmeta::to_json(r, true);
  CHECK(pretty.find("\n  \"publication\": {\n    \"date\": \"2024-03-05\"") != std::string::npos);
  CHECK(ordered_json::parse(pretty) == ordered_json::parse(zhmeta::to_json(r)));
}

TEST_CASE("json: every sample article's record is in nlohmann's canonical form", "[output]") {
  // Parsing and dumping again with nlohmann must give back the same bytes:
  // same key order, no whitespace, same escapes and number format.
  namespace fs = std::filesystem;
  int checked = 0;
  for (const auto &path :
       zhmeta::test::text_files(fs::path(ZHMETA_SOURCE_DIR) / "examples" / "articles")) {
    zhmeta::ExtractOptions options;
    options.id = path.stem().string();
    const std::string json =
        zhmeta::test::engine().extract_json(zhmeta::test::read_file(path), options);
    INFO(path);
    CHECK(ordered_json::parse(json).dump() == json);
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("json: strings are copied in runs between escapes, same bytes as nlohmann", "[output]") {
  // Each piece is a run breaker or a run member; strings made of them compare
  // with nlohmann's dump of the same string.
  const std::vector<std::string> pieces = {
      "a",
      "Z ~",
      "\x7F",
      "\"",
      "\\",
      "/",
      "\n",
      "\t",
      std::string(1, '\0'),
      "\x1F",
      "\xC3\xA9",          // é, two bytes
      "\xE4\xB8\xAD",      // 中, the common three-byte case
      "\xE3\x80\x82",      // 。
      "\xE0\xA0\x80",      // U+0800: E0 lead, lowest second byte allowed
      "\xED\x9F\xBF",      // U+D7FF: ED lead, highest second byte allowed
      "\xEF\xBF\xBF",      // U+FFFF
      "\xF0\x9F\x98\x80",  // four bytes
  };
  std::mt19937 rng(7);
  for (int n = 0; n < 2000; ++n) {
    std::string s;
    for (auto count = rng() % 24; count > 0; --count) s += pieces[rng() % pieces.size()];
    if (n % 3 == 0) s += std::string(rng() % 200, 'x');  // long plain runs
    zhmeta::Record r;
    r.id = s;
    const std::string json = zhmeta::to_json(r);
    const std::string expected = "\"id\":" + ordered_json(s).dump() + ",";
    INFO(ordered_json(s).dump());
    REQUIRE(json.find(expected) != std::string::npos);
  }
}

TEST_CASE("json: a run cut by an ill-formed sequence at its start, middle or end", "[output]") {
  zhmeta::Record r;
  const std::string fffd = "\xEF\xBF\xBD";
  r.id = "\xE0\x80\xAF中\xED\xA0\x80\"中\xE4\xB8";  // overlong, surrogate, truncated at the end
  CHECK(zhmeta::to_json(r).find("\"id\":\"" + fffd + fffd + fffd + "中" + fffd + fffd + fffd +
                                "\\\"中" + fffd + "\"") != std::string::npos);
}

TEST_CASE("json: numbers of every width and a record longer than the writer's estimate",
          "[output]") {
  zhmeta::Record r = small_record();
  // 0, one digit, and the widest 64-bit value (20 digits), each in a span.
  r.dates.push_back({"x", "y", {0, 9}});
  r.dates.push_back({"x", "y", {1234567890, std::numeric_limits<std::size_t>::max()}});
  // An id far past the size estimate (512 bytes of frame and 40 per item).
  r.id = std::string(100000, 'a');
  const std::string json = zhmeta::to_json(r);
  CHECK(json.find(R"("span":[0,9])") != std::string::npos);
  CHECK(json.find(R"("span":[1234567890,18446744073709551615])") != std::string::npos);
  CHECK(json == ordered_json(nlohmann::ordered_json::parse(json)).dump());
  CHECK(ordered_json::parse(json)["id"].get<std::string>().size() == 100000);
}
