#include "rules/leaf_matcher.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <map>
#include <mutex>
#include <utility>

#include "core/utf8.hpp"
#include "rules/pattern_syntax.hpp"

namespace zhmeta {

namespace {

constexpr std::size_t npos = std::string_view::npos;
// A words node tries its matches at a position from a fixed array.
constexpr std::size_t kMaxWordLengths = 16;

}  // namespace

// ---- CodePointClass ----

CodePointClass::CodePointClass(std::unique_ptr<const RE2> re)
    : re_(std::move(re)), memo_(new std::atomic<std::uint32_t>[kRemembered / kPerWord]()) {}

bool CodePointClass::ask(std::string_view bytes) const {
  return RE2::FullMatch(re2::StringPiece(bytes.data(), bytes.size()), *re_);
}

std::shared_ptr<const CodePointClass> CodePointClass::shared(const std::string &pattern,
                                                             const RE2::Options &options) {
  // Weak references: a class lives as long as some matcher holds it, and the
  // next engine built while it lives reuses its remembered answers.
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const CodePointClass>> classes;
  const std::string key = pattern + (options.dot_nl() ? "\n(?s)" : "\n");
  const std::lock_guard<std::mutex> lock(mutex);
  if (auto live = classes[key].lock()) return live;
  for (auto it = classes.begin(); it != classes.end();)  // forget the dead ones
    it = it->second.expired() ? classes.erase(it) : std::next(it);
  auto re = std::make_unique<const RE2>(pattern, options);
  if (!re->ok()) return nullptr;
  auto made = std::make_shared<const CodePointClass>(std::move(re));
  classes[key] = made;
  return made;
}

// ---- the pattern as nodes ----

namespace {

// An alternation of literal words (a gazetteer), looked up by hash: the
// words that begin at a position, in alternation order.
class WordTable {
 public:
  explicit WordTable(std::vector<std::string> words, std::vector<std::size_t> lengths)
      : words_(std::move(words)), lengths_(std::move(lengths)) {
    std::size_t size = 16;
    while (size < 2 * words_.size()) size *= 2;
    slots_.assign(size, 0);
    for (std::size_t w = 0; w < words_.size(); ++w) {
      const std::string &word = words_[w];
      const auto b = static_cast<unsigned char>(word.front());
      first_bytes_[b >> 6] |= std::uint64_t{1} << (b & 63);
      // A word shorter than three bytes keys on zeros past its end; a text
      // may hold anything there, so it marks every key its bytes allow.
      if (word.size() >= 3) {
        const unsigned key = start_key(word.data(), word.size());
        starts_[key >> 6] |= std::uint64_t{1} << (key & 63);
      } else {
        starts_.fill(~std::uint64_t{0});
      }
      if (find(word.data(), word.size(), word.size()) != npos) continue;  // keeps its first index
      std::size_t slot = hash(word.data(), word.size(), word.size()) & (size - 1);
      while (slots_[slot] != 0) slot = (slot + 1) & (size - 1);
      slots_[slot] = static_cast<std::uint32_t>(w + 1);
    }
  }

  const std::array<std::uint64_t, 4> &first_bytes() const { return first_bytes_; }

  /// The words that begin at text[pos] and end by `end`, as (index, length)
  /// in alternation order, in `found` (room for kMaxWordLengths); their count.
  template <typename Found>
  std::size_t at(std::string_view text, std::size_t pos, std::size_t end, Found *found) const {
    if (pos >= end) return 0;
    const auto b = static_cast<unsigned char>(text[pos]);
    const char *const p = text.data() + pos;
    const std::size_t avail = text.size() - pos;
    if ((first_bytes_[b >> 6] >> (b & 63) & 1u) == 0) return 0;
    const unsigned key = start_key(p, avail);
    if ((starts_[key >> 6] >> (key & 63) & 1u) == 0) return 0;
    std::size_t count = 0;
    for (const std::size_t length : lengths_) {
      if (length > end - pos) continue;
      const std::size_t w = find(p, length, avail);
      if (w == npos) continue;
      std::size_t k = count++;
      for (; k > 0 && found[k - 1].index > w; --k) found[k] = found[k - 1];
      found[k] = {w, length};
    }
    return count;
  }

