// zhmeta_bench: throughput, scaling, start-up, memory and linearity of zhmeta.
//
//   zhmeta_bench [options] [FILE|DIR...]
//
// Builds a corpus of at least --mb megabytes by repeating the given articles
// (*.txt in each DIR; default: examples/articles, else ../shared/corpus/dev),
// then prints a Markdown table of medians over --runs runs:
//   - normalization + segmentation alone (MB/s, articles/s)
//   - full extraction on 1 thread (Engine::extract_json per article, and
//     Engine::extract_batch 64 articles at a time) and on N threads (batched)
//   - a fixed reference workload timed in the same rounds, for the machine's
//     own speed while the table was taken (see ReferenceWork)
//   - engine creation time, and creation plus a first pass over the input articles
//     (what is built on first use: prefilters, RE2 programs and DFA states)
//   - peak RSS of the CLI streaming --rss-mb of JSONL on its stdin (a pipe from
//     this process, so nothing lands on disk)
//   - linearity: time of one article of size S and 2S, for ordinary article
//     text up to --linear-mb and for pathological shapes (one huge line, 记者
//     repeated, nested brackets, random bytes), each call from a trimmed heap
//     so that every size pays for its memory alike
// It never fails on slow figures: targets are shown beside the figures, and
// the exit status only reports a broken run (unreadable input, CLI failure).
#include <signal.h>
#include <time.h>
#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "normalize/normalizer.hpp"
#include "rules/rule_pack.hpp"
#include "segment/segmenter.hpp"
#include "zhmeta/zhmeta.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr double kMB = 1e6;  // throughput in decimal megabytes per second

struct Options {
  std::vector<std::string> inputs;
  double corpus_mb = 50;
  unsigned runs = 5;
  unsigned threads = std::max(2u, std::thread::hardware_concurrency());
  double rss_mb = 1024;
  double linear_mb = 100;
  unsigned linear_runs = 5;
  std::string cli =
#ifdef ZHMETA_CLI_PATH
      ZHMETA_CLI_PATH;
#else
      "";
#endif
};

constexpr const char *kUsage = R"(usage: zhmeta_bench [options] [FILE|DIR...]
  --mb N          corpus size in MB built by repeating the articles (default 50)
  --runs N        runs per measurement; the median is reported (default 5)
  --threads N     threads for the multi-threaded run (default: cores, at least 2)
  --rss-mb N      MB of JSONL streamed through the CLI for its peak RSS (default 1024; 0 skips)
  --linear-mb N   largest single article of the linearity check (default 100; 0 skips)
  --linear-runs N runs per size in the linearity check (default 5)
  --cli PATH      the zhmeta CLI to measure (default: the one built beside this program)
  --quick         small sizes for CI: --mb 2 --runs 1 --rss-mb 16 --linear-mb 4 --linear-runs 1
)";

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of the whole process (all threads), in seconds. On a machine shared
// with other jobs, wall time measures the neighbours too; CPU time does not.
double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five;
  in >> one >> five;
  return one + " (1 min), " + five + " (5 min)";
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Timing {
  double wall = 0, cpu = 0;  // seconds, medians over the runs
};

// Several ways of doing the same work, timed in rounds: each round runs every
// one once, in turn. On a shared machine whose speed drifts while the bench
// runs (this VM's has changed by 1.5x within a minute), timings taken one way
// after the other compare the drift, not the ways; within a round all see
// about the same machine, so ratios are taken round by round.
struct Rounds {
  std::vector<std::vector<double>> wall, cpu;  // [way][round], seconds
  // Of cpu: the kernel's part (page faults, mostly), and the page faults taken.
  std::vector<std::vector<double>> system, page_faults;
  Timing timing(std::size_t way) const { return {median(wall[way]), median(cpu[way])}; }
  // The median over the rounds of times[num] / times[den].
  static double median_ratio(const std::vector<std::vector<double>> &times, std::size_t num,
                             std::size_t den) {
    std::vector<double> ratios;
    for (std::size_t r = 0; r < times[num].size(); ++r)
      ratios.push_back(times[num][r] / times[den][r]);
    return median(ratios);
  }
};

