// pipeline/inputs.cc owns finding what a build reads: the files given, and
// the files under the folders given (recursively), without hidden entries or
// the database's own files, each once and in a stable order; and naming every
// path given or found that cannot be read, and why.
#include "pipeline/inputs.h"

#include <algorithm>
#include <functional>
#include <set>
#include <system_error>

#include "pipeline/pipeline.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

// The database and its WAL/SHM/journal files, so that `kg build . --db
// kg.sqlite` does not try to read the store as news.
std::vector<fs::path> store_files(const std::string& store_path) {
  std::vector<fs::path> list;
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    fs::path path = fs::weakly_canonical(fs::path(store_path + suffix), ec);
    if (!ec) list.push_back(std::move(path));
  }
  return list;
}

bool is_store_file(const fs::path& path, const std::vector<fs::path>& store) {
  const std::string name = path.filename().string();
  const std::string store_name = store.empty() ? std::string() : store.front().filename().string();
  if (store_name.empty() || name.compare(0, store_name.size(), store_name) != 0) return false;  // the cheap test first
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(path, ec);
  return !ec && std::find(store.begin(), store.end(), canonical) != store.end();
}

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name[0] == '.' && name != "..";
}

// What a path that is neither a regular file nor a folder is, for messages.
std::string kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo: return "a FIFO (named pipe)";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    default: return "not a regular file";
  }
}

// Why a path's status could not be read, as the user should hear it: a
// symbolic link loop or a dangling link is named as such, not as a missing file.
std::string why_unreachable(const fs::path& path, const std::error_code& error) {
  if (error == std::errc::too_many_symbolic_link_levels) return "a symbolic link loop";
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(path, ec)) && error == std::errc::no_such_file_or_directory) {
    const fs::path target = fs::read_symlink(path, ec);
    return "a symbolic link to " + (ec ? std::string("a path") : "'" + target.string() + "'") + " that does not exist";
  }
  if (!error || error == std::errc::no_such_file_or_directory) return "no such file or folder";
  return "cannot be read (" + error.message() + ")";
}

class InputCollector {
 public:
  explicit InputCollector(const std::string& store_path) : store_(store_files(store_path)) {}

  void add_given(const std::string& input) {
    const fs::path path(input);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) problem(path, why_unreachable(path, ec));
    else if (fs::is_regular_file(status)) add_file(path);
    else if (fs::is_directory(status)) add_folder(path);
    else problem(path, kind_of(status.type()) + ", not a file or folder kg can read");
  }

  Inputs finish() && {
    std::sort(inputs_.files.begin(), inputs_.files.end(),
              [](const InputFile& a, const InputFile& b) { return a.source < b.source; });
    return std::move(inputs_);
  }

 private:
  void problem(const fs::path& path, const std::string& what) { inputs_.problems.push_back(path.string() + ": " + what); }

  void add_file(const fs::path& path) {
    if (is_store_file(path, store_)) return;
    std::string source = source_key(path.generic_string());
    if (!seen_.insert(source).second) return;
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    inputs_.files.push_back({std::move(source), path, ec ? std::uint64_t{0} : static_cast<std::uint64_t>(size)});
  }

  // Walks the folder and its subfolders. Hidden entries (.git, .DS_Store,
  // editor files) are not news and are passed over in silence; every other
  // entry is either read or named in a problem: a subfolder that cannot be
  // listed, a FIFO, socket or device, a dangling link or a link loop. A
  // symbolic link to a folder is followed like a folder, once, after the real
  // folders (so a folder's files keep their own names): a folder already
  // walked under another name is not walked again, and a link back up to a
  // folder that holds the one given is a loop.
  void add_folder(const fs::path& root) {
    std::vector<std::string> found;  // this folder's problems, sorted below
    std::vector<fs::path> pending, links;
    std::error_code root_ec;
    const fs::path real_root = fs::canonical(root, root_ec);
    if (first_walk(root)) pending.push_back(root);
    while (!pending.empty() || !links.empty()) {
      if (pending.empty()) {
        std::sort(links.begin(), links.end(), std::greater<>());
        const fs::path link = std::move(links.back());
        links.pop_back();
        std::error_code ec;
        const fs::path target = fs::canonical(link, ec);
        const auto [mismatch, unused] = std::mismatch(target.begin(), target.end(), real_root.begin(), real_root.end());
        (void)unused;
        if (!ec && !root_ec && mismatch == target.end())
          found.push_back(link.string() + ": a symbolic link loop (back up to " + target.string() + ")");
        else if (first_walk(link))
          pending.push_back(link);
        continue;
      }
      const fs::path folder = std::move(pending.back());
      pending.pop_back();
      std::error_code ec;
      fs::directory_iterator it(folder, ec);
      if (ec) {
        found.push_back(folder.string() + ": cannot read the folder (" + ec.message() + ")");
        continue;
      }
      for (; it != fs::directory_iterator(); it.increment(ec)) {
        const fs::path& entry = it->path();
        if (is_hidden(entry)) continue;
        std::error_code entry_ec;
        const fs::file_status status = it->status(entry_ec);
        if (entry_ec) {
          found.push_back(entry.string() + ": " + why_unreachable(entry, entry_ec));
        } else if (fs::is_regular_file(status)) {
          add_file(entry);
        } else if (!fs::is_directory(status)) {
          found.push_back(entry.string() + ": " + kind_of(status.type()) + ", skipped");
        } else if (it->is_symlink(entry_ec)) {
          links.push_back(entry);
        } else if (first_walk(entry)) {
          pending.push_back(entry);
        }
      }
      if (ec) found.push_back(folder.string() + ": cannot list the whole folder (" + ec.message() + ")");
    }
    std::sort(found.begin(), found.end());
    inputs_.problems.insert(inputs_.problems.end(), found.begin(), found.end());
  }

  // True the first time a folder (followed through any links) is met.
  bool first_walk(const fs::path& folder) {
    std::error_code ec;
    const fs::path real = fs::canonical(folder, ec);
    return walked_.insert(ec ? folder.lexically_normal() : real).second;
  }

  const std::vector<fs::path> store_;
  std::set<std::string> seen_;
  std::set<fs::path> walked_;  // canonical paths of the folders walked
  Inputs inputs_;
};

}  // namespace

Inputs collect_inputs(const std::vector<std::string>& given, const std::string& store_path) {
  InputCollector collector(store_path);
  for (const std::string& input : given) collector.add_given(input);
  return std::move(collector).finish();
}

}  // namespace kg