 private:
  // A key of the first (up to) three bytes: most positions where a CJK word
  // list is asked begin none of its words.
  static unsigned start_key(const char *p, std::size_t avail) {
    const auto byte = [&](std::size_t k) {
      return k < avail ? static_cast<unsigned>(static_cast<unsigned char>(p[k])) : 0u;
    };
    return (byte(0) * 0x9E37u ^ byte(1) * 0x85EBu ^ byte(2) * 0xC2B3u) & 4095u;
  }
  static std::size_t hash(const char *p, std::size_t len, std::size_t avail) {
    // The first eight bytes (fewer in a short word) and the length, mixed.
    std::uint64_t x = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (avail >= 8) {  // one load, the bytes past a short word masked off
      std::memcpy(&x, p, 8);
      if (len < 8) x &= (std::uint64_t{1} << (8 * len)) - 1;
    } else
#endif
    {
      for (std::size_t k = 0; k < len && k < 8; ++k)
        x |= std::uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
    }
    x = (x ^ (len * 0x9E3779B97F4A7C15u)) * 0xFF51AFD7ED558CCDu;
    return static_cast<std::size_t>(x ^ (x >> 29));
  }
  // The index of the word p[0, len) (avail bytes readable at p), or npos.
  std::size_t find(const char *p, std::size_t len, std::size_t avail) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash(p, len, avail) & mask;; slot = (slot + 1) & mask) {
      const std::uint32_t w = slots_[slot];
      if (w == 0) return npos;
      const std::string &word = words_[w - 1];
      if (word.size() == len && std::memcmp(word.data(), p, len) == 0) return w - 1;
    }
  }

  std::vector<std::string> words_;
  std::vector<std::size_t> lengths_;  // the distinct byte lengths of the words
  std::vector<std::uint32_t> slots_;  // open addressing: index + 1, 0 for an empty slot
  std::array<std::uint64_t, 4> first_bytes_{};
  std::array<std::uint64_t, 64> starts_{};  // bit start_key() of every word
};

}  // namespace

struct LeafMatcher::Node {
  enum class Kind { literal, one, words, group, begin_text, begin_line, end_text, end_line };
  Kind kind = Kind::literal;
  std::string text;                           // literal; one: the code point when !cls
  std::shared_ptr<const CodePointClass> cls;  // one: the class
  std::size_t min = 1, max = 1;               // one: repetition; words, group: ? is {0,1}
  bool lazy = false;
  int capture = -1;  // group, words: the capture it is (RE2's number less one), or -1
  std::unique_ptr<const WordTable> words;  // words
  std::vector<Sequence> branches;          // group
  // group: by branch, the bytes a match of it can begin with (all 256 when
  // it may match empty or begins with a class), so that a branch is tried
  // only where it can match.
  std::vector<std::array<std::uint64_t, 4>> branch_first;
};

LeafMatcher::~LeafMatcher() = default;

class LeafMatcher::Parser {
 public:
  Parser(std::string_view p, const RE2::Options &options) : p_(p), options_(options) {}

  bool run(Sequence &out) {
    std::vector<Sequence> branches;
    bool multiline = false;
    if (!alternation(multiline, branches) || i_ != p_.size()) return false;
    as_sequence(std::move(branches), out);
    index_branches(out);
    return true;
  }

 private:
  // Branches up to a ')' (not consumed) or the end; `multiline` is the (?m)
  // state, which a (?m) inside changes up to the end of the group, across '|'
  // as in RE2.
  bool alternation(bool multiline, std::vector<Sequence> &branches) {
    branches.emplace_back();
    while (i_ < p_.size() && p_[i_] != ')') {
      if (p_[i_] == '|') {
        ++i_;
        branches.emplace_back();
        continue;
      }
      if (!item(multiline, branches.back())) return false;
    }
    for (Sequence &s : branches) merge_literals(s);
    return true;
  }