struct Usage {
  double system_seconds, page_faults;
};
Usage usage() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return {static_cast<double>(u.ru_stime.tv_sec) + static_cast<double>(u.ru_stime.tv_usec) * 1e-6,
          static_cast<double>(u.ru_minflt + u.ru_majflt)};
}

// `before_each`, when given, runs before each timed call, untimed.
Rounds timed_rounds(unsigned runs, const std::vector<std::function<void()>> &ways,
                    const std::function<void()> &before_each = {}) {
  Rounds rounds;
  rounds.wall.resize(ways.size());
  rounds.cpu.resize(ways.size());
  rounds.system.resize(ways.size());
  rounds.page_faults.resize(ways.size());
  for (unsigned r = 0; r < runs; ++r)
    for (std::size_t way = 0; way < ways.size(); ++way) {
      if (before_each) before_each();
      const Usage usage_start = usage();
      const double cpu_start = process_cpu_seconds();
      const auto start = Clock::now();
      ways[way]();
      rounds.wall[way].push_back(seconds_since(start));
      rounds.cpu[way].push_back(process_cpu_seconds() - cpu_start);
      const Usage usage_end = usage();
      rounds.system[way].push_back(usage_end.system_seconds - usage_start.system_seconds);
      rounds.page_faults[way].push_back(usage_end.page_faults - usage_start.page_faults);
    }
  return rounds;
}

// Runs `work` `runs` times; median wall time and median process CPU time.
Timing median_time(unsigned runs, const std::function<void()> &work) {
  return timed_rounds(runs, {work}).timing(0);
}

