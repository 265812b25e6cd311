// Fuzz target: the whole extract path (Engine::extract_json) on arbitrary bytes.
// Properties: no crash or sanitizer report; the output parses as JSON and is
// valid UTF-8; every span is 0 <= begin <= end <= len on a unit boundary of the
// input; a second run gives byte-identical output.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz_checks.hpp"
#include "zhmeta/zhmeta.hpp"

namespace {

using zhmeta::fuzz::check;

void check_span(const nlohmann::json &span, std::size_t len, const std::vector<bool> &boundary) {
  check(span.is_array() && span.size() == 2 && span[0].is_number_unsigned() && span[1].is_number_unsigned(),
        "a span is [begin, end] of two unsigned integers");
  const auto begin = span[0].get<std::size_t>(), end = span[1].get<std::size_t>();
  check(begin <= end && end <= len, "span out of order or past the input", begin, end);
  check(boundary[begin] && boundary[end], "span cuts a UTF-8 sequence of the input", begin, end);
}

// Every "span" value and every element of a "mentions" list, wherever it sits.
void check_spans(const nlohmann::json &node, std::size_t len, const std::vector<bool> &boundary) {
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it.key() == "span") {
        check_span(it.value(), len, boundary);
      } else if (it.key() == "mentions") {
        check(it.value().is_array(), "mentions is a list");
        for (const auto &s : it.value()) check_span(s, len, boundary);
      } else {
        check_spans(it.value(), len, boundary);
      }
    }
  } else if (node.is_array()) {
    for (const auto &child : node) check_spans(child, len, boundary);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  static const zhmeta::Engine engine;
  const std::string_view input(reinterpret_cast<const char *>(data), size);
  std::string first;
  try {
    first = engine.extract_json(input, {"fuzz", std::nullopt});
  } catch (const zhmeta::Error &) {
    // Only over-limit input may throw, and the default limit is far above what the fuzzer sends.
    zhmeta::fuzz::fail("extract threw for input under the size limit", size);
  }
  check(zhmeta::utf8::is_valid(first), "output is not valid UTF-8");
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(first);
  } catch (const nlohmann::json::exception &) {
    zhmeta::fuzz::fail("output does not parse as JSON");
  }
  check(record.is_object() && record.value("schema", "") == zhmeta::kSchema, "output is a zhmeta/1 record");
  check_spans(record, size, zhmeta::fuzz::unit_boundaries(input));
  check(engine.extract_json(input, {"fuzz", std::nullopt}) == first, "a second run gives different output");
  return 0;
}
