// Entity rules of the extract stage, each on sentences written for it.
#include "extract_fixture.h"

namespace kg::testing {
namespace {

TEST(PlaceRules, TownFromCoreAndSuffixAfterAGazetteerCounty) {
  auto x = extract_text("近日，余杭区良渚街道与瓶窑镇联合开展环境整治行动。\n");
  EXPECT_TRUE(x.has("余杭区", EntityType::Place)) << x.dump();
  EXPECT_TRUE(x.has("良渚街道", EntityType::Place)) << x.dump();
  EXPECT_TRUE(x.has("瓶窑镇", EntityType::Place)) << x.dump();
  // A place written inside a larger one composes into located_in.
  EXPECT_NE(x.relation(RelationType::located_in, "良渚街道", "余杭区"), nullptr) << x.dump();
}

TEST(PlaceRules, OrdinaryWordsEndingInALevelCharacterAreNotPlaces) {
  auto x = extract_text("全镇干部深入乡村一线，帮助返乡青年创业，城乡面貌明显改善。\n");
  for (const auto& e : x.out.entities) EXPECT_NE(e.type, EntityType::Place) << x.dump();
}

TEST(OrgRules, PartyCommitteeOfATownLeadsTheTown) {
  auto x = extract_text("今年以来，桐庐县分水镇党委坚持党建引领，推动乡村振兴。分水镇党委书记王建华表示，将继续努力。\n");
  EXPECT_TRUE(x.has("分水镇党委", EntityType::PartyOrg)) << x.dump();
  EXPECT_TRUE(x.has("分水镇", EntityType::Place)) << x.dump();
  EXPECT_NE(x.relation(RelationType::leads, "分水镇党委", "分水镇"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "王建华", "分水镇党委"), nullptr) << x.dump();
  EXPECT_TRUE(x.has("王建华", EntityType::Official)) << x.dump();
}

TEST(OrgRules, LeftEdgeStopsAtVerbsAndFunctionWords) {
  auto x = extract_text("该区积极引进杭州云图数据科技有限公司，并与宁波海联新材料股份有限公司签订合作协议。\n");
  EXPECT_TRUE(x.has("杭州云图数据科技有限公司", EntityType::Enterprise)) << x.dump();
  EXPECT_TRUE(x.has("宁波海联新材料股份有限公司", EntityType::Enterprise)) << x.dump();
  EXPECT_EQ(x.entity("积极引进杭州云图数据科技有限公司"), nullptr);
}

TEST(OrgRules, ParkWithPlacePrefixIsLocatedInTheFullCity) {
  auto x = extract_text("绵阳市经济持续向好。绵阳高新区聚焦电子信息产业，园区企业发展势头良好。\n");
  EXPECT_TRUE(x.has("绵阳高新区", EntityType::Park)) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "绵阳高新区", "绵阳市"), nullptr) << x.dump();
}

TEST(OrgRules, ShortFormLedByItsLevelTakesTheArticlesTown) {
  auto x = extract_text("临平区塘栖镇召开会议。镇综合行政执法队队长陈立新介绍了情况。\n");
  EXPECT_TRUE(x.has("塘栖镇综合行政执法队", EntityType::GovOrg)) << x.dump();
  EXPECT_NE(x.relation(RelationType::part_of, "塘栖镇综合行政执法队", "塘栖镇"), nullptr) << x.dump();
}

TEST(OrgRules, DeclaredAliasJoinsTheEntity) {
  auto x = extract_text("苏州晶芯微电子有限公司（以下简称“晶芯公司”）成立于2015年。晶芯公司主要生产功率器件。\n");
  const LocalEntity* e = x.entity("苏州晶芯微电子有限公司");
  ASSERT_NE(e, nullptr) << x.dump();
  EXPECT_EQ(x.entity("晶芯公司"), e);
  EXPECT_GE(e->mentions.size(), 3u);
}

TEST(OrgRules, GenericMentionsResolveToTheArticlesBody) {
  auto x = extract_text("龙泉驿区洛带镇党委高度重视人才工作。镇党委组织委员李晓梅说，镇党委将持续发力。\n");
  const LocalEntity* committee = x.entity("洛带镇党委");
  ASSERT_NE(committee, nullptr) << x.dump();
  EXPECT_EQ(x.entity("镇党委"), committee);
  EXPECT_NE(x.relation(RelationType::holds_post, "李晓梅", "洛带镇党委"), nullptr) << x.dump();
}

TEST(OrgRules, APlaceInBracketsMakesADoubleName) {
  auto x = extract_text("浙江青山科技城（青山镇）深入推进主题教育，青山科技城发展势头良好。\n");
  const LocalEntity* park = x.entity("浙江青山科技城");
  ASSERT_NE(park, nullptr) << x.dump();
  EXPECT_EQ(x.entity("浙江青山科技城(青山镇)"), park) << x.dump();
  EXPECT_TRUE(x.has("青山镇", EntityType::Place)) << x.dump();
}

