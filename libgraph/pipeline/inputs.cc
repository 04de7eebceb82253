// pipeline/inputs.cc owns finding what a build reads: the files given, and
// the files under the folders given (recursively), without hidden entries or
// the database's own files, each once and in a stable order.
#include "pipeline/inputs.h"

#include <algorithm>
#include <set>

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

}  // namespace

Inputs collect_inputs(const std::vector<std::string>& given, const std::string& store_path) {
  Inputs inputs;
  std::set<std::string> seen;
  const std::vector<fs::path> store = store_files(store_path);
  auto add_file = [&](const fs::path& path, std::uint64_t size) {
    if (is_store_file(path, store)) return;
    std::string source = source_key(path.generic_string());
    if (seen.insert(source).second) inputs.files.push_back({std::move(source), path, size});
  };
  auto size_of = [](const fs::path& path) {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    return ec ? std::uint64_t{0} : static_cast<std::uint64_t>(size);
  };
  for (const std::string& input : given) {
    const fs::path path(input);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      inputs.problems.push_back(input + ": no such file or folder");
    } else if (fs::is_regular_file(status)) {
      add_file(path, size_of(path));
    } else if (fs::is_directory(status)) {
      // Inside a folder, hidden entries (.git, .DS_Store, editor files) are
      // not news; a hidden file named explicitly is still read.
      fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        std::error_code entry_ec;
        if (is_hidden(it->path())) {
          if (it->is_directory(entry_ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(entry_ec)) add_file(it->path(), size_of(it->path()));
      }
      if (ec) inputs.problems.push_back(input + ": cannot list the folder (" + ec.message() + ")");
    } else {
      inputs.problems.push_back(input + ": not a regular file or folder");
    }
  }
  std::sort(inputs.files.begin(), inputs.files.end(),
            [](const InputFile& a, const InputFile& b) { return a.source < b.source; });
  return inputs;
}

}  // namespace kg
