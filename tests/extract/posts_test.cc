// holds_post (extract/relations/posts.cc) and the bodies generic posts
// resolve to (extract/entities.cc). Every sentence is written for its test;
// names are made up.
#include "extract_fixture.h"

namespace kg::testing {
namespace {

// 县委副书记 in a town article: the post names its level, so it is not the
// town's committee; with no county committee written it attaches to none.
// 工业经济处处长: a division (经济处, org_suffixes.tsv) written before the post
// that begins with the same character; the division is part of its park.
// 中共X公司Y街道Z项目支部委员会: the full name opens with 中共 and runs over the
// company and the site it is formed in; 中共X公司 is no company.
TEST(PartyPosts, APartyBranchNamedAfterItsCompanyAndSite) {
  auto x = extract_text(
      "中共青溪建工集团总承包公司柳湾街道安置房项目支部委员会书记罗振宇表示，将全力推进。\n");
  const std::string branch = "中共青溪建工集团总承包公司柳湾街道安置房项目支部委员会";
  EXPECT_TRUE(x.has(branch, EntityType::PartyOrg)) << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "罗振宇", branch), nullptr) << x.dump();
  for (const auto& e : x.out.entities)
    EXPECT_FALSE(e.type == EntityType::Enterprise && e.name.rfind("中共", 0) == 0) << e.name;
}

TEST(Posts, ADivisionBeforeItsHeadsPost) {
  auto x = extract_text("青溪经济技术开发区工业经济处处长、区工经局局长冯泽豪参加调研。\n");
  EXPECT_TRUE(x.has("青溪经济技术开发区工业经济处", EntityType::GovOrg)) << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "冯泽豪", "青溪经济技术开发区工业经济处"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::part_of, "青溪经济技术开发区工业经济处", "青溪经济技术开发区"), nullptr)
      << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "冯泽豪", "区工经局"), nullptr) << x.dump();
}

TEST(PartyPosts, APostNamingItsLevelIsNotTheTownsCommittee) {
  auto x = extract_text(
      "柳湾镇党委高度重视招商工作。县委副书记梁启航到柳湾镇调研。柳湾镇党委书记薛廷华陪同。\n");
  ASSERT_TRUE(x.has("梁启航", EntityType::Official)) << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "薛廷华", "柳湾镇党委"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::holds_post, "梁启航", "柳湾镇党委"), nullptr) << x.dump();
  EXPECT_EQ(x.count_from(RelationType::holds_post, "梁启航"), 0u) << x.dump();
}

// With the county's committee written, the bare 县委副书记 attaches to it.
TEST(PartyPosts, APostNamingItsLevelTakesThatLevelsCommittee) {
  auto x = extract_text(
      "柳湾镇党委高度重视招商工作，青溪县委给予大力支持。柳湾镇党委书记薛廷华介绍了情况。"
      "县委副书记梁启航到柳湾镇调研。\n");
  EXPECT_NE(x.relation(RelationType::holds_post, "梁启航", "青溪县委"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::holds_post, "梁启航", "柳湾镇党委"), nullptr) << x.dump();
}

// 党组成员 belongs to a 党组, never to the committee the article names more.
TEST(PartyPosts, ALeadingGroupPostGoesToTheLeadingGroup) {
  auto x = extract_text(
      "青溪县委召开常委会议。青溪县委、县政府多次召开专题会议。青溪县政府党组召开会议。"
      "副县长、党组成员邵景明出席会议。\n");
  EXPECT_NE(x.relation(RelationType::holds_post, "邵景明", "青溪县政府党组"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::holds_post, "邵景明", "青溪县委"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "邵景明", "青溪县"), nullptr) << x.dump();
}

// KNOWN FAILURE (see the report): written after its body (县政协党组成员), the
// title 党组成员 takes the body before it (青溪县政协, a GovOrg) although
// titles.tsv attaches it to a PartyOrg, and the leading group is lost.
TEST(PartyPosts, DISABLED_ALeadingGroupPostAfterItsBody) {
  auto x = extract_text("青溪县政协党组召开会议。青溪县政协党组成员邵景明出席会议。\n");
  EXPECT_NE(x.relation(RelationType::holds_post, "邵景明", "青溪县政协党组"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::holds_post, "邵景明", "青溪县政协"), nullptr) << x.dump();
}

