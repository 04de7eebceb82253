// tests/text/opencc_test.cc: traditional -> simplified with OpenCC. The text
// stage's conversion gives what opencc::SimpleConverter gives, phrases convert
// as phrases, every converted character points at the bytes it came from, and
// text already simplified comes out exactly as it went in.
#include <gtest/gtest.h>
#include <Config.hpp>
#include <Conversion.hpp>
#include <ConversionChain.hpp>
#include <Converter.hpp>
#include <DictEntry.hpp>
#include <DictGroup.hpp>
#include <Lexicon.hpp>
#include <opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>

#include <filesystem>
#include <map>
#include <memory>

#include "core/utf8.h"
#include "text/internal.h"
#include "text_test_util.h"

using kg::test::read_file;
using kg::test::read_text;
using kg::test::text_of;

namespace {

const opencc::SimpleConverter& reference() {
  static const opencc::SimpleConverter converter(std::string(KG_OPENCC_DATA_DIR) + "/t2s.json");
  return converter;
}

std::string to_traditional(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  static std::unique_ptr<icu::Transliterator> s2t(
      icu::Transliterator::createInstance("Simplified-Traditional", UTRANS_FORWARD, status));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  s2t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::vector<std::string> corpus_files() {
  std::vector<std::string> paths;
  for (const char* dir : {KG_SEEDS_DIR, KG_EXTRACT_DATA "/dev", KG_EXTRACT_DATA "/dev2"})
    for (const auto& entry : std::filesystem::directory_iterator(dir)) paths.push_back(entry.path().string());
  return paths;
}

// A simplified article that uses every character OpenCC's t2s would rewrite
// in simplified text (乾 於 後 徵 夥 摺 菸 麽 ...): names, surnames, words.
const std::string kSimplifiedWithRiskyCharacters =
    "乾隆年间的古镇焕发新生,於姓村民与後藤株式会社代表签约,公司招聘总监徵询意见。\n"
    "团伙成员被抓获后,干部们把摺叠椅、菸草和麴酒清点造册,甯波来的客商说“这是什麽”。\n"
    "党建引领效果显著,著名企业纷纷落户,后来居上的企业捱过难关,吒吒称奇。\n";

}  // namespace

TEST(Opencc, ConversionIsOpenccsCharacterForCharacter) {
  std::size_t differing = 0;
  for (const std::string& path : corpus_files()) {
    const std::string utf8 = read_file(path);
    for (const std::string& text : {utf8, to_traditional(utf8)}) {
      const std::string expected = reference().Convert(text);
      EXPECT_EQ(kg::to_utf8(kg::text_detail::t2s_convert(kg::to_u32(text))), expected) << path;
      differing += expected != text;
    }
  }
  EXPECT_GE(differing, corpus_files().size());  // the traditional renderings at least
  const std::string phrases = "據瞭解,該項目計畫明年開工,乾隆年間的古鎮煥發新生,專家反覆論證後沈默不語,一目瞭然。";
  EXPECT_EQ(kg::to_utf8(kg::text_detail::t2s_convert(kg::to_u32(phrases))), reference().Convert(phrases));
}

TEST(Opencc, PhrasesAreConvertedAsPhrases) {
  // Character by character 瞭 stays, 畫 is 画, 乾 is 干 and 覆 stays.
  auto docs = read_text("據瞭解,該項目計畫明年開工,乾隆年間的古鎮煥發新生,專家反覆論證後沈默不語。\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(text_of(docs[0]), "据了解,该项目计划明年开工,乾隆年间的古镇焕发新生,专家反复论证后沉默不语。");
  EXPECT_EQ(docs[0].stats.chars_converted, 18u);  // 據瞭該項計畫開間鎮煥發專覆論證後沈語
}

TEST(Opencc, ConvertedCharactersPointAtTheirBytes) {
  const std::string raw = "據瞭解,該項目計畫明年開工。\n";
  auto docs = read_text(raw);
  ASSERT_EQ(docs.size(), 1u);
  const kg::Document& d = docs[0];
  ASSERT_EQ(d.text, U"据了解,该项目计划明年开工。");
  const std::u32string source = kg::to_u32(raw);
  for (std::size_t i = 0; i < d.text.size(); ++i) {
    // One code point in, one out: the i-th character came from the i-th.
    const std::string expected = kg::to_utf8(source[i]);
    EXPECT_EQ(raw.substr(d.raw[i].begin, d.raw[i].size()), expected) << "char " << i;
  }
}

TEST(Opencc, SimplifiedTextIsByteIdentical) {
  // OpenCC would change these characters; the stage must not.
  ASSERT_NE(kg::to_utf8(kg::text_detail::t2s_convert(kg::to_u32(kSimplifiedWithRiskyCharacters))),
            kSimplifiedWithRiskyCharacters);
  auto docs = read_text(kSimplifiedWithRiskyCharacters);
  ASSERT_EQ(docs.size(), 1u);
  std::string expected = kSimplifiedWithRiskyCharacters;
  expected.pop_back();  // the final newline ends the last paragraph
  EXPECT_EQ(text_of(docs[0]), expected);
  EXPECT_EQ(docs[0].stats.chars_converted, 0u);
}

TEST(Opencc, SimplifiedFilesKeepEveryCharacterOfTheirSource) {
  // Each character of a simplified article is the NFKC form of the bytes it
  // points at: nothing was converted.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  std::size_t simplified_files = 0;
  for (const std::string& path : corpus_files()) {
    const std::string bytes = read_file(path);
    const auto docs = kg::read_documents(path, bytes);
    std::uint32_t converted = 0;
    for (const kg::Document& d : docs) converted += d.stats.chars_converted;
    const kg::text_detail::ScriptVotes votes = kg::text_detail::count_script_votes(kg::to_u32(bytes));
    if (votes.traditional > 0) continue;  // a traditional or mixed file
    ++simplified_files;
    EXPECT_EQ(converted, 0u) << path;
    for (const kg::Document& d : docs) {
      for (std::size_t i = 0; i < d.text.size(); ++i) {
        if (d.raw[i].empty()) continue;
        const icu::UnicodeString source = nfkc->normalize(
            icu::UnicodeString::fromUTF8(std::string_view(bytes).substr(d.raw[i].begin, d.raw[i].size())), status);
        std::string utf8;
        source.toUTF8String(utf8);
        EXPECT_NE(kg::to_u32(utf8).find(d.text[i]), std::u32string::npos) << path << " char " << i;
      }
    }
  }
  EXPECT_GE(simplified_files, 10u);
}

TEST(Opencc, EachParagraphIsJudgedOnItsOwn) {
  // A traditional paragraph in a simplified article is converted; the
  // simplified paragraphs around it, with 於 and 後藤, are not.
  auto docs = read_text(
      "园区企业发展迅速,於姓村民与後藤株式会社代表参加签约。\n\n"
      "開發區黨工委書記陳偉表示,園區將繼續優化營商環境,建成後年產值可達30億元。\n\n"
      "干部们表示,将继续做好服务。\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(text_of(docs[0]),
            "园区企业发展迅速,於姓村民与後藤株式会社代表参加签约。\n"
            "开发区党工委书记陈伟表示,园区将继续优化营商环境,建成后年产值可达30亿元。\n"
            "干部们表示,将继续做好服务。");
}

TEST(Opencc, ShortLinesFollowTheirDocument) {
  // A headline with no character only one script writes (於 and 乾 are
  // written in both) is converted in a traditional article and left as it
  // is in a simplified one.
  auto traditional = read_text("於是乾杯慶祝\n\n開發區黨工委書記陳偉表示,園區將繼續優化營商環境,為企業發展提供服務。\n");
  auto simplified = read_text("於是乾杯庆祝\n\n开发区党工委书记陈伟表示,园区将继续优化营商环境,为企业发展提供服务。\n");
  ASSERT_EQ(traditional.size(), 1u);
  ASSERT_EQ(simplified.size(), 1u);
  EXPECT_EQ(traditional[0].meta.title, "于是干杯庆祝");
  EXPECT_TRUE(text_of(traditional[0]).starts_with("于是干杯庆祝\n")) << text_of(traditional[0]);
  EXPECT_EQ(simplified[0].meta.title, "於是乾杯庆祝");
  EXPECT_TRUE(text_of(simplified[0]).starts_with("於是乾杯庆祝\n")) << text_of(simplified[0]);
}

TEST(Opencc, ToSimplifiedConvertsOnlyWhatReadsTraditional) {
  EXPECT_EQ(kg::to_simplified(U"曹曉晨"), U"曹晓晨");
  EXPECT_EQ(kg::to_simplified(U"建成後"), U"建成后");
  EXPECT_EQ(kg::to_simplified(U"據瞭解"), U"据了解");
  EXPECT_EQ(kg::to_simplified(U"後藤株式会社"), U"後藤株式会社");  // 会 is simplified
  EXPECT_EQ(kg::to_simplified(U"乾隆"), U"乾隆");
}

// The text stage reads which characters only simplified text writes from
// s2t's dictionary of single characters alone (text/opencc.cc): it gives the
// votes the whole s2t configuration, phrases included, would.
TEST(Opencc, SimplifiedOnlyCharactersAreThoseOfTheWholeS2tConfiguration) {
  opencc::Config config;
  const opencc::ConverterPtr s2t = config.NewFromFile(std::string(KG_OPENCC_DATA_DIR) + "/s2t.json");
  std::map<char32_t, bool> simplified_only;  // every one-character key of any s2t dictionary
  const auto record = [&](const opencc::DictPtr& dict) {
    for (const auto& entry : *dict->GetLexicon()) {
      const std::u32string key = kg::to_u32(entry->Key());
      if (key.size() != 1) continue;
      bool keeps_itself = false;
      for (const std::string& value : entry->Values()) keeps_itself |= value == entry->Key();
      simplified_only[key[0]] |= !keeps_itself;
    }
  };
  for (const opencc::ConversionPtr& conversion : s2t->GetConversionChain()->GetConversions()) {
    const opencc::DictPtr dict = conversion->GetDict();
    if (const auto group = std::dynamic_pointer_cast<opencc::DictGroup>(dict)) {
      for (const opencc::DictPtr& member : group->GetDicts()) record(member);
    } else {
      record(dict);
    }
  }
  ASSERT_GT(simplified_only.size(), 1000u);
  std::size_t checked = 0;
  for (const auto& [c, only] : simplified_only) {
    if (c < 0x3400) continue;  // count_script_votes skips what is not a CJK ideograph
    const kg::text_detail::ScriptVotes votes = kg::text_detail::count_script_votes(std::u32string(1, c));
    EXPECT_EQ(votes.simplified, only ? 1u : 0u) << kg::to_utf8(std::u32string(1, c));
    ++checked;
  }
  EXPECT_GT(checked, 1000u);
}
