// tests/store/codec_test.cc: the BLOB encodings round-trip exactly, stay
// compact for the common case, and refuse damaged input without crashing.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <thread>

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
  // An empty sentence (Extractor::Sentences::leave_in_text) is the text at its
  // span: encoded as the quoting one, and cut back out.
  Extraction left_in_text = quoting;
  left_in_text.relations[0].sentence.clear();
  EXPECT_EQ(codec::encode_extraction(left_in_text, text), with_text);
  test::expect_same_extraction(codec::decode_extraction(with_text, to_utf8(text)), quoting);
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

// An article and an extraction of it as kg makes them: names and aliases at
// mentions, an alias the entity's mentions do not spell but the text does,
// a title inside its evidence, two relations sharing a sentence and their
// attribute list, a sentence that is not the text, an affiliation naming
// another entity and one naming none.
const std::u32string kArticle = U"张小军任南法信镇党委书记。张书记走访企业，镇党委支持。";

Extraction article_extraction() {
  Extraction x = test::make_extraction();  // 张小军 and 南法信镇党委, placed in kArticle
  x.entities[0].mentions = {{0, 3}, {13, 16}};
  x.entities[0].affiliations = {"南法信镇党委", "某公司"};
  x.entities[1].aliases = {"镇党委", "党委会"};
  x.entities[1].mentions = {{4, 10}, {21, 24}};
  LocalRelation& post = x.relations[0];
  post.evidence = {0, 13};
  post.sentence = to_utf8(kArticle.substr(0, 13));
  post.attributes = {{"date", "2022-10-24"}, {"date_from", "article"}};
  LocalRelation leads = post;
  leads.type = RelationType::leads;
  leads.title = "";
  LocalRelation other = post;
  other.type = RelationType::served;
  other.evidence = {13, 27};
  other.sentence = "不是原文的一句。";
  x.relations = {post, leads, other};
  return x;
}

TEST(Codec, AnExtractionRefersToItsTextInsteadOfRepeatingIt) {
  const Extraction x = article_extraction();
  const std::string blob = codec::encode_extraction(x, kArticle);
  ASSERT_FALSE(blob.empty());
  EXPECT_EQ(blob[0], 4);  // the current format
  test::expect_same_extraction(codec::decode_extraction(blob, to_utf8(kArticle)), x);
  // Names, aliases (镇党委 is in the text though no mention of the
  // organisation spells it) and titles are not written, nor the start of one
  // that only starts in the text (党委会: the text's 党委, then 会); the
  // sentence that is not the text is, once.
  for (const std::string from_text : {"张小军", "南法信镇党委", "镇党委", "书记", "党委会"})
    EXPECT_EQ(blob.find(from_text), std::string::npos) << from_text;
  EXPECT_NE(blob.find("会"), std::string::npos);
  EXPECT_NE(blob.find("不是原文的一句。"), std::string::npos);
  ASSERT_NE(blob.find("2022-10-24"), std::string::npos);
  EXPECT_EQ(blob.find("2022-10-24"), blob.rfind("2022-10-24"));  // one attribute list for three relations
  // Resolution reads extractions without the sentences quoted from the text.
  const Extraction bare = codec::decode_extraction(blob, to_utf8(kArticle), false);
  EXPECT_EQ(bare.relations[0].sentence, "");
  EXPECT_EQ(bare.relations[2].sentence, "不是原文的一句。");
  // Every cut and every damaged byte is refused or decodes to something, never a crash.
  for (std::size_t size = 0; size < blob.size(); ++size)
    EXPECT_THROW(codec::decode_extraction(std::string_view(blob).substr(0, size), to_utf8(kArticle)), codec::DecodeError)
        << size;
  for (std::size_t i = 1; i < blob.size(); ++i)
    for (const char damage : {'\x00', '\x7F', '\xFF'}) {
      std::string damaged = blob;
      damaged[i] = damage;
      try {
        codec::decode_extraction(damaged, to_utf8(kArticle));
      } catch (const codec::DecodeError&) {
      }
    }
}

