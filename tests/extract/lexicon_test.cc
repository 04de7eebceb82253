// Lexicon loading: user lexicons add names, malformed files are refused with
// the file and line.
#include <cstdio>
#include <fstream>

#include "extract/lexicons.h"
#include "extract_fixture.h"

namespace kg::testing {
namespace {

std::string write_temp(const std::string& name, const std::string& content) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(UserLexicon, AddsANameTheRulesWouldMiss) {
  std::string path = write_temp("user_lexicon.tsv", "# my companies\n蓝鲸智联\tEnterprise\t蓝鲸\n");
  Extractor extractor({path});
  auto docs = read_documents("t.txt", "蓝鲸智联今年营收增长。蓝鲸还将扩大投资。\n");
  Extraction out = extractor.run(docs.at(0));
  bool found = false;
  for (const auto& e : out.entities)
    if (e.name == "蓝鲸智联" && e.type == EntityType::Enterprise) found = e.mentions.size() >= 2;
  EXPECT_TRUE(found);
}

TEST(UserLexicon, UnknownTypeIsRefusedWithFileAndLine) {
  std::string path = write_temp("bad_lexicon.tsv", "# ok\n蓝鲸智联\tEnterprise\n青山湖\tLake\n");
  try {
    Extractor extractor({path});
    FAIL() << "a bad type was accepted";
  } catch (const std::runtime_error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find(path + ":3"), std::string::npos) << msg;
    EXPECT_NE(msg.find("Lake"), std::string::npos) << msg;
  }
}

// Issue 14: a lexicon that is not UTF-8 was accepted (docs/lexicons.md says
// it is an error). GBK and UTF-16 are what an editor on a Chinese system saves.
TEST(UserLexicon, ALexiconThatIsNotUtf8IsRefusedWithFileAndLine) {
  // 蓝鲸智联 in GBK, on the second line.
  const std::string gbk = write_temp("gbk_lexicon.tsv", "# ok\n\xC0\xB6\xBE\xA8\xD6\xC7\xC1\xAA\tEnterprise\n");
  try {
    Extractor extractor({gbk});
    FAIL() << "a GBK lexicon was accepted";
  } catch (const std::runtime_error& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(gbk + ":2: not UTF-8 (byte 0xC0 at offset 5)"), std::string::npos) << msg;
  }
  // The same line in UTF-16 (little-endian, with its byte order mark).
  static constexpr char kUtf16[] =
      "\xFF\xFE\xDD\x84\xB8\x9C\x7A\x66\x54\x80\x09\x00"
      "E\0n\0t\0e\0r\0p\0r\0i\0s\0e\0\n\0";
  EXPECT_THROW(Extractor({write_temp("utf16_lexicon.tsv", std::string(kUtf16, sizeof kUtf16 - 1))}),
               std::runtime_error);
  // A UTF-8 byte order mark is UTF-8.
  EXPECT_NO_THROW(Extractor({write_temp("bom_lexicon.tsv", "\xEF\xBB\xBF蓝鲸智联\tEnterprise\n")}));
}

TEST(UserLexicon, MissingFileIsRefused) {
  EXPECT_THROW(Extractor({"/nonexistent/lexicon.tsv"}), std::runtime_error);
}

TEST(WordTrie, ForwardAndReversedMatchesLongestFirst) {
  WordTrie forward;
  forward.insert(U"有限", 1);
  forward.insert(U"有限公司", 2);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  forward.match(U"有限公司章程", 0, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], (std::pair<std::uint32_t, std::uint32_t>{4, 2}));
  WordTrie reversed(true);
  reversed.insert(U"公司", 7);
  reversed.insert(U"有限公司", 8);
  EXPECT_EQ(reversed.longest(U"某某有限公司", 6).first, 4u);
  EXPECT_EQ(reversed.longest(U"某某有限公司", 5).first, 0u);
}

}  // namespace
}  // namespace kg::testing
