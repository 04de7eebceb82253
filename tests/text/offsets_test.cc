// tests/text/offsets_test.cc: every character of the clean text points back
// to the raw bytes it came from: decoding those bytes, then NFKC and
// traditional -> simplified, gives the clean character back. Characters the
// stage inserts (newlines between paragraphs, spaces between joined Latin
// words) point at the bytes between their neighbours.
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/ucnv.h>

#include <memory>

#include "text_test_util.h"

using kg::test::fixture;
using kg::test::read_file;

namespace {

std::u32string decode_span(const std::string& encoding, std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(encoding.c_str(), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << encoding;
  icu::UnicodeString units(bytes.data(), static_cast<int32_t>(bytes.size()), cnv, status);
  ucnv_close(cnv);
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString normalized = nfkc->normalize(units, status);
  std::string utf8;
  normalized.toUTF8String(utf8);
  return kg::to_u32(utf8);
}

std::u32string icu_simplified(const std::u32string& text) {
  static std::unique_ptr<icu::Transliterator> t2s = [] {
    UErrorCode status = U_ZERO_ERROR;
    return std::unique_ptr<icu::Transliterator>(
        icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  }();
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(kg::to_utf8(text));
  t2s->transliterate(s);
  std::string utf8;
  s.toUTF8String(utf8);
  return kg::to_u32(utf8);
}

void expect_round_trip(const kg::Document& d, std::string_view bytes) {
  ASSERT_EQ(d.raw.size(), d.text.size());
  std::size_t checked = 0;
  for (std::size_t i = 0; i < d.text.size(); ++i) {
    const kg::Span r = d.raw[i];
    ASSERT_LE(r.begin, r.end) << i;
    ASSERT_LE(r.end, bytes.size()) << i;
    const char32_t c = d.text[i];
    if (c == U'\n' || c == U' ') continue;  // inserted, or a space folded by NFKC
    ASSERT_FALSE(r.empty()) << "char " << i;
    const std::u32string source = decode_span(d.encoding, bytes.substr(r.begin, r.size()));
    const bool found = source.find(c) != std::u32string::npos || icu_simplified(source).find(c) != std::u32string::npos;
    EXPECT_TRUE(found) << "char " << i << " '" << kg::to_utf8(c) << "' from bytes '"
                       << std::string(bytes.substr(r.begin, r.size())) << "'";
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

void round_trip_bytes(const std::string& bytes) {
  for (const kg::Document& d : kg::read_documents("offsets.txt", bytes)) expect_round_trip(d, bytes);
}

}  // namespace

TEST(Offsets, Utf8WithGlossesFullWidthTraditionalAndJoinedLines) {
  round_trip_bytes(
      "首頁(yè) > 宏觀 > 正文\n\n"
      "學(xué)深做實(shí) 南京浦口經(jīng)濟開(kāi)發(fā)區(qū)這樣做\n\n"
      "２０２２年，浦口經濟開發區黨工委聚焦ＨＩＣＯＯＬ產業園建設，吸引浪潮集團、科大訊\n\n"
      "飛等企業落戶，推動經濟發展。\n\n"
      "the park report was\nwritten in English too, and it is long enough to be a broken line.\n"
      "(責任編輯:曹曉晨)\n");
}

TEST(Offsets, Gbk) {
  const std::string bytes = read_file(fixture("gbk.txt"));
  for (const kg::Document& d : kg::read_documents("gbk.txt", bytes)) expect_round_trip(d, bytes);
}

TEST(Offsets, Big5) {
  const std::string bytes = read_file(fixture("big5.txt"));
  for (const kg::Document& d : kg::read_documents("big5.txt", bytes)) expect_round_trip(d, bytes);
}

TEST(Offsets, Utf16) {
  for (const char* name : {"utf16le_bom.txt", "utf16be_bom.txt", "utf16le_nobom.txt"}) {
    const std::string bytes = read_file(fixture(name));
    for (const kg::Document& d : kg::read_documents(name, bytes)) expect_round_trip(d, bytes);
  }
}

TEST(Offsets, MovedOpeningParagraphKeepsItsOwnBytes) {
  const std::string bytes =
      "临沂高新区崛起大数据产业特色高地\n\n\n\n"
      "为山东省优秀大数据产品和应用解决方案,临沂市民卡公司中标电子健康卡项目。\n\n"
      "大数据产业发展氛围愈加浓厚。\n\n"
      "马程浩\n\n"
      "西安高新区发放超10亿元“政策红包”\n\n► 吕宏伟\n\n"
      "2018年3月,西安高新区颁布了创新券政策。\n\n"
      "西安高新区已为园区内企业发放创新券超过10亿元。\n\n"
      "本报讯 近日获悉,作为省级大数据产业集聚区,临沂高新区拥有大数据相关企业100余家。\n\n"
      "阿帕网络“物流大数据分析与应用平台”被列入\n";
  round_trip_bytes(bytes);
}
