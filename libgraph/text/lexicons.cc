// text/lexicons.cc owns the text stage's word lists: the files of
// lexicons/text/ (their formats are in each file's header and in
// docs/lexicons.md, "The text stage"), compiled into kg_text, read once and
// checked line by line. An entry must be written the way the text is when
// it is compared with it (NFKC; simplified where the text is folded to
// simplified first), so that no entry silently never matches.
#include <algorithm>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/lexicon_lines.h"
#include "core/utf8.h"
#include "text/internal.h"

namespace kg::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& text_lexicons_files();
}

namespace kg::text_detail {
namespace {

// What an entry is compared with: the text after NFKC, or after NFKC and the
// character-by-character traditional -> simplified folding (t2s_chars).
enum class Compared { Nfkc, Folded };

// How a file is laid out and checked.
struct Format {
  bool two_columns = false;     // word<TAB>value; else one word per line
  bool characters = false;      // each word is one character
  Compared compared = Compared::Folded;
  bool several_values = false;  // a word may be listed once per value
};

struct Entry {
  std::size_t line = 0;
  std::u32string word;
  std::string_view column;  // the second column ("" in one-column files)
};

std::string quoted(std::u32string_view word) { return "'" + to_utf8(word) + "'"; }

// A word as the lines it meets are folded: character by character to
// simplified script.
std::u32string folded(std::u32string_view word) {
  std::u32string out(word.size(), U'\0');
  t2s_chars(word, out.data());
  return out;
}

class FileReader {
 public:
  FileReader(std::string_view path, std::string_view content) : path_(path), content_(content) {}

  [[noreturn]] void fail(std::size_t line, std::string_view what) const { throw_lexicon_error(path_, line, what); }

  // Every entry, checked: the columns, one character where the file lists
  // characters, written as it is compared, listed once (or once per value).
  std::vector<Entry> entries(const Format& format) {
    std::vector<Entry> out;
    std::set<std::pair<std::u32string, std::string_view>> seen;
    for (const LexiconLine& line : lexicon_lines(content_)) {
      if (format.two_columns && line.fields.size() < 2) fail(line.number, "expected two columns separated by a TAB");
      Entry entry{line.number, to_u32(line.fields[0]), format.two_columns ? line.fields[1] : std::string_view()};
      if (entry.word.empty()) fail(line.number, "empty entry");
      // to_u32 reads bytes that are not UTF-8 as U+FFFD, which no text holds.
      if (entry.word.find(U'\uFFFD') != std::u32string::npos)
        fail(line.number, "not UTF-8; save the file as UTF-8");
      if (format.characters && entry.word.size() != 1) fail(line.number, quoted(entry.word) + " is not one character");
      check_written_as_compared(entry, format.compared);
      const std::string_view key = format.several_values ? entry.column : std::string_view();
      if (!seen.emplace(entry.word, key).second) fail(line.number, quoted(entry.word) + " is listed twice");
      out.push_back(std::move(entry));
    }
    return out;
  }

  // The first column of every line, as it is (a file another stage owns
  // and checks).
  std::vector<std::u32string> unchecked_words() const {
    std::vector<std::u32string> out;
    for (const LexiconLine& line : lexicon_lines(content_)) out.push_back(to_u32(line.fields[0]));
    return out;
  }

  // The index of value in names, or an error that lists the names.
  template <std::size_t N>
  std::size_t value_of(const Entry& entry, const std::string_view (&names)[N], std::string_view what) const {
    for (std::size_t i = 0; i < N; ++i)
      if (entry.column == names[i]) return i;
    std::string known;
    for (std::size_t i = 0; i < N; ++i) known += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(names[i]);
    fail(entry.line, "unknown " + std::string(what) + " '" + std::string(entry.column) + "' (" + known + ")");
  }

