// Helpers shared by the test files: reading fixture files and the dev corpus.
#ifndef ZHMETA_TEST_SUPPORT_HPP
#define ZHMETA_TEST_SUPPORT_HPP

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "zhmeta/zhmeta.hpp"

namespace zhmeta::test {

/// One engine built from the embedded rules, shared by every test of the run
/// (an Engine is immutable and thread-safe; building one per test is waste).
inline const zhmeta::Engine &engine() {
  static const zhmeta::Engine e;
  return e;
}

inline std::string read_file(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The *.txt files of a folder, sorted; empty when the folder does not exist.
inline std::vector<std::filesystem::path> text_files(const std::filesystem::path &dir) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  for (const auto &e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".txt") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

inline std::vector<std::filesystem::path> sample_articles() {
  return text_files(std::filesystem::path(ZHMETA_SOURCE_DIR) / "examples" / "articles");
}

/// The dev corpus when ../shared is present (it is not part of the project).
inline std::vector<std::filesystem::path> dev_articles() {
  return text_files(std::filesystem::path(ZHMETA_SHARED_DIR) / "corpus" / "dev");
}

}  // namespace zhmeta::test

#endif
