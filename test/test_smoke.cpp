#include <catch2/catch.hpp>

#include "zhmeta/zhmeta.hpp"

TEST_CASE("engine builds from the embedded rules and extracts an empty record", "[pipeline]") {
  zhmeta::Engine engine;
  const zhmeta::Record r = engine.extract("", {"empty", std::nullopt});
  CHECK(r.id == "empty");
  CHECK(r.dates.empty());
  CHECK(r.warnings.empty());
}
