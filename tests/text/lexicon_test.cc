// tests/text/lexicon_test.cc: the text stage's word lists (lexicons/text/,
// text/lexicons.cc) and the common line format they are written in
// (core/lexicon_lines.h): which files the stage knows, the errors that name
// file and line, the checks that keep an entry from silently never matching,
// and that what each file says reaches the layout rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/lexicon_lines.h"
#include "core/utf8.h"
#include "text/internal.h"
#include "text_test_util.h"

namespace kg::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& text_lexicons_files();
}

namespace kg::text_detail {
namespace {

using Files = std::vector<std::pair<std::string_view, std::string_view>>;

// ---- the common line format -------------------------------------------------

TEST(LexiconLines, SkipsCommentsAndBlankLinesAndKeepsLineNumbers) {
  const auto lines = lexicon_lines("\xEF\xBB\xBF# header\n\n  记者 \t credit \r\n   # indented comment\n文\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].number, 3u);
  ASSERT_EQ(lines[0].fields.size(), 2u);
  EXPECT_EQ(lines[0].fields[0], "记者");
  EXPECT_EQ(lines[0].fields[1], "credit");
  EXPECT_EQ(lines[1].number, 5u);
  ASSERT_EQ(lines[1].fields.size(), 1u);
  EXPECT_EQ(lines[1].fields[0], "文");
}

TEST(LexiconLines, KeepsEmptyColumnsAndALastLineWithoutNewline) {
  const auto lines = lexicon_lines("a\t\tc\nlast");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].fields, (std::vector<std::string_view>{"a", "", "c"}));
  EXPECT_EQ(lines[1].fields, (std::vector<std::string_view>{"last"}));
  EXPECT_EQ(lines[1].number, 2u);
}

TEST(LexiconLines, ErrorsNameFileAndLine) {
  try {
    throw_lexicon_error("lexicons/text/x.tsv", 7, "what is wrong");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "lexicon lexicons/text/x.tsv:7: what is wrong");
  }
}

// ---- the built-in files -----------------------------------------------------

TEST(TextLexicons, EveryFileOfTheFolderIsBuiltInAndKnown) {
  std::vector<std::string> on_disk, built_in;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(KG_LEXICONS_DIR) + "/text"))
    on_disk.push_back("lexicons/text/" + entry.path().filename().string());
  for (const auto& [path, content] : embedded::text_lexicons_files())
    if (path.starts_with("lexicons/text/")) built_in.emplace_back(path);
  std::sort(on_disk.begin(), on_disk.end());
  std::sort(built_in.begin(), built_in.end());
  // A file of another extension would not be compiled in: it is refused here.
  EXPECT_EQ(on_disk, built_in);
  EXPECT_NO_THROW(text_lexicons());
}

TEST(TextLexicons, ByLineSurnamesAreAChoiceAmongTheExtractStagesSurnames) {
  const TextLexicons& lex = text_lexicons();
  EXPECT_FALSE(lex.byline_surnames.empty());
  const std::u32string all = to_u32(test::read_file(std::string(KG_LEXICONS_DIR) + "/surnames.txt"));
  for (char32_t c : lex.byline_surnames) EXPECT_NE(all.find(c), std::u32string::npos) << to_utf8(c);
  // Surnames that also start ordinary words stay out of the choice.
  for (char32_t c : std::u32string(U"和时全成华明")) {
    EXPECT_NE(all.find(c), std::u32string::npos) << to_utf8(c);
    EXPECT_EQ(lex.byline_surnames.find(c), std::u32string::npos) << to_utf8(c);
  }
}

// ---- errors, on the built-in files with one of them replaced -------------------