  bool item(bool &multiline, Sequence &seq) {
    const char c = p_[i_];
    Node node;
    if (c == '(') {
      const pattern::ParenAt paren = pattern::paren_at(p_, i_);
      if (paren.kind == pattern::Paren::kFlags) {
        if (paren.flags != "m") return false;
        multiline = true;
        i_ = paren.next;
        return true;
      }
      if (paren.kind == pattern::Paren::kUnknown || !(paren.flags.empty() || paren.flags == "m"))
        return false;
      // Captures are numbered by their opening parenthesis, as RE2 does (from
      // 0 here: RE2's group number less one).
      const int capture = paren.kind == pattern::Paren::kCapture ? captures_++ : -1;
      i_ = paren.next;
      std::vector<Sequence> branches;
      if (!alternation(multiline || !paren.flags.empty(), branches) || i_ >= p_.size())
        return false;
      ++i_;  // ')'
      const pattern::Repetition r = pattern::repetition_at(p_, i_);
      if (r.end != npos && capture < 0 && one_code_point(branches)) {  // (?:\p{Han})*
        node = std::move(branches.front().front());
        node.kind = Node::Kind::one;
        node.min = r.min, node.max = r.max, node.lazy = r.lazy;
        i_ = r.end;
        if (pattern::repetition_at(p_, i_).end != npos) return false;
        seq.push_back(std::move(node));
        return true;
      }
      if (r.end != npos && !(r.min == 0 && r.max == 1)) return false;
      const bool optional = r.end != npos;
      if (optional) i_ = r.end;
      if (!optional && branches.size() == 1 && capture < 0) {  // its items in place
        for (Node &n : branches.front()) seq.push_back(std::move(n));
        return true;
      }
      group_node(std::move(branches), node);
      node.capture = capture;
      node.min = optional ? 0 : 1;
      node.lazy = optional && r.lazy;
      seq.push_back(std::move(node));
      return true;
    }
    if (c == '^' || c == '$') {
      node.kind = c == '^' ? (multiline ? Node::Kind::begin_line : Node::Kind::begin_text)
                           : (multiline ? Node::Kind::end_line : Node::Kind::end_text);
      ++i_;
      if (pattern::repetition_at(p_, i_).end != npos) return false;
      seq.push_back(std::move(node));
      return true;
    }
    node.kind = Node::Kind::one;
    std::size_t next = i_ + 1;
    if (c == '[') {
      next = pattern::class_end(p_, i_) + 1;
      if (next > p_.size()) return false;
      if (!(node.cls = CodePointClass::shared(std::string(p_.substr(i_, next - i_)), options_)))
        return false;
    } else if (c == '.') {
      if (!(node.cls = CodePointClass::shared(".", options_))) return false;
    } else if (c == '\\') {
      if (i_ + 1 >= p_.size()) return false;
      const char e = p_[i_ + 1];
      next = i_ + 2;
      if (e == 'p' || e == 'P') {
        if (i_ + 2 >= p_.size() || p_[i_ + 2] != '{') return false;  // \pN: not read here
        next = pattern::escape_end(p_, i_);
        if (next == npos) return false;
      }
      if (std::string_view("dDsSwWpP").find(e) != npos) {
        if (!(node.cls = CodePointClass::shared(std::string(p_.substr(i_, next - i_)), options_)))
          return false;
      } else if (const std::size_t k = std::string_view("ntrfva").find(e); k != npos) {
        node.text = std::string(1, "\n\t\r\f\v\a"[k]);
      } else if (static_cast<unsigned char>(e) < 0x80 &&
                 !std::isalnum(static_cast<unsigned char>(e)) && e != '\0') {
        node.text = std::string(1, e);
      } else {
        return false;  // \b, \A, \z, \C, \x41, \Q..., octal: not read here
      }
    } else if (c == '*' || c == '+' || c == '?' || c == '|' || c == ')') {
      return false;
    } else if (c == '{' && pattern::repetition_at(p_, i_).end != npos) {
      return false;
    } else {
      const utf8::Decoded d = utf8::decode(p_, i_);
      if (!d.valid) return false;
      next = i_ + d.len;
      node.text = std::string(p_.substr(i_, d.len));
    }
    i_ = next;
    const pattern::Repetition r = pattern::repetition_at(p_, i_);
    if (r.end != npos) {
      node.min = r.min, node.max = r.max, node.lazy = r.lazy;
      i_ = r.end;
      if (pattern::repetition_at(p_, i_).end != npos) return false;  // RE2 rejects a**
    }
    seq.push_back(std::move(node));
    return true;
  }

