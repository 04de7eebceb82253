// tests/text/decode_test.cc: encodings the text stage must read (fixtures
// written by fixtures/make_fixtures.py) and input it must refuse.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "text_test_util.h"

using kg::test::fixture;
using kg::test::has;
using kg::test::read_file;
using kg::test::refusal_message;
using kg::test::text_of;

namespace {

std::vector<kg::Document> read_fixture(const std::string& name) {
  return kg::read_documents(fixture(name), read_file(fixture(name)));
}


}  // namespace

TEST(Decode, Utf8WithoutBom) {
  auto docs = read_fixture("simplified.txt");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].encoding, "UTF-8");
  EXPECT_TRUE(has(text_of(docs[0]), "高新技术产业开发区党工委书记王明"));
}

TEST(Decode, Utf8BomIsSkippedAndOffsetsCountIt) {
  auto plain = read_fixture("simplified.txt");
  auto bom = read_fixture("utf8_bom.txt");
  ASSERT_EQ(bom.size(), 1u);
  EXPECT_EQ(bom[0].encoding, "UTF-8");
  EXPECT_EQ(bom[0].text, plain[0].text);
  ASSERT_FALSE(bom[0].raw.empty());
  EXPECT_EQ(bom[0].raw[0].begin, 3u);
  EXPECT_NE(bom[0].text[0], U'\uFEFF');
}

TEST(Decode, Gbk) {
  auto docs = read_fixture("gbk.txt");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].encoding, "GB18030");
  EXPECT_EQ(docs[0].text, read_fixture("simplified.txt")[0].text);
  EXPECT_EQ(docs[0].stats.invalid_bytes, 0u);
  EXPECT_EQ(docs[0].meta.published, "2023-05-06");
}

TEST(Decode, Big5IsDecodedAndConvertedToSimplified) {
  auto docs = read_fixture("big5.txt");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].encoding, "Big5");
  EXPECT_EQ(text_of(docs[0]),
            "经济开发区党工委召开会议\n"
            "会议要求,园区各单位要进一步优化营商环境,为企业发展提供优质服务。"
            "党工委书记陈伟强调,要认真学习贯彻会议精神,推动经济高质量发展。");
  EXPECT_GT(docs[0].stats.chars_converted, 20u);
  EXPECT_EQ(docs[0].meta.title, "经济开发区党工委召开会议");
}

TEST(Decode, Utf16LittleAndBigEndianWithBom) {
  const auto expected = read_fixture("simplified.txt")[0].text;
  for (const char* name : {"utf16le_bom.txt", "utf16be_bom.txt"}) {
    auto docs = read_fixture(name);
    ASSERT_EQ(docs.size(), 1u) << name;
    EXPECT_EQ(docs[0].text, expected) << name;
    for (std::size_t i = 0; i < docs[0].text.size(); ++i) {
      if (docs[0].text[i] == U'\n') continue;
      EXPECT_EQ(docs[0].raw[i].begin % 2, 0u) << name << " char " << i;
      EXPECT_EQ(docs[0].raw[i].size(), 2u) << name << " char " << i;
    }
  }
  EXPECT_EQ(read_fixture("utf16le_bom.txt")[0].encoding, "UTF-16LE");
  EXPECT_EQ(read_fixture("utf16be_bom.txt")[0].encoding, "UTF-16BE");
}

TEST(Decode, Utf16WithoutBomFromNulPattern) {
  auto docs = read_fixture("utf16le_nobom.txt");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].encoding, "UTF-16LE");
  EXPECT_TRUE(has(text_of(docs[0]), "Park report 2024: 园区 news"));
}

TEST(Decode, BinaryFileIsRefusedNamingIt) {
  const std::string message = refusal_message(fixture("binary.bin"), read_file(fixture("binary.bin")));
  EXPECT_TRUE(has(message, "binary.bin")) << message;
  EXPECT_TRUE(has(message, "not a text file")) << message;
}

TEST(Decode, ControlBytesWithoutNulAreRefused) {
  std::string bytes;
  for (int i = 0; i < 400; ++i) bytes.push_back(static_cast<char>(1 + i % 8));
  const std::string message = refusal_message("blob.dat", bytes);
  EXPECT_TRUE(has(message, "blob.dat")) << message;
}

TEST(Decode, EmptyAndBlankFilesAreRefused) {
  std::string message = refusal_message(fixture("empty.txt"), read_file(fixture("empty.txt")));
  EXPECT_TRUE(has(message, "empty.txt") && has(message, "empty")) << message;
  message = refusal_message(fixture("blank.txt"), read_file(fixture("blank.txt")));
  EXPECT_TRUE(has(message, "blank.txt") && has(message, "empty")) << message;
}