// 街道党工委 written bare is the article's street's.
// A project holds no posts: its chairman is the chairman of the company the
// project is named after, when the article names the company; else of none.
TEST(CompanyPosts, AChairmanOfAProjectChairsItsCompany) {
  auto x = extract_text(
      "恒裕达机械有限公司投资建设的恒裕达机械智能装备项目开工。恒裕达机械智能装备项目董事长韩立诚致辞。"
      "晋禾米业产业项目董事长邵景明发言。\n");
  EXPECT_NE(x.relation(RelationType::holds_post, "韩立诚", "恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::holds_post, "韩立诚", "恒裕达机械智能装备项目"), nullptr) << x.dump();
  EXPECT_EQ(x.count_from(RelationType::holds_post, "邵景明"), 0u) << x.dump();
}

TEST(GenericBodies, BareStreetWorkingCommitteeIsTheArticlesStreets) {
  auto x = extract_text(
      "闻溪街道深化党建引领。街道党工委书记罗振宇表示，将持续发力。闻溪街道将继续推进。\n");
  const LocalEntity* committee = x.entity("闻溪街道党工委");
  ASSERT_NE(committee, nullptr) << x.dump();
  EXPECT_EQ(committee->type, EntityType::PartyOrg);
  EXPECT_EQ(x.entity("街道党工委"), committee) << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "罗振宇", "闻溪街道党工委"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::leads, "闻溪街道党工委", "闻溪街道"), nullptr) << x.dump();
}

// 高新区党工委 in an article about a 特色小镇 in that zone: the committee is
// the zone's, not the town's; with no 高新区 named in full it keeps its name.
TEST(GenericBodies, AParkKindCommitteeIsNotAnotherParksCommittee) {
  auto x = extract_text(
      "云栖数字小镇加快建设。云栖数字小镇引进企业20家。高新区党工委副书记罗振宇到云栖数字小镇调研。\n");
  ASSERT_NE(x.entity("云栖数字小镇"), nullptr) << x.dump();
  EXPECT_EQ(x.entity("云栖数字小镇党工委"), nullptr) << x.dump();
  const LocalEntity* committee = x.entity("高新区党工委");
  ASSERT_NE(committee, nullptr) << x.dump();
  EXPECT_EQ(committee->type, EntityType::PartyOrg);
  EXPECT_NE(x.relation(RelationType::holds_post, "罗振宇", "高新区党工委"), nullptr) << x.dump();
}

// An article about a zone it names only by its kind (开发区要…, 开发区党工委)
// names that zone so; its committee leads it. Said once, or as a category
// (产业园区), or beside a named park of the same head, it names no park.
TEST(GenericBodies, AParkNamedOnlyByItsKindIsThatPark) {
  auto x = extract_text(
      "开发区党工委书记罗振宇主持会议。开发区要持续优化营商环境。开发区今年引进企业20家。\n");
  const LocalEntity* park = x.entity("开发区");
  ASSERT_NE(park, nullptr) << x.dump();
  EXPECT_EQ(park->type, EntityType::Park);
  EXPECT_NE(x.relation(RelationType::leads, "开发区党工委", "开发区"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "罗振宇", "开发区党工委"), nullptr) << x.dump();

  auto once = extract_text("罗振宇到华瑞公司调研。开发区要持续优化营商环境。\n");
  EXPECT_EQ(once.entity("开发区"), nullptr) << once.dump();
  auto category = extract_text("加快产业园区规划建设。提升产业园区运营能力。罗振宇到华瑞公司调研。\n");
  EXPECT_EQ(category.entity("产业园区"), nullptr) << category.dump();
  auto named = extract_text("云栖数字小镇加快建设。特色小镇要发挥平台作用。特色小镇引进企业20家。\n");
  EXPECT_EQ(named.entity("特色小镇"), nullptr) << named.dump();
}

