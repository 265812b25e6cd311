// Developer tool: shows what the pipeline's early stages see.
//   zhmeta-debug segment FILE   each line with its zone (H/B/F), '*' for boilerplate,
//                               and its sentences, in normalized text
//   zhmeta-debug rules          every rule id by kind, and gazetteer sizes
#include <fstream>
#include <iostream>
#include <sstream>

#include "normalize/normalizer.hpp"
#include "rules/rule_pack.hpp"
#include "segment/segmenter.hpp"

int main(int argc, char **argv) {
  using namespace zhmeta;
  if (argc < 2) {
    std::cerr << "usage: zhmeta-debug segment FILE | rules\n";
    return 2;
  }
  try {
    auto pack = RulePack::load_embedded();
    const std::string cmd = argv[1];
    if (cmd == "rules") {
      for (const auto &[kind, set] : pack->kinds()) {
        std::cout << kind << ":\n";
        for (const auto &r : set.rules()) std::cout << "  " << r.id << "  (" << r.file << ":" << r.line << ")\n";
      }
      for (const auto &[name, g] : pack->gazetteers())
        std::cout << "gazetteer " << name << ": " << g.entries().size() << " entries\n";
      return 0;
    }
    if (cmd == "segment" && argc == 3) {
      std::ifstream in(argv[2], std::ios::binary);
      std::ostringstream content;
      content << in.rdbuf();
      const std::string text = content.str();
      Document doc;
      normalize(text, doc);
      Segmenter(*pack).run(doc);
      for (const auto &w : doc.warnings) std::cout << "warning: " << w << "\n";
      std::size_t s = 0;
      for (std::size_t i = 0; i < doc.lines.size(); ++i) {
        const Line &line = doc.lines[i];
        const char zone = line.zone == Zone::header ? 'H' : line.zone == Zone::body ? 'B' : 'F';
        std::cout << zone << (line.boilerplate ? '*' : ' ') << " " << doc.slice(line.begin, line.end) << "\n";
        for (; s < doc.sentences.size() && doc.sentences[s].line == i; ++s)
          if (line.end - line.begin > 0 && doc.sentences.size() > 1)
            std::cout << "     | " << doc.slice(doc.sentences[s].begin, doc.sentences[s].end) << "\n";
      }
      return 0;
    }
  } catch (const std::exception &e) {
    std::cerr << "zhmeta-debug: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "usage: zhmeta-debug segment FILE | rules\n";
  return 2;
}
