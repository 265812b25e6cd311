#include "rules/rule_pack.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "core/call_marks.hpp"
#include "core/utf8.hpp"
#include "rules/embedded.hpp"
#include "rules/literal_scanner.hpp"
#include "rules/pattern_syntax.hpp"
#include "zhmeta/zhmeta.hpp"

namespace zhmeta {

// ---- Gazetteer ----

void Gazetteer::add(std::string canonical, const std::vector<std::string> &variants) {
  if (!find_term(canonical)) entries_.push_back(canonical);
  const std::string_view canonical_view = storage_.emplace_back(std::move(canonical));
  auto insert = [&](std::string_view term) {
    if (term.empty() || find_term(term)) return;
    insert_term(storage_.emplace_back(term), canonical_view);
    terms_.emplace_back(term);
    longest_ = std::max(longest_, term.size());
    lengths_ |= term.size() < 64 ? std::uint64_t{1} << term.size() : 0;
    if (first_.empty()) first_.assign(0x10000 / 64, 0), last_.assign(0x10000 / 64, 0);
    auto mark = [](CodePointBits &bits, char32_t c) {
      if (c <= 0xFFFF) bits[c >> 6] |= std::uint64_t{1} << (c & 63);
    };
    mark(first_, utf8::decode(term, 0).cp);
    mark(last_, utf8::before(term, term.size()));
  };
  insert(canonical_view);
  for (const auto &v : variants) insert(v);
}

void Gazetteer::sort_terms() {
  std::stable_sort(terms_.begin(), terms_.end(),
                   [](const std::string &a, const std::string &b) { return a.size() > b.size(); });
  lengths_longest_first_.clear();
  for (const std::string &t : terms_)  // sorted: equal lengths are adjacent
    if (lengths_longest_first_.empty() || lengths_longest_first_.back() != t.size())
      lengths_longest_first_.push_back(t.size());
}

void Gazetteer::insert_term(std::string_view term, std::string_view canonical) {
  auto place = [](std::vector<TermSlot> &slots, const TermSlot &slot) {
    const std::size_t mask = slots.size() - 1;
    std::size_t i = slot.hash & mask;
    while (!slots[i].term.empty()) i = (i + 1) & mask;
    slots[i] = slot;
  };
  if ((term_count_ + 1) * 2 > slots_.size()) {  // grow to keep it at most half full
    std::vector<TermSlot> grown(std::max<std::size_t>(16, slots_.size() * 2));
    for (const TermSlot &slot : slots_)
      if (!slot.term.empty()) place(grown, slot);
    slots_.swap(grown);
  }
  place(slots_, TermSlot{term, canonical, term_hash(term)});
  ++term_count_;
}

std::string_view Gazetteer::canonical(std::string_view term) const {
  const TermSlot *slot = find_term(term);
  return slot ? slot->canonical : std::string_view();
}

std::string Gazetteer::alternation() const {
  std::string out = "(?:";
  for (std::size_t i = 0; i < terms_.size(); ++i) {
    if (i) out += '|';
    out += RE2::QuoteMeta(terms_[i]);
  }
  return out + ")";
}

// ---- Rule, RuleMatch, RuleSet ----

const LeafMatcher *Rule::leaf_matcher() const {
  LazyLeafMatcher &native = *native_;
  std::call_once(native.compiled,
                 [&] { native.matcher = LeafMatcher::compile(re->pattern(), re->options()); });
  return native.matcher.get();
}

LeafMatcher::Result Rule::ask_leaf_matcher(const re2::StringPiece &text, std::size_t pos,
                                           std::size_t end, bool whole, re2::StringPiece *out,
                                           int nout) const {
  const LeafMatcher *native = leaf_matcher();
  return native
             ? native->match(std::string_view(text.data(), text.size()), pos, end, whole, out, nout)
             : LeafMatcher::Result::unknown;
}

bool Rule::match_from(const re2::StringPiece &text, std::size_t pos, std::size_t end,
                      re2::StringPiece *out, int nout) const {
  if (const auto r = ask_leaf_matcher(text, pos, end, false, out, nout);
      r != LeafMatcher::Result::unknown)
    return r == LeafMatcher::Result::yes;
  re2::StringPiece whole;
  if (!re->Match(text, pos, end, RE2::ANCHOR_START, &whole, 1)) return false;
  if (nout == 1) {
    out[0] = whole;
    return true;
  }
  return groups_by_placer_or_re2(text, pos, pos + whole.size(), out, nout);
}

bool Rule::match_groups(const re2::StringPiece &text, std::size_t begin, std::size_t end,
                        re2::StringPiece *out, int nout) const {
  if (const auto r = ask_leaf_matcher(text, begin, end, true, out, nout);
      r != LeafMatcher::Result::unknown)
    return r == LeafMatcher::Result::yes;
  return groups_by_placer_or_re2(text, begin, end, out, nout);
}

std::string_view Rule::emit_value(std::string_view key, std::string_view fallback) const {
  auto it = emit.find(key);
  return it == emit.end() ? fallback : std::string_view(it->second);
}

int RuleMatch::group_index(std::string_view name) const {
  for (const auto &[group, index] : rule_->group_list)
    if (group.size() == name.size() && std::memcmp(group.data(), name.data(), name.size()) == 0)
      return index;
  return -1;
}

std::string_view RuleMatch::group(std::string_view name) const {
  const int index = group_index(name);
  if (index < 0) return {};
  const auto &g = groups_[static_cast<std::size_t>(index)];
  return g.data() ? std::string_view(g.data(), g.size()) : std::string_view();
}

std::size_t RuleMatch::group_begin(std::string_view name) const {
  const int index = group_index(name);
  if (index < 0 || !groups_[static_cast<std::size_t>(index)].data()) return begin();
  return offset(index);
}

const Rule *RuleSet::find(std::string_view id) const {
  for (const auto &r : rules_)
    if (r.id == id) return &r;
  return nullptr;
}

void RuleSet::all_rules(std::vector<int> &out) const {
  out.clear();
  for (std::size_t i = 0; i < rules_.size(); ++i) out.push_back(static_cast<int>(i));
}

bool RuleSet::set_ready() const {
  // Built on first use: only the segmenter asks exact questions, and parsing
  // every kind's patterns into a set at load was wasted engine creation time
  // (each pattern already compiled, and so was checked, as its own RE2).
  std::call_once(set_compiled_, [this] {
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_max_mem(256 << 20);
    auto set = std::make_unique<re2::RE2::Set>(opts, RE2::UNANCHORED);
    for (const Rule &r : rules_)
      if (set->Add(r.expanded, nullptr) < 0) return;  // unusable: every rule is a hit
    if (!set->Compile()) return;
    set_ = std::move(set);
    set_usable_ = true;
  });
  return set_usable_;
}

bool RuleSet::any_match(std::string_view text) const {
  if (rules_.empty()) return false;
  if (!set_ready()) return true;
  re2::RE2::Set::ErrorInfo error{};
  return set_->Match(re2::StringPiece(text.data(), text.size()), nullptr, &error) ||
         error.kind != re2::RE2::Set::kNoError;
}

void RuleSet::matching(std::string_view text, std::vector<int> &out) const {
  out.clear();
  if (rules_.empty()) return;
  if (!set_ready()) return all_rules(out);
  re2::RE2::Set::ErrorInfo error{};
  if (!set_->Match(re2::StringPiece(text.data(), text.size()), &out, &error) &&
      error.kind != re2::RE2::Set::kNoError)
    return all_rules(out);  // e.g. DFA out of memory: a false "no match" would drop items
  std::sort(out.begin(), out.end());
}

struct RuleSet::Filter {
  re2::FilteredRE2 prefilter{1};  // atoms of one byte and up: a lone 年 or ( still filters
  // The atoms are found by the scanner, or (atoms with cased non-ASCII
  // letters) by a case-insensitive literal set; both null: no atoms at all.
  std::unique_ptr<LiteralScanner> scanner;
  std::unique_ptr<re2::RE2::Set> atom_set;
  std::vector<int> unfiltered;  // the candidates when no atom occurs: rules without atoms
  // Names this filter in the per-thread memo of answers (see
  // candidates_from_atoms): unique for the life of the process, unlike an
  // address, which a later filter may reuse.
  std::uint64_t serial = next_serial();
  static std::uint64_t next_serial() {
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
  }
};

const RuleSet::Filter *RuleSet::filter() const {
  std::call_once(filter_built_, [this] {
    auto filter = std::make_unique<Filter>();
    RE2::Options options;
    options.set_log_errors(false);
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      int id = -1;
      if (filter->prefilter.Add(rules_[i].expanded, options, &id) != RE2::NoError ||
          id != static_cast<int>(i))
        return;  // no filter: every rule is a candidate
    }
    std::vector<std::string> atoms;
    filter->prefilter.Compile(&atoms);
    if (!atoms.empty()) {
      filter->scanner = std::make_unique<LiteralScanner>(atoms);
      if (!filter->scanner->usable()) {
        filter->scanner.reset();
        RE2::Options literal;  // FilteredRE2 lowercases its atoms: match them ignoring case
        literal.set_log_errors(false);
        literal.set_literal(true);
        literal.set_case_sensitive(false);
        literal.set_max_mem(64 << 20);
        filter->atom_set = std::make_unique<re2::RE2::Set>(literal, RE2::UNANCHORED);
        for (std::size_t i = 0; i < atoms.size(); ++i)
          if (filter->atom_set->Add(atoms[i], nullptr) != static_cast<int>(i)) return;
        if (!filter->atom_set->Compile()) return;
      }
    }
    filter->prefilter.AllPotentials({}, &filter->unfiltered);
    filter_ = std::move(filter);
  });
  return filter_.get();
}

