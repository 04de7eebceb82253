// pipeline/pipeline.cc owns the build: taking the input files (inputs.cc), ingesting them
// on a pool of workers (ingest/ingest.h), writing documents in input order as
// they arrive while a resolution batch counts them, and finishing the batch
// into the graph, all inside one transaction; and the removal of sources.
#include "pipeline/pipeline.h"

#include <algorithm>
#include <any>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <stdlib.h>
#include <unistd.h>

#include "core/utf8.h"
#include "edit/edit.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "pipeline/inputs.h"
#include "resolve/resolve.h"
#include "text/text.h"

namespace kg::embedded {
// The built-in lexicons (kg_extract embeds them).
const std::vector<std::pair<std::string_view, std::string_view>>& lexicons_files();
}  // namespace kg::embedded

namespace kg {
namespace {

namespace fs = std::filesystem;

std::string utc_now_iso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

using Clock = std::chrono::steady_clock;

// BuildProgress events, at every change of phase and at most every 250 ms
// in between.
class Progress {
 public:
  Progress(const BuildOptions& options, Clock::time_point started) : options_(options), started_(started) {}
  BuildProgress state;

  void phase(BuildProgress::Phase phase) {
    state.phase = phase;
    state.items_done = state.items_total = 0;
    emit();
  }
  void tick() {
    if (Clock::now() - last_ >= std::chrono::milliseconds(250)) emit();
  }
  void emit() {
    if (!options_.on_progress) return;
    last_ = Clock::now();
    state.seconds = std::chrono::duration<double>(last_ - started_).count();
    options_.on_progress(state);
  }