TEST(Codec, ExtractionsOfAnyShapeRoundTrip) {
  Extraction x;
  LocalEntity odd;  // mentions out of order, inverted, far apart; names nowhere in the text
  odd.type = EntityType::Project;
  odd.name = "";
  odd.aliases = {"", "别名"};
  odd.mentions = {{9, 12}, {2, 4}, {7, 3}, {UINT32_MAX - 1, UINT32_MAX}, {0, 0}};
  LocalEntity none;
  none.type = EntityType::Place;
  none.name = "无处";
  LocalEntity early;  // first mentioned before the entity above it
  early.type = EntityType::Enterprise;
  early.name = "公司";
  early.mentions = {{1, 3}};
  early.affiliations = {"无处", "公司", "不存在", "公司总部", "的职务们"};
  x.entities = {odd, none, early};
  LocalRelation r;
  r.type = RelationType::cooperates_with;
  r.source = 2;
  r.target = 0;
  r.title = "职务";
  r.evidence = {UINT32_MAX, 5};
  r.sentence = "";
  LocalRelation s = r;
  s.source = 0;
  s.target = 2;
  s.evidence = {0, UINT32_MAX};
  s.attributes = {{"a", "b"}};
  x.relations = {r, s, r};
  for (const std::u32string& text : {std::u32string(), std::u32string(U"公司的职务")}) {
    const std::string blob = codec::encode_extraction(x, text);
    test::expect_same_extraction(codec::decode_extraction(blob, to_utf8(text)), x);
  }
}

// Format 3 (records, before the columns of format 4), as kg wrote the
// extraction of article_extraction() with its second relation left out and
// its third a leads relation without a title.
TEST(Codec, TheThirdFormatStillDecodes) {
  using namespace std::string_literals;
  const std::string v3 =
      "\x03\x0A\x09\xE6\x9F\x90\xE5\x85\xAC\xE5\x8F\xB8\x09\xE5\x85\x9A\xE5\xA7\x94\xE4\xBC\x9A\x05\x6C\x65\x76"
      "\x65\x6C\x04\x74\x6F\x77\x6E\x0E\x64\x75\x70\x6C\x69\x63\x61\x74\x65\x20\x6B\x65\x70\x74\x04\x64\x61\x74"
      "\x65\x0A\x32\x30\x32\x32\x2D\x31\x30\x2D\x32\x34\x09\x64\x61\x74\x65\x5F\x66\x72\x6F\x6D\x07\x61\x72\x74"
      "\x69\x63\x6C\x65\x18\xE4\xB8\x8D\xE6\x98\xAF\xE5\x8E\x9F\xE6\x96\x87\xE7\x9A\x84\xE4\xB8\x80\xE5\x8F\xA5"
      "\xE3\x80\x82\x02\x00\x02\x00\x04\x01\x14\x04\x01\x04\x00\x01\x04\x0D\x02\x02\x00\x00\x00\x02\x02\x08\x07"
      "\x01\x16\x04\x01\x07\x04\x02\x04\x15\x01\x01\x00\x02\x02\x03\x02\x04\x02\x00\x00\x01\x00\x1A\x03\x0A\x00"
      "\x02\x05\x06\x07\x08\x03\x00\x01\x0D\x1C\x00\x01\x09\x02\x05\x06\x07\x08"s;
  Extraction expected = article_extraction();
  expected.relations = {expected.relations[0], expected.relations[2]};
  expected.relations[1].type = RelationType::leads;
  expected.relations[1].title = "";
  test::expect_same_extraction(codec::decode_extraction(v3, to_utf8(kArticle)), expected);
}

TEST(Codec, RelationPointingPastEntitiesIsRefused) {
  Extraction x = test::make_extraction();
  x.relations[0].target = 7;
  EXPECT_THROW(codec::encode_extraction(x), std::invalid_argument);
}

}  // namespace
}  // namespace kg