void RuleSet::candidates(std::string_view text, std::vector<int> &out) const {
  out.clear();
  if (rules_.empty()) return;
  const Filter *f = filter();
  if (!f) return all_rules(out);
  thread_local std::vector<int> atoms;  // scratch: one per thread, reused
  atoms.clear();
  if (f->scanner) {
    f->scanner->find(text, atoms);
  } else if (f->atom_set) {
    re2::RE2::Set::ErrorInfo error{};
    if (!f->atom_set->Match(re2::StringPiece(text.data(), text.size()), &atoms, &error) &&
        error.kind != re2::RE2::Set::kNoError)
      return all_rules(out);
  }
  candidates_from_atoms(atoms, out);
}

void RuleSet::candidates_from_atoms(std::vector<int> &atoms, std::vector<int> &out) const {
  const Filter *f = filter();
  if (atoms.empty()) {
    out = f->unfiltered;
    return;
  }
  // FilteredRE2::AllPotentials walks the filter's whole tree of atoms
  // (thousands of instructions), while lines keep producing the same few sets
  // of atoms: remember its answer per (filter, set of atoms), per thread, so
  // no lock is taken. The memo is dropped when it grows past a bound.
  constexpr std::size_t kMemoEntries = 4096;
  thread_local std::unordered_map<std::string, std::vector<int>> memo;
  thread_local std::string key;
  key.assign(reinterpret_cast<const char *>(&f->serial), sizeof f->serial);
  key.append(reinterpret_cast<const char *>(atoms.data()), atoms.size() * sizeof(int));
  if (const auto it = memo.find(key); it != memo.end()) {
    out = it->second;
    return;
  }
  f->prefilter.AllPotentials(atoms, &out);  // sorted, unfiltered rules included
  if (memo.size() >= kMemoEntries) memo.clear();
  memo.emplace(key, out);
}

