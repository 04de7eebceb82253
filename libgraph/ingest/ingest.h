// ingest/ingest.h: the one way from files to extracted documents, without a
// database. Each file is read whole and hashed, turned into articles by the
// text stage and extracted, on a pool of threads; results come back in input
// order so that whatever is built from them does not depend on timing.
// `kg build` (pipeline), the accuracy tests and the benchmark all go through
// it, so they cannot assemble documents differently.
#pragma once

#include <any>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/extraction.h"
#include "text/document.h"

namespace kg {

// One article: the text stage's Document and what extraction found in it.
struct ExtractedDocument {
  Document document;
  Extraction extraction;
};

// A file to ingest: `source` is the key it is known by (the path as the user
// gave it, normalised), `path` where to read it, `size` what a listing said
// (a hint for memory bounds; the file is read whole whatever it holds).
struct FileInput {
  std::string source;
  std::filesystem::path path;
  std::uint64_t size = 0;
};

struct IngestedFile {
  enum class Status {
    extracted,  // read, split and extracted: `documents`
    skipped,    // read and hashed; `should_extract` said no
    failed,     // `problem` says why, naming the file
  };
  Status status = Status::failed;
  std::string sha256;       // hex, of the bytes read (skipped and extracted)
  std::uint64_t bytes = 0;  // bytes read
  std::string problem;
  // What the text stage repaired in a way the user should hear of (invalid
  // bytes, a wrong charset declaration), one line each, naming the file.
  std::vector<std::string> warnings;
  std::vector<ExtractedDocument> documents;
  // Whatever IngestOptions::in_worker made of the documents, for the
  // consumer; ingest never looks inside.
  std::any prepared;
};

struct IngestOptions {
  unsigned threads = 0;  // 0: one per core
  // Asked on a worker once the file is hashed: false skips text and extract
  // (a file already stored with these bytes). Must be thread-safe.
  std::function<bool(const std::string& source, const std::string& sha256)> should_extract;
  // Run on the worker after extraction, e.g. to encode what a database will
  // write, so that the thread consuming results has less to do. Must be
  // thread-safe; it may move the documents' heavy parts out.
  std::function<void(const FileInput&, IngestedFile&)> in_worker;
  // Whether relations carry their sentences' text or leave it in the
  // document's (Extractor::Sentences).
  Extractor::Sentences sentences = Extractor::Sentences::copy;
};

// Reads, hashes, splits and extracts one file on the calling thread. Never
// throws for a bad file: the result says `failed`, with a message naming it.
IngestedFile ingest_file(const FileInput& file, const Extractor& extractor, const IngestOptions& options = {});

// Runs ingest_file over `files` on a pool of threads and hands the results
// out in input order (take(0), take(1), ...). Workers run ahead of the
// consumer by a few files and at most a few MB, to bound memory.
class IngestPool {
 public:
  IngestPool(const std::vector<FileInput>& files, const Extractor& extractor, IngestOptions options);
  ~IngestPool();
  IngestPool(const IngestPool&) = delete;
  IngestPool& operator=(const IngestPool&) = delete;

  // Blocks until file `index` is done. Call with 0, 1, 2, ... in order.
  IngestedFile take(std::size_t index);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Every regular file under `paths` (files, or folders read recursively in
// path order), as FileInputs keyed by their path.
std::vector<FileInput> list_files(const std::vector<std::string>& paths);

// The documents of `files`, in order, extracted with `extractor`. Files that
// cannot be read as text are skipped; their messages go to `problems` when
// given.
std::vector<ExtractedDocument> extract_files(const std::vector<FileInput>& files, const Extractor& extractor,
                                             unsigned threads = 0, std::vector<std::string>* problems = nullptr);

}  // namespace kg
