// pipeline/pipeline.cc owns the build: taking the input files (inputs.cc), reading and
// extracting them on a pool of workers (split by file), and writing them into
// the store in input order inside one transaction, then re-resolving the graph.
#include "pipeline/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "extract/extract.h"
#include "pipeline/inputs.h"
#include "resolve/resolve.h"
#include "text/text.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

// Progress goes to on_message only when the input is large enough for a
// person to wonder whether the build is still alive.
constexpr std::size_t kProgressEveryFiles = 500;
constexpr std::uint64_t kProgressEveryBytes = 20ULL << 20;

enum class FileStatus { unchanged, added, failed };

struct FileResult {
  FileStatus status = FileStatus::failed;
  std::uint64_t bytes = 0;
  std::string problem;
  std::vector<std::string> warnings;  // from the text stage: the file was read, but not cleanly
  std::vector<Document> documents;
  std::vector<Extraction> extractions;
};

FileResult process_file(const InputFile& file, const std::unordered_map<std::string, std::string>& stored_hashes,
                        const Extractor& extractor) {
  FileResult result;
  try {
    std::ifstream in(file.path, std::ios::binary);
    if (!in) {
      result.problem = file.source + ": cannot open the file for reading";
      return result;
    }
    // One read of the size the folder listing reported, then whatever the
    // file grew by since.
    std::string bytes(file.size, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (in) {
      char chunk[65536];
      while (in.read(chunk, sizeof chunk) || in.gcount() > 0) bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
      result.problem = file.source + ": read error";
      return result;
    }
    result.bytes = bytes.size();
    const std::string sha = sha256_hex(bytes);
    auto stored = stored_hashes.find(file.source);
    if (stored != stored_hashes.end() && stored->second == sha) {
      result.status = FileStatus::unchanged;
      return result;
    }
    result.documents = read_documents(file.source, bytes, &result.warnings);
    bytes.clear();
    bytes.shrink_to_fit();
    result.extractions.reserve(result.documents.size());
    for (Document& doc : result.documents) {
      // The store keys files by these two; make them hold whatever the text
      // stage filled in.
      doc.source = file.source;
      doc.sha256 = sha;
      result.extractions.push_back(extractor.run(doc));
    }
    result.status = FileStatus::added;
  } catch (const InputError& e) {
    result.problem = e.what();
  } catch (const std::bad_alloc&) {
    result.problem = file.source + ": out of memory while reading the file";
  } catch (const std::exception& e) {
    result.problem = file.source + ": " + e.what();
  }
  if (result.status == FileStatus::failed) {
    result.documents.clear();
    result.extractions.clear();
  }
  return result;
}

std::string utc_now_iso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string megabytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

// Runs process_file over the files on a pool of threads and hands results to
// the caller in input order, so document ids do not depend on thread timing.
// Workers stay at most `window` files ahead of the consumer to bound memory.
class FilePool {
 public:
  FilePool(const std::vector<InputFile>& files, const std::unordered_map<std::string, std::string>& stored_hashes,
           const Extractor& extractor, unsigned threads)
      : files_(files), stored_hashes_(stored_hashes), extractor_(extractor), results_(files.size()),
        ready_(files.size(), 0), window_(std::max<std::size_t>(4, std::size_t{threads} * 4)),
        bytes_before_(files.size() + 1, 0) {
    for (std::size_t i = 0; i < files.size(); ++i) bytes_before_[i + 1] = bytes_before_[i] + files[i].size;
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~FilePool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    window_moved_.notify_all();
    for (auto& worker : workers_) worker.join();
  }
  FilePool(const FilePool&) = delete;
  FilePool& operator=(const FilePool&) = delete;

  FileResult take(std::size_t index) {
    std::unique_lock lock(mutex_);
    result_ready_.wait(lock, [&] { return ready_[index] != 0; });
    FileResult result = std::move(results_[index]);
    consumed_ = index + 1;
    lock.unlock();
    window_moved_.notify_all();
    return result;
  }

 private:
  void work() {
    for (;;) {
      const std::size_t index = next_.fetch_add(1);
      if (index >= files_.size()) return;
      {
        std::unique_lock lock(mutex_);
        window_moved_.wait(lock, [&] { return stopping_ || may_start(index); });
        if (stopping_) return;
      }
      FileResult result = process_file(files_[index], stored_hashes_, extractor_);
      {
        std::lock_guard lock(mutex_);
        results_[index] = std::move(result);
        ready_[index] = 1;
      }
      result_ready_.notify_all();
    }
  }

  // A few files ahead whatever their size, and more while they are small:
  // news files are a few KB, and a window of a handful of them makes the
  // workers wait on every pause of the thread that writes the database.
  bool may_start(std::size_t index) const {
    return index < consumed_ + window_ || bytes_before_[index + 1] - bytes_before_[consumed_] <= kWindowBytes;
  }
  static constexpr std::uint64_t kWindowBytes = 8ULL << 20;

  const std::vector<InputFile>& files_;
  const std::unordered_map<std::string, std::string>& stored_hashes_;
  const Extractor& extractor_;
  std::vector<FileResult> results_;
  std::vector<char> ready_;
  const std::size_t window_;
  std::vector<std::uint64_t> bytes_before_;  // bytes of the files before each index
  std::atomic<std::size_t> next_{0};
  std::mutex mutex_;
  std::condition_variable result_ready_, window_moved_;
  std::size_t consumed_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// Resolves the stored documents with id <= up_to_id together with `added`
// (documents this build stored, still in memory, so they are not read back
// and decoded), in the order load_extractions gives: by source and part.
void rebuild_graph(Store& store, BuildReport* report, std::int64_t up_to_id = INT64_MAX,
                   std::vector<StoredExtraction> added = {}) {
  std::vector<StoredExtraction> all = store.load_extractions(up_to_id);
  if (!added.empty()) {
    const auto by_source_and_part = [](const StoredExtraction& a, const StoredExtraction& b) {
      return std::tie(a.document.source, a.document.part) < std::tie(b.document.source, b.document.part);
    };
    std::sort(added.begin(), added.end(), by_source_and_part);
    const auto middle = static_cast<std::ptrdiff_t>(all.size());
    all.insert(all.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
    std::inplace_merge(all.begin(), all.begin() + middle, all.end(), by_source_and_part);
  }
  const KnowledgeGraph graph = resolve(all);
  // Freeing hundreds of thousands of small strings takes a noticeable part
  // of a second: done on the side while the graph is written.
  std::thread release([extractions = std::move(all)]() mutable { extractions.clear(); });
  try {
    store.replace_graph(graph);
  } catch (...) {
    release.join();
    throw;
  }
  release.join();
  if (report != nullptr) {
    report->entities = graph.entity_count();
    report->relations = graph.relation_count();
  }
}

}  // namespace

std::string source_key(const std::string& path) {
  std::string key = fs::path(path).lexically_normal().generic_string();
  while (key.size() > 1 && key.back() == '/') key.pop_back();
  return key;
}

BuildReport build(Store& store, const BuildOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = utc_now_iso();
  auto message = [&](const std::string& text) {
    if (options.on_message) options.on_message(text);
  };

  BuildReport report;
  // Lexicon errors stop the build before anything is locked or read.
  const Extractor extractor(options.lexicon_files);
  Inputs inputs = collect_inputs(options.inputs, store.path());
  for (const std::string& problem : inputs.problems) {
    message(problem);
    report.problems.push_back(problem);
    ++report.files_failed;
  }
  const std::vector<InputFile>& files = inputs.files;
  report.files_seen = static_cast<std::uint32_t>(files.size()) + report.files_failed;

  std::uint64_t total_bytes = 0;
  for (const auto& file : files) total_bytes += file.size;
  const bool large = files.size() > kProgressEveryFiles || total_bytes > kProgressEveryBytes;

  // Taking the write lock first means a locked database fails fast, before
  // minutes of extraction are spent.
  store.begin();
  try {
    std::unordered_map<std::string, std::string> stored_hashes;
    for (auto& [source, sha] : store.source_hashes()) stored_hashes.emplace(std::move(source), std::move(sha));

    const std::int64_t last_document_before = store.last_document_id();
    std::vector<StoredExtraction> added;
    unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, files.size()));
    bool changed = false, graph_cleared = false;
    {
      FilePool pool(files, stored_hashes, extractor, threads);
      std::uint64_t bytes_seen = 0, bytes_at_last_progress = 0;
      for (std::size_t i = 0; i < files.size(); ++i) {
        FileResult result = pool.take(i);
        bytes_seen += files[i].size;
        for (std::string& warning : result.warnings) {
          message(warning);
          report.warnings.push_back(std::move(warning));
        }
        switch (result.status) {
          case FileStatus::unchanged:
            ++report.files_unchanged;
            break;
          case FileStatus::failed:
            ++report.files_failed;
            message(result.problem);
            report.problems.push_back(std::move(result.problem));
            break;
          case FileStatus::added:
            if (stored_hashes.count(files[i].source) != 0) {
              // The graph is rebuilt below; clearing it first spares the
              // removal's cascade a scan of mentions and evidence.
              if (!graph_cleared) store.clear_graph();
              graph_cleared = true;
              store.remove_source(files[i].source);
            }
            for (std::size_t d = 0; d < result.documents.size(); ++d) {
              const Document& doc = result.documents[d];
              StoredExtraction stored;
              stored.document.id = store.add_document(doc, result.extractions[d]);
              stored.document.source = doc.source;
              stored.document.part = doc.part;
              stored.document.title = doc.meta.title;
              stored.document.published = doc.meta.published;
              stored.document.outlet = doc.meta.outlet;
              stored.document.author = doc.meta.author;
              stored.document.editor = doc.meta.editor;
              stored.extraction = std::move(result.extractions[d]);
              added.push_back(std::move(stored));
            }
            ++report.files_added;
            report.documents_added += static_cast<std::uint32_t>(result.documents.size());
            report.bytes += result.bytes;
            changed = true;
            break;
        }
        if (large && ((i + 1) % kProgressEveryFiles == 0 || bytes_seen - bytes_at_last_progress >= kProgressEveryBytes)) {
          bytes_at_last_progress = bytes_seen;
          message("processed " + std::to_string(i + 1) + "/" + std::to_string(files.size()) + " files, " +
                  megabytes(bytes_seen) + " of " + megabytes(total_bytes));
        }
      }
    }
    if (changed) {
      if (large) message("resolving entities across all documents");
      rebuild_graph(store, &report, last_document_before, std::move(added));
    } else {
      const StoreStats stats = store.stats();
      for (const auto& [type, count] : stats.entities_by_type) report.entities += count;
      for (const auto& [type, count] : stats.relations_by_type) report.relations += count;
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    store.record_build({started_at, report.seconds, report.bytes, report.files_added, report.files_unchanged,
                        report.files_failed});
    store.commit();
  } catch (...) {
    try {
      store.rollback();
    } catch (...) {
      // The original failure is the one worth reporting.
    }
    throw;
  }
  return report;
}

RemoveReport remove_sources_report(Store& store, const std::vector<std::string>& sources) {
  RemoveReport report;
  store.begin();
  try {
    const std::vector<std::string> stored = store.sources();
    // What each given source names: a file as built, or a folder that files
    // were built from. Found first, so the graph is cleared (sparing the
    // removal's cascade a scan of mentions and evidence) only when something
    // is removed and the graph rebuilt.
    std::vector<std::string> to_remove;
    for (const std::string& given : sources) {
      const std::string key = source_key(given);
      const std::string prefix = key == "." ? std::string() : key + "/";
      bool found = false;
      for (const std::string& source : stored)
        if (source == key || (source.size() > prefix.size() && source.compare(0, prefix.size(), prefix) == 0)) {
          to_remove.push_back(source);
          found = true;
        }
      if (!found) report.not_found.push_back(key);
    }
    std::sort(to_remove.begin(), to_remove.end());
    to_remove.erase(std::unique(to_remove.begin(), to_remove.end()), to_remove.end());
    if (!to_remove.empty()) store.clear_graph();
    for (const std::string& source : to_remove) report.documents_removed += store.remove_source(source);
    if (!to_remove.empty()) rebuild_graph(store, nullptr);
    store.commit();
  } catch (...) {
    try {
      store.rollback();
    } catch (...) {
    }
    throw;
  }
  return report;
}

std::size_t remove_sources(Store& store, const std::vector<std::string>& sources) {
  return remove_sources_report(store, sources).documents_removed;
}

}  // namespace kg
