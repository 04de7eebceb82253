// pipeline/pipeline.h owns `kg build` and `kg remove` end to end: finding
// files, running text and extract across cores by file, and, inside one
// store transaction, saving documents and re-resolving the graph.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/store.h"

namespace kg {

// Where a build is, for a progress display. The pipeline reports at least
// every few hundred milliseconds while it works, and once at every change of
// phase; the CLI decides how to show it (an in-place line on a terminal, a
// line every few seconds otherwise, nothing with --quiet).
struct BuildProgress {
  // extracting_again: stored documents whose extraction another extractor
  // or other lexicons made (items: documents).
  enum class Phase { reading, resolving, writing, done, extracting_again };
  Phase phase = Phase::reading;
  std::uint64_t files_done = 0, files_total = 0;  // reading: files read and extracted
  std::uint64_t bytes_done = 0, bytes_total = 0;  // reading: their bytes
  std::uint64_t items_done = 0, items_total = 0;  // resolving/writing: names or rows, 0 if unknown
  double seconds = 0;                             // since the build started
};

struct BuildOptions {
  // Files or folders. Folders are read recursively, skipping hidden entries
  // (names starting with '.') and the database's own files.
  std::vector<std::string> inputs;
  // User lexicons added to the built-in ones. The database remembers them:
  // a build given none uses the remembered ones (the file when it is still
  // there, else the copy kept), a build given some replaces them.
  std::vector<std::string> lexicon_files;
  bool forget_lexicons = false;  // build with the built-in lexicons only, and forget the remembered ones
  // Extract every stored document again and resolve the graph from scratch
  // (edits applied again); otherwise only documents made by another
  // extractor or other lexicons are extracted again.
  bool rebuild = false;
  unsigned threads = 0;                    // 0: one per core
  // A database without compression dictionaries trains them from the first
  // this many documents of a build (in input order, so the result does not
  // depend on timing); a smaller build writes without them.
  std::size_t train_dictionaries_after = 3000;
  // Progress and per-file problems; the CLI prints them to stderr.
  std::function<void(const std::string&)> on_message;
  // Progress events (see BuildProgress); called from the thread that writes.
  std::function<void(const BuildProgress&)> on_progress;
};

struct BuildReport {
  std::uint32_t files_seen = 0, files_added = 0, files_unchanged = 0, files_failed = 0;
  std::uint32_t documents_added = 0;
  std::uint32_t documents_extracted_again = 0;  // stored documents whose extraction was stale
  std::size_t edits_examined = 0;               // edits that name what the build touched
  std::size_t edits_applied = 0;                // of those, the ones that changed the graph
  std::uint64_t bytes = 0;
  double seconds = 0;
  std::size_t entities = 0, relations = 0;
  std::vector<std::string> problems;  // one line per file that was refused
  // One line per file read with damage (invalid bytes, a wrong charset
  // declaration, PDF pages without text); each names the file. Not failures.
  std::vector<std::string> warnings;
};

// Builds the inputs into the store (none: only what is stale is refreshed).
// Files whose sha256 is already stored are skipped; changed files replace
// their old facts; stored documents extracted by another extractor are
// extracted again from their stored text; edits (edit/edit.h) are applied
// again to what the build changed. Throws StoreError/InputError
// only for problems that stop the whole build; a bad file is reported and skipped.
BuildReport build(Store& store, const BuildOptions& options);

// Removes the documents of these sources and every fact only they supported.
std::size_t remove_sources(Store& store, const std::vector<std::string>& sources);

struct RemoveReport {
  std::size_t documents_removed = 0;
  std::vector<std::string> not_found;  // sources (as normalised) with nothing stored
};

// remove_sources with the detail the CLI reports. A source names a file as it
// was built, or a folder: everything built from under it.
RemoveReport remove_sources_report(Store& store, const std::vector<std::string>& sources);

// The key a path is stored under: the path as given, lexically normalised
// ("./seeds//a.txt" -> "seeds/a.txt"), without a trailing slash.
std::string source_key(const std::string& path);

}  // namespace kg