const RuleSet::LiteralRules *RuleSet::literal_rules() const {
  std::call_once(literal_rules_built_, [this] {
    auto built = std::make_unique<LiteralRules>();
    built->is_literal.assign(rules_.size(), 0);
    std::vector<std::string> words;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      if (!pattern::literal_alternatives(rules_[i].expanded, words)) continue;
      built->is_literal[i] = 1;
      for (std::size_t alternative = 0; alternative < words.size(); ++alternative)
        built->words.add(words[alternative], {static_cast<int>(i), alternative});
    }
    if (built->words.empty()) return;
    built->words.finish();
    literal_rules_ = std::move(built);
  });
  return literal_rules_.get();
}

const LiteralSet *RuleSet::literal_rule_words() const {
  const LiteralRules *literal = literal_rules();
  return literal ? &literal->words.words() : nullptr;
}

const RuleSet::Openers *RuleSet::openers() const {
  std::call_once(openers_built_, [this] {
    auto built = std::make_unique<Openers>();
    built->has_openers.assign(rules_.size(), 0);
    const LiteralRules *literal = literal_rules();
    std::vector<std::string> words;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      if (literal && literal->is_literal[i]) continue;
      // The reading follows RE2's defaults: case-sensitive UTF-8, leftmost-first.
      const RE2::Options &options = rules_[i].re->options();
      if (!options.case_sensitive() || options.literal() || options.longest_match() ||
          options.encoding() != RE2::Options::EncodingUTF8)
        continue;
      if (!pattern::literal_openers(rules_[i].expanded, words)) continue;
      built->has_openers[i] = 1;
      for (const std::string &word : words) built->words.add(word, static_cast<int>(i));
    }
    if (built->words.empty()) return;
    built->words.finish();
    openers_ = std::move(built);
  });
  return openers_.get();
}

