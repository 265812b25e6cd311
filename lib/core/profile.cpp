#include "core/profile.hpp"

#ifdef ZHMETA_PROFILE
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace zhmeta::profile {
namespace {

struct Totals {
  long long ns = 0, calls = 0;
  unsigned long long bytes = 0;
};

// Printed from the destructor of a static, i.e. at normal process exit.
struct Table {
  std::mutex mutex;
  std::map<std::string, Totals, std::less<>> rows;
  ~Table() {
    std::vector<std::pair<std::string, Totals>> sorted(rows.begin(), rows.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.second.ns > b.second.ns; });
    std::fprintf(stderr, "zhmeta profile (wall time inside each scope; nested scopes count in both)\n");
    std::fprintf(stderr, "%12s %10s %14s  %s\n", "ms", "calls", "bytes", "scope");
    for (const auto &[name, t] : sorted)
      std::fprintf(stderr, "%12.1f %10lld %14llu  %s\n", static_cast<double>(t.ns) / 1e6, t.calls, t.bytes,
                   name.c_str());
  }
};

Table &table() {
  static Table instance;
  return instance;
}

long long now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Scope::Scope(std::string_view name, std::size_t bytes) noexcept : name_(name), bytes_(bytes), start_ns_(now_ns()) {
  (void)table();  // constructed before any Scope ends, so destroyed after it
}

Scope::~Scope() {
  const long long elapsed = now_ns() - start_ns_;
  Table &t = table();
  std::lock_guard<std::mutex> lock(t.mutex);
  auto it = t.rows.find(name_);
  if (it == t.rows.end()) it = t.rows.emplace(std::string(name_), Totals{}).first;
  it->second.ns += elapsed;
  it->second.calls += 1;
  it->second.bytes += bytes_;
}

}  // namespace zhmeta::profile
#endif