namespace kg {
namespace {

codec::Layout layout_of(const std::vector<Span>& raw) {
  codec::Layout layout;
  layout.raw = raw;
  layout.sentences = {{0, 3}, {4, 9}};
  layout.paragraphs = {{0, 9}};
  layout.damaged = {{2, 3}};
  return layout;
}

TEST(Codec, LayoutsRoundTripWhateverTheirOffsets) {
  const std::u32string text = U"南法信镇，书记ab\n走";
  std::vector<Span> utf8;
  std::uint32_t at = 0;
  for (char32_t c : text) {
    const std::uint32_t width = c == U'，' ? 3 : c < 0x80 ? 1 : 3;  // a full-width comma NFKC made ASCII
    utf8.push_back({at, at + width});
    at += width;
  }
  std::vector<Span> glossed = utf8;  // a pinyin gloss removed after the second character
  for (std::size_t i = 2; i < glossed.size(); ++i) glossed[i] = {glossed[i].begin + 6, glossed[i].end + 6};
  std::vector<Span> pages(text.size(), Span{4, 5});  // a PDF: each character on its page
  for (std::size_t i = 6; i < pages.size(); ++i) pages[i] = {5, 6};
  std::vector<Span> odd = utf8;
  odd[3] = {40, 2};  // inverted, kept as is
  for (const auto& [raw, encoding] : std::vector<std::pair<std::vector<Span>, std::string>>{
           {utf8, "UTF-8"}, {glossed, "UTF-8"}, {pages, "PDF"}, {odd, "GB18030"}, {{}, "UTF-8"}}) {
    const codec::Layout layout = layout_of(raw);
    const std::string blob = codec::encode_layout(layout, text, encoding);
    const codec::Layout back = codec::decode_layout(blob, text, encoding);
    EXPECT_EQ(back.raw, layout.raw) << encoding;
    EXPECT_EQ(back.sentences, layout.sentences);
    EXPECT_EQ(back.paragraphs, layout.paragraphs);
    EXPECT_EQ(back.damaged, layout.damaged);
  }
}

// Layout format 1 (raw offset records as triples, spans in runs), as kg
// wrote it before issue 11: a gloss removed after the second character, an
// inverted span, a character two bytes wide where one was expected.
TEST(Codec, TheFirstLayoutFormatStillDecodes) {
  using namespace std::string_literals;
  const std::u32string text = U"南法信镇，书记ab\n走";
  const std::string v1 =
      "\x01\x0B\x06\x02\x0C\x04\x01\x32\x00\x00\x00\x02\x01\x20\x04\x03\x00\x03\x01\x01\x02\x02\x00\x04"
      "\x01\x02\x06\x01\x01\x00\x0A\x01\x01\x04\x02\x01"s;
  const codec::Layout layout = codec::decode_layout(v1, text, "UTF-8");
  EXPECT_EQ(layout.raw, (std::vector<Span>{{0, 3}, {3, 6}, {12, 15}, {40, 2}, {18, 21}, {21, 24}, {24, 27}, {27, 29},
                                           {28, 29}, {29, 30}, {30, 33}}));
  EXPECT_EQ(layout.sentences, (std::vector<Span>{{0, 3}, {4, 9}}));
  EXPECT_EQ(layout.paragraphs, (std::vector<Span>{{0, 9}}));
  EXPECT_EQ(layout.damaged, (std::vector<Span>{{2, 3}}));
  // The current format holds the same in fewer bytes, and every cut of it is refused.
  const std::string v2 = codec::encode_layout(layout, text, "UTF-8");
  EXPECT_LT(v2.size(), v1.size());
  const codec::Layout back = codec::decode_layout(v2, text, "UTF-8");
  EXPECT_EQ(back.raw, layout.raw);
  EXPECT_EQ(back.sentences, layout.sentences);
  EXPECT_EQ(back.paragraphs, layout.paragraphs);
  EXPECT_EQ(back.damaged, layout.damaged);
  for (std::size_t size = 1; size < v2.size(); ++size)
    EXPECT_THROW(codec::decode_layout(v2.substr(0, size), text, "UTF-8"), codec::DecodeError) << size;
  for (std::size_t i = 1; i < v2.size(); ++i)
    for (const char damage : {'\x00', '\x7F', '\xFF'}) {
      std::string damaged = v2;
      damaged[i] = damage;
      try {
        codec::decode_layout(damaged, text, "UTF-8");
      } catch (const codec::DecodeError&) {
      }
    }
}

TEST(Codec, OffsetsOfACleanFileCostAlmostNothing) {
  std::u32string text;
  std::vector<Span> raw;
  std::uint32_t at = 0;
  for (int i = 0; i < 20000; ++i) {
    const char32_t c = i % 17 == 0 ? U'，' : i % 13 == 0 ? U'7' : U'镇';
    text += c == U'，' ? U',' : c;  // NFKC made the comma ASCII; its bytes are 3
    const std::uint32_t width = c == U'7' ? 1 : 3;
    raw.push_back({at, at + width});
    at += width;
  }
  codec::Layout layout;
  layout.raw = raw;
  EXPECT_LT(codec::encode_layout(layout, text, "UTF-8").size(), 32u);
  std::vector<Span> pdf(20000, Span{0, 1});
  layout.raw = pdf;
  EXPECT_LT(codec::encode_layout(layout, text, "PDF").size(), 32u);
}

TEST(Codec, TextBlocksAndDictionariesRoundTrip) {
  std::string utf8;
  for (int i = 0; utf8.size() < 3 * codec::kTextBlockBytes; ++i)
    utf8 += "第" + std::to_string(i) + "段：南法信镇党委书记张小军走访企业，了解生产情况。\n";
  std::vector<std::string> samples;
  for (int i = 0; i < 200; ++i) samples.push_back("南法信镇党委书记" + std::to_string(i) + "张小军走访企业，了解生产经营情况。");
  const std::string trained = codec::train_dictionary(samples);
  ASSERT_FALSE(trained.empty());
  const codec::Dictionary dictionary(7, trained);
  for (const codec::Dictionary* d : {static_cast<const codec::Dictionary*>(nullptr), &dictionary}) {
    const codec::EncodedText encoded = codec::encode_text(utf8, d);
    const codec::TextIndex index = codec::decode_text_index(encoded.index);
    EXPECT_EQ(index.dictionary, d != nullptr ? 7 : 0);
    EXPECT_GE(index.blocks.size(), 3u);
    EXPECT_LT(encoded.blocks.size(), utf8.size() / 2);
    EXPECT_EQ(codec::decode_text(index, encoded.blocks, d), utf8);
    if (d != nullptr) {
      EXPECT_THROW(codec::decode_text(index, encoded.blocks, nullptr), codec::DecodeError);
    }
  }
  const std::string extraction = codec::encode_extraction(test::make_extraction());
  const std::string packed = codec::pack(extraction, &dictionary);
  EXPECT_EQ(codec::packed_dictionary(packed), 7);
  EXPECT_EQ(codec::unpack(packed, &dictionary), extraction);
  EXPECT_EQ(codec::packed_dictionary(extraction), 0);
  EXPECT_EQ(codec::unpack(extraction, nullptr), extraction);
  EXPECT_THROW(codec::unpack(packed, nullptr), codec::DecodeError);
  EXPECT_THROW(codec::unpack(packed.substr(0, packed.size() - 3), &dictionary), codec::DecodeError);
}

// A zstd frame as kg wrote them before issue 11 (magic number, content size),
// made by hand: one raw block holding `content`.
std::string framed(std::string_view content) {
  const auto size = static_cast<std::uint32_t>(content.size());
  std::string frame = "\x28\xB5\x2F\xFD";  // magic number
  frame += '\x20';                           // single segment, content size in one byte, no dictionary id
  frame += static_cast<char>(size);
  const std::uint32_t block = 1 | (size << 3);  // the last block, raw, `size` bytes
  for (int i = 0; i < 3; ++i) frame += static_cast<char>(block >> (8 * i));
  return frame + std::string(content);
}

TEST(Codec, NewBlobsUseBareFramesAndFramedOnesStillDecode) {
  std::vector<std::string> samples;
  for (int i = 0; i < 200; ++i) samples.push_back("南法信镇党委书记" + std::to_string(i) + "张小军走访企业，了解生产经营情况。");
  const codec::Dictionary dictionary(3, codec::train_dictionary(samples));
  const std::string text = "南法信镇党委书记张小军走访企业，了解生产经营情况。南法信镇党委书记张小军走访企业。";
  // New blocks and packed blobs carry no magic number.
  for (const codec::Dictionary* d : {static_cast<const codec::Dictionary*>(nullptr), &dictionary}) {
    const codec::EncodedText encoded = codec::encode_text(text, d);
    const codec::TextIndex index = codec::decode_text_index(encoded.index);
    ASSERT_EQ(index.blocks.size(), 1u);
    EXPECT_EQ(index.blocks[0].method, d != nullptr ? 4 : 3);
    EXPECT_EQ(encoded.blocks.find("\x28\xB5\x2F\xFD"), std::string::npos);
    EXPECT_EQ(codec::decode_text(index, encoded.blocks, d), text);
  }
  const std::string packed = codec::pack(text, &dictionary);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x5B);
  EXPECT_EQ(packed.find("\x28\xB5\x2F\xFD"), std::string::npos);
  EXPECT_EQ(codec::unpack(packed, &dictionary), text);