// 管委会党工委: the working committee of a park's administrative committee
// leads the park, not the administrative committee.
TEST(GenericBodies, AParkOfficesWorkingCommitteeLeadsThePark) {
  auto x = extract_text("青溪经济开发区管委会党工委书记罗振宇主持会议。青溪经济开发区今年引进企业20家。\n");
  const std::string committee = "青溪经济开发区管委会党工委";
  ASSERT_TRUE(x.has(committee, EntityType::PartyOrg)) << x.dump();
  EXPECT_NE(x.relation(RelationType::leads, committee, "青溪经济开发区"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::leads, committee, "青溪经济开发区管委会"), nullptr) << x.dump();
}

// 安康市汉阴县园区党工委: a place and the word for the article's own park name
// the park the article is about, when the park is named after that place.
TEST(GenericBodies, APlaceAndTheHomeParkWordLeadTheArticlesPark) {
  auto x = extract_text(
      "汉阴县产业园区加快发展。汉阴县产业园区引进企业20家。安康市汉阴县园区党工委书记罗振宇主持会议。\n");
  const LocalEntity* committee = x.entity_at("安康市汉阴县园区党工委");
  ASSERT_NE(committee, nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::leads, committee->name, "汉阴县产业园区"), nullptr) << x.dump();
  auto elsewhere = extract_text(
      "青溪经济开发区加快发展。青溪经济开发区引进企业20家。汉阴县园区党工委书记罗振宇来访。\n");
  const LocalEntity* other = elsewhere.entity_at("汉阴县园区党工委");
  ASSERT_NE(other, nullptr) << elsewhere.dump();
  EXPECT_EQ(elsewhere.relation(RelationType::leads, other->name, "青溪经济开发区"), nullptr) << elsewhere.dump();
}

// 镇党委 written bare, with no full form in the article, is the article's town's.
TEST(GenericBodies, BareTownCommitteeIsTheArticlesTowns) {
  auto x = extract_text("柳湾镇深化党建引领。柳湾镇召开大会。镇党委副书记罗振宇表示，将持续发力。\n");
  const LocalEntity* committee = x.entity("柳湾镇党委");
  ASSERT_NE(committee, nullptr) << x.dump();
  EXPECT_EQ(x.entity("镇党委"), committee) << x.dump();
  const LocalRelation* r = x.relation(RelationType::holds_post, "罗振宇", "柳湾镇党委");
  ASSERT_NE(r, nullptr) << x.dump();
  EXPECT_EQ(r->title, "副书记");
}

// 经开区党工委 when the article is about 青溪经开区: the generic core is how the
// park's name ends, so one mention of the park is enough.
TEST(GenericBodies, AGenericParkBodyOfTheParkTheArticleNames) {
  auto x = extract_text("青溪经开区持续优化营商环境。经开区党工委书记罗振宇表示，将持续发力。\n");
  EXPECT_TRUE(x.has("青溪经开区党工委", EntityType::PartyOrg)) << x.dump();
  EXPECT_EQ(x.entity("经开区党工委"), x.entity("青溪经开区党工委")) << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "罗振宇", "青溪经开区党工委"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::leads, "青溪经开区党工委", "青溪经开区"), nullptr) << x.dump();
}

// 管委 is the short form of 管委会: its 副主任 holds a post in the park's committee.
TEST(GenericBodies, GuanweiIsTheParksAdministrativeCommittee) {
  auto x = extract_text("青溪经开区管委副主任罗振宇介绍了情况。\n");
  EXPECT_TRUE(x.has("青溪经开区管委", EntityType::GovOrg)) << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "罗振宇", "青溪经开区管委"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::part_of, "青溪经开区管委", "青溪经开区"), nullptr) << x.dump();
}

// A town's head with no town of that level written falls back to the
// article's town (镇长 in an article about 柳湾镇).
TEST(PlacePosts, ATownHeadIsTheArticlesTowns) {
  auto x = extract_text("柳湾镇召开经济工作会议。镇长滕文涛作工作报告。\n");
  const LocalRelation* r = x.relation(RelationType::holds_post, "滕文涛", "柳湾镇");
  ASSERT_NE(r, nullptr) << x.dump();
  EXPECT_EQ(r->title, "镇长");
}

}  // namespace
}  // namespace kg::testing
