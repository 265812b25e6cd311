// "Already seen in this call" for indices below some size, without clearing
// between calls: each slot holds the number of the call that marked it, and
// a call starts by taking the next number. Kept per thread by its users
// (rule prefilter atoms, first-only hits of the shared literal scan), which
// mark a few entries of a list of thousands many times per article.
#ifndef ZHMETA_CORE_CALL_MARKS_HPP
#define ZHMETA_CORE_CALL_MARKS_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace zhmeta {

class CallMarks {
 public:
  /// Starts a call over indices below `size`: none is marked.
  void start(std::size_t size) {
    if (marks_.size() < size) marks_.assign(size, 0);
    if (++call_ == 0) {  // wrapped around: old marks could pass for this call's
      std::fill(marks_.begin(), marks_.end(), 0);
      call_ = 1;
    }
  }
  /// Marks `index` (below the size given to start()); true when this call
  /// had not marked it yet.
  bool mark(std::size_t index) {
    if (marks_[index] == call_) return false;
    marks_[index] = call_;
    return true;
  }

 private:
  std::vector<std::uint32_t> marks_;
  std::uint32_t call_ = 0;
};

}  // namespace zhmeta

#endif
