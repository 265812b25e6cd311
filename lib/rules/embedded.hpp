// The rules/ folder, embedded into the library at build time
// (cmake/embed_files.cmake writes the definitions).
#ifndef ZHMETA_RULES_EMBEDDED_HPP
#define ZHMETA_RULES_EMBEDDED_HPP

#include <cstddef>

namespace zhmeta {

struct EmbeddedFile {
  const char *path;  // relative to rules/, '/'-separated
  const unsigned char *data;
  std::size_t size;
};

extern const EmbeddedFile kEmbeddedRuleFiles[];
extern const std::size_t kEmbeddedRuleFileCount;

}  // namespace zhmeta

#endif