  using ByteSet = std::array<std::uint64_t, 4>;
  static void add_byte(ByteSet &set, unsigned char b) {
    set[b >> 6] |= std::uint64_t{1} << (b & 63);
  }

  // The bytes a match of seq[i...] can begin with, in `set`; true when it
  // may also match empty (then what follows it decides).
  static bool first_bytes(const Sequence &seq, std::size_t i, ByteSet &set) {
    for (; i < seq.size(); ++i) {
      const Node &n = seq[i];
      bool may_skip = false;
      switch (n.kind) {
        case Node::Kind::literal:
          add_byte(set, static_cast<unsigned char>(n.text[0]));
          break;
        case Node::Kind::one:
          if (n.cls)
            set.fill(~std::uint64_t{0});
          else
            add_byte(set, static_cast<unsigned char>(n.text[0]));
          may_skip = n.min == 0;
          break;
        case Node::Kind::words:
          for (std::size_t w = 0; w < 4; ++w) set[w] |= n.words->first_bytes()[w];
          may_skip = n.min == 0;
          break;
        case Node::Kind::group:
          for (const Sequence &branch : n.branches) may_skip |= first_bytes(branch, 0, set);
          may_skip |= n.min == 0;
          break;
        default:  // an assertion: zero-width
          may_skip = true;
          break;
      }
      if (!may_skip) return false;
    }
    return true;
  }

  static void index_branches(Sequence &seq) {
    for (Node &n : seq) {
      if (n.kind != Node::Kind::group) continue;
      n.branch_first.clear();
      for (Sequence &branch : n.branches) {
        index_branches(branch);
        ByteSet set{};
        if (first_bytes(branch, 0, set)) set.fill(~std::uint64_t{0});
        n.branch_first.push_back(set);
      }
    }
  }

  // True when `branches` is one branch of one code point (a class or a literal one).
  static bool one_code_point(const std::vector<Sequence> &branches) {
    if (branches.size() != 1 || branches.front().size() != 1) return false;
    const Node &n = branches.front().front();
    if (n.kind == Node::Kind::one) return n.min == 1 && n.max == 1;
    return n.kind == Node::Kind::literal && !n.text.empty() &&
           utf8::decode(n.text, 0).len == n.text.size();
  }

  // Adjacent single code points (no repetition, no class) as one literal.
  static void merge_literals(Sequence &seq) {
    Sequence merged;
    for (Node &n : seq) {
      const bool plain = n.kind == Node::Kind::one && !n.cls && n.min == 1 && n.max == 1;
      if (plain) n.kind = Node::Kind::literal;
      if (plain && !merged.empty() && merged.back().kind == Node::Kind::literal) {
        merged.back().text += n.text;
        continue;
      }
      merged.push_back(std::move(n));
    }
    seq = std::move(merged);
  }

  // A group; an alternation of words becomes a words node.
  static void group_node(std::vector<Sequence> branches, Node &node) {
    const bool all_words = std::all_of(branches.begin(), branches.end(), [](const Sequence &s) {
      return s.size() == 1 && s.front().kind == Node::Kind::literal;
    });
    std::vector<std::size_t> lengths;
    if (all_words) {
      for (const Sequence &s : branches)
        if (std::find(lengths.begin(), lengths.end(), s.front().text.size()) == lengths.end())
          lengths.push_back(s.front().text.size());
    }
    if (!all_words || lengths.size() > kMaxWordLengths) {
      node.kind = Node::Kind::group;
      node.branches = std::move(branches);
      return;
    }
    node.kind = Node::Kind::words;
    std::vector<std::string> words;
    words.reserve(branches.size());
    for (Sequence &s : branches) words.push_back(std::move(s.front().text));
    node.words = std::make_unique<const WordTable>(std::move(words), std::move(lengths));
  }

