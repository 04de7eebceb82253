// tests/store/codec_test.cc: the BLOB encodings round-trip exactly, stay
// compact for the common case, and refuse damaged input without crashing.
#include <gtest/gtest.h>

#include "store/codec.h"
#include "test_util.h"

namespace kg {
namespace {

TEST(Codec, SpansRoundTripWhateverTheirShape) {
  const std::vector<std::vector<Span>> cases = {
      {},
      {{0, 0}},
      {{0, 3}, {3, 6}, {6, 9}, {9, 10}, {10, 11}, {11, 14}},  // UTF-8 run, ASCII, UTF-8
      {{5, 8}, {2, 4}, {100, 100}, {100, 103}},               // gaps backwards and forwards
      {{7, 3}, {3, 6}},                                       // an inverted span kept as is
      {{0, UINT32_MAX}, {UINT32_MAX, UINT32_MAX}},
  };
  for (const auto& spans : cases) EXPECT_EQ(codec::decode_spans(codec::encode_spans(spans)), spans);
}

TEST(Codec, RawOffsetsOfPlainTextCollapseIntoRuns) {
  std::vector<Span> raw;
  for (std::uint32_t i = 0; i < 100000; ++i) raw.push_back({i * 3, i * 3 + 3});
  const std::string blob = codec::encode_spans(raw);
  EXPECT_LT(blob.size(), 16u);
  EXPECT_EQ(codec::decode_spans(blob), raw);
}

TEST(Codec, ExtractionRoundTripsExactly) {
  const Extraction x = test::make_extraction();
  test::expect_same_extraction(codec::decode_extraction(codec::encode_extraction(x)), x);
  const Extraction empty;
  test::expect_same_extraction(codec::decode_extraction(codec::encode_extraction(empty)), empty);
}

TEST(Codec, ASentenceQuotedFromTheTextIsLeftOutAndCutBackOut) {
  const Extraction x = test::make_extraction();
  const std::u32string text = U"南法信镇党委书记张小军走访企业。另一句。";  // relation 0 quotes [0, 16)
  Extraction quoting = x;
  quoting.relations[0].evidence = {0, 16};
  ASSERT_EQ(to_utf8(text.substr(0, 16)), quoting.relations[0].sentence);
  const std::string with_text = codec::encode_extraction(quoting, text);
  const std::string without_text = codec::encode_extraction(quoting);
  EXPECT_LE(with_text.size() + quoting.relations[0].sentence.size(), without_text.size());
  test::expect_same_extraction(codec::decode_extraction(with_text, to_utf8(text)), quoting);
  test::expect_same_extraction(codec::decode_extraction(without_text, to_utf8(text)), quoting);
  // Without the text the left-out sentence cannot be cut: a clear refusal.
  EXPECT_THROW(codec::decode_extraction(with_text), codec::DecodeError);
  // A sentence that differs from the text at its span is written out whole.
  const std::string differing = codec::encode_extraction(x, U"完全不同的一段文字，长度也足够二十个字符以上的内容。");
  test::expect_same_extraction(codec::decode_extraction(differing), x);
}

TEST(Codec, TheFirstFormatWithEverySentenceWrittenStillDecodes) {
  // Format 1 as kg wrote it before: no flag byte before each sentence.
  std::string v1;
  v1 += '\x01';                                          // format
  v1 += '\x01';                                          // one entity
  v1 += '\x00';                                          // type 0
  v1 += '\x03';
  v1 += "abc";                                           // name
  v1 += '\x00';                                          // no aliases
  v1 += '\x01';
  v1 += '\x00';
  v1 += '\x04';
  v1 += '\x01';                                          // one mention {0, 3}
  v1 += '\x00';                                          // no affiliations
  v1 += '\x00';                                          // no attributes
  v1 += '\x01';                                          // one relation
  v1 += '\x00';
  v1 += '\x00';
  v1 += '\x00';                                          // type 0, 0 -> 0
  v1 += '\x00';                                          // no title
  v1 += '\x00';
  v1 += '\x03';                                          // evidence {0, 3}
  v1 += '\x02';
  v1 += "xy";                                            // sentence
  v1 += '\x00';                                          // no attributes
  const Extraction x = codec::decode_extraction(v1);
  ASSERT_EQ(x.entities.size(), 1u);
  EXPECT_EQ(x.entities[0].name, "abc");
  EXPECT_EQ(x.entities[0].mentions, (std::vector<Span>{{0, 3}}));
  ASSERT_EQ(x.relations.size(), 1u);
  EXPECT_EQ(x.relations[0].sentence, "xy");
  EXPECT_EQ(x.relations[0].evidence, (Span{0, 3}));
}

TEST(Codec, EveryTruncatedExtractionIsRefused) {
  const std::string blob = codec::encode_extraction(test::make_extraction());
  for (std::size_t size = 0; size < blob.size(); ++size)
    EXPECT_THROW(codec::decode_extraction(std::string_view(blob).substr(0, size)), codec::DecodeError) << size;
  EXPECT_THROW(codec::decode_extraction(blob + "x"), codec::DecodeError);
}

TEST(Codec, CorruptedBytesNeverCrash) {
  const std::string blob = codec::encode_extraction(test::make_extraction());
  for (std::size_t i = 0; i < blob.size(); ++i) {
    std::string damaged = blob;
    damaged[i] = static_cast<char>(0xFF);
    try {
      codec::decode_extraction(damaged);
    } catch (const codec::DecodeError&) {
    }
  }
  std::string huge_count = "\x01\xFF\xFF\xFF\xFF\x0F";
  EXPECT_THROW(codec::decode_extraction(huge_count), codec::DecodeError);
}

TEST(Codec, RelationPointingPastEntitiesIsRefused) {
  Extraction x = test::make_extraction();
  x.relations[0].target = 7;
  EXPECT_THROW(codec::encode_extraction(x), std::invalid_argument);
}

}  // namespace
}  // namespace kg