TEST(OrgRules, WeakSuffixNeedsABodyBeforeIt) {
  auto x = extract_text("窗口实行立刻办、限期办，一站式服务中心全天开放。\n");
  for (const auto& e : x.out.entities) EXPECT_NE(e.type, EntityType::GovOrg) << x.dump();
}

TEST(ListRules, ItemsOfACompanyListAreEnterprises) {
  auto x = extract_text("目前，园区已引进恒瑞医药、海天味业、中环半导体等一批龙头企业。\n");
  EXPECT_TRUE(x.has("恒瑞医药", EntityType::Enterprise)) << x.dump();
  EXPECT_TRUE(x.has("海天味业", EntityType::Enterprise)) << x.dump();
  EXPECT_TRUE(x.has("中环半导体", EntityType::Enterprise)) << x.dump();
}

TEST(ListRules, AListOfIndustriesIsNotAListOfCompanies) {
  auto x = extract_text("园区重点发展生物医药、绿色食品、清洁能源等产业。\n");
  for (const auto& e : x.out.entities) EXPECT_NE(e.type, EntityType::Enterprise) << x.dump();
}

TEST(ProjectRules, DescriptiveHeadAfterTheAmountAndItsInvestment) {
  auto x = extract_text("总投资3.2亿元的新能源电池隔膜生产线项目正式开工。\n");
  const LocalEntity* p = x.entity("新能源电池隔膜生产线项目");
  ASSERT_NE(p, nullptr) << x.dump();
  EXPECT_EQ(p->type, EntityType::Project);
  bool amount = false;
  for (const auto& [k, v] : p->attributes) amount = amount || (k == "investment_yuan" && v == "320000000");
  EXPECT_TRUE(amount);
}

// Found by fuzz_extract: a full stop right after 投资 (．, "." after NFKC) is
// no amount; std::stod threw and the whole file was refused ("stod").
TEST(ProjectRules, AnInvestmentWithoutDigitsIsNoAmountAndNoError) {
  for (const char* text : {"投资.产基地项目\n", "计划总投资．产基地项目建设。\n", "投资..产基地项目\n"}) {
    Extracted x = extract_text(text);
    for (const auto& e : x.out.entities)
      for (const auto& [k, v] : e.attributes) EXPECT_NE(k, "investment") << text << x.dump();
  }
}

TEST(ProjectRules, GenericProjectsAreNotNamed) {
  auto x = extract_text("今年共有12个重点项目、5个签约项目和一批获奖项目落地。\n");
  for (const auto& e : x.out.entities) EXPECT_NE(e.type, EntityType::Project) << x.dump();
}

TEST(PersonRules, SpeechVerbEndsTheName) {
  auto x = extract_text("“我们会一直做下去。”欧阳明辉表示。\n");
  EXPECT_NE(x.entity("欧阳明辉"), nullptr) << x.dump();
}

TEST(PersonRules, VillagerIsAPersonAndReporterIsNoEntity) {
  auto x = extract_text("村民张桂芳说，路修好了。记者王海涛报道。\n");
  EXPECT_TRUE(x.has("张桂芳", EntityType::Person)) << x.dump();
  EXPECT_EQ(x.entity("王海涛"), nullptr) << x.dump();
}

TEST(PersonRules, WordsStartingWithASurnameAreNotNames) {
  auto x = extract_text("全体党员干部高度重视，党员居住分散的问题得到解决。\n");
  for (const auto& e : x.out.entities) {
    EXPECT_NE(e.type, EntityType::Official) << x.dump();
    EXPECT_NE(e.type, EntityType::Person) << x.dump();
  }
}

}  // namespace
}  // namespace kg::testing

namespace kg::testing {
namespace {

// A document far longer than an article (one 50 MB line) is extracted in
// chunks; the merged result must still have one entity per name, with every
// mention pointing at that name in the text.
TEST(LongDocuments, ChunksMergeIntoOneEntityPerName) {
  const std::string sentence = "南法信镇党委书记张小军走访北京频岢科技有限公司，协调解决企业用地问题。";
  std::string text;
  const int repeats = 2000;  // about 70,000 characters, several chunks
  for (int k = 0; k < repeats; ++k) text += sentence;
  auto x = extract_text(text + "\n");
  ASSERT_GT(x.doc.text.size(), 60000u);
  const LocalEntity* person = x.entity("张小军");
  ASSERT_NE(person, nullptr) << x.dump();
  EXPECT_EQ(person->mentions.size(), static_cast<std::size_t>(repeats));
  for (const Span& m : person->mentions) EXPECT_EQ(x.doc.text.substr(m.begin, m.size()), U"张小军");
  int people = 0;
  for (const auto& e : x.out.entities) people += e.name == "张小军";
  EXPECT_EQ(people, 1);
  const LocalRelation* served = x.relation(RelationType::served, "张小军", "北京频岢科技有限公司");
  ASSERT_NE(served, nullptr) << x.dump();
  EXPECT_EQ(x.doc.text.substr(served->evidence.begin, served->evidence.size()).find(U"张小军"), 8u);
}

}  // namespace
}  // namespace kg::testing