const LiteralSet *RuleSet::opener_words() const {
  const Openers *openers = this->openers();
  return openers ? &openers->words.words() : nullptr;
}

bool RuleSet::found_from_hits(int index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= rules_.size()) return false;
  const auto i = static_cast<std::size_t>(index);
  const LiteralRules *literal = literal_rules();
  const Openers *openers = this->openers();
  return (literal && literal->is_literal[i]) || (openers && openers->has_openers[i]);
}

void RuleSet::literal_matches(int index, const std::vector<LiteralHit> &hits, std::size_t first,
                              std::size_t from, std::size_t to,
                              std::vector<std::pair<std::size_t, std::size_t>> &out) const {
  out.clear();
  const LiteralRules &literal = *literal_rules_;
  std::size_t next = from;  // matches do not overlap: the next one starts here or later
  for (std::size_t k = first; k < hits.size() && hits[k].pos < to;) {
    const std::size_t pos = hits[k].pos;
    // Of the words that start here and end by `to` (RE2 sees no further), the
    // rule's leftmost-first match is the one that comes first in its alternation.
    std::size_t best = std::string_view::npos, best_length = 0;
    for (; k < hits.size() && hits[k].pos == pos; ++k) {
      if (pos < next) continue;
      const std::size_t word = hits[k].index, length = literal.words.words().word(word).size();
      if (pos + length > to) continue;
      for (auto t = literal.words.first(word); t != literal.words.last(word); ++t)
        if (t->rule == index && t->alternative < best) {
          best = t->alternative;
          best_length = length;
        }
    }
    if (best == std::string_view::npos) continue;
    out.emplace_back(pos, pos + best_length);
    next = pos + best_length;
  }
}

const LiteralSet *RuleSet::atom_words() const {
  const Filter *f = rules_.empty() ? nullptr : filter();
  return f && f->scanner ? &f->scanner->words() : nullptr;
}

void RuleSet::candidates(std::string_view text, std::size_t from, std::size_t to,
                         const std::vector<LiteralHit> *atom_hits, std::vector<int> &out) const {
  if (!atom_hits) return candidates(text.substr(from, to - from), out);
  out.clear();
  if (rules_.empty()) return;
  const Filter *f = filter();
  if (!f || !f->scanner) return candidates(text.substr(from, to - from), out);
  // The atoms wholly inside [from, to): what a scan of that slice finds, as
  // the slice starts on a code point boundary of valid UTF-8.
  thread_local std::vector<int> atoms;
  // Each atom once: a text repeats a few atoms (市, 会) many times, so they
  // are told apart by a per-thread mark before the sort.
  thread_local CallMarks seen;
  atoms.clear();
  const LiteralSet &words = f->scanner->words();
  seen.start(words.size());
  auto hit = std::lower_bound(atom_hits->begin(), atom_hits->end(), from,
                              [](const LiteralHit &h, std::size_t pos) { return h.pos < pos; });
  for (; hit != atom_hits->end() && hit->pos < to; ++hit)
    if (hit->pos + words.word(hit->index).size() <= to && seen.mark(hit->index))
      atoms.push_back(static_cast<int>(hit->index));
  std::sort(atoms.begin(), atoms.end());
  candidates_from_atoms(atoms, out);
}

