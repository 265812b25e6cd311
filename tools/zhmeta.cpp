// zhmeta command-line tool: extract records from articles as JSONL.
//
//   zhmeta extract [options] FILE...   one record per file, id = file stem
//   zhmeta extract [options] -         JSONL {"id","text","pubdate"?} on stdin
//
// Input is streamed in bounded batches, so memory stays flat whatever the
// corpus size; with --threads N a batch is shared by N workers over one engine
// and records are still printed in input order.
#include "zhmeta/zhmeta.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "jsonl_line.hpp"

namespace {

namespace cli = zhmeta::cli;

constexpr const char *kUsage = R"(usage: zhmeta extract [options] FILE...
       zhmeta extract [options] -        (JSONL on stdin: {"id", "text", "pubdate"?})
       zhmeta --help | --version

Prints one zhmeta/1 JSON record per article (JSONL), id = file stem.

options:
  --pubdate YYYY-MM-DD   publication date hint for every article (a JSONL
                         "pubdate" field wins for its own line)
  --pretty               indented JSON instead of one line per record
  --threads N            worker threads sharing one engine (default 1);
                         output stays in input order
  --rules DIR            load rules from DIR instead of the embedded ones
  --add-rules DIR        layer DIR's rules and gazetteers over the base rules
                         (repeatable; see rules/README.md)
  --max-bytes N          refuse articles larger than N bytes (default 268435456, at most 390070272)

exit status: 0 all articles extracted; 1 some input could not be read or
extracted (each reported on stderr, the others still processed); 2 usage error.
)";

struct Job {
  std::string label;  // for messages: file name or "stdin line N"
  zhmeta::ExtractOptions options;
  std::string text;
  std::string output;  // the JSON record, or empty when failed
  std::string error;
};

struct Settings {
  std::optional<std::string> pubdate;
  bool pretty = false;
  unsigned threads = 1;
  zhmeta::EngineOptions engine;
};

bool valid_date(const std::string &s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// Collects jobs into bounded batches, extracts each batch on the worker
// threads and prints it in input order; counts the failures.
class BatchRunner {
 public:
  BatchRunner(const zhmeta::Engine &engine, const Settings &settings)
      : engine_(engine),
        settings_(settings),
        batch_size_(kJobsPerTake * 2 * std::size_t{settings.threads}) {}

  void push(Job job) {
    batch_bytes_ += job.text.size();
    batch_.push_back(std::move(job));
    if (batch_.size() >= batch_size_ || batch_bytes_ >= kMaxBatchBytes) flush();
  }

  int finish() {
    flush();
    return failures_;
  }

 private:
  void flush() {
    run();
    for (auto &job : batch_) {
      if (!job.error.empty()) {
        std::cerr << "zhmeta: " << job.label << ": " << job.error << "\n";
        ++failures_;
      } else {
        std::fwrite(job.output.data(), 1, job.output.size(), stdout);
        std::fputc('\n', stdout);
      }
    }
    batch_.clear();
    batch_bytes_ = 0;
  }

  void run() {
    // A worker takes up to kJobsPerTake jobs at a time and extracts them
    // together (Engine::extract_batch: each stage over all of them, less CPU
    // time than one article at a time); takes keep the threads' loads even,
    // and a short batch (a few large articles) is shared among the threads.
    if (batch_.empty()) return;
    const unsigned n = std::min<unsigned>(settings_.threads, static_cast<unsigned>(batch_.size()));
    const std::size_t take = std::min(kJobsPerTake, (batch_.size() + n - 1) / n);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      std::vector<std::string_view> texts;
      std::vector<zhmeta::ExtractOptions> options;
      std::vector<Job *> jobs;
      for (std::size_t first; (first = next.fetch_add(take)) < batch_.size();) {
        texts.clear(), options.clear(), jobs.clear();
        for (std::size_t i = first; i < std::min(first + take, batch_.size()); ++i) {
          Job &job = batch_[i];
          if (!job.error.empty()) continue;
          texts.push_back(job.text);
          options.push_back(std::move(job.options));
          jobs.push_back(&job);
        }
        try {
          std::vector<zhmeta::BatchResult> results = engine_.extract_batch(texts, options);
          for (std::size_t k = 0; k < jobs.size(); ++k) {
            if (results[k].error.empty())
              jobs[k]->output = zhmeta::to_json(results[k].record, settings_.pretty);
            else
              jobs[k]->error = std::move(results[k].error);
          }
        } catch (const std::exception &e) {
          for (Job *job : jobs) job->error = e.what();
        }
        for (Job *job : jobs) std::string().swap(job->text);  // free the articles once done
      }
    };
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < n; ++t) workers.emplace_back(work);
    work();
    for (auto &w : workers) w.join();
  }

  const zhmeta::Engine &engine_;
  const Settings &settings_;
  // Jobs a worker extracts together at most, and how many bytes of article
  // text a batch holds at most before it is extracted: a batch is two takes
  // per thread, or fewer jobs when they are large, so the memory stays
  // bounded whatever the article sizes.
  static constexpr std::size_t kJobsPerTake = 64;
  static constexpr std::size_t kMaxBatchBytes = std::size_t{16} << 20;
  const std::size_t batch_size_;
  std::vector<Job> batch_;
  std::size_t batch_bytes_ = 0;
  int failures_ = 0;
};