 private:
  void check_written_as_compared(const Entry& entry, Compared compared) const {
    const std::u32string normal = nfkc_of(entry.word);
    if (normal != entry.word)
      fail(entry.line, quoted(entry.word) +
                           " never matches: the text is NFKC-normalised before it is compared; write " + quoted(normal));
    if (compared == Compared::Folded && folded(entry.word) != entry.word)
      fail(entry.line, quoted(entry.word) +
                           " never matches: the text is turned into simplified characters before it is compared; "
                           "write " + quoted(folded(entry.word)));
  }

  std::string_view path_, content_;
};

void sort_longest_first(std::vector<std::u32string>& words) {
  std::stable_sort(words.begin(), words.end(),
                   [](const std::u32string& a, const std::u32string& b) { return a.size() > b.size(); });
}

void read_furniture(FileReader& file, TextLexicons& lex) {
  static constexpr std::string_view kWhere[] = {"line", "start", "crumb", "crumb_end"};
  std::vector<std::u32string>* lists[] = {&lex.furniture_lines, &lex.furniture_starts, &lex.crumb_words,
                                          &lex.crumb_ends};
  for (Entry& e : file.entries({.two_columns = true, .several_values = true}))
    lists[file.value_of(e, kWhere, "where")]->push_back(std::move(e.word));
}

void read_metadata_keys(FileReader& file, TextLexicons& lex) {
  static constexpr std::string_view kFields[] = {"none", "outlet", "author", "editor"};
  static constexpr MetaField kField[] = {MetaField::None, MetaField::Outlet, MetaField::Author, MetaField::Editor};
  for (Entry& e : file.entries({.two_columns = true})) {
    const MetaField field = kField[file.value_of(e, kFields, "field")];
    if (field == MetaField::Editor) lex.editor_keys.push_back(e.word);
    lex.meta_key_first_bits |= std::uint64_t{1} << (e.word.front() & 63);
    lex.meta_keys.push_back({std::move(e.word), field});
  }
  // Keys that start at one place: the longer is the key (the colon after it
  // decides in practice; this keeps the rule whatever the file's order).
  std::stable_sort(lex.meta_keys.begin(), lex.meta_keys.end(),
                   [](const MetaKey& a, const MetaKey& b) { return a.key.size() > b.key.size(); });
}

void read_credits(FileReader& file, TextLexicons& lex) {
  static constexpr std::string_view kRoles[] = {"credit", "byline", "lead", "closing", "signature"};
  std::vector<Entry> entries = file.entries({.two_columns = true, .compared = Compared::Nfkc, .several_values = true});
  std::vector<std::u32string>* lists[] = {&lex.credit_words, &lex.byline_words, &lex.lead_credit_words,
                                          &lex.closing_credit_words, &lex.signature_words};
  for (const Entry& e : entries) {
    const std::size_t role = file.value_of(e, kRoles, "role");
    lists[role]->push_back(e.word);
    if (role == 0) continue;
    // Only the credit words are matched as written; the others meet the
    // folded line, so a traditional form of theirs would never match.
    if (folded(e.word) != e.word)
      file.fail(e.line, quoted(e.word) + " never matches: a " + std::string(kRoles[role]) +
                            " word meets the line in simplified characters; write " + quoted(folded(e.word)));
  }
  for (const Entry& e : entries) {
    if (e.column != "byline" && e.column != "lead") continue;
    if (std::find(lex.credit_words.begin(), lex.credit_words.end(), e.word) == lex.credit_words.end())
      file.fail(e.line, quoted(e.word) + " is a " + std::string(e.column) +
                            " word but no credit word: it would stay in the author's name (add it as credit)");
  }
  sort_longest_first(lex.credit_words);
}

void read_byline_surnames(FileReader& file, const std::u32string& all_surnames, TextLexicons& lex) {
  for (const Entry& e : file.entries({.characters = true})) {
    if (all_surnames.find(e.word.front()) == std::u32string::npos)
      file.fail(e.line, quoted(e.word) + " is not a surname of lexicons/surnames.txt");
    lex.byline_surnames += e.word;
  }
}

void read_name_suffixes(FileReader& file, TextLexicons& lex) {
  static constexpr std::string_view kClasses[] = {"place", "org", "institution"};
  std::u32string by_class[3];
  for (const Entry& e : file.entries({.two_columns = true, .characters = true}))
    by_class[file.value_of(e, kClasses, "class")] += e.word;
  // Each class includes the narrower ones before it (a place suffix ends an
  // organisation's name too, as 区 does in 区委's heading).
  lex.place_suffixes = by_class[0];
  lex.org_suffixes = lex.place_suffixes + by_class[1];
  lex.institution_suffixes = lex.org_suffixes + by_class[2];
}

void read_characters(FileReader& file, Compared compared, std::u32string& into) {
  for (const Entry& e : file.entries({.characters = true, .compared = compared})) into += e.word;
}

void read_furniture_classes(FileReader& file, TextLexicons& lex) {
  for (const Entry& e : file.entries({.compared = Compared::Nfkc})) {
    const bool word = std::all_of(e.word.begin(), e.word.end(),
                                  [](char32_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
    if (!word)
      file.fail(e.line, quoted(e.word) + " never matches: class and id names are compared as lower-case words of "
                                         "letters and digits");
    lex.furniture_class_words.push_back(to_utf8(e.word));
  }
}

}  // namespace

TextLexicons read_text_lexicons(const std::vector<std::pair<std::string_view, std::string_view>>& files) {
  TextLexicons lex;
  std::u32string all_surnames;
  // In the order they are read: byline_surnames.txt needs surnames.txt.
  const std::pair<std::string_view, std::function<void(FileReader&)>> known[] = {
      // The extract stage's file (one surname per line, compound ones too);
      // byline_surnames.txt chooses among its single ones.
      {"lexicons/surnames.txt",
       [&](FileReader& f) {
         for (const std::u32string& surname : f.unchecked_words()) all_surnames += surname;
       }},
      {"lexicons/text/furniture.tsv", [&](FileReader& f) { read_furniture(f, lex); }},
      {"lexicons/text/metadata_keys.tsv", [&](FileReader& f) { read_metadata_keys(f, lex); }},
      {"lexicons/text/credits.tsv", [&](FileReader& f) { read_credits(f, lex); }},
      {"lexicons/text/byline_surnames.txt", [&](FileReader& f) { read_byline_surnames(f, all_surnames, lex); }},
      {"lexicons/text/name_suffixes.tsv", [&](FileReader& f) { read_name_suffixes(f, lex); }},
      {"lexicons/text/broken_line_endings.txt",
       [&](FileReader& f) { read_characters(f, Compared::Nfkc, lex.broken_line_endings); }},
      {"lexicons/text/common_chars.txt",
       [&](FileReader& f) { read_characters(f, Compared::Folded, lex.common_chars); }},
      {"lexicons/text/furniture_classes.txt", [&](FileReader& f) { read_furniture_classes(f, lex); }},
  };
  auto is_known = [&](std::string_view path) {
    return std::any_of(std::begin(known), std::end(known), [&](const auto& k) { return k.first == path; });
  };
  for (const auto& file : files)
    if (!is_known(file.first))
      throw std::runtime_error("lexicon " + std::string(file.first) +
                               ": not a lexicon the text stage knows (docs/lexicons.md lists them)");
  for (const auto& [path, read] : known) {
    const auto file = std::find_if(files.begin(), files.end(), [&](const auto& f) { return f.first == path; });
    if (file == files.end())
      throw std::runtime_error("lexicon " + std::string(path) + ": missing (the text stage reads it)");
    FileReader reader(path, file->second);
    read(reader);
  }
  return lex;
}

const TextLexicons& text_lexicons() {
  static const TextLexicons lexicons = read_text_lexicons(embedded::text_lexicons_files());
  return lexicons;
}

}  // namespace kg::text_detail
