// Loading of the lexicon files (extract/lexicons.cc) at the level of
// Lexicons: which files kg knows, errors naming file and line, RoleWords,
// the strong column of speech_verbs.txt, and user lexicons.
//
// The built-in lexicons are compiled into kg_extract (cmake/Embed.cmake) and
// cannot be changed from a test. This test binary compiles lexicons.cc on its
// own and defines the embedded table itself (below), so that each test can
// give Lexicons exactly the built-in files it needs: an unknown one, a
// malformed one, or the real files read from the source tree.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/utf8.h"
#include "extract/lexicons.h"

namespace kg::embedded {

// The stand-in for the table kg_embed_files generates for kg_extract.
std::vector<std::pair<std::string_view, std::string_view>>& test_lexicons() {
  static std::vector<std::pair<std::string_view, std::string_view>> files;
  return files;
}
const std::vector<std::pair<std::string_view, std::string_view>>& lexicons_files() { return test_lexicons(); }

}  // namespace kg::embedded

namespace kg::testing {
namespace {

// Sets the built-in files for the next Lexicons; the strings must outlive it.
class LexiconFiles : public ::testing::Test {
 protected:
  void TearDown() override { embedded::test_lexicons().clear(); }
  void give(std::string_view path, std::string_view content) { embedded::test_lexicons().emplace_back(path, content); }
  // The message of the error constructing Lexicons throws ("" if none).
  static std::string error_of(const std::vector<std::string>& user_files = {}) {
    try {
      Lexicons lex(user_files);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return {};
  }
  static std::string write_temp(const std::string& name, const std::string& content) {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
};

// ---- which files kg knows -----------------------------------------------------

TEST_F(LexiconFiles, AnUnknownFileIsAnError) {
  give("lexicons/place_suffixes.tsv", "镇\ttown\n");
  give("lexicons/stop_words.txt", "的\n");
  const std::string error = error_of();
  EXPECT_NE(error.find("lexicons/stop_words.txt"), std::string::npos) << error;
  EXPECT_NE(error.find("not a lexicon kg knows"), std::string::npos) << error;
}

// A known name with a different extension is another file, and unknown.
TEST_F(LexiconFiles, TheExtensionIsPartOfTheName) {
  give("lexicons/surnames.tsv", "王\n");
  EXPECT_NE(error_of().find("lexicons/surnames.tsv"), std::string::npos);
}

// Every file shipped in lexicons/ is one kg knows and parses without error.
TEST_F(LexiconFiles, EveryShippedFileIsKnown) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : std::filesystem::directory_iterator(KG_LEXICONS_DIR)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    files.emplace_back("lexicons/" + entry.path().filename().string(), content.str());
  }
  ASSERT_GE(files.size(), 30u);
  for (const auto& [path, content] : files) give(path, content);
  EXPECT_EQ(error_of(), "");
  for (const auto& [path, content] : files) {
    embedded::test_lexicons().clear();
    give(path, content);
    EXPECT_EQ(error_of(), "") << path;
  }
}

// ---- errors in built-in files name the file and the line ---------------------------

TEST_F(LexiconFiles, AnUnknownRoleNamesFileAndLine) {
  give("lexicons/frames.tsv", "# roles\n到\tgo\n赴\twalk\n");
  const std::string error = error_of();
  EXPECT_NE(error.find("lexicons/frames.tsv:3"), std::string::npos) << error;
  EXPECT_NE(error.find("walk"), std::string::npos) << error;
}

TEST_F(LexiconFiles, AMissingColumnNamesFileAndLine) {
  give("lexicons/titles.tsv", "书记\tPartyOrg\tofficial\n\n镇长\n");
  const std::string error = error_of();
  EXPECT_NE(error.find("lexicons/titles.tsv:3"), std::string::npos) << error;
  EXPECT_NE(error.find("columns"), std::string::npos) << error;
}

TEST_F(LexiconFiles, AHomeWordNeedsItsLevel) {
  give("lexicons/frames.tsv", "我镇\thome\n");
  EXPECT_NE(error_of().find("lexicons/frames.tsv:1"), std::string::npos);
}

TEST_F(LexiconFiles, OneCharacterFilesRefuseLongerWords) {
  give("lexicons/measure_words.txt", "家\n公斤\n");
  const std::string error = error_of();
  EXPECT_NE(error.find("lexicons/measure_words.txt:2"), std::string::npos) << error;
  EXPECT_NE(error.find("one character"), std::string::npos) << error;
}

TEST_F(LexiconFiles, ServedLocatedAndProjectsRefuseAnUnknownRole) {
  for (const char* path : {"lexicons/served.tsv", "lexicons/located.tsv", "lexicons/projects.tsv", "lexicons/dates.tsv"}) {
    embedded::test_lexicons().clear();
    give(path, "某词\tnone\n");
    EXPECT_NE(error_of().find(std::string(path) + ":1: unknown role 'none'"), std::string::npos) << path;
  }
}

TEST_F(LexiconFiles, DateWordsNeedAWholeNumberOfDaysOrYears) {
  give("lexicons/dates.tsv", "近日\tdocument\t0\n昨天\tdocument\t-1\n前些天\tdocument\tsome\n");
  const std::string error = error_of();
  EXPECT_NE(error.find("lexicons/dates.tsv:3: expected a whole number of days or years, got 'some'"),
            std::string::npos)
      << error;
  embedded::test_lexicons().clear();
  give("lexicons/dates.tsv", "去年\tyears\t-1\n月\tmonth\n");
  Lexicons lex;
  EXPECT_EQ(lex.date_words.argument(U"去年", Lexicons::kDateYears), "-1");
  EXPECT_EQ(lex.date_words.at(U"3月", 1, Lexicons::kDateMonth), 1u);
}

TEST_F(LexiconFiles, CompanyFormsRefuseAnUnknownForm) {
  give("lexicons/company_forms.tsv", "有限公司\tlegal\n公司\tbrand\n");
  EXPECT_NE(error_of().find("lexicons/company_forms.tsv:2"), std::string::npos);
}

// ---- what the files give --------------------------------------------------------

// speech_verbs.txt: words of two or more characters always end a name;
// one-character ones only when marked strong in the second column.
TEST_F(LexiconFiles, OnlyStrongOneCharacterSpeechVerbsEndNames) {
  give("lexicons/speech_verbs.txt", "# enders\n说\tstrong\n为\n表示\n率\tstrong\n");
  Lexicons lex;
  EXPECT_TRUE(lex.name_enders.find(U"说").has_value());
  EXPECT_TRUE(lex.name_enders.find(U"率").has_value());
  EXPECT_TRUE(lex.name_enders.find(U"表示").has_value());
  EXPECT_FALSE(lex.name_enders.find(U"为").has_value());
}

// A word listed twice in frames.tsv has both roles; a home word keeps its level.
TEST_F(LexiconFiles, FrameWordsCollectTheirRoles) {
  give("lexicons/frames.tsv", "走访\tgo\n走访\tpurpose\n该镇\thome\t镇\n");
  Lexicons lex;
  const std::u32string text = U"走访该镇";
  auto [len, word] = lex.frame_words.longest(text, 0);
  EXPECT_EQ(len, 2u);
  EXPECT_EQ(lex.frame_info[word].roles, kFrameGo | kFramePurpose);
  auto index = lex.frame_words.find(U"该镇");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(lex.frame_info[*index].home_level, U"镇");
}

// Level characters come from one-character suffixes of place_suffixes.tsv, up
// to the village; a weak suffix (庄) is none.
TEST_F(LexiconFiles, LevelCharactersFromPlaceSuffixes) {
  give("lexicons/place_suffixes.tsv", "镇\ttown\n村\tvillage\n组\tgroup\n庄\tvillage\n街道\tstreet\n");
  give("lexicons/weak_suffixes.txt", "庄\n");
  Lexicons lex;
  EXPECT_TRUE(lex.is_level_char(U'镇'));
  EXPECT_TRUE(lex.is_level_char(U'村'));
  EXPECT_FALSE(lex.is_level_char(U'组'));
  EXPECT_FALSE(lex.is_level_char(U'庄'));
  EXPECT_FALSE(lex.is_level_char(U'街'));
}

// A short form is resolved to its full name after all files are read.
TEST_F(LexiconFiles, ShortFormsResolveToTheirFullPlace) {
  give("lexicons/place_short_forms.tsv", "娄底\t娄底市\n");
  give("lexicons/places.tsv", "湖南省\tprovince\t\n娄底市\tcity\t湖南省\n");
  Lexicons lex;
  auto index = lex.places.find(U"娄底");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(lex.place_info[*index].name, U"娄底市");
  EXPECT_EQ(lex.place_info[*index].parent, U"湖南省");
}

// central_bodies.tsv is read like companies.tsv: names with their aliases.
TEST_F(LexiconFiles, CentralBodiesAreKnownNamesWithAliases) {
  give("lexicons/central_bodies.tsv", "住房和城乡建设部\tGovOrg\t住建部|国家住建部\n");
  Lexicons lex;
  auto alias = lex.known_names.find(U"住建部");
  ASSERT_TRUE(alias.has_value());
  EXPECT_EQ(lex.known[*alias].first, U"住房和城乡建设部");
  EXPECT_EQ(lex.known[*alias].second, EntityType::GovOrg);
}

TEST_F(LexiconFiles, PartyFormsNeedTheirEverydayEnding) {
  give("lexicons/party_forms.tsv", "支部委员会\t党支部\n委员会\n");
  EXPECT_NE(error_of().find("lexicons/party_forms.tsv:2"), std::string::npos);
}

// ---- RoleWords ----------------------------------------------------------------------

TEST(RoleWords, AWordMayHaveSeveralRoles) {
  RoleWords words({"build", "invest"});
  EXPECT_TRUE(words.add(U"投资", "build", ""));
  EXPECT_TRUE(words.add(U"投资", "invest", ""));
  EXPECT_TRUE(words.add(U"投资建设", "build", ""));
  const std::u32string text = U"总投资建设";
  EXPECT_EQ(words.at(text, 1, 0), 4u);  // build: the longest word with the role
  EXPECT_EQ(words.at(text, 1, 1), 2u);  // invest: 投资建设 has no such role
  EXPECT_EQ(words.at(text, 0, 0), 0u);
}

TEST(RoleWords, AnUnknownRoleIsRefused) {
  RoleWords words({"order", "listed"});
  EXPECT_FALSE(words.add(U"要求", "command", ""));
  EXPECT_EQ(words.at(U"要求", 0, 0), 0u);
}

TEST(RoleWords, ArgumentsBelongToOneRole) {
  RoleWords words({"about", "currency"});
  words.add(U"美元", "currency", "USD");
  words.add(U"美元", "about", "");
  EXPECT_EQ(words.argument(U"美元", 1), "USD");
  EXPECT_EQ(words.argument(U"美元", 0), "");
  EXPECT_EQ(words.argument(U"欧元", 1), "");
}

TEST(RoleWords, OccursInFindsAWordWithTheRoleAnywhere) {
  RoleWords words({"order", "listed"});
  words.add(U"要求", "order", "");
  words.add(U"的有", "listed", "");
  EXPECT_TRUE(words.occurs_in(U"某人要求区商务局", 0));
  EXPECT_FALSE(words.occurs_in(U"某人要求区商务局", 1));
  EXPECT_FALSE(words.occurs_in(U"", 0));
}

// ---- user lexicons --------------------------------------------------------------------

TEST_F(LexiconFiles, AUserLexiconAddsNamesWithAliases) {
  const std::string path = write_temp("user_names.tsv", "# ours\n青岚智控\tEnterprise\t青岚|青岚公司\n");
  Lexicons lex({path});
  auto index = lex.known_names.find(U"青岚智控");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(lex.known[*index].second, EntityType::Enterprise);
  auto alias = lex.known_names.find(U"青岚公司");
  ASSERT_TRUE(alias.has_value());
  EXPECT_EQ(lex.known[*alias].first, U"青岚智控");
  ASSERT_EQ(lex.known_aliases[U"青岚智控"].size(), 2u);
}

// A byte-order mark, Windows line ends and spaces around fields are tolerated.
TEST_F(LexiconFiles, AUserLexiconMayHaveABomAndCrlf) {
  const std::string path = write_temp("user_crlf.tsv", "\xEF\xBB\xBF青岚智控\tEnterprise\r\n 澄湖书院 \t Organization \r\n");
  Lexicons lex({path});
  ASSERT_TRUE(lex.known_names.find(U"青岚智控").has_value());
  auto index = lex.known_names.find(U"澄湖书院");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(lex.known[*index].second, EntityType::Organization);
}

TEST_F(LexiconFiles, AUserLineWithoutATabNamesFileAndLine) {
  const std::string path = write_temp("user_notab.tsv", "青岚智控\tEnterprise\n澄湖书院 Organization\n");
  const std::string error = error_of({path});
  EXPECT_NE(error.find(path + ":2"), std::string::npos) << error;
  EXPECT_NE(error.find("name<TAB>type"), std::string::npos) << error;
}

TEST_F(LexiconFiles, AUserLineWithAnUnknownTypeNamesFileAndLine) {
  const std::string path = write_temp("user_type.tsv", "# a comment\n\n澄湖\tLake\n");
  const std::string error = error_of({path});
  EXPECT_NE(error.find(path + ":3"), std::string::npos) << error;
  EXPECT_NE(error.find("Lake"), std::string::npos) << error;
}

TEST_F(LexiconFiles, AUserLineWithAnEmptyNameNamesFileAndLine) {
  const std::string path = write_temp("user_empty.tsv", "青岚智控\tEnterprise\n\tEnterprise\n");
  const std::string error = error_of({path});
  EXPECT_NE(error.find(path + ":2"), std::string::npos) << error;
  EXPECT_NE(error.find("empty name"), std::string::npos) << error;
}

TEST_F(LexiconFiles, AMissingUserFileIsNamed) {
  const std::string error = error_of({"/nonexistent/our_names.tsv"});
  EXPECT_NE(error.find("/nonexistent/our_names.tsv"), std::string::npos) << error;
}

// A user lexicon is read with the user format even when its name is that of a
// built-in file: the built-in formats are not open to users.
TEST_F(LexiconFiles, AUserFileNamedLikeABuiltInOneUsesTheUserFormat) {
  const std::string path = write_temp("surnames.txt", "欧阳\n");
  EXPECT_NE(error_of({path}).find(path + ":1"), std::string::npos);
}

}  // namespace
}  // namespace kg::testing
