// bench/stage_bench.cc: times each pipeline stage on its own, one thread, on
// a folder of files already in memory: text (decode, clean, split), extract,
// resolve, and the store (documents + graph in one transaction). It shows
// where the time of `kg build` goes; bench/run.sh prints it after the
// end-to-end number.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "resolve/resolve.h"
#include "store/store.h"
#include "text/text.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void report(const char* stage, double seconds, double mb) {
  std::printf("  %-8s %8.2f s %8.2f MB/s\n", stage, seconds, seconds > 0 ? mb / seconds : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: kg_stage_bench CORPUS_DIR SCRATCH.sqlite\n";
    return 2;
  }
  std::vector<std::pair<std::string, std::string>> files;
  std::uint64_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1])) {
    if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    files.emplace_back(entry.path().string(), std::move(content).str());
    bytes += files.back().second.size();
  }
  const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  std::printf("stages, one thread, %zu files, %.1f MB:\n", files.size(), mb);

  auto start = Clock::now();
  std::vector<kg::Document> documents;
  for (const auto& [path, content] : files) {
    try {
      for (auto& doc : kg::read_documents(path, content)) documents.push_back(std::move(doc));
    } catch (const kg::InputError&) {
      // refused files are part of the work, not of the output
    }
  }
  report("text", seconds_since(start), mb);

  start = Clock::now();
  const kg::Extractor extractor;
  std::vector<kg::StoredExtraction> extractions;
  extractions.reserve(documents.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    kg::StoredExtraction stored;
    stored.document.id = static_cast<std::int64_t>(i + 1);
    stored.document.source = documents[i].source;
    stored.document.part = documents[i].part;
    stored.extraction = extractor.run(documents[i]);
    extractions.push_back(std::move(stored));
  }
  report("extract", seconds_since(start), mb);

  start = Clock::now();
  const kg::KnowledgeGraph graph = kg::resolve(extractions);
  report("resolve", seconds_since(start), mb);

  start = Clock::now();
  std::filesystem::remove(argv[2]);
  {
    kg::Store store(argv[2]);
    store.begin();
    for (std::size_t i = 0; i < documents.size(); ++i) store.add_document(documents[i], extractions[i].extraction);
    store.replace_graph(graph);
    store.commit();
  }
  report("store", seconds_since(start), mb);
  std::printf("  (%zu documents, %zu entities, %zu relations)\n", documents.size(), graph.entity_count(),
              graph.relation_count());
  return 0;
}
