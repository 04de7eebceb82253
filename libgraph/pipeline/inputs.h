// pipeline/inputs.h (internal to the pipeline stage): finding the files a
// build reads from the paths the user gave. Exposed for the pipeline's tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kg {

struct InputFile {
  std::string source;  // source_key() of the path
  std::filesystem::path path;
  std::uint64_t size = 0;
};

struct Inputs {
  std::vector<InputFile> files;       // sorted by source, each once
  std::vector<std::string> problems;  // "path: what is wrong", one per input or entry not read
};

// Files and folders (recursively) to build, leaving out the database at
// store_path and its WAL/SHM/journal files.
Inputs collect_inputs(const std::vector<std::string>& given, const std::string& store_path);

}  // namespace kg