  // Framed text blocks (methods 1 and 2) and packed blobs (0x5A) still decode.
  const std::string short_text = "南法信镇党委书记张小军。";
  for (const int method : {1, 2}) {
    std::string index = {1, static_cast<char>(method == 2 ? 3 : 0), 1, 12, static_cast<char>(short_text.size())};
    const std::string frame = framed(short_text);
    index += static_cast<char>(frame.size());
    index += static_cast<char>(method);
    const codec::TextIndex decoded = codec::decode_text_index(index);
    EXPECT_EQ(codec::decode_text(decoded, frame, method == 2 ? &dictionary : nullptr), short_text);
  }
  std::string old_packed = {0x5A, 3, static_cast<char>(short_text.size())};
  old_packed += framed(short_text);
  EXPECT_EQ(codec::packed_dictionary(old_packed), 3);
  EXPECT_EQ(codec::unpack(old_packed, &dictionary), short_text);
  // A bare frame cut short, or with a byte damaged, is refused.
  EXPECT_THROW(codec::unpack(packed.substr(0, packed.size() - 2), &dictionary), codec::DecodeError);
  std::string damaged = packed;
  damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x55);
  try {
    EXPECT_NE(codec::unpack(damaged, &dictionary), text);
  } catch (const codec::DecodeError&) {
  }
}