// ---- loading ----

namespace {

[[noreturn]] void fail(const std::string &file, int line, const std::string &what) {
  std::ostringstream msg;
  msg << file << ":" << line << ": " << what;
  throw Error(msg.str());
}

std::string trim(std::string_view s) {
  const char *ws = " \t\r";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      out.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// rules/dates/core.rules -> kind "dates"; a top-level file -> its stem.
std::string kind_of(const std::string &path) {
  const std::filesystem::path p(path);
  const auto parent = p.parent_path().filename().string();
  return parent.empty() ? p.stem().string() : parent;
}

// Up to about this many instructions RE2 places groups with OnePass or
// BitState, which are as fast as a GroupPlacer; above it, with its NFA.
constexpr int kLargestProgramRe2PlacesFast = 512;

struct PendingRule {
  Rule rule;
};

}  // namespace

class RulePackBuilder {
 public:
  void add_gazetteer(const std::string &file, std::string_view content) {
    Gazetteer &g = pack_->gazetteers_[std::filesystem::path(file).stem().string()];
    std::istringstream in{std::string(content)};
    std::string line;
    while (std::getline(in, line)) {
      const auto hash = line.find('#');
      if (hash != std::string::npos) line.erase(hash);
      const std::string t = trim(line);
      if (t.empty()) continue;
      auto parts = split(t, '|');
      std::string canonical = parts.front();
      parts.erase(parts.begin());
      g.add(canonical, parts);
    }
  }

