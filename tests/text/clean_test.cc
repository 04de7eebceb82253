// tests/text/clean_test.cc: character-level clean-up rules: NFKC, pinyin
// glosses versus real parentheses, traditional -> simplified only where the
// text is traditional, damaged runs.
#include <gtest/gtest.h>

#include "text_test_util.h"

using kg::test::has;
using kg::test::read_text;
using kg::test::text_of;

namespace {
kg::Document one(std::string_view utf8) {
  auto docs = read_text(utf8);
  EXPECT_EQ(docs.size(), 1u);
  return docs.at(0);
}
}  // namespace

TEST(Clean, PinyinGlossesAreRemoved) {
  auto d = one("浦口經(jīng)濟(jì)開(kāi)發(fā)區(qū)黨工委召開會議,研究項(xiàng)目建設。\n");
  EXPECT_EQ(text_of(d), "浦口经济开发区党工委召开会议,研究项目建设。");
  EXPECT_EQ(d.stats.glosses_removed, 6u);
}

TEST(Clean, FullWidthParenthesisGlossIsRemoved) {
  auto d = one("园区（qū）党工委书记到企业调研。\n");
  EXPECT_EQ(text_of(d), "园区党工委书记到企业调研。");
  EXPECT_EQ(d.stats.glosses_removed, 1u);
}

// Some pages typeset a space before the closing parenthesis: 会(huì )议.
TEST(Clean, GlossWithASpaceBeforeTheClosingParenthesisIsRemoved) {
  auto d = one("管委會(huì )主任童有柱多次召開專題會(huì )議。\n");
  EXPECT_EQ(text_of(d), "管委会主任童有柱多次召开专题会议。");
  EXPECT_EQ(d.stats.glosses_removed, 2u);
}

TEST(Clean, RealParenthesesStay) {
  const std::string text =
      "北京伟通柔显科技有限公司(以下简称“伟通柔显公司”)落户嘉兴科技城(大桥镇),"
      "建设氮化镓(GaN)项目,村(社区)干部参加,(责任编辑在文末)说明,"
      "平谦国际(嘉兴)现代产业园,项目(一期)开工,参加活动(ok)。";
  auto d = one(text + "\n");
  EXPECT_EQ(text_of(d), text);
  EXPECT_EQ(d.stats.glosses_removed, 0u);
}

TEST(Clean, GlossInsideRealParenthesesIsRemovedAndTheOuterPairKept) {
  auto d = one("嘉興科技城(大橋(qiáo)鎮)建設提速,項目(一期(qī))開工。\n");
  EXPECT_EQ(text_of(d), "嘉兴科技城(大桥镇)建设提速,项目(一期)开工。");
  EXPECT_EQ(d.stats.glosses_removed, 2u);
}

TEST(Clean, GlossNeedsAHanCharacterBefore) {
  auto d = one("他使用了 (shì) 这个词,还有ABC(dé)样本。\n");
  EXPECT_TRUE(has(text_of(d), "(shì)"));
  EXPECT_TRUE(has(text_of(d), "ABC(dé)"));
}

TEST(Clean, SimplifiedTextStaysExactlyAsItIs) {
  const std::string text =
      "党建引领效果显著,著名企业纷纷落户。乾隆年间的古镇焕发新生,干部干劲十足,"
      "后来居上。於姓村民与後藤株式会社代表参加,于是大家发面做馒头,里面有肉。";
  auto d = one(text + "\n");
  EXPECT_EQ(text_of(d), text);
  EXPECT_EQ(d.stats.chars_converted, 0u);
}

TEST(Clean, TraditionalTextIsConverted) {
  auto d = one("開發區黨工委書記陳偉表示,園區將繼續優化營商環境,顯著提升服務質量,於是企業紛紛落戶。\n");
  EXPECT_EQ(text_of(d), "开发区党工委书记陈伟表示,园区将继续优化营商环境,显著提升服务质量,于是企业纷纷落户。");
  EXPECT_GT(d.stats.chars_converted, 15u);
}

TEST(Clean, ToSimplifiedDecidesOnTheWholeString) {
  EXPECT_EQ(kg::to_simplified(U"曹曉晨"), U"曹晓晨");
  EXPECT_EQ(kg::to_simplified(U"區"), U"区");
  EXPECT_EQ(kg::to_simplified(U"显著"), U"显著");
  EXPECT_EQ(kg::to_simplified(U"顯著"), U"显著");
  EXPECT_EQ(kg::to_simplified(U"乾坤"), U"乾坤");
  EXPECT_EQ(kg::to_simplified(U""), U"");
}

TEST(Clean, NfkcFoldsFullWidthForms) {
  auto d = one("ＨＩＣＯＯＬ产业园２０２３年引进项目１２个，总投资５．６亿元。\n");
  EXPECT_EQ(text_of(d), "HICOOL产业园2023年引进项目12个,总投资5.6亿元。");
}

// NFKC makes more characters than it reads (… -> ..., ㎡ -> m2): written in
// place over what was read when invisible characters before made room, on a
// copy otherwise; either way each new character keeps the bytes it came from.
TEST(Clean, NfkcExpansionsKeepTheirBytes) {
  const std::string room = "园区\u200B\u200B\u200B面积㎡增加。";
  const std::string none = "…园区面积㎡增加。";
  for (const std::string& input : {room, none}) {
    auto d = one(input + "\n");
    const std::string expected = input == room ? "园区面积m2增加。" : "...园区面积m2增加。";
    EXPECT_EQ(text_of(d), expected);
    ASSERT_EQ(d.raw.size(), d.text.size());
    for (std::size_t i = 0; i < d.text.size(); ++i) {
      const std::string bytes = input.substr(d.raw[i].begin, d.raw[i].size());
      if (d.text[i] == U'.') EXPECT_EQ(bytes, "…") << i;
      else if (d.text[i] == U'm' || d.text[i] == U'2') EXPECT_EQ(bytes, "㎡") << i;
      else EXPECT_EQ(kg::to_u32(bytes), std::u32string(1, d.text[i])) << i;
    }
  }
}

TEST(Clean, InvisibleCharactersAreDropped) {
  auto d = one("园区\u200B企业\u00AD发展\uFEFF迅速。\n");
  EXPECT_EQ(text_of(d), "园区企业发展迅速。");
}

TEST(Clean, MojibakeRunIsFlaggedAndKept) {
  // A gloss whose '(' was lost, private-use characters and rare characters
  // from a wrong decoding, then another lost gloss.
  auto d = one("有意见沟通解释?zhuān)\uE0EB畔\uE57A惩?wù)到位了,矛盾减少了。\n");
  const std::u32string& t = d.text;
  EXPECT_EQ(d.stats.damaged_spans, 1u);
  ASSERT_EQ(d.damaged.size(), 1u);
  EXPECT_EQ(t.substr(d.damaged[0].begin, d.damaged[0].size()), U"?\uE0EB畔\uE57A惩?");
  EXPECT_TRUE(has(text_of(d), "到位了,矛盾减少了。"));
  EXPECT_FALSE(has(text_of(d), "zhuān"));
  EXPECT_FALSE(has(text_of(d), "wù"));
}

TEST(Clean, QuestionMarksInProseAreNotDamage) {
  auto d = one("你们准备好了吗?我们准备好了!谁来负责?他来负责。\n");
  EXPECT_EQ(d.stats.damaged_spans, 0u);
}