std::string read_file(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

std::vector<fs::path> txt_files(const fs::path &dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto &entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> load_articles(const Options &opt, std::string &described) {
  std::vector<fs::path> files;
  std::vector<std::string> inputs = opt.inputs;
  if (inputs.empty()) {
    for (const char *dir : {ZHMETA_SOURCE_DIR "/examples/articles", ZHMETA_SOURCE_DIR "/../shared/corpus/dev"})
      if (!txt_files(dir).empty()) {
        inputs.push_back(fs::weakly_canonical(dir).string());
        break;
      }
  }
  for (const auto &in : inputs) {
    if (fs::is_directory(in)) {
      auto found = txt_files(in);
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.emplace_back(in);
    }
  }
  std::vector<std::string> articles;
  std::size_t bytes = 0;
  for (const auto &f : files) {
    articles.push_back(read_file(f));
    bytes += articles.back().size();
  }
  if (articles.empty()) throw std::runtime_error("no articles found (give FILE or DIR arguments)");
  std::ostringstream d;
  d << articles.size() << " articles, " << bytes << " bytes, from ";
  for (std::size_t i = 0; i < inputs.size(); ++i) d << (i ? ", " : "") << inputs[i];
  described = d.str();
  return articles;
}

// Separate copies (not views of the same few strings) so memory traffic is
// that of a real corpus, not of a handful of cache-resident articles.
std::vector<std::string> build_corpus(const std::vector<std::string> &articles, double mb) {
  std::vector<std::string> corpus;
  std::size_t bytes = 0;
  const auto target = static_cast<std::size_t>(mb * kMB);
  for (std::size_t i = 0; bytes < target; ++i) {
    corpus.push_back(articles[i % articles.size()]);
    bytes += corpus.back().size();
  }
  return corpus;
}

std::size_t total_bytes(const std::vector<std::string> &corpus) {
  std::size_t n = 0;
  for (const auto &a : corpus) n += a.size();
  return n;
}

// Extracts every article of the corpus with `threads` workers over one
// engine: one extract_json() call per article, or (`per_call` > 1) that many
// articles per extract_batch() call, as the CLI does, each record then
// serialized.
void extract_all(const zhmeta::Engine &engine, const std::vector<std::string> &corpus,
                 unsigned threads, std::size_t per_call = 1) {
  std::atomic<std::size_t> next{0}, output_bytes{0};
  auto work = [&] {
    std::size_t local = 0;
    std::vector<std::string_view> texts;
    for (std::size_t first; (first = next.fetch_add(per_call)) < corpus.size();) {
      if (per_call == 1) {
        local += engine.extract_json(corpus[first]).size();
        continue;
      }
      texts.assign(
          corpus.begin() + static_cast<std::ptrdiff_t>(first),
          corpus.begin() + static_cast<std::ptrdiff_t>(std::min(first + per_call, corpus.size())));
      for (const zhmeta::BatchResult &result : engine.extract_batch(texts))
        local += zhmeta::to_json(result.record).size();
    }
    output_bytes += local;  // keeps the work observable
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto &t : pool) t.join();
  if (output_bytes.load() == 0) throw std::runtime_error("extraction produced no output");
}

// Work that does not depend on zhmeta's code, timed in the same rounds as
// the extraction: table look-ups over pseudo-random bytes with a
// data-dependent branch, a byte-scanning loop like the extraction's own.
// This VM's speed drifts by up to 1.7x within minutes (the host's load,
// boost clocks). Its time says how fast the machine ran while a table was taken,
// so that figures from different runs are compared through it, not as they
// stand.
class ReferenceWork {
 public:
  ReferenceWork() : bytes_(std::size_t{4} << 20), table_(std::size_t{1} << 16) {
    std::uint32_t seed = 2463534242u;
    auto next = [&seed] {  // xorshift32: the same bytes on every run and machine
      seed ^= seed << 13;
      seed ^= seed >> 17;
      seed ^= seed << 5;
      return seed;
    };
    for (auto &b : bytes_) b = static_cast<unsigned char>(next());
    for (auto &t : table_) t = next();
  }
  std::uint64_t run() const {
    std::uint64_t acc = 0;
    std::uint32_t state = 0;
    for (std::uint32_t pass = 0; pass < 4; ++pass)
      for (const unsigned char b : bytes_) {
        state = (state << 8 | b) & 0xFFFFu;
        const std::uint32_t v = table_[state ^ pass];  // 256 KB: read from L2
        // Taken one time in eight, unpredictably.
        if ((v & 7u) == 0)
          acc += v;
        else
          acc ^= v >> 3;
      }
    return acc;
  }

 private:
  std::vector<unsigned char> bytes_;
  std::vector<std::uint32_t> table_;
};

struct Row {
  std::string what, figure, target, verdict;
};

std::string fixed(double v, int decimals = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string verdict(bool ok) { return ok ? "met" : "**NOT met**"; }

std::string throughput(double mb, double articles, const Timing &t) {
  return fixed(mb / t.cpu) + " MB/s CPU (" + fixed(mb / t.wall) + " wall), " + fixed(articles / t.cpu, 0) +
         " articles/s CPU";
}

// Streams `mb` megabytes of JSONL built from `articles` into the CLI's stdin;
// returns {peak RSS in MB, seconds, exit status}.
struct CliRun {
  double peak_rss_mb = 0, seconds = 0;
  std::size_t bytes = 0;
  int status = -1;
};

CliRun run_cli(const Options &opt, const std::vector<std::string> &articles) {
  std::vector<std::string> escaped;  // each article as a JSON string literal, built once
  for (const auto &a : articles)
    escaped.push_back(nlohmann::json(a).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  int pipe_fd[2];
  if (pipe(pipe_fd) != 0) throw std::runtime_error("pipe failed");
  const std::string threads = std::to_string(opt.threads);
  const auto start = Clock::now();
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    dup2(pipe_fd[0], 0);
    close(pipe_fd[0]);
    close(pipe_fd[1]);
    std::FILE *null_out = std::freopen("/dev/null", "w", stdout);
    (void)null_out;
    execl(opt.cli.c_str(), opt.cli.c_str(), "extract", "--threads", threads.c_str(), "-",
          static_cast<char *>(nullptr));
    std::perror("exec zhmeta CLI");
    _exit(127);
  }
  close(pipe_fd[0]);
  signal(SIGPIPE, SIG_IGN);
  CliRun result;
  const auto target = static_cast<std::size_t>(opt.rss_mb * kMB);
  std::string line;
  bool broken = false;
  for (std::size_t i = 0; result.bytes < target && !broken; ++i) {
    line = "{\"id\":\"bench-" + std::to_string(i) + "\",\"text\":" + escaped[i % escaped.size()] + "}\n";
    for (std::size_t off = 0; off < line.size();) {
      const ssize_t n = write(pipe_fd[1], line.data() + off, line.size() - off);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        broken = true;
        break;
      }
      off += static_cast<std::size_t>(n);
    }
    result.bytes += line.size();
  }
  close(pipe_fd[1]);
  int status = 0;
  struct rusage usage {};
  while (wait4(child, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  result.seconds = seconds_since(start);
  result.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

// One article of about `bytes` bytes made by `shape`.
using Shape = std::function<std::string(std::size_t bytes)>;

std::string repeat_to(std::string_view unit, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() < bytes) out.append(unit);
  return out;
}

std::string machine_description() {
  std::string cpu = "unknown CPU";
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);)
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  struct utsname u {};
  uname(&u);
  std::ostringstream d;
  d << cpu << ", " << std::thread::hardware_concurrency() << " hardware threads, Linux " << u.release
    << ", compiler " << __VERSION__
#ifdef NDEBUG
    << ", optimized build (NDEBUG)";
#else
    << ", **assertions on: not a release build**";
#endif
  return d.str();
}

bool parse_args(int argc, char **argv, Options &opt) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto number = [&](double &into) {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a number");
      into = std::stod(argv[++i]);
    };
    double v = 0;
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return false;
    } else if (a == "--mb") {
      number(opt.corpus_mb);
    } else if (a == "--runs") {
      number(v);
      opt.runs = std::max(1u, static_cast<unsigned>(v));
    } else if (a == "--threads") {
      number(v);
      opt.threads = std::max(1u, static_cast<unsigned>(v));
    } else if (a == "--rss-mb") {
      number(opt.rss_mb);
    } else if (a == "--linear-mb") {
      number(opt.linear_mb);
    } else if (a == "--linear-runs") {
      number(v);
      opt.linear_runs = std::max(1u, static_cast<unsigned>(v));
    } else if (a == "--cli") {
      if (i + 1 >= argc) throw std::invalid_argument("--cli needs a path");
      opt.cli = argv[++i];
    } else if (a == "--quick") {
      opt.corpus_mb = 2, opt.runs = 1, opt.rss_mb = 16, opt.linear_mb = 4, opt.linear_runs = 1;
    } else if (a.rfind("--", 0) == 0) {
      throw std::invalid_argument("unknown option " + a);
    } else {
      opt.inputs.push_back(a);
    }
  }
  return true;
}

}  // namespace

