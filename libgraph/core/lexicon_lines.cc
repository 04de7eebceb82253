// core/lexicon_lines.cc: splitting a word list into lines and columns (the
// format is described in lexicon_lines.h).
#include "core/lexicon_lines.h"

#include <stdexcept>
#include <string>

namespace kg {
namespace {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<LexiconLine> lexicon_lines(std::string_view content) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  std::vector<LexiconLine> lines;
  std::size_t number = 0;
  while (!content.empty()) {
    const std::size_t newline = content.find('\n');
    const std::string_view line = trim_spaces(content.substr(0, newline));
    content.remove_prefix(newline == std::string_view::npos ? content.size() : newline + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;
    LexiconLine entry{number, {}};
    for (std::size_t start = 0;;) {
      const std::size_t tab = line.find('\t', start);
      entry.fields.push_back(trim_spaces(line.substr(start, tab == std::string_view::npos ? tab : tab - start)));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    lines.push_back(std::move(entry));
  }
  return lines;
}

void throw_lexicon_error(std::string_view file, std::size_t line, std::string_view what) {
  throw std::runtime_error("lexicon " + std::string(file) + ":" + std::to_string(line) + ": " + std::string(what));
}

}  // namespace kg
