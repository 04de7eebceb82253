// ingest/ingest.cc owns reading files into extracted documents: one file on
// the calling thread (ingest_file), or many on a pool of workers that hands
// results out in input order (IngestPool).
#include "ingest/ingest.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "text/text.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

// The buffer a thread reads files into, one after another: kept from file to
// file (a new one for each came back cold from the allocator, and was zeroed
// before the read overwrote it), unless a huge file grew it.
constexpr std::size_t kKeptReadBuffer = std::size_t{8} << 20;
std::string& read_buffer() {
  thread_local std::string buffer;
  return buffer;
}

// The whole file into `buffer` (its first `have` bytes; the buffer may be
// longer): one read of the size the listing reported (and one more byte, to
// see the end), then whatever it grew by since. POSIX calls rather than a
// std::ifstream: making a stream (its locale and buffer, the fstat it asks
// for) cost more than reading a news file of a few KB.
bool read_whole(const FileInput& file, std::string& buffer, std::size_t& have, std::string& problem) {
  const int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    problem = file.source + ": cannot open the file for reading";
    return false;
  }
  const std::size_t expected = static_cast<std::size_t>(file.size) + 1;
  if (buffer.size() < expected) buffer.resize(expected);
  have = 0;
  for (;;) {
    if (have == buffer.size()) buffer.resize(buffer.size() * 2 + 65536);
    const ssize_t got = ::read(fd, buffer.data() + have, buffer.size() - have);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      ::close(fd);
      problem = file.source + ": read error";
      return false;
    }
    if (got == 0) break;
    have += static_cast<std::size_t>(got);
  }
  ::close(fd);
  return true;
}

unsigned worker_count(unsigned asked, std::size_t files) {
  unsigned threads = asked != 0 ? asked : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, files)));
}

}  // namespace

IngestedFile ingest_file(const FileInput& file, const Extractor& extractor, const IngestOptions& options) {
  IngestedFile result;
  std::string& buffer = read_buffer();
  try {
    std::size_t have = 0;
    if (!read_whole(file, buffer, have, result.problem)) return result;
    const std::string_view bytes(buffer.data(), have);
    result.bytes = bytes.size();
    result.sha256 = sha256_hex(bytes);
    if (options.should_extract && !options.should_extract(file.source, result.sha256)) {
      result.status = IngestedFile::Status::skipped;
      return result;
    }
    std::vector<Document> documents = read_documents(file.source, bytes, result.sha256, &result.warnings);
    if (buffer.size() > kKeptReadBuffer) std::string().swap(buffer);
    result.documents.reserve(documents.size());
    for (Document& doc : documents) {
      Extraction extraction = extractor.run(doc, options.sentences);
      result.documents.push_back({std::move(doc), std::move(extraction)});
    }
    result.status = IngestedFile::Status::extracted;
    if (options.in_worker) options.in_worker(file, result);
  } catch (const InputError& e) {
    result.problem = e.what();
  } catch (const std::bad_alloc&) {
    result.problem = file.source + ": out of memory while reading the file";
  } catch (const std::exception& e) {
    result.problem = file.source + ": " + e.what();
  }
  if (buffer.size() > kKeptReadBuffer) std::string().swap(buffer);
  if (!result.problem.empty()) {
    result.status = IngestedFile::Status::failed;
    result.documents.clear();
    result.prepared.reset();
  }
  return result;
}

// Workers take the next file index from a counter and may start it only while
// it is within a few files, or a few MB, of what the consumer has taken: news
// files are a few KB, and a window of a handful of them would make the workers
// wait on every pause of the consumer.
struct IngestPool::State {
  static constexpr std::uint64_t kWindowBytes = 8ULL << 20;