  static void as_sequence(std::vector<Sequence> branches, Sequence &out) {
    if (branches.size() == 1) {
      out = std::move(branches.front());
      return;
    }
    Node node;
    group_node(std::move(branches), node);
    out.clear();
    out.push_back(std::move(node));
  }

  std::string_view p_;
  const RE2::Options &options_;
  std::size_t i_ = 0;

 public:
  int captures_ = 0;
};

std::unique_ptr<const LeafMatcher> LeafMatcher::compile(std::string_view pattern,
                                                        const RE2::Options &options) {
  if (options.encoding() != RE2::Options::EncodingUTF8 || !options.case_sensitive() ||
      options.literal() || options.longest_match() || options.never_nl() || options.posix_syntax())
    return nullptr;
  std::unique_ptr<LeafMatcher> matcher(new LeafMatcher());
  matcher->top_ = std::make_unique<Sequence>();
  Parser parser(pattern, options);
  if (!parser.run(*matcher->top_)) return nullptr;
  matcher->captures_ = parser.captures_;
  return matcher;
}

// ---- matching ----

struct LeafMatcher::Frame {  // where to go on when a group's branch is done
  const Sequence *seq;
  std::size_t next;
  const Frame *up;
  int capture;  // the group's capture, which ends there; -1: none
};

struct LeafMatcher::Run {
  std::string_view text;
  std::size_t end;
  bool whole;
  std::size_t steps_left;
  bool unknown = false;
  std::size_t matched_end = 0;
  // Capture bounds while matching, 2 per capture (npos: not set); null when
  // only the match's bounds are asked. A failed path restores what it set.
  std::size_t *caps = nullptr;

  // The length of the code point at `pos` when it lies before `end` and is
  // in node n (a class or a single code point); 0 otherwise.
  std::size_t one_at(const Node &n, std::size_t pos) {
    if (pos >= end) return 0;
    if (steps_left == 0) {  // reading counts against the budget too
      unknown = true;
      return 0;
    }
    --steps_left;
    if (!n.cls) {
      const std::size_t len = n.text.size();
      return len <= end - pos && text[pos] == n.text[0] &&
                     std::memcmp(text.data() + pos + 1, n.text.data() + 1, len - 1) == 0
                 ? len
                 : 0;
    }
    const utf8::Decoded d = utf8::decode(text, pos);
    if (!d.valid || d.len > end - pos) {
      unknown = true;  // how RE2 reads a broken sequence is its own business
      steps_left = 0;  // and no more steps
      return 0;
    }
    return n.cls->contains(d.cp, text.substr(pos, d.len)) ? d.len : 0;
  }
};