int extract_files(const zhmeta::Engine &engine, const std::vector<std::string> &files,
                  const Settings &settings) {
  BatchRunner runner(engine, settings);
  for (const auto &file : files) {
    Job job;
    job.label = file;
    job.options.id = std::filesystem::path(file).stem().string();
    job.options.pubdate = settings.pubdate;
    std::ifstream in(file, std::ios::binary);
    std::error_code ec;
    if (!in || std::filesystem::is_directory(file, ec)) {
      job.error = std::string("cannot read: ") + (in ? "is a directory" : std::strerror(errno));
    } else {
      std::ostringstream content;
      content << in.rdbuf();
      job.text = std::move(content).str();
    }
    runner.push(std::move(job));
  }
  return runner.finish();
}

int extract_stdin(const zhmeta::Engine &engine, const Settings &settings) {
  BatchRunner runner(engine, settings);
  std::string line;
  std::size_t lineno = 0;
  while (std::getline(std::cin, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Job job;
    job.label = "stdin line " + std::to_string(lineno);
    try {
      cli::JsonlFields fields = cli::read_jsonl(line);
      if (!fields.object || fields.text.kind != cli::JsonlValue::Kind::string)
        throw std::runtime_error("a JSON object with a string \"text\" is required");
      job.text = std::move(fields.text.text);
      const bool has_id = fields.id.kind == cli::JsonlValue::Kind::string ||
                          fields.id.kind == cli::JsonlValue::Kind::number;
      job.options.id = has_id ? std::move(fields.id.text) : std::to_string(lineno);
      job.options.pubdate = settings.pubdate;
      if (fields.pubdate.kind == cli::JsonlValue::Kind::string) {
        const std::string &p = fields.pubdate.text;
        if (!valid_date(p))
          throw std::runtime_error("\"pubdate\" must be YYYY-MM-DD, got \"" + p + "\"");
        job.options.pubdate = p;
      }
    } catch (const std::exception &e) {
      job.error = e.what();
    }
    runner.push(std::move(job));
  }
  return runner.finish();
}

int usage_error(const std::string &msg) {
  std::cerr << "zhmeta: " << msg << "\n"
            << "(zhmeta --help for usage)\n";
  return 2;
}

}  // namespace

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("no command");
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (args[0] == "--version") {
    std::cout << "zhmeta " << zhmeta::version() << " (schema " << zhmeta::kSchema << ")\n";
    return 0;
  }
  if (args[0] != "extract") return usage_error("unknown command '" + args[0] + "'");

  Settings settings;
  std::vector<std::string> inputs;
  bool from_stdin = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string &a = args[i];
    auto value = [&](const char *name) -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      (void)name;
      return args[++i];
    };
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--pretty") {
      settings.pretty = true;
    } else if (a == "--pubdate") {
      auto v = value("--pubdate");
      if (!v || !valid_date(*v)) return usage_error("--pubdate needs YYYY-MM-DD");
      settings.pubdate = *v;
    } else if (a == "--threads") {
      auto v = value("--threads");
      try {
        const long n = v ? std::stol(*v) : 0;
        if (n < 1 || n > 1024) throw std::out_of_range("threads");
        settings.threads = static_cast<unsigned>(n);
      } catch (...) {
        return usage_error("--threads needs a number from 1 to 1024");
      }
    } else if (a == "--rules") {
      auto v = value("--rules");
      if (!v) return usage_error("--rules needs a folder");
      settings.engine.rules_dir = *v;
    } else if (a == "--add-rules") {
      auto v = value("--add-rules");
      if (!v) return usage_error("--add-rules needs a folder");
      settings.engine.extra_rules_dirs.push_back(*v);
    } else if (a == "--max-bytes") {
      auto v = value("--max-bytes");
      try {
        settings.engine.max_input_bytes = static_cast<std::size_t>(std::stoull(v.value()));
      } catch (...) {
        return usage_error("--max-bytes needs a number");
      }
    } else if (a == "-") {
      from_stdin = true;
    } else if (a.size() > 1 && a[0] == '-' && a[1] == '-') {
      return usage_error("unknown option " + a);
    } else {
      inputs.push_back(a);
    }
  }
  if (!from_stdin && inputs.empty()) return usage_error("extract needs FILE... or -");

  std::optional<zhmeta::Engine> engine;
  try {
    engine.emplace(settings.engine);
  } catch (const std::exception &e) {
    std::cerr << "zhmeta: " << e.what() << "\n";
    return 1;
  }
  std::ios::sync_with_stdio(false);
  int failures = extract_files(*engine, inputs, settings);
  if (from_stdin) failures += extract_stdin(*engine, settings);
  std::fflush(stdout);
  if (failures) std::cerr << "zhmeta: " << failures << " input(s) failed\n";
  return failures ? 1 : 0;
}