  const std::vector<FileInput>& files;
  const Extractor& extractor;
  IngestOptions options;
  std::vector<IngestedFile> results;
  std::vector<char> ready;
  std::size_t window;
  std::vector<std::uint64_t> bytes_before;  // bytes of the files before each index
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable result_ready, window_moved;
  std::size_t consumed = 0;
  // The index take() is blocked on: a worker wakes the consumer only for it,
  // not for every file (a wake-up it would sleep again from, one per file).
  std::size_t awaited = SIZE_MAX;
  bool stopping = false;
  std::vector<std::thread> workers;

  State(const std::vector<FileInput>& files_, const Extractor& extractor_, IngestOptions options_)
      : files(files_), extractor(extractor_), options(std::move(options_)), results(files_.size()),
        ready(files_.size(), 0), bytes_before(files_.size() + 1, 0) {
    const unsigned threads = worker_count(options.threads, files.size());
    window = std::max<std::size_t>(4, std::size_t{threads} * 4);
    for (std::size_t i = 0; i < files.size(); ++i) bytes_before[i + 1] = bytes_before[i] + files[i].size;
    if (files.empty()) return;
    for (unsigned i = 0; i < threads; ++i) workers.emplace_back([this] { work(); });
  }

  bool may_start(std::size_t index) const {
    return index < consumed + window || bytes_before[index + 1] - bytes_before[consumed] <= kWindowBytes;
  }

  void work() {
    for (;;) {
      const std::size_t index = next.fetch_add(1);
      if (index >= files.size()) return;
      {
        std::unique_lock lock(mutex);
        window_moved.wait(lock, [&] { return stopping || may_start(index); });
        if (stopping) return;
      }
      IngestedFile result = ingest_file(files[index], extractor, options);
      bool awaited_now = false;
      {
        std::lock_guard lock(mutex);
        results[index] = std::move(result);
        ready[index] = 1;
        awaited_now = awaited == index;
      }
      if (awaited_now) result_ready.notify_one();
    }
  }
};

IngestPool::IngestPool(const std::vector<FileInput>& files, const Extractor& extractor, IngestOptions options)
    : state_(std::make_unique<State>(files, extractor, std::move(options))) {}

IngestPool::~IngestPool() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->window_moved.notify_all();
  for (auto& worker : state_->workers) worker.join();
}

IngestedFile IngestPool::take(std::size_t index) {
  State& s = *state_;
  std::unique_lock lock(s.mutex);
  if (s.ready[index] == 0) {
    s.awaited = index;
    s.result_ready.wait(lock, [&] { return s.ready[index] != 0; });
    s.awaited = SIZE_MAX;
  }
  IngestedFile result = std::move(s.results[index]);
  s.consumed = index + 1;
  lock.unlock();
  s.window_moved.notify_all();
  return result;
}

std::vector<FileInput> list_files(const std::vector<std::string>& paths) {
  std::vector<FileInput> files;
  auto add = [&](const fs::path& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    files.push_back({path.generic_string(), path, ec ? 0 : static_cast<std::uint64_t>(size)});
  };
  for (const std::string& given : paths) {
    const fs::path path(given);
    if (!fs::is_directory(path)) {
      add(path);
      continue;
    }
    std::vector<fs::path> found;
    for (const auto& entry : fs::recursive_directory_iterator(path))
      if (entry.is_regular_file()) found.push_back(entry.path());
    std::sort(found.begin(), found.end());
    for (const fs::path& file : found) add(file);
  }
  return files;
}

std::vector<ExtractedDocument> extract_files(const std::vector<FileInput>& files, const Extractor& extractor,
                                             unsigned threads, std::vector<std::string>* problems) {
  std::vector<ExtractedDocument> documents;
  IngestOptions options;
  options.threads = threads;
  IngestPool pool(files, extractor, options);
  for (std::size_t i = 0; i < files.size(); ++i) {
    IngestedFile file = pool.take(i);
    if (file.status != IngestedFile::Status::extracted) {
      if (problems != nullptr) problems->push_back(std::move(file.problem));
      continue;
    }
    for (ExtractedDocument& doc : file.documents) documents.push_back(std::move(doc));
  }
  return documents;
}

}  // namespace kg