bool LeafMatcher::step(Run &r, const Sequence *seq, std::size_t i, std::size_t pos,
                       const Frame *up) {
  const std::string_view text = r.text;
  // Nodes with one way to match are followed in this loop; a node with a
  // choice tries each way in order with a call for what follows it.
  for (;; ++i) {
    if (r.steps_left == 0) {  // also where `unknown` was set: it empties the budget
      r.unknown = true;
      return false;
    }
    --r.steps_left;
    while (i == seq->size()) {
      if (!up) {
        if (r.whole && pos != r.end) return false;
        r.matched_end = pos;
        return true;
      }
      // The group ends here. Set, not undone on failure: the group undoes its
      // capture when no way through it succeeds, and a later way sets it again.
      if (up->capture >= 0) r.caps[2 * up->capture + 1] = pos;
      seq = up->seq, i = up->next, up = up->up;
    }
    const Node &n = (*seq)[i];
    switch (n.kind) {
      case Node::Kind::literal:
        if (n.text.size() > r.end - pos ||
            std::memcmp(text.data() + pos, n.text.data(), n.text.size()) != 0)
          return false;
        pos += n.text.size();
        continue;
      case Node::Kind::begin_text:
        if (pos != 0) return false;
        continue;
      case Node::Kind::begin_line:
        if (pos != 0 && text[pos - 1] != '\n') return false;
        continue;
      case Node::Kind::end_text:
        if (pos != text.size()) return false;
        continue;
      case Node::Kind::end_line:
        if (pos != text.size() && text[pos] != '\n') return false;
        continue;
      case Node::Kind::one: {
        std::size_t count = 0, at = pos;
        if (n.min == n.max) {  // a fixed count: no choice
          for (; count < n.min; ++count) {
            const std::size_t len = r.one_at(n, at);
            if (len == 0) return false;
            at += len;
          }
          pos = at;
          continue;
        }
        if (n.lazy) {
          for (;; ++count) {
            if (count >= n.min && step(r, seq, i + 1, at, up)) return true;
            if (r.unknown || count == n.max) return false;
            const std::size_t len = r.one_at(n, at);
            if (len == 0) return false;
            at += len;
          }
        }
        for (std::size_t len; count < n.max && (len = r.one_at(n, at)) > 0; ++count) at += len;
        if (r.unknown) return false;
        for (;; --count) {
          if (count < n.min) return false;
          if (step(r, seq, i + 1, at, up)) return true;
          if (r.unknown || count == 0) return false;
          // Back one code point: every one taken was whole, valid UTF-8.
          do --at;
          while ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80);
        }
      }
      case Node::Kind::words: {
        // The words found here, in alternation order: (index, length).
        struct Found {
          std::size_t index, length;
        } found[kMaxWordLengths];  // uninitialized: only [0, count) is read
        const std::size_t count = n.words->at(text, pos, r.end, found);
        if (n.capture >= 0 && r.caps) {  // each way sets the capture, and undoes it on failure
          std::size_t &cap_begin = r.caps[2 * n.capture], &cap_end = r.caps[2 * n.capture + 1];
          const std::size_t old_begin = cap_begin, old_end = cap_end;
          const bool skip_first = n.min == 0 && n.lazy;
          if (skip_first && step(r, seq, i + 1, pos, up)) return true;
          for (std::size_t k = 0; k < count; ++k) {
            if (r.unknown) return false;
            cap_begin = pos, cap_end = pos + found[k].length;
            if (step(r, seq, i + 1, cap_end, up)) return true;
            cap_begin = old_begin, cap_end = old_end;
          }
          return !r.unknown && n.min == 0 && !skip_first && step(r, seq, i + 1, pos, up);
        }
        if (count == 0 || (count == 1 && n.min == 1)) {  // no choice
          if (count == 0 && n.min == 1) return false;
          if (count == 1) pos += found[0].length;
          continue;
        }
        const bool skip_first = n.min == 0 && n.lazy;
        if (skip_first && step(r, seq, i + 1, pos, up)) return true;
        for (std::size_t k = 0; k < count; ++k) {
          if (r.unknown) return false;
          if (step(r, seq, i + 1, pos + found[k].length, up)) return true;
        }
        return !r.unknown && n.min == 0 && !skip_first && step(r, seq, i + 1, pos, up);
      }
      case Node::Kind::group: {
        const bool skip_first = n.min == 0 && n.lazy;
        if (skip_first && step(r, seq, i + 1, pos, up)) return true;
        const Frame after{seq, i + 1, up, r.caps ? n.capture : -1};
        std::size_t old_begin = npos, old_end = npos;
        if (after.capture >= 0) {  // begins here; the frame sets its end
          old_begin = r.caps[2 * after.capture], old_end = r.caps[2 * after.capture + 1];
          r.caps[2 * after.capture] = pos;
        }
        const unsigned b = pos < r.end ? static_cast<unsigned char>(text[pos]) : 256u;
        for (std::size_t k = 0; k < n.branches.size(); ++k) {
          if (r.unknown) return false;
          const auto &first = n.branch_first[k];
          if (b < 256u && (first[b >> 6] >> (b & 63) & 1u) == 0) continue;
          if (step(r, &n.branches[k], 0, pos, &after)) return true;
        }
        if (after.capture >= 0)
          r.caps[2 * after.capture] = old_begin, r.caps[2 * after.capture + 1] = old_end;
        return !r.unknown && n.min == 0 && !skip_first && step(r, seq, i + 1, pos, up);
      }
    }
    return false;
  }
}

