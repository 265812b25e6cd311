// Extracts articles with the C++ API: one engine shared by a few threads,
// records printed in input order, then a summary of each. Link zhmeta::zhmeta
// from find_package(zhmeta).
//
//   zhmeta_example_cpp ARTICLE.txt...
#include <zhmeta/zhmeta.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char **argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " ARTICLE.txt...\n";
    return 2;
  }
  std::vector<std::string> texts;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << argv[i] << ": cannot read\n";
      return 1;
    }
    std::ostringstream content;
    content << in.rdbuf();
    texts.push_back(std::move(content).str());
  }

  try {
    const zhmeta::Engine engine;  // compile once, share: extract() is const and thread-safe
    std::vector<zhmeta::Record> records(texts.size());
    std::vector<std::thread> workers;
    const std::size_t n_threads = 2;
    for (std::size_t t = 0; t < n_threads; ++t)
      workers.emplace_back([&, t] {
        for (std::size_t i = t; i < texts.size(); i += n_threads) {
          zhmeta::ExtractOptions options;
          options.id = argv[i + 1];
          records[i] = engine.extract(texts[i], options);
        }
      });
    for (auto &w : workers) w.join();

    for (std::size_t i = 0; i < records.size(); ++i) {
      const zhmeta::Record &r = records[i];
      std::cout << r.id << ": published " << r.publication.date.value_or("?") << ", "
                << r.dates.size() << " dates, " << r.persons.size() << " persons, "
                << r.organizations.size() << " organizations, " << r.meetings.size()
                << " meetings\n";
      for (const auto &person : r.persons) {
        if (person.mentions.empty()) continue;
        const zhmeta::Span &first = person.mentions.front();
        // Spans index the caller's own text, before normalization.
        std::cout << "  " << person.name << " (as written: "
                  << texts[i].substr(first.begin, first.end - first.begin) << ")\n";
      }
      // The same record as the CLI prints it.
      if (zhmeta::to_json(r).rfind("{\"schema\":\"zhmeta/1\"", 0) != 0) return 1;
    }
  } catch (const zhmeta::Error &e) {
    std::cerr << "zhmeta: " << e.what() << "\n";
    return 1;
  }
  std::cout << "zhmeta " << zhmeta::version() << "\n";
  return 0;
}