// Strings by id, as a database's table keeps them.
class Strings : public codec::StringIds {
 public:
  std::uint32_t id(std::string_view text) override {
    auto [it, fresh] = ids_.try_emplace(std::string(text), static_cast<std::uint32_t>(texts_.size() + 1));
    if (fresh) texts_.emplace_back(text);
    return it->second;
  }
  std::string text(std::uint32_t id) override {
    if (id == 0 || id > texts_.size()) throw codec::DecodeError("unknown string");
    return texts_[id - 1];
  }

 private:
  std::map<std::string, std::uint32_t> ids_;
  std::vector<std::string> texts_;
};

TEST(Codec, AggregatesRoundTrip) {
  Strings strings;
  EntityData person;
  person.group = EntityType::Person;
  person.records = 3;
  person.official_records = 2;
  person.spellings = {{"张小军", 2, 0}, {"張小軍", 1, 0}, {"张书记", 0, 2}};
  person.affiliations = {affiliation_hash("南法信镇党委"), affiliation_hash("米庄镇党委")};
  std::sort(person.affiliations.begin(), person.affiliations.end());
  person.attributes = {{"role", "lead", 2}};
  person.mentions = {{3, {{0, 3}, {9, 12}}}, {70000, {{5, 8}}}};
  const std::string blob = codec::encode_entity(person, "张小军", strings);
  EXPECT_EQ(codec::decode_entity(blob, EntityType::Official, "张小军", strings), person);
  EXPECT_EQ(codec::entity_documents(blob), (std::vector<std::int64_t>{3, 70000}));

  EntityData place;
  place.group = EntityType::PartyOrg;
  place.records = 1;
  place.spellings = {{"顺义区南法信镇党委", 1, 0}, {"南法信镇党委", 0, 1}};
  place.links = {{"顺义区南法信镇党委", "南法信镇党委", 1}};
  place.mentions = {{1, {{0, 9}}}};
  EXPECT_EQ(codec::decode_entity(codec::encode_entity(place, "顺义区南法信镇党委", strings), EntityType::PartyOrg,
                                 "顺义区南法信镇党委", strings),
            place);

  RelationData relation;
  relation.count = 2;
  relation.titles = {{"书记", 2, 0}};
  relation.attributes = {{"date", "2021-09-27", 1}, {"date", "2022-01-01", 1}};
  relation.evidence = {{4, {10, 30}, ""}, {4, {50, 60}, "另一句"}, {9, {0, 5}, ""}};
  const std::string stored = codec::encode_relation(relation, "书记", strings);
  EXPECT_EQ(codec::decode_relation(stored, "书记", strings), relation);
  EXPECT_EQ(codec::relation_documents(stored), (std::vector<std::int64_t>{4, 4, 9}));
  relation.titles = {{"书记", 1, 0}, {"書記", 1, 0}};
  EXPECT_EQ(codec::decode_relation(codec::encode_relation(relation, "书记", strings), "书记", strings), relation);
  for (std::size_t size = 0; size < stored.size(); ++size)
    EXPECT_THROW(codec::decode_relation(stored.substr(0, size), "书记", strings), codec::DecodeError) << size;
}