LeafMatcher::Result LeafMatcher::run(std::string_view text, std::size_t pos, std::size_t end,
                                     bool whole, std::size_t &matched_end,
                                     std::size_t *caps) const {
  if (pos > end || end > text.size()) return Result::unknown;
  // A pattern that backtracks more than this goes to RE2: linear in the text
  // up to 256 bytes, and no more past that, so that tries at every position
  // of a long line cost a bounded amount each.
  const std::size_t budget = 256 + 16 * std::min<std::size_t>(end - pos, 256);
  Run r{text, end, whole, budget};
  r.caps = caps;
  const bool found = step(r, top_.get(), 0, pos, nullptr);
  if (r.unknown) return Result::unknown;
  if (!found) return Result::no;
  matched_end = r.matched_end;
  return Result::yes;
}

LeafMatcher::Result LeafMatcher::match(std::string_view text, std::size_t pos, std::size_t end,
                                       bool whole, re2::StringPiece *groups, int ngroups) const {
  if (ngroups < 1 || ngroups > captures_ + 1) return Result::unknown;
  thread_local std::vector<std::size_t> caps;
  const bool want_captures = ngroups > 1;
  if (want_captures) caps.assign(2 * static_cast<std::size_t>(captures_), npos);
  std::size_t matched_end = 0;
  const Result result =
      run(text, pos, end, whole, matched_end, want_captures ? caps.data() : nullptr);
  if (result != Result::yes) return result;
  groups[0] = re2::StringPiece(text.data() + pos, matched_end - pos);
  for (int g = 1; g < ngroups; ++g) {
    const std::size_t b = caps[2 * static_cast<std::size_t>(g - 1)],
                      e = caps[2 * static_cast<std::size_t>(g - 1) + 1];
    groups[g] =
        b == npos || e == npos ? re2::StringPiece() : re2::StringPiece(text.data() + b, e - b);
  }
  return result;
}

LeafMatcher::Result LeafMatcher::prefix(std::string_view text, std::size_t pos, std::size_t end,
                                        std::size_t &length) const {
  std::size_t matched_end = 0;
  const Result result = run(text, pos, end, false, matched_end, nullptr);
  if (result == Result::yes) length = matched_end - pos;
  return result;
}

LeafMatcher::Result LeafMatcher::whole(std::string_view text, std::size_t pos,
                                       std::size_t end) const {
  std::size_t matched_end = 0;
  return run(text, pos, end, true, matched_end, nullptr);
}

bool anchored_prefix(const LeafMatcher *native, const RE2 &re, const re2::StringPiece &text,
                     std::size_t pos, std::size_t end, std::size_t &length) {
  if (native) {
    const LeafMatcher::Result r =
        native->prefix(std::string_view(text.data(), text.size()), pos, end, length);
    if (r != LeafMatcher::Result::unknown) return r == LeafMatcher::Result::yes;
  }
  re2::StringPiece piece;
  if (!re.Match(text, pos, end, RE2::ANCHOR_START, &piece, 1)) return false;
  length = piece.size();
  return true;
}

bool anchored_whole(const LeafMatcher *native, const RE2 &re, const re2::StringPiece &text,
                    std::size_t pos, std::size_t end) {
  if (native) {
    const LeafMatcher::Result r =
        native->whole(std::string_view(text.data(), text.size()), pos, end);
    if (r != LeafMatcher::Result::unknown) return r == LeafMatcher::Result::yes;
  }
  return re.Match(text, pos, end, RE2::ANCHOR_BOTH, nullptr, 0);
}

}  // namespace zhmeta
