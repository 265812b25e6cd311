// Where extraction time goes, per pipeline stage and per rule, for people
// tuning rules or code. Compiled in only with -DZHMETA_PROFILE=ON (CMake):
// otherwise ZHMETA_PROFILE_SCOPE expands to nothing and costs nothing.
// With it, every scope adds its wall time to a process-wide table that is
// printed to stderr at exit, slowest first (bench/RESULTS.md, "Where the time goes" shows its use).
// The table is guarded by a mutex: fine for measuring, not for production.
#ifndef ZHMETA_CORE_PROFILE_HPP
#define ZHMETA_CORE_PROFILE_HPP

#include <cstddef>
#include <string_view>

namespace zhmeta::profile {

class Scope {
 public:
  /// `name` must outlive the scope (a literal, or a rule id of a live engine);
  /// the table keeps its own copy.
  Scope(std::string_view name, std::size_t bytes) noexcept;
  ~Scope();
  Scope(const Scope &) = delete;
  Scope &operator=(const Scope &) = delete;

 private:
  std::string_view name_;
  std::size_t bytes_;
  long long start_ns_;
};

}  // namespace zhmeta::profile

#ifdef ZHMETA_PROFILE
#define ZHMETA_PROFILE_CONCAT2(a, b) a##b
#define ZHMETA_PROFILE_CONCAT(a, b) ZHMETA_PROFILE_CONCAT2(a, b)
#define ZHMETA_PROFILE_SCOPE(name, bytes) \
  ::zhmeta::profile::Scope ZHMETA_PROFILE_CONCAT(zhmeta_profile_scope_, __LINE__)((name), (bytes))
#else
#define ZHMETA_PROFILE_SCOPE(name, bytes) ((void)0)
#endif

#endif