class TextLexiconErrors : public ::testing::Test {
 protected:
  // The built-in files with `path` given `content` instead (or added).
  static Files with(std::string_view path, std::string_view content) {
    Files files = embedded::text_lexicons_files();
    auto it = std::find_if(files.begin(), files.end(), [&](const auto& f) { return f.first == path; });
    if (it == files.end()) files.emplace_back(path, content);
    else it->second = content;
    return files;
  }
  static std::string error_of(const Files& files) {
    try {
      read_text_lexicons(files);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return {};
  }
  static std::string error_with(std::string_view path, std::string_view content) {
    return error_of(with(path, content));
  }
};

TEST_F(TextLexiconErrors, TheBuiltInFilesHaveNone) { EXPECT_EQ(error_of(embedded::text_lexicons_files()), ""); }

TEST_F(TextLexiconErrors, AnUnknownFileIsAnError) {
  EXPECT_EQ(error_with("lexicons/text/README.txt", "# notes\n"),
            "lexicon lexicons/text/README.txt: not a lexicon the text stage knows (docs/lexicons.md lists them)");
}

TEST_F(TextLexiconErrors, AMissingFileIsAnError) {
  Files files = embedded::text_lexicons_files();
  std::erase_if(files, [](const auto& f) { return f.first == "lexicons/text/credits.tsv"; });
  EXPECT_EQ(error_of(files), "lexicon lexicons/text/credits.tsv: missing (the text stage reads it)");
}

// One malformed (or, where `message` is empty, acceptable) file content
// among the built-in files, and the error it gives.
struct Case {
  const char* why;
  std::string_view path;
  std::string_view content;
  std::string_view message;
};

TEST_F(TextLexiconErrors, MalformedLinesNameFileAndLine) {
  const Case cases[] = {
      {"a missing column", "lexicons/text/furniture.tsv", "# furniture\n打印\tline\n关闭\n",
       "lexicon lexicons/text/furniture.tsv:3: expected two columns separated by a TAB"},
      {"an empty entry", "lexicons/text/furniture.tsv", "打印\tline\n\tstart\n",
       "lexicon lexicons/text/furniture.tsv:2: empty entry"},
      {"GBK bytes", "lexicons/text/furniture.tsv", "打印\tline\n\xB4\xF2\xD3\xA1\tline\n",
       "lexicon lexicons/text/furniture.tsv:2: not UTF-8; save the file as UTF-8"},
      // Unknown values: the message lists the known ones.
      {"an unknown where", "lexicons/text/furniture.tsv", "打印\tend\n",
       "lexicon lexicons/text/furniture.tsv:1: unknown where 'end' (line, start, crumb or crumb_end)"},
      {"an unknown field", "lexicons/text/metadata_keys.tsv", "来源\tsource\n",
       "lexicon lexicons/text/metadata_keys.tsv:1: unknown field 'source' (none, outlet, author or editor)"},
      {"an unknown role", "lexicons/text/credits.tsv", "记者\tcredit\n\n摄影\tphoto\n",
       "lexicon lexicons/text/credits.tsv:3: unknown role 'photo' (credit, byline, lead, closing or signature)"},
      {"an unknown class", "lexicons/text/name_suffixes.tsv", "镇\tplace\n局\tbody\n",
       "lexicon lexicons/text/name_suffixes.tsv:2: unknown class 'body' (place, org or institution)"},
      // Files of characters take one per line.
      {"a word among characters", "lexicons/text/broken_line_endings.txt", "的\n因为\n",
       "lexicon lexicons/text/broken_line_endings.txt:2: '因为' is not one character"},
      {"a suffix word", "lexicons/text/name_suffixes.tsv", "开发区\tplace\n",
       "lexicon lexicons/text/name_suffixes.tsv:1: '开发区' is not one character"},
      {"two common characters", "lexicons/text/common_chars.txt", "的\n一是\n",
       "lexicon lexicons/text/common_chars.txt:2: '一是' is not one character"},
      // Entries listed twice; a key has one field, a credit word may have
      // several roles, each once.
      {"a character twice", "lexicons/text/common_chars.txt", "的\n一\n的\n",
       "lexicon lexicons/text/common_chars.txt:3: '的' is listed twice"},
      {"a key with two fields", "lexicons/text/metadata_keys.tsv", "来源\toutlet\n来源\tauthor\n",
       "lexicon lexicons/text/metadata_keys.tsv:2: '来源' is listed twice"},
      {"a word with two roles", "lexicons/text/credits.tsv", "记者\tcredit\n记者\tclosing\n", ""},
      {"a role twice", "lexicons/text/credits.tsv", "记者\tcredit\n记者\tcredit\n",
       "lexicon lexicons/text/credits.tsv:2: '记者' is listed twice"},
      // Entries the text can never hold: it is NFKC-normalised, and folded
      // to simplified characters before most lists meet it.
      {"a full-width colon", "lexicons/text/furniture.tsv", "字号：\tstart\n",
       "lexicon lexicons/text/furniture.tsv:1: '字号：' never matches: the text is NFKC-normalised before it is "
       "compared; write '字号:'"},
      {"traditional furniture", "lexicons/text/furniture.tsv", "關閉\tline\n",
       "lexicon lexicons/text/furniture.tsv:1: '關閉' never matches: the text is turned into simplified characters "
       "before it is compared; write '关闭'"},
      {"a traditional surname", "lexicons/text/byline_surnames.txt", "陳\n",
       "lexicon lexicons/text/byline_surnames.txt:1: '陳' never matches: the text is turned into simplified "
       "characters before it is compared; write '陈'"},
      {"a class name with a hyphen", "lexicons/text/furniture_classes.txt", "nav\nside-bar\n",
       "lexicon lexicons/text/furniture_classes.txt:2: 'side-bar' never matches: class and id names are compared as "
       "lower-case words of letters and digits"},
      {"a class name with a capital", "lexicons/text/furniture_classes.txt", "Footer\n",
       "lexicon lexicons/text/furniture_classes.txt:1: 'Footer' never matches: class and id names are compared as "
       "lower-case words of letters and digits"},
      // A credit word meets the text as written (both scripts are listed);
      // the other roles meet the folded line.
      {"a traditional credit word", "lexicons/text/credits.tsv", "記者\tcredit\n", ""},
      {"a traditional closing word", "lexicons/text/credits.tsv", "記者\tcredit\n記者\tclosing\n",
       "lexicon lexicons/text/credits.tsv:2: '記者' never matches: a closing word meets the line in simplified "
       "characters; write '记者'"},
      {"a lead word that is no credit word", "lexicons/text/credits.tsv",
       "记者\tcredit\n记者\tbyline\n特约记者\tlead\n",
       "lexicon lexicons/text/credits.tsv:3: '特约记者' is a lead word but no credit word: it would stay in the "
       "author's name (add it as credit)"},
      // Byline surnames are a choice among lexicons/surnames.txt.
      {"a byline surname that is none", "lexicons/text/byline_surnames.txt", "王\n李\n\n的\n",
       "lexicon lexicons/text/byline_surnames.txt:4: '的' is not a surname of lexicons/surnames.txt"},
      {"a byline surname", "lexicons/text/byline_surnames.txt", "王\n", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(error_with(c.path, c.content), c.message) << c.why;
}

// ---- what the loader makes of the files ---------------------------------------

TEST(TextLexiconReading, LongerKeysAndCreditWordsAreTriedFirst) {
  Files files = embedded::text_lexicons_files();
  for (auto& [path, content] : files) {
    if (path == "lexicons/text/metadata_keys.tsv") content = "编辑\teditor\n来源\toutlet\n责任编辑\teditor\n";
    if (path == "lexicons/text/credits.tsv") content = "记者\tcredit\n本报记者\tcredit\n本报记者\tbyline\n";
  }
  const TextLexicons lex = read_text_lexicons(files);
  ASSERT_EQ(lex.meta_keys.size(), 3u);
  EXPECT_EQ(lex.meta_keys[0].key, U"责任编辑");
  EXPECT_EQ(lex.meta_keys[0].field, MetaField::Editor);
  EXPECT_EQ(lex.meta_keys[1].key, U"编辑");  // equal lengths keep the file's order
  EXPECT_EQ(lex.meta_keys[2].field, MetaField::Outlet);
  EXPECT_EQ(lex.editor_keys, (std::vector<std::u32string>{U"编辑", U"责任编辑"}));
  EXPECT_EQ(lex.credit_words, (std::vector<std::u32string>{U"本报记者", U"记者"}));
  EXPECT_EQ(lex.byline_words, (std::vector<std::u32string>{U"本报记者"}));
  for (const MetaKey& key : lex.meta_keys) EXPECT_TRUE(lex.may_start_meta_key(key.key.front()));
}

TEST(TextLexiconReading, SuffixClassesIncludeTheNarrowerOnes) {
  Files files = embedded::text_lexicons_files();
  for (auto& [path, content] : files)
    if (path == "lexicons/text/name_suffixes.tsv") content = "所\tinstitution\n镇\tplace\n局\torg\n";
  const TextLexicons lex = read_text_lexicons(files);
  EXPECT_EQ(lex.place_suffixes, U"镇");
  EXPECT_EQ(lex.org_suffixes, U"镇局");
  EXPECT_EQ(lex.institution_suffixes, U"镇局所");
}

// ---- the files reach the rules --------------------------------------------------

constexpr std::string_view kBody = "园区召开项目推进会议,研究部署下一阶段重点项目建设工作。\n";

TEST(TextLexiconUse, EveryFurnitureLineIsDropped) {
  const TextLexicons& lex = text_lexicons();
  ASSERT_FALSE(lex.furniture_lines.empty());
  for (const std::u32string& line : lex.furniture_lines) {
    const auto docs = test::read_text(std::string(kBody) + to_utf8(line) + "\n");
    ASSERT_EQ(docs.size(), 1u) << to_utf8(line);
    EXPECT_EQ(docs[0].stats.furniture_lines, 1u) << to_utf8(line);
    EXPECT_EQ(test::text_of(docs[0]) + "\n", kBody) << to_utf8(line);
  }
  for (const std::u32string& start : lex.furniture_starts) {
    const auto docs = test::read_text(std::string(kBody) + to_utf8(start) + " 某某网站\n");
    ASSERT_EQ(docs.size(), 1u) << to_utf8(start);
    EXPECT_EQ(docs[0].stats.furniture_lines, 1u) << to_utf8(start);
  }
}

TEST(TextLexiconUse, EveryMetadataKeyMakesAMetadataLine) {
  for (const MetaKey& key : text_lexicons().meta_keys) {
    const auto docs = test::read_text(to_utf8(key.key) + ": 林晓东\n" + std::string(kBody));
    ASSERT_EQ(docs.size(), 1u) << to_utf8(key.key);
    EXPECT_EQ(test::text_of(docs[0]) + "\n", kBody) << to_utf8(key.key);
    const DocumentMeta& meta = docs[0].meta;
    EXPECT_EQ(meta.outlet == "林晓东", key.field == MetaField::Outlet) << to_utf8(key.key);
    EXPECT_EQ(meta.author == "林晓东", key.field == MetaField::Author) << to_utf8(key.key);
    EXPECT_EQ(meta.editor == "林晓东", key.field == MetaField::Editor) << to_utf8(key.key);
  }
}

TEST(TextLexiconUse, EveryBylineWordOpensAByline) {
  for (const std::u32string& word : text_lexicons().byline_words) {
    const auto docs = test::read_text("园区推进重点项目建设\n" + to_utf8(word) + " 林晓东\n" + std::string(kBody));
    ASSERT_EQ(docs.size(), 1u) << to_utf8(word);
    EXPECT_EQ(docs[0].meta.author, "林晓东") << to_utf8(word);
    EXPECT_FALSE(test::has(test::text_of(docs[0]), "林晓东")) << to_utf8(word);
  }
}

}  // namespace
}  // namespace kg::text_detail
