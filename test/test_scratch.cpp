// Per-thread scratch lists (core/scratch.hpp): kept for ordinary articles,
// given back after a huge one, so that a worker thread does not hold the
// memory of the largest article it ever met.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/scratch.hpp"
#include "test_support.hpp"

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>
#define ZHMETA_TEST_HEAP_IN_USE 1
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#undef ZHMETA_TEST_HEAP_IN_USE  // the sanitizers' allocators do not report through mallinfo2
#endif

using zhmeta::fresh_scratch;
using zhmeta::kKeptScratchBytes;

TEST_CASE("fresh_scratch keeps a small list's capacity and empties it", "[scratch]") {
  std::vector<std::uint32_t> list(1000, 7);
  const std::size_t capacity = list.capacity();
  fresh_scratch(list, 10);  // a short text: the list is far under the kept size
  CHECK(list.empty());
  CHECK(list.capacity() == capacity);
}

TEST_CASE("fresh_scratch gives back a list grown past both bounds", "[scratch]") {
  // 1 MB of entries, then a use on a 3 KB text: the memory goes back.
  std::vector<std::uint64_t> list(std::size_t{1} << 17, 1);
  REQUIRE(list.capacity() * sizeof(std::uint64_t) > kKeptScratchBytes);
  fresh_scratch(list, 3000);
  CHECK(list.empty());
  CHECK(list.capacity() == 0);
}

TEST_CASE("fresh_scratch keeps a large list for a text as large as the list", "[scratch]") {
  std::vector<std::uint64_t> list(std::size_t{1} << 17, 1);  // 1 MB
  const std::size_t capacity = list.capacity();
  fresh_scratch(list, std::size_t{2} << 20);  // a 2 MB text: the list is still of use
  CHECK(list.empty());
  CHECK(list.capacity() == capacity);
  fresh_scratch(list, capacity * sizeof(std::uint64_t));  // exactly as large: kept
  CHECK(list.capacity() == capacity);
  fresh_scratch(list, capacity * sizeof(std::uint64_t) - 1);  // one byte less: given back
  CHECK(list.capacity() == 0);
}

TEST_CASE("fresh_scratch counts bytes, not entries", "[scratch]") {
  // 4096 entries of 32 bytes: 128 KB, over the kept size although few entries.
  struct Wide {
    std::uint64_t a, b, c, d;
  };
  std::vector<Wide> list(4096);
  fresh_scratch(list, 1000);
  CHECK(list.capacity() == 0);
}

#ifdef ZHMETA_TEST_HEAP_IN_USE
namespace {
std::size_t heap_in_use() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;  // small chunks in use + mmapped chunks
}
}  // namespace

TEST_CASE("a thread does not keep the memory of a huge article after a short one",
          "[scratch][memory]") {
  // Measured before the scratch lists gave memory back: about 16 bytes kept
  // per byte of the huge article (200 MB after this 12 MB one). Now what
  // stays is what the engine builds on first use (RE2's DFA states, the
  // rules' memos), bounded whatever the article: 18 MB here.
  const auto samples = zhmeta::test::sample_articles();
  REQUIRE(!samples.empty());
  std::string joined;
  for (const auto &path : samples) joined += zhmeta::test::read_file(path) + "\n\n";
  std::string huge;
  while (huge.size() < (std::size_t{12} << 20)) huge += joined;
  const std::string small = zhmeta::test::read_file(samples.front());

  const zhmeta::Engine &engine = zhmeta::test::engine();
  (void)engine.extract(small);  // first use: rules, automata and memos built
  (void)engine.extract(small);
  const std::size_t before = heap_in_use();
  // The short article read after the huge one either names people and
  // meetings (every stage runs to the end) or nothing at all (stages return
  // early: their lists must be given back before those returns).
  const std::string plain = "天气晴。";
  for (const std::string *after_huge : {&small, &plain}) {
    CHECK(engine.extract(huge).persons.size() > 0);  // read, and its record freed
    (void)engine.extract(*after_huge);
    const std::size_t after = heap_in_use();
    const std::size_t kept = after > before ? after - before : 0;
    INFO("heap kept after the huge article, then " << after_huge->size()
                                                   << " bytes: " << kept / 1024 << " KB");
    CHECK(kept < (std::size_t{32} << 20));
  }
}
#endif
