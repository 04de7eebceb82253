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