int main(int argc, char **argv) try {
  Options opt;
  if (!parse_args(argc, argv, opt)) return 0;
  bool broken = false;

  std::string described;
  const auto articles = load_articles(opt, described);
  const auto corpus = build_corpus(articles, opt.corpus_mb);
  const std::size_t bytes = total_bytes(corpus);
  const double mb = static_cast<double>(bytes) / kMB, count = static_cast<double>(corpus.size());

  std::cout << "# zhmeta benchmark\n\n"
            << "- machine: " << machine_description() << "\n"
            << "- input: " << described << "\n"
            << "- corpus: " << corpus.size() << " articles, " << fixed(mb) << " MB (articles repeated)\n"
            << "- figures: median of " << opt.runs << " runs; MB = 10^6 bytes of input. Throughput is given per\n"
            << "  CPU-second (process CPU time: what one core does, whatever else runs on the machine)\n"
            << "  and per wall-second; verdicts use CPU time except for the thread speedup, which only\n"
            << "  wall time can show (it needs idle cores: see the load average)\n"
            << "- load average before the run: " << load_average() << "\n\n";
  std::cout.flush();

  // Rows are printed as soon as they are measured, so a long run shows progress.
  std::cout << "| measurement | median | target | |\n|---|---|---|---|\n" << std::flush;
  auto add_row = [](const Row &r) {
    std::cout << "| " << r.what << " | " << r.figure << " | " << r.target << " | " << r.verdict << " |\n"
              << std::flush;
  };

  // Engine creation (also warms the fold table and the allocator for the rest).
  std::vector<double> creation, creation_cpu;
  for (unsigned r = 0; r < std::max(opt.runs, 3u); ++r) {
    const double cpu_start = process_cpu_seconds();
    const auto start = Clock::now();
    zhmeta::Engine e;
    creation.push_back(seconds_since(start) * 1000);
    creation_cpu.push_back((process_cpu_seconds() - cpu_start) * 1000);
  }
  const double creation_ms = median(creation_cpu);
  add_row({"engine creation", fixed(creation_ms) + " ms CPU, " + fixed(median(creation)) + " ms wall (first " +
                                         fixed(creation.front()) + " ms wall)",
                  "≤ 50 ms", verdict(creation_ms <= 50)});

  // The first extraction of a new engine also builds what is built on first
  // use (each kind's literal prefilter, RE2's lazily compiled programs and
  // DFA states): what a short-lived process pays before its first record.
  {
    std::vector<double> first, first_cpu;
    for (unsigned r = 0; r < std::max(opt.runs, 3u); ++r) {
      const double cpu_start = process_cpu_seconds();
      const auto start = Clock::now();
      zhmeta::Engine e;
      for (const auto &a : articles) (void)e.extract_json(a);
      first.push_back(seconds_since(start) * 1000);
      first_cpu.push_back((process_cpu_seconds() - cpu_start) * 1000);
    }
    add_row({"engine creation + first pass over the " + std::to_string(articles.size()) + " input articles",
             fixed(median(first_cpu)) + " ms CPU, " + fixed(median(first)) + " ms wall", "-", "-"});
  }

  const zhmeta::Engine engine;

  // Normalization + segmentation alone.
  {
    const auto pack = zhmeta::RulePack::load_embedded();
    const zhmeta::Segmenter segmenter(*pack);
    std::size_t sentences = 0;
    const Timing t = median_time(opt.runs, [&] {
      zhmeta::Document doc;
      for (const auto &a : corpus) {
        doc.warnings.clear();
        zhmeta::normalize(a, doc);
        segmenter.run(doc);
        sentences += doc.sentences.size();
      }
    });
    if (sentences == 0) broken = true;
    add_row({"normalization + segmentation, 1 thread", throughput(mb, count, t), "≥ 150 MB/s",
                    verdict(mb / t.cpu >= 150)});
  }

  // Full extraction: one article per extract_json() call and 64 per
  // extract_batch() call (the CLI's way, and the target's row) on 1 thread,
  // and batched on N threads, in rounds (see Rounds).
  constexpr std::size_t kPerBatch = 64;
  const ReferenceWork reference;
  std::uint64_t reference_sink = 0;
  const Rounds rounds =
      timed_rounds(opt.runs, {[&] { extract_all(engine, corpus, 1); },
                              [&] { extract_all(engine, corpus, 1, kPerBatch); },
                              [&] { extract_all(engine, corpus, opt.threads, kPerBatch); },
                              [&] { reference_sink += reference.run(); }});
  if (reference_sink == 0) broken = true;  // (never: keeps the work observable)
  const Timing t1_single = rounds.timing(0), t1 = rounds.timing(1), tn = rounds.timing(2);
  add_row({"full extraction (record + JSON), 1 thread, one article per extract_json() call",
           throughput(mb, count, t1_single), "-", "-"});
  add_row(
      {"full extraction (record + JSON), 1 thread, 64 articles per extract_batch() call (as the "
       "CLI)",
       throughput(mb, count, t1) + "; CPU time " +
           fixed(Rounds::median_ratio(rounds.cpu, 1, 0), 2) +
           "× one article per call's (median of the rounds' ratios)",
       "≥ 20 MB/s", verdict(mb / t1.cpu >= 20)});
  const double speedup = Rounds::median_ratio(rounds.wall, 1, 2);
  // CPU spent per MB with N threads against 1 thread: 1.00 means sharing the
  // engine costs nothing (no lock contention, no false sharing).
  const double cpu_ratio = Rounds::median_ratio(rounds.cpu, 2, 1);
  add_row(
      {"full extraction, " + std::to_string(opt.threads) + " threads, one engine, extract_batch()",
       fixed(mb / tn.wall) + " MB/s wall, " + fixed(count / tn.wall, 0) + " articles/s; speedup " +
           fixed(speedup, 2) + "× one thread (wall); CPU per MB " + fixed(cpu_ratio, 2) +
           "× one thread's",
       opt.threads == 2 ? "≥ 1.8×" : "-", opt.threads == 2 ? verdict(speedup >= 1.8) : "-"});
  {
    const auto [fastest, slowest] = std::minmax_element(rounds.cpu[3].begin(), rounds.cpu[3].end());
    std::string per_round;  // (batched MB/s, reference ms) round by round
    for (std::size_t r = 0; r < rounds.cpu[3].size(); ++r)
      per_round += std::string(r ? ", " : "") + fixed(mb / rounds.cpu[1][r]) + " MB/s with " +
                   fixed(rounds.cpu[3][r] * 1000, 0) + " ms";
    add_row(
        {"machine reference: fixed work unrelated to zhmeta, timed in the same rounds (the "
         "batched 1-thread row round by round: " +
             per_round + ")",
         fixed(median(rounds.cpu[3]) * 1000, 0) + " ms CPU (rounds " + fixed(*fastest * 1000, 0) +
             " to " + fixed(*slowest * 1000, 0) + " ms)",
         "-", "-"});
  }

  // Peak RSS of the CLI streaming JSONL.
  if (opt.rss_mb > 0) {
    if (opt.cli.empty() || access(opt.cli.c_str(), X_OK) != 0) {
      add_row({"CLI peak RSS", "skipped: no CLI at '" + opt.cli + "'", "≤ 200 MB", "-"});
    } else {
      const CliRun run = run_cli(opt, articles);
      if (run.status != 0) broken = true;
      add_row({"CLI peak RSS, " + fixed(static_cast<double>(run.bytes) / kMB, 0) + " MB JSONL on stdin, --threads " +
                          std::to_string(opt.threads),
                      fixed(run.peak_rss_mb) + " MB (CLI " + fixed(static_cast<double>(run.bytes) / kMB / run.seconds) +
                          " MB/s, exit " + std::to_string(run.status) + ")",
                      "≤ 200 MB", verdict(run.peak_rss_mb <= 200 && run.status == 0)});
    }
  }

  // Linearity: one article of size S, then 2S; the time ratio should be ≤ 2.2.
  if (opt.linear_mb > 0) {
    std::string joined;  // the articles as one text, for the shapes built from them
    for (const auto &a : articles) joined += a + "\n\n";
    std::string one_line = joined;
    std::replace(one_line.begin(), one_line.end(), '\n', ' ');
    std::string noise(1 << 16, '\0');
    std::uint32_t seed = 12345;
    for (auto &c : noise) {  // a fixed pseudo-random byte soup (LCG): mostly invalid UTF-8
      seed = seed * 1664525u + 1013904223u;
      c = static_cast<char>(seed >> 24);
    }
    struct Case {
      std::string name;
      Shape make;
      double largest_mb;
    };
    const double small = std::min(opt.linear_mb, 16.0);
    const std::vector<Case> cases = {
        {"articles joined into one", [&](std::size_t n) { return repeat_to(joined, n); }, opt.linear_mb},
        {"one line (no newline)", [&](std::size_t n) { return repeat_to(one_line, n); }, small},
        {"记者 repeated", [&](std::size_t n) { return repeat_to("记者", n); }, small},
        {"nested brackets (((…)))", [&](std::size_t n) { return repeat_to("(", n / 2) + repeat_to(")", n / 2); },
         small},
        {"random bytes", [&](std::size_t n) { return repeat_to(noise, n); }, small},
    };
    for (const auto &c : cases) {
      // Sizes S, 2S, 4S ... up to the largest; each doubling is one ratio.
      std::vector<std::size_t> sizes;
      for (double s = c.largest_mb; s * kMB >= 256 * 1024 && sizes.size() < 3; s /= 2)
        sizes.insert(sizes.begin(), static_cast<std::size_t>(s * kMB));
      // The sizes are timed in rounds, each once per round, and each
      // doubling's ratio is taken round by round (see Rounds): timed one size
      // after the other, the ratios measured the machine's drift between
      // them (the same code read 2.10 and 3.06 for one doubling, minutes
      // apart).
      std::vector<std::string> texts;
      for (const std::size_t size : sizes) texts.push_back(c.make(size));
      std::vector<std::function<void()>> ways;
      for (const std::string &text : texts)
        ways.push_back([&] { (void)engine.extract_json(text); });
      // Every call starts from a heap holding no free memory (glibc's
      // malloc_trim), so that every size runs in the same state: with all
      // its memory fresh from the kernel, as for a process meeting its first
      // article of that size. Without it, a row compared a warm small size
      // with a cold large one: the smaller sizes reused memory that earlier
      // calls had freed, while glibc hands every block of 32 MB or more back
      // to the kernel when it is freed, so only the largest size paid its
      // page faults (one run: 34 faults per MB at 25 MB, 858 at 100 MB).
      const Rounds size_rounds = timed_rounds(opt.linear_runs, ways, [] {
#if defined(__GLIBC__)
        malloc_trim(0);
#endif
      });
      std::string figure;
      double worst = 0;
      for (std::size_t i = 0; i < sizes.size(); ++i) {
        figure += (i ? ", " : "") + fixed(static_cast<double>(sizes[i]) / kMB) + " MB " +
                  fixed(size_rounds.timing(i).cpu, 3) + " s CPU";
        if (i) worst = std::max(worst, Rounds::median_ratio(size_rounds.cpu, i, i - 1));
      }
      figure += "; worst 2× ratio " + fixed(worst, 2) + " (median of the rounds' ratios)";
      // Where super-linear time comes from when the work is not: the kernel's
      // share of the CPU time (page faults) and the page faults per MB.
      figure += "; kernel share, page faults per MB:";
      for (std::size_t i = 0; i < sizes.size(); ++i) {
        const double cpu = std::max(1e-9, median(size_rounds.cpu[i]));
        const double size_mb = static_cast<double>(sizes[i]) / kMB;
        figure += (i ? ", " : " ") + fixed(100 * median(size_rounds.system[i]) / cpu, 0) + " %, " +
                  fixed(median(size_rounds.page_faults[i]) / size_mb, 0);
      }
      add_row({"linearity: " + c.name, figure, "ratio ≤ 2.2", sizes.size() < 2 ? "-" : verdict(worst <= 2.2)});
    }
  }

  std::cout << "\n- load average after the run: " << load_average() << "\n";
  return broken ? 1 : 0;
} catch (const std::exception &e) {
  std::cerr << "zhmeta_bench: " << e.what() << "\n";
  return 1;
}
