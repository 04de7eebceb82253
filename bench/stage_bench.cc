// bench/stage_bench.cc: times each pipeline stage on its own, one thread, on
// a folder of files already in memory: text (decode, clean, split), extract,
// resolve (a batch on an empty graph), and the store (encoding, documents and
// the graph in one transaction). It shows where the time of `kg build` goes;
// bench/run.sh prints it after the end-to-end number. Without SCRATCH it
// times only what the workers of `kg build` do: text, extract, and encoding
// each document for the store.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "ingest/ingest.h"
#include "resolve/resolve.h"
#include "store/store.h"
#include "text/text.h"

namespace {

// CPU time of this thread: on a shared machine the wall clock measures the
// neighbours too.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Start {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = cpu_seconds();
};

void report(const char* stage, const Start& start, double mb) {
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start.wall).count();
  const double cpu = cpu_seconds() - start.cpu;
  std::printf("  %-8s %8.2f s CPU %8.2f MB/s   (%.2f s wall)\n", stage, cpu, cpu > 0 ? mb / cpu : 0.0, wall);
}

class Counter : public kg::ChangeSink {
 public:
  void entity(kg::EntityChange) override { ++entities; }
  void relation(kg::RelationChange) override { ++relations; }
  std::size_t entities = 0, relations = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::cerr << "usage: kg_stage_bench CORPUS_DIR [SCRATCH.sqlite]\n";
    return 2;
  }
  std::vector<std::pair<std::string, std::string>> files;
  std::uint64_t bytes = 0;
  for (const kg::FileInput& input : kg::list_files({argv[1]})) {
    if (input.path.extension() != ".txt") continue;
    std::ifstream in(input.path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    files.emplace_back(input.source, std::move(content).str());
    bytes += files.back().second.size();
  }
  const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  std::printf("stages, one thread, %zu files, %.1f MB:\n", files.size(), mb);

  Start start;
  std::vector<kg::ExtractedDocument> documents;
  for (const auto& [path, content] : files) {
    try {
      // As ingest does: the file hashed once, the digest given to the text stage.
      const std::string sha = kg::sha256_hex(content);
      for (auto& doc : kg::read_documents(path, content, sha, nullptr)) documents.push_back({std::move(doc), {}});
    } catch (const kg::InputError&) {
      // refused files are part of the work, not of the output
    }
  }
  report("text", start, mb);

  start = Start{};
  const kg::Extractor extractor;
  for (auto& doc : documents) doc.extraction = extractor.run(doc.document);
  report("extract", start, mb);

  if (argc == 2) {
    start = Start{};
    std::size_t encoded_bytes = 0;
    for (const auto& doc : documents)
      encoded_bytes += kg::Store::encode_document(doc.document, doc.extraction).extraction.size();
    report("encode", start, mb);
    std::printf("  (%zu documents, %zu bytes of encoded extractions)\n", documents.size(), encoded_bytes);
    return 0;
  }

  start = Start{};
  {
    kg::Resolution batch(nullptr);
    std::int64_t id = 0;
    for (const auto& doc : documents)
      batch.add({kg::DocumentInfo(++id, doc.document.source, doc.document.part), doc.document.sha256, doc.extraction});
    Counter counter;
    batch.finish(counter);
    std::printf("  (%zu documents, %zu entities, %zu relations)\n", documents.size(), counter.entities,
                counter.relations);
  }
  report("resolve", start, mb);

  start = Start{};
  std::filesystem::remove(argv[2]);
  {
    kg::Store store(argv[2]);
    store.begin();
    kg::Resolution batch(nullptr);
    std::int64_t content = 0;
    std::string last_sha;
    for (const auto& doc : documents) {
      if (doc.document.sha256 != last_sha) {
        content = store.add_content(doc.document.sha256, 0, doc.document.encoding);
        store.set_source(doc.document.source, content);
        last_sha = doc.document.sha256;
      }
      const std::int64_t id = store.add_document(content, kg::Store::encode_document(doc.document, doc.extraction));
      batch.add({kg::DocumentInfo(id, doc.document.source, doc.document.part), doc.document.sha256, doc.extraction});
    }
    store.apply(batch);
    store.commit();
  }
  report("store", start, mb);
  return 0;
}