// Issue 12 part 2: relation format 2 keeps each piece of evidence's date,
// at any precision and, failing that, as text; format 1 still decodes, its
// evidence taking the date the relation shows.
TEST(Codec, RelationEvidenceDatesRoundTripAndFormatOneStillDecodes) {
  Strings strings;
  RelationData relation;
  relation.count = 5;
  relation.titles = {{"书记", 5, 0}};
  relation.evidence = {{4, {10, 30}, "", "2021-09-27"}, {4, {50, 60}, "另一句", "2021-09"}, {9, {0, 5}, "", "2021"},
                       {9, {7, 9}, "", ""}, {12, {0, 5}, "", "around 2020"}};
  const std::string stored = codec::encode_relation(relation, "书记", strings);
  ASSERT_FALSE(stored.empty());
  EXPECT_EQ(stored[0], 2);
  EXPECT_EQ(codec::decode_relation(stored, "书记", strings), relation);
  EXPECT_EQ(evidence_dates(codec::decode_relation(stored, "书记", strings)),
            (std::vector<std::string>{"2021-09-27", "2021-09", "2021", "", "around 2020"}));
  EXPECT_EQ(codec::relation_documents(stored), (std::vector<std::int64_t>{4, 4, 9, 9, 12}));
  // The dates alone, as a date window reads them.
  EXPECT_EQ(codec::relation_dates(stored, strings), evidence_dates(relation));
  for (std::size_t size = 0; size < stored.size(); ++size) {
    EXPECT_THROW(codec::decode_relation(stored.substr(0, size), "书记", strings), codec::DecodeError) << size;
    EXPECT_THROW(codec::relation_dates(stored.substr(0, size), strings), codec::DecodeError) << size;
  }

  // Format 1, written out by hand: count 1, the usual title, one attribute
  // date=2021-09-27, one piece of evidence (document 4, span 10..30).
  std::string v1 = {1, 1, 0, 1};
  v1 += static_cast<char>(strings.id("date"));
  v1 += static_cast<char>(strings.id("2021-09-27"));
  v1 += std::string{1, 1, 4, 20, 40, 0};
  const RelationData old = codec::decode_relation(v1, "书记", strings);
  ASSERT_EQ(old.evidence.size(), 1u);
  EXPECT_EQ(old.evidence[0].document, 4);
  EXPECT_EQ(old.evidence[0].span.begin, 10u);
  EXPECT_EQ(old.evidence[0].span.end, 30u);
  EXPECT_EQ(old.evidence[0].date, "2021-09-27");
  EXPECT_EQ(codec::relation_documents(v1), (std::vector<std::int64_t>{4}));
  EXPECT_EQ(codec::relation_dates(v1, strings), (std::vector<std::string>{"2021-09-27"}));

  // A packed date below any year is damage, not a date.
  std::string damaged = codec::encode_relation(RelationData{1, {{"书记", 1, 0}}, {}, {{4, {10, 30}, "", "2021"}}},
                                               "书记", strings);
  ASSERT_EQ(damaged.substr(damaged.size() - 4), "\xd0\xc2\xd1\x09");  // 20210000, the year 2021, as a varint
  damaged = damaged.substr(0, damaged.size() - 4) + std::string{static_cast<char>(0x88), 0x27};  // 5000
  EXPECT_THROW(codec::decode_relation(damaged, "书记", strings), codec::DecodeError);
}

}  // namespace
}  // namespace kg