TEST(Decode, InvalidUtf8IsReplacedAndCounted) {
  auto docs = read_fixture("invalid_utf8.txt");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].encoding, "UTF-8");
  // 0x80 (1 byte), E5 9B cut short (2 bytes), overlong C0 AF (2 bytes).
  EXPECT_EQ(docs[0].stats.invalid_bytes, 5u);
  EXPECT_EQ(std::count(docs[0].text.begin(), docs[0].text.end(), U'\uFFFD'), 4);
  EXPECT_TRUE(has(text_of(docs[0]), "发展迅速。"));
  EXPECT_TRUE(has(text_of(docs[0]), "项目落地。"));
  EXPECT_GE(docs[0].stats.damaged_spans, 1u);
}

TEST(Decode, FiftyMegabyteSingleLine) {
  const std::string sentence = "园区企业发展迅速,经济开发区党工委书记到企业调研。";
  const std::size_t chars_per_sentence = kg::to_u32(sentence).size();
  std::string bytes;
  bytes.reserve(50u << 20);
  while (bytes.size() + sentence.size() <= (50u << 20)) bytes += sentence;
  const std::size_t copies = bytes.size() / sentence.size();
  auto docs = kg::read_documents("big.txt", bytes);
  ASSERT_EQ(docs.size(), 1u);
  const kg::Document& d = docs[0];
  ASSERT_EQ(d.text.size(), copies * chars_per_sentence);
  ASSERT_EQ(d.raw.size(), d.text.size());
  EXPECT_EQ(d.raw.back().end, bytes.size());
  EXPECT_EQ(d.raw[chars_per_sentence].begin, sentence.size());
  EXPECT_EQ(d.paragraphs.size(), 1u);
  EXPECT_EQ(d.sentences.size(), copies);
  EXPECT_EQ(d.sentences.back().end, d.text.size());
}

TEST(Decode, Utf16WithoutBomOrAsciiIsRecognisedByItsText) {
  auto docs = read_fixture("utf16le_nobom_chinese.txt");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].encoding, "UTF-16LE");
  EXPECT_TRUE(has(text_of(docs[0]), "园区党工委书记到企业调研"));
}

// Issue 14: input accepted that should not be, or refused that should not be.

TEST(Decode, RandomHighBytesAreRefusedNotReadAsGb18030) {
  std::mt19937 rng(14);
  std::string bytes(20 * 1024, '\0');
  for (char& b : bytes) b = static_cast<char>(0x80 + rng() % 0x80);
  const std::string message = refusal_message("noise.txt", bytes);
  EXPECT_TRUE(has(message, "noise.txt")) << message;
  EXPECT_TRUE(has(message, "not text in any encoding")) << message;
}

TEST(Decode, LegacyEncodedChineseIsStillRead) {
  // The plausibility test that refuses noise accepts real GBK and Big5.
  for (const char* name : {"gbk.txt", "big5.txt"}) {
    std::vector<std::string> warnings;
    auto docs = kg::read_documents(fixture(name), read_file(fixture(name)), &warnings);
    ASSERT_EQ(docs.size(), 1u) << name;
    EXPECT_TRUE(warnings.empty()) << name << ": " << warnings.front();
  }
}

TEST(Decode, Utf16WithoutBomFromZeroLowBytesInEitherOrder) {
  // 一 is U+4E00: its zero byte sits where ASCII's would in the other order.
  const std::string expected = "一季度一批项目落地,一是优化服务,一是加强保障,全年一体推进。开发区党工委书记到企业调研。";
  for (const auto& [name, encoding] : {std::pair{"utf16le_nobom_zero_low.txt", "UTF-16LE"},
                                       std::pair{"utf16be_nobom_zero_low.txt", "UTF-16BE"}}) {
    auto docs = read_fixture(name);
    ASSERT_EQ(docs.size(), 1u) << name;
    EXPECT_EQ(docs[0].encoding, encoding) << name;
    EXPECT_EQ(text_of(docs[0]), expected) << name;
  }
}

TEST(Decode, BinaryWithNulBytesIsNotTakenForUtf16) {
  std::mt19937 rng(16);
  std::string bytes(4096, '\0');
  for (std::size_t i = 0; i < bytes.size(); i += 2) bytes[i] = static_cast<char>(rng() % 256);  // NULs at odd offsets
  const std::string message = refusal_message("table.bin", bytes);
  EXPECT_TRUE(has(message, "table.bin") && has(message, "not a text file")) << message;
}

TEST(Decode, InvalidUtf8BytesAreReportedAsAWarningNamingTheFile) {
  std::vector<std::string> warnings;
  auto docs = kg::read_documents(fixture("invalid_utf8.txt"), read_file(fixture("invalid_utf8.txt")), &warnings);
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(has(warnings[0], "invalid_utf8.txt")) << warnings[0];
  EXPECT_TRUE(has(warnings[0], "5 invalid bytes")) << warnings[0];
  warnings.clear();
  kg::read_documents(fixture("simplified.txt"), read_file(fixture("simplified.txt")), &warnings);
  EXPECT_TRUE(warnings.empty());
}