 private:
  const BuildOptions& options_;
  Clock::time_point started_;
  Clock::time_point last_{};
};

// Which extractor made an extraction (documents.extractor): the sha256 of
// the code version and of the lexicons, built-in and the user's (by content,
// so a lexicon moved elsewhere is the same lexicon), so that a later kg can
// tell what to extract again when either changes.
std::string extractor_fingerprint(const std::vector<std::pair<std::string, std::string>>& user_lexicons) {
  std::string all = "extractor code " + std::to_string(kExtractorCodeVersion);
  all += '\0';
  for (const auto& [path, content] : embedded::lexicons_files()) {
    all += path;
    all += '\0';
    all += content;
  }
  for (const auto& [path, content] : user_lexicons) {
    all += "user lexicon";
    all += '\0';
    all += content;
  }
  return sha256_hex(all).substr(0, 16);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("lexicon " + path + ": cannot open the file");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The user lexicons a build uses, as (path, content), and files the
// Extractor can read them from: the paths given; else the ones the database
// remembers, from the file when it is still there, else from a copy of the
// remembered content in a temporary file (removed once the Extractor has
// read it: the Extractor reads lexicons from files only).
struct UserLexicons {
  std::vector<std::pair<std::string, std::string>> lexicons;
  std::vector<std::string> files;
  std::vector<std::string> temporary;
  ~UserLexicons() {
    for (const std::string& file : temporary) ::unlink(file.c_str());
  }
};

void choose_lexicons(const Store& store, const BuildOptions& options, UserLexicons& chosen,
                     const std::function<void(const std::string&)>& message) {
  const auto remembered = store.user_lexicons();
  auto names = [](const std::vector<std::pair<std::string, std::string>>& list) {
    std::string text;
    for (const auto& [path, content] : list) text += (text.empty() ? "" : ", ") + path;
    return text;
  };
  if (options.forget_lexicons) {
    if (!remembered.empty()) message("lexicons: forgetting " + names(remembered) + "; built-in lexicons only");
    return;
  }
  if (!options.lexicon_files.empty()) {
    for (const std::string& file : options.lexicon_files) chosen.lexicons.emplace_back(file, read_file(file));
    chosen.files = options.lexicon_files;
    if (!remembered.empty() && remembered != chosen.lexicons)
      message(names(remembered) == names(chosen.lexicons)
                  ? "lexicons: " + names(chosen.lexicons) + " changed since the last build (documents are extracted again)"
                  : "lexicons: " + names(chosen.lexicons) + " replace " + names(remembered) +
                        " (documents extracted with those are extracted again)");
    else if (remembered.empty())
      message("lexicons: the database remembers " + names(chosen.lexicons) + " for later builds");
    return;
  }
  for (const auto& [path, content] : remembered) {
    std::error_code error;
    if (fs::is_regular_file(path, error)) {
      std::string now = read_file(path);
      if (now != content) message("lexicon " + path + " changed since the last build (documents are extracted again)");
      chosen.lexicons.emplace_back(path, std::move(now));
      chosen.files.push_back(path);
      continue;
    }
    std::string temporary = (fs::temp_directory_path() / "kg-lexicon-XXXXXX").string();
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) throw InputError("lexicon " + path + ": cannot write a copy to " + temporary);
    chosen.temporary.push_back(temporary);
    const bool written = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    ::close(fd);
    if (!written) throw InputError("lexicon " + path + ": cannot write a copy to " + temporary);
    message("lexicon " + path + " is gone; using the copy the database remembers");
    chosen.lexicons.emplace_back(path, content);
    chosen.files.push_back(temporary);
  }
  if (!remembered.empty()) message("lexicons: using " + names(remembered) + " (remembered by the database)");
}

// What a worker makes of an extracted file for the store: each document
// encoded. Its extraction is already as resolution carries it: the workers
// extract with Extractor::Sentences::leave_in_text.
struct PreparedFile {
  std::vector<EncodedDocument> encoded;
};

void prepare_in_worker(const std::string& extractor, const Dictionaries& dictionaries, IngestedFile& file) {
  PreparedFile prepared;
  for (ExtractedDocument& doc : file.documents) {
    prepared.encoded.push_back(Store::encode_document(doc.document, doc.extraction, extractor, &dictionaries));
    // The writer needs the metadata only; the text and offsets are encoded.
    std::u32string().swap(doc.document.text);
    std::vector<Span>().swap(doc.document.raw);
    std::vector<Span>().swap(doc.document.sentences);
    std::vector<Span>().swap(doc.document.paragraphs);
  }
  file.prepared = std::move(prepared);
}

// Points `path` at `content`; a content no path points at any more leaves
// the graph with its documents.
void attach(Store& store, Resolution& batch, const std::string& path, std::int64_t content) {
  const auto before = store.set_source(path, content);
  if (before && !store.content_in_use(*before))
    for (ResolvableDocument& doc : store.remove_content(*before)) batch.remove(std::move(doc));
}

std::size_t detach(Store& store, Resolution& batch, const std::string& path) {
  const auto content = store.remove_source(path);
  if (!content || store.content_in_use(*content)) return 0;
  std::vector<ResolvableDocument> documents = store.remove_content(*content);
  const std::size_t removed = documents.size();
  for (ResolvableDocument& doc : documents) batch.remove(std::move(doc));
  return removed;
}

// Finishes the batch into the store, reporting resolving, then writing.
void apply(Store& store, Resolution& batch, Progress& progress) {
  progress.phase(BuildProgress::Phase::resolving);
  progress.state.items_total = batch.pending_records();
  bool writing = false;
  store.apply(batch, [&](std::uint64_t rows) {
    if (!writing) {
      progress.phase(BuildProgress::Phase::writing);
      writing = true;
    }
    progress.state.items_done = rows;
    progress.tick();
  });
}

// Extracts again, from their stored text, the documents another extractor
// made (all with `everything`): they leave the graph in a batch of their
// own, and come back, newly extracted, in `batch`. Extraction runs on the
// worker threads, a slice of documents at a time; the store is read and
// written from this thread only.
std::uint32_t extract_again(Store& store, const Extractor& extractor, const std::string& fingerprint, bool everything,
                            unsigned threads, Progress& progress, std::vector<ResolvableDocument>& again) {
  // No extractor's fingerprint is empty: every document.
  const std::vector<std::int64_t> all = store.documents_not_made_by(std::string());
  const std::vector<std::int64_t> stale = everything ? all : store.documents_not_made_by(fingerprint);
  if (stale.empty()) return 0;
  ResolvedGraph& graph = store.resolved_graph();
  if (stale.size() == all.size()) {
    // Everything: resolved from scratch, in memory, as a first build is.
    store.clear_graph();
  } else {
    Resolution removal(&graph);
    for (ResolvableDocument& doc : graph.documents(stale)) removal.remove(std::move(doc));
    store.apply(removal);
  }
  progress.state.phase = BuildProgress::Phase::extracting_again;
  progress.state.items_done = 0;
  progress.state.items_total = stale.size();
  progress.emit();
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  constexpr std::size_t kSlice = 256;
  for (std::size_t first = 0; first < stale.size(); first += kSlice) {
    const std::size_t count = std::min(kSlice, stale.size() - first);
    std::vector<Document> documents(count);
    std::vector<ResolvableDocument> resolvable = graph.documents(
        std::vector<std::int64_t>(stale.begin() + static_cast<std::ptrdiff_t>(first),
                                  stale.begin() + static_cast<std::ptrdiff_t>(first + count)));
    for (std::size_t i = 0; i < resolvable.size(); ++i) {
      auto doc = store.load_document(resolvable[i].info.id);
      if (doc) documents[i] = std::move(*doc);
    }
    std::vector<Extraction> extractions(resolvable.size());
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    std::exception_ptr failure;
    std::mutex failure_mutex;
    for (unsigned t = 0; t < std::min<std::size_t>(threads, resolvable.size()); ++t)
      workers.emplace_back([&] {
        for (std::size_t i; (i = next++) < resolvable.size();) {
          try {
            extractions[i] = extractor.run(documents[i], Extractor::Sentences::leave_in_text);
          } catch (...) {
            std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
          }
        }
      });
    for (std::thread& worker : workers) worker.join();
    if (failure) std::rethrow_exception(failure);
    for (std::size_t i = 0; i < resolvable.size(); ++i) {
      store.replace_extraction(resolvable[i].info.id, documents[i], extractions[i], fingerprint);
      resolvable[i].extraction = std::move(extractions[i]);
      store.rewrite(resolvable[i]);
      again.push_back(std::move(resolvable[i]));
      ++progress.state.items_done;
    }
    progress.tick();
  }
  return static_cast<std::uint32_t>(stale.size());
}

}  // namespace

std::string source_key(const std::string& path) {
  std::string key = fs::path(path).lexically_normal().generic_string();
  while (key.size() > 1 && key.back() == '/') key.pop_back();
  return key;
}

BuildReport build(Store& store, const BuildOptions& options) {
  const auto started = Clock::now();
  const std::string started_at = utc_now_iso();
  auto message = [&](const std::string& text) {
    if (options.on_message) options.on_message(text);
  };

  BuildReport report;
  // Lexicon errors stop the build before anything is locked or read.
  UserLexicons lexicons;
  choose_lexicons(store, options, lexicons, message);
  const Extractor extractor(lexicons.files);
  const std::string fingerprint = extractor_fingerprint(lexicons.lexicons);
  Inputs inputs = options.inputs.empty() ? Inputs{} : collect_inputs(options.inputs, store.path());
  for (const std::string& problem : inputs.problems) {
    message(problem);
    report.problems.push_back(problem);
    ++report.files_failed;
  }
  std::vector<FileInput> files;
  files.reserve(inputs.files.size());
  for (const InputFile& f : inputs.files) files.push_back({f.source, f.path, f.size});
  report.files_seen = static_cast<std::uint32_t>(files.size()) + report.files_failed;

  Progress progress(options, started);
  progress.state.files_total = files.size();
  for (const auto& file : files) progress.state.bytes_total += file.size;
  if (!files.empty()) progress.phase(BuildProgress::Phase::reading);

  // Taking the write lock first means a locked database fails fast, before
  // minutes of extraction are spent; a damaged one is refused before a write.
  store.begin();
  try {
    // Checked alongside the work; nothing is committed before it passes.
    Store::IntegrityCheck integrity(store);
    // What each path held, and which bytes are stored: for a few files a
    // lookup each, for many one pass over the tables.
    std::unordered_map<std::string, std::string> stored;  // path -> sha256
    std::unordered_set<std::string> known_contents;
    const bool few = files.size() < 256;
    if (few) {
      for (const FileInput& f : files)
        if (auto sha = store.file_sha256(f.source)) stored.emplace(f.source, std::move(*sha));
    } else {
      for (auto& [path, sha] : store.source_hashes()) stored.emplace(std::move(path), std::move(sha));
      known_contents = store.content_hashes();
    }
    // Remembering the lexicons and extracting again write before the files
    // are read: the check must have passed first.
    const bool lexicons_changed = store.user_lexicons() != lexicons.lexicons;
    if (lexicons_changed || options.rebuild || !store.documents_not_made_by(fingerprint).empty()) integrity.wait();
    if (lexicons_changed) store.set_user_lexicons(lexicons.lexicons);
    // Edits that change records (edit/edit.h) apply to everything resolution reads.
    install_edits(store);
    // Stored documents another extractor made leave the graph, to come back
    // extracted again in this build's batch.
    std::vector<ResolvableDocument> again;
    report.documents_extracted_again =
        extract_again(store, extractor, fingerprint, options.rebuild, options.threads, progress, again);
    if (report.documents_extracted_again > 0) {
      message("extracted again " + std::to_string(report.documents_extracted_again) + " stored document(s)" +
              (options.rebuild ? " (--rebuild)" : " made by another extractor or other lexicons"));
      if (!files.empty()) progress.phase(BuildProgress::Phase::reading);
    }
    // A full build resolves in memory; otherwise against the stored graph.
    const bool full = store.graph_empty();
    Resolution batch(full ? nullptr : &store.resolved_graph());
    for (ResolvableDocument& doc : again) batch.add(std::move(doc));
    std::vector<ResolvableDocument>().swap(again);
    std::unordered_map<std::string, std::int64_t> contents_added;  // this build's, by sha256

    IngestOptions ingest;
    ingest.threads = options.threads;
    // Resolution and the store carry a sentence as the text at its evidence.
    ingest.sentences = Extractor::Sentences::leave_in_text;
    ingest.should_extract = [&](const std::string& source, const std::string& sha) {
      auto it = stored.find(source);
      if (it != stored.end() && it->second == sha) return false;  // unchanged
      return known_contents.count(sha) == 0;  // new bytes (with few files: found out when written)
    };
    // Texts and extractions are compressed with dictionaries the database
    // trains from the first documents it receives
    // (options.train_dictionaries_after): those wait, unwritten, until the
    // dictionaries exist.
    const std::size_t train_after = std::max<std::size_t>(options.train_dictionaries_after, 1);
    Dictionaries dictionaries = store.dictionaries();
    std::mutex dictionaries_mutex;
    ingest.in_worker = [&](const FileInput&, IngestedFile& file) {
      Dictionaries current;
      {
        std::lock_guard lock(dictionaries_mutex);
        current = dictionaries;
      }
      prepare_in_worker(fingerprint, current, file);
    };
    auto write = [&](std::size_t i, IngestedFile& result) {
      const std::string& path = files[i].source;
      switch (result.status) {
        case IngestedFile::Status::failed:
          ++report.files_failed;
          message(result.problem);
          report.problems.push_back(std::move(result.problem));
          return;
        case IngestedFile::Status::skipped:
        case IngestedFile::Status::extracted:
          break;
      }
      auto known = stored.find(path);
      if (known != stored.end() && known->second == result.sha256) {
        ++report.files_unchanged;
        return;
      }
      ++report.files_added;
      report.bytes += result.bytes;
      // The same bytes already stored (under another path, or twice in this
      // build): one more path of that content.
      std::optional<std::int64_t> content;
      if (auto it = contents_added.find(result.sha256); it != contents_added.end()) content = it->second;
      else if (few || known_contents.count(result.sha256)) content = store.content_id(result.sha256);
      if (content || result.status == IngestedFile::Status::skipped) {
        if (!content) content = store.content_id(result.sha256);
        if (content) attach(store, batch, path, *content);
        return;
      }
      auto& prepared = std::any_cast<PreparedFile&>(result.prepared);
      const std::string encoding = result.documents.empty() ? std::string() : result.documents.front().document.encoding;
      content = store.add_content(result.sha256, result.bytes, encoding);
      contents_added.emplace(result.sha256, *content);
      attach(store, batch, path, *content);
      for (std::size_t d = 0; d < result.documents.size(); ++d) {
        ExtractedDocument& doc = result.documents[d];
        Store::compress(prepared.encoded[d], dictionaries);
        ResolvableDocument resolvable;
        resolvable.info = DocumentInfo(store.add_document(*content, prepared.encoded[d]), path, doc.document.part,
                                       doc.document.meta);
        resolvable.content = result.sha256;
        resolvable.extraction = std::move(doc.extraction);
        store.rewrite(resolvable);
        batch.add(std::move(resolvable));
      }
      report.documents_added += static_cast<std::uint32_t>(result.documents.size());
    };
    std::vector<std::pair<std::size_t, IngestedFile>> waiting;
    std::size_t waiting_documents = 0;
    bool training = dictionaries.empty();
    // Trained on threads of their own from the first train_after documents
    // while the files after them are read; they wait for it unwritten.
    std::optional<Store::DictionaryTraining> trainer;
    auto start_training = [&] {
      std::vector<const EncodedDocument*> samples;
      for (auto& [i, result] : waiting)
        if (result.status == IngestedFile::Status::extracted)
          for (const EncodedDocument& doc : std::any_cast<PreparedFile&>(result.prepared).encoded) samples.push_back(&doc);
      trainer.emplace(samples);
    };
    auto flush = [&] {
      if (trainer) {
        Dictionaries trained = store.keep_dictionaries(*trainer);
        trainer.reset();
        std::lock_guard lock(dictionaries_mutex);
        dictionaries = std::move(trained);
      }
      for (auto& [i, result] : waiting) write(i, result);
      waiting.clear();
      training = false;
    };
    {
      IngestPool pool(files, extractor, ingest);
      for (std::size_t i = 0; i < files.size(); ++i) {
        IngestedFile result = pool.take(i);
        // What the text stage repaired, naming the file: said, not failed.
        for (std::string& warning : result.warnings) {
          message(warning);
          report.warnings.push_back(std::move(warning));
        }
        ++progress.state.files_done;
        progress.state.bytes_done += files[i].size;
        if (training) {
          if (result.status == IngestedFile::Status::extracted) waiting_documents += result.documents.size();
          waiting.emplace_back(i, std::move(result));
          if (!trainer && waiting_documents >= train_after) start_training();
          // Ready, or so many documents waiting that memory matters more
          // than the pause: wait for it.
          if (trainer && (trainer->ready() || waiting_documents >= 4 * train_after)) flush();
        } else {
          write(i, result);
        }
        progress.tick();
      }
    }
    if (!waiting.empty() || trainer) flush();
    integrity.wait();
    apply(store, batch, progress);
    const EditsApplied edits = apply_edits(store, full);
    report.edits_examined = edits.examined;
    report.edits_applied = edits.changed;
    const StoreStats stats = store.stats();
    for (const auto& [type, count] : stats.entities_by_type) report.entities += count;
    for (const auto& [type, count] : stats.relations_by_type) report.relations += count;
    report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
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
  progress.phase(BuildProgress::Phase::done);
  return report;
}

RemoveReport remove_sources_report(Store& store, const std::vector<std::string>& sources) {
  RemoveReport report;
  store.begin();
  try {
    Store::IntegrityCheck integrity(store);
    // What each given source names: a file as built, or a folder that files
    // were built from.
    std::vector<std::string> to_remove;
    for (const std::string& given : sources) {
      const std::string key = source_key(given);
      std::vector<std::string> found = store.sources_under(key);
      if (found.empty()) report.not_found.push_back(key);
      to_remove.insert(to_remove.end(), found.begin(), found.end());
    }
    std::sort(to_remove.begin(), to_remove.end());
    to_remove.erase(std::unique(to_remove.begin(), to_remove.end()), to_remove.end());
    if (!to_remove.empty()) {
      install_edits(store);
      Resolution batch(&store.resolved_graph());
      for (const std::string& path : to_remove) report.documents_removed += detach(store, batch, path);
      integrity.wait();
      store.apply(batch);
      apply_edits(store);
    }
    integrity.wait();
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