namespace kg {
namespace {

// The encoders keep their working buffers per thread from one document to the
// next: what a document encodes to does not depend on what the thread encoded
// before (a longer document, one whose encoding failed half-way), and equals
// what a thread that never encoded anything makes of it.
TEST(Codec, EncodingDependsOnlyOnTheDocumentNotOnTheOneBefore) {
  const Extraction x = article_extraction();
  const std::u32string other_text = U"公司的职务。" + kArticle + kArticle + U"南法信镇党委书记张小军。";
  Extraction other = article_extraction();
  other.entities[1].name = "某公司";
  other.entities[0].attributes = {{"role", "书记"}, {"place", "南法信"}};
  Extraction broken = test::make_extraction();
  broken.relations[0].target = 7;
  const codec::Layout layout =
      layout_of({{0, 3}, {3, 6}, {6, 9}, {9, 12}, {12, 13}, {13, 16}, {16, 19}, {19, 22}, {22, 25}, {25, 26}});
  const std::u32string layout_text = U"南法信镇，书记ab\n走";
  const std::string long_text(3 * codec::kTextBlockBytes + 17, 'x');

  std::string fresh_extraction, fresh_layout;
  codec::EncodedText fresh_text;
  std::thread([&] {
    fresh_extraction = codec::encode_extraction(x, kArticle);
    fresh_layout = codec::encode_layout(layout, layout_text, "UTF-8");
    fresh_text = codec::encode_text(to_utf8(kArticle));
  }).join();

  (void)codec::encode_extraction(other, other_text);
  EXPECT_THROW(codec::encode_extraction(broken), std::invalid_argument);
  EXPECT_EQ(codec::encode_extraction(x, kArticle), fresh_extraction);
  (void)codec::encode_layout(layout_of({{0, 5}, {9, 7}, {20, 21}}), U"a很长的一行文字", "GB18030");
  EXPECT_EQ(codec::encode_layout(layout, layout_text, "UTF-8"), fresh_layout);
  (void)codec::encode_text(long_text);
  const codec::EncodedText again = codec::encode_text(to_utf8(kArticle));
  EXPECT_EQ(again.index, fresh_text.index);
  EXPECT_EQ(again.blocks, fresh_text.blocks);
  test::expect_same_extraction(codec::decode_extraction(fresh_extraction, to_utf8(kArticle)), x);
}

}  // namespace
}  // namespace kg
