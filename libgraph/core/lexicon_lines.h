// core/lexicon_lines.h owns the common format of kg's word lists (the files
// of lexicons/, docs/lexicons.md "How the files are read"): UTF-8, one entry
// per line, columns separated by one TAB, spaces around a column, a byte-order
// mark and Windows line ends ignored, '#' (the first non-space character)
// opening a comment line, blank lines skipped. What the columns mean is the
// business of the stage that reads the file.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace kg {

struct LexiconLine {
  std::size_t number = 0;                // 1-based line number in the file
  std::vector<std::string_view> fields;  // views into the file's content
};

// The entry lines of a file's content, in order.
std::vector<LexiconLine> lexicon_lines(std::string_view content);

// Throws std::runtime_error("lexicon FILE:LINE: what").
[[noreturn]] void throw_lexicon_error(std::string_view file, std::size_t line, std::string_view what);

}  // namespace kg
