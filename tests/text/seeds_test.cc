// tests/text/seeds_test.cc: what issue 2 demands of the seed files, checked
// through read_documents alone (no CLI, no database).
#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/ucnv.h>

#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <set>

#include "text_test_util.h"

using kg::test::has;
using kg::test::read_file;
using kg::test::text_of;

namespace {

std::map<std::string, std::vector<kg::Document>> read_seeds() {
  std::map<std::string, std::vector<kg::Document>> out;
  for (const auto& entry : std::filesystem::directory_iterator(KG_SEEDS_DIR)) {
    const std::string path = entry.path().string();
    out[entry.path().filename().string().substr(0, 3)] = kg::read_documents(path, read_file(path));
  }
  return out;
}

const std::map<std::string, std::vector<kg::Document>>& seeds() {
  static const auto docs = read_seeds();
  return docs;
}

// GB2312 holds what simplified Chinese writes (著, 乾, 於 as well).
bool in_gb2312(char32_t c) {
  static const std::set<char32_t> set = [] {
    std::set<char32_t> s;
    std::string pairs;
    for (int lead = 0xA1; lead <= 0xF7; ++lead)
      for (int trail = 0xA1; trail <= 0xFE; ++trail) pairs += {static_cast<char>(lead), static_cast<char>(trail)};
    UErrorCode status = U_ZERO_ERROR;
    UConverter* cnv = ucnv_open("EUC-CN", &status);
    icu::UnicodeString u(pairs.data(), static_cast<int32_t>(pairs.size()), cnv, status);
    ucnv_close(cnv);
    for (int32_t i = 0; i < u.length(); ++i) s.insert(u.charAt(i));
    return s;
  }();
  return set.count(c) > 0;
}

}  // namespace

TEST(Seeds, EveryFileGivesDocuments) {
  ASSERT_EQ(seeds().size(), 5u);
  for (const auto& [name, docs] : seeds()) EXPECT_FALSE(docs.empty()) << name;
}

TEST(Seeds, NoPinyinGlossLeft) {
  const std::regex gloss("[(（?][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]");
  for (const auto& [name, docs] : seeds())
    for (const kg::Document& d : docs) {
      const std::string text = text_of(d);
      EXPECT_FALSE(std::regex_search(text, gloss)) << name << " part " << d.part;
      EXPECT_FALSE(has(text, "(qū)") || has(text, "ū)") || has(text, "ì)")) << name;
    }
}

TEST(Seeds, NoTraditionalCharacterLeft) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t2s(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  ASSERT_TRUE(U_SUCCESS(status));
  for (const auto& [name, docs] : seeds())
    for (const kg::Document& d : docs) {
      EXPECT_EQ(kg::to_simplified(d.text), d.text) << name;
      // ICU changes a character only where it is a traditional form, or one
      // of the few that simplified text also writes (显著, 乾坤).
      for (char32_t c : d.text) {
        icu::UnicodeString one(static_cast<UChar32>(c));
        t2s->transliterate(one);
        if (one == icu::UnicodeString(static_cast<UChar32>(c))) continue;
        EXPECT_TRUE(in_gb2312(c)) << name << ": traditional '" << kg::to_utf8(c) << "' left";
      }
    }
  // The traditional seeds were converted, the simplified one untouched.
  EXPECT_GT(seeds().at("000")[0].stats.chars_converted, 100u);
  EXPECT_GT(seeds().at("001")[0].stats.chars_converted, 100u);
  EXPECT_EQ(seeds().at("002")[0].stats.chars_converted, 0u);
  EXPECT_TRUE(has(text_of(seeds().at("002")[0]), "显著"));
}

TEST(Seeds, MultiArticleFileSplitsWithDistinctTitles) {
  const auto& docs = seeds().at("004");
  ASSERT_GE(docs.size(), 4u);
  std::set<std::string> titles;
  for (const kg::Document& d : docs) {
    EXPECT_FALSE(d.meta.title.empty()) << "part " << d.part;
    titles.insert(d.meta.title);
  }
  EXPECT_EQ(titles.size(), docs.size());
  // Each subject heads exactly one document (its headline or sub-headline).
  for (const char* subject : {"米庄镇", "临沂高新区", "西安高新区", "景德镇高新区"}) {
    int found = 0;
    for (const kg::Document& d : docs) {
      ASSERT_GE(d.paragraphs.size(), 2u);
      const kg::Span heading{d.paragraphs[0].begin, d.paragraphs[1].end};
      found += has(kg::to_utf8(std::u32string_view(d.text).substr(heading.begin, heading.size())), subject) ? 1 : 0;
    }
    EXPECT_EQ(found, 1) << subject;
  }
}

TEST(Seeds, BrokenLineIsJoined) {
  bool joined = false;
  for (const kg::Document& d : seeds().at("004")) joined = joined || has(text_of(d), "科大讯飞");
  EXPECT_TRUE(joined);
}

TEST(Seeds, PublicationDates) {
  EXPECT_EQ(seeds().at("001")[0].meta.published, "2022-10-24");
  EXPECT_EQ(seeds().at("002")[0].meta.published, "2019-12-11");
  EXPECT_EQ(seeds().at("003")[0].meta.published, "2024-04-03");
}

TEST(Seeds, BylinesAndEditorsAreMetadataNotText) {
  for (const char* name : {"马海成", "曹晓晨", "项佳妮", "hnmd003"}) {
    bool in_meta = false;
    for (const auto& [file, docs] : seeds())
      for (const kg::Document& d : docs) {
        in_meta = in_meta || has(d.meta.author, name) || has(d.meta.editor, name);
        EXPECT_FALSE(has(text_of(d), name)) << name << " in text of " << file;
      }
    EXPECT_TRUE(in_meta) << name;
  }
}