  void add_rule_file(const std::string &file, std::string_view content) {
    std::istringstream in{std::string(content)};
    std::string raw;
    int lineno = 0;
    Rule *current = nullptr;
    const std::string kind = kind_of(file);
    while (std::getline(in, raw)) {
      ++lineno;
      const std::string line = trim(raw);
      if (line.empty() || line[0] == '#') continue;
      if (line.rfind("define ", 0) == 0) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) fail(file, lineno, "define needs `define NAME = pattern`");
        const std::string name = trim(line.substr(7, eq - 7));
        if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
              return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            }))
          fail(file, lineno, "define name must be UPPER_CASE: `" + name + "`");
        if (pack_->defines_.count(name)) fail(file, lineno, "define " + name + " is defined twice");
        pack_->defines_[name] = trim(line.substr(eq + 1));
        current = nullptr;
        continue;
      }
      if (line.rfind("rule ", 0) == 0) {
        const std::string id = trim(line.substr(5));
        if (id.empty() || id.find(' ') != std::string::npos)
          fail(file, lineno, "rule needs one id");
        if (ids_.count(id)) fail(file, lineno, "rule " + id + ": id already used at " + ids_[id]);
        ids_[id] = file + ":" + std::to_string(lineno);
        pending_.push_back({});
        current = &pending_.back().rule;
        current->id = id;
        current->kind = kind;
        current->file = file;
        current->line = lineno;
        continue;
      }
      if (!current) fail(file, lineno, "expected `rule ID` or `define NAME = pattern`");
      const auto eq = line.find('=');
      if (eq == std::string::npos)
        fail(file, lineno, "rule " + current->id + ": expected `key = value`");
      const std::string key = trim(line.substr(0, eq));
      // Values keep inner spaces; only the single space after '=' is a separator.
      std::string value = line.substr(eq + 1);
      if (!value.empty() && value[0] == ' ') value.erase(0, 1);
      if (key == "pattern") {
        current->pattern = value;
      } else if (key == "priority") {
        try {
          current->priority = std::stoi(value);
        } catch (...) {
          fail(file, lineno, "rule " + current->id + ": priority must be an integer");
        }
      } else if (key == "emit") {
        for (const auto &pair : split(value, ' ')) {
          if (pair.empty()) continue;
          const auto colon = pair.find(':');
          if (colon == std::string::npos)
            fail(file, lineno, "rule " + current->id + ": emit takes key:value pairs");
          current->emit[pair.substr(0, colon)] = pair.substr(colon + 1);
        }
      } else if (key == "example") {
        RuleExample ex;
        ex.line = lineno;
        const auto arrow = value.find(" => ");
        ex.text = arrow == std::string::npos ? value : value.substr(0, arrow);
        if (arrow != std::string::npos)
          for (const auto &pair : split(value.substr(arrow + 4), ' ')) {
            if (pair.empty()) continue;
            const auto e = pair.find('=');
            if (e == std::string::npos)
              fail(file, lineno, "rule " + current->id + ": example expectations are group=value");
            ex.groups.emplace_back(pair.substr(0, e), pair.substr(e + 1));
          }
        current->examples.push_back(std::move(ex));
      } else if (key == "counter") {
        current->counterexamples.emplace_back(value, lineno);
      } else {
        fail(file, lineno, "rule " + current->id + ": unknown key `" + key + "`");
      }
    }
  }

  std::shared_ptr<const RulePack> finish() {
    for (auto &entry : pack_->gazetteers_) entry.second.sort_terms();
    for (auto &p : pending_) {
      Rule &r = p.rule;
      if (r.pattern.empty()) fail(r.file, r.line, "rule " + r.id + ": no pattern");
      try {
        r.expanded = pack_->expand(r.pattern);
      } catch (const Error &e) {
        fail(r.file, r.line, "rule " + r.id + ": " + e.what());
      }
      RE2::Options opts;
      opts.set_log_errors(false);
      opts.set_max_mem(64 << 20);
      r.re = std::make_unique<RE2>(r.expanded, opts);
      if (!r.re->ok())
        fail(r.file, r.line, "rule " + r.id + ": pattern does not compile: " + r.re->error());
      if (r.re->NumberOfCapturingGroups() != static_cast<int>(r.re->NamedCapturingGroups().size()))
        fail(r.file, r.line, "rule " + r.id + ": use named groups (?P<name>...) or (?:...) only");
      for (const auto &[name, index] : r.re->NamedCapturingGroups()) {
        r.groups.emplace(name, index);
        r.group_list.emplace_back(name, index);
      }
      if (r.re->ProgramSize() > kLargestProgramRe2PlacesFast)
        r.placer = GroupPlacer::build(*r.re, r.expanded);
    }
    // Group rules by kind, keeping file order; an id given again (a user layer)
    // replaces the earlier rule of that id.
    for (auto &p : pending_) {
      RuleSet &set = pack_->kinds_[p.rule.kind];
      auto it = std::find_if(set.rules_.begin(), set.rules_.end(),
                             [&](const Rule &r) { return r.id == p.rule.id; });
      if (it != set.rules_.end())
        *it = std::move(p.rule);
      else
        set.rules_.push_back(std::move(p.rule));
    }
    return std::move(pack_);
  }

  // A later layer may redefine rule ids; defines and gazetteers merge.
  void allow_redefinition() { ids_.clear(); }

 private:
  std::shared_ptr<RulePack> pack_ = std::make_shared<RulePack>();
  std::vector<PendingRule> pending_;
  std::map<std::string, std::string> ids_;
};

std::string RulePack::expand(std::string_view pattern) const {
  std::string out;
  int depth = 0;
  std::string current(pattern);
  // Expand until no reference is left; references may nest through defines.
  for (;;) {
    out.clear();
    bool changed = false;
    for (std::size_t i = 0; i < current.size(); ++i) {
      if (current[i] == '\\' && i + 1 < current.size()) {  // escaped char: copy both
        out += current[i];
        out += current[++i];
        continue;
      }
      if (current[i] == '{') {
        const auto close = current.find('}', i);
        if (close != std::string::npos) {
          const std::string name = current.substr(i + 1, close - i - 1);
          if (!name.empty() && name[0] == '@') {
            auto g = gazetteers_.find(name.substr(1));
            if (g == gazetteers_.end()) throw Error("unknown gazetteer {" + name + "}");
            out += g->second.alternation();
            i = close;
            changed = true;
            continue;
          }
          // Only {UPPER_CASE} names are defines: \p{Han}, \d{1,2} and the like stay RE2's.
          const bool define_name = !name.empty() &&
                                   std::isupper(static_cast<unsigned char>(name[0])) &&
                                   std::all_of(name.begin(), name.end(), [](char c) {
                                     return std::isupper(static_cast<unsigned char>(c)) ||
                                            std::isdigit(static_cast<unsigned char>(c)) || c == '_';
                                   });
          if (define_name) {
            auto d = defines_.find(name);
            if (d == defines_.end()) throw Error("unknown define {" + name + "}");
            out += "(?:" + d->second + ")";
            i = close;
            changed = true;
            continue;
          }
        }
      }
      out += current[i];
    }
    if (!changed) return out;
    if (++depth > 16) throw Error("defines nest too deep (a cycle?)");
    current = out;
  }
}

const RuleSet &RulePack::kind(std::string_view name) const {
  static const RuleSet empty;
  auto it = kinds_.find(name);
  return it == kinds_.end() ? empty : it->second;
}

const Gazetteer &RulePack::gazetteer(std::string_view name) const {
  auto it = gazetteers_.find(name);
  if (it == gazetteers_.end()) throw Error("no gazetteer named " + std::string(name));
  return it->second;
}

namespace {

using FileList = std::vector<std::pair<std::string, std::string>>;

FileList read_dir(const std::string &dir) {
  namespace fs = std::filesystem;
  FileList files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error("rules folder not found: " + dir);
  for (const auto &entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string path = entry.path().string();
    if (!ends_with(path, ".rules") && !ends_with(path, ".txt")) continue;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in.good() && !in.eof()) throw Error("cannot read rule file " + path);
    files.emplace_back(fs::relative(entry.path(), dir).generic_string(), content.str());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Gazetteers first (patterns reference them), then rule files, each layer in order.
void add_layer(RulePackBuilder &builder, const FileList &files, const std::string &label) {
  for (const auto &[path, content] : files)
    if (ends_with(path, ".txt")) builder.add_gazetteer(label + path, content);
  for (const auto &[path, content] : files)
    if (ends_with(path, ".rules")) builder.add_rule_file(label + path, content);
}

std::shared_ptr<const RulePack> build(const FileList &base, const std::string &base_label,
                                      const std::vector<std::string> &extra_dirs) {
  RulePackBuilder builder;
  add_layer(builder, base, base_label);
  for (const auto &dir : extra_dirs) {
    builder.allow_redefinition();
    add_layer(builder, read_dir(dir), dir + "/");
  }
  return builder.finish();
}

}  // namespace

std::shared_ptr<const RulePack> RulePack::load_files(const FileList &files) {
  return build(files, "", {});
}

std::shared_ptr<const RulePack> RulePack::load_dir(const std::string &dir,
                                                   const std::vector<std::string> &extra_dirs) {
  return build(read_dir(dir), dir + "/", extra_dirs);
}

std::shared_ptr<const RulePack> RulePack::load_embedded(
    const std::vector<std::string> &extra_dirs) {
  FileList files;
  for (std::size_t i = 0; i < kEmbeddedRuleFileCount; ++i)
    files.emplace_back(kEmbeddedRuleFiles[i].path,
                       std::string(reinterpret_cast<const char *>(kEmbeddedRuleFiles[i].data),
                                   kEmbeddedRuleFiles[i].size));
  return build(files, "rules/", extra_dirs);
}

}  // namespace zhmeta
