// Frames that span sentences (extract/discourse.cc finds them,
// extract/relations/frames.cc reads them), park membership, composed names
// and the located_in rules that depend on the article's area. Every sentence
// is written for its test; names are made up.
#include "extract_fixture.h"

namespace kg::testing {
namespace {

bool has_attribute(const LocalRelation* r, const std::string& key, const std::string& value) {
  if (!r) return false;
  for (const auto& [k, v] : r->attributes)
    if (k == key && v == value) return true;
  return false;
}

// ---- visits ------------------------------------------------------------------

// 带队到L调研, then a group (调研组) that names no one: what it saw is served by
// the leader and lies in L.
TEST(VisitFrame, AGroupStandsForItsLeaderInTheNextSentence) {
  auto x = extract_text(
      "3月12日，县委书记韩立诚带队到石岭镇调研产业发展工作。调研组先后来到恒裕达机械有限公司、"
      "晋禾米业有限公司，详细了解企业生产经营情况。\n");
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "晋禾米业有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "恒裕达机械有限公司", "石岭镇"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "晋禾米业有限公司", "石岭镇"), nullptr) << x.dump();
}

// 率 leads as 带队 does: only the official before it leads; those it names
// after it (副县长邵景明) go along.
TEST(VisitFrame, OnlyTheOfficialBeforeRateLeads) {
  auto x = extract_text(
      "市委常委、副市长梁启航率副县长邵景明等深入柳湾镇调研。调研组先后走访了恒裕达机械有限公司、"
      "晋禾米业有限公司。\n");
  EXPECT_NE(x.relation(RelationType::served, "梁启航", "恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::served, "梁启航", "晋禾米业有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "晋禾米业有限公司", "柳湾镇"), nullptr) << x.dump();
  ASSERT_NE(x.entity("邵景明"), nullptr) << x.dump();
  EXPECT_EQ(x.count_from(RelationType::served, "邵景明"), 0u) << x.dump();
}

// A group (调研组) that opens a visit of its own, to another place, carries
// the leader of the visit before: what it sees there he served.
TEST(VisitFrame, AGroupOpeningTheNextVisitKeepsItsLeader) {
  auto x = extract_text(
      "县委书记韩立诚带队到石岭镇调研。随后，调研组赴柳湾镇调研，先后来到恒裕达机械有限公司、"
      "晋禾米业有限公司。\n");
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "恒裕达机械有限公司", "柳湾镇"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "恒裕达机械有限公司", "石岭镇"), nullptr) << x.dump();
}

// The official who only goes along (陪同) in the opening sentence serves
// nothing the group sees later; the leader named with 一行 does.
TEST(VisitFrame, AccompanyingOfficialDoesNotServe) {
  auto x = extract_text(
      "县委书记韩立诚带队到石岭镇调研，镇党委书记谭晓峰陪同。韩立诚一行先后来到恒裕达机械有限公司、"
      "晋禾米业有限公司。\n");
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "晋禾米业有限公司"), nullptr) << x.dump();
  ASSERT_NE(x.entity("谭晓峰"), nullptr) << x.dump();
  EXPECT_EQ(x.count_from(RelationType::served, "谭晓峰"), 0u) << x.dump();
}

// 在B陪同下，A到L调研: B, named before the verb of going, only goes along;
// A leads the visit.
TEST(VisitFrame, AnOfficialWhoAccompaniesIsNoLeader) {
  auto x = extract_text(
      "在镇党委书记谭晓峰陪同下，县委书记韩立诚到石岭镇调研。调研组先后来到恒裕达机械有限公司、"
      "晋禾米业有限公司。\n");
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "晋禾米业有限公司"), nullptr) << x.dump();
  ASSERT_NE(x.entity("谭晓峰"), nullptr) << x.dump();
  EXPECT_EQ(x.count_from(RelationType::served, "谭晓峰"), 0u) << x.dump();
}

// A在B的陪同下到L调研: B goes along; A, named before, leads the visit.
TEST(VisitFrame, TheLeaderAccompaniedInTheSameClause) {
  auto x = extract_text(
      "县委书记韩立诚一行在镇党委书记谭晓峰的陪同下到石岭镇调研。调研组先后来到恒裕达机械有限公司、"
      "晋禾米业有限公司。\n");
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_EQ(x.count_from(RelationType::served, "谭晓峰"), 0u) << x.dump();
}

// B陪同A到L调研: the one named right after 陪同 is accompanied, and leads.
TEST(VisitFrame, TheOfficialAccompaniedNamedAfterPeitong) {
  auto x = extract_text(
      "镇党委书记谭晓峰陪同县委书记韩立诚到石岭镇调研。调研组先后来到恒裕达机械有限公司、晋禾米业有限公司。\n");
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_EQ(x.count_from(RelationType::served, "谭晓峰"), 0u) << x.dump();
}

// 在谭晓峰陪同下，调研组…: the official named in the seeing sentence only
// accompanies; whatever he is linked to carries role=accompany, and the
// visit's leader serves.
TEST(VisitFrame, AccompanyingInTheSeeingSentenceIsMarked) {
  auto x = extract_text(
      "县委书记韩立诚带队到石岭镇调研。在镇党委书记谭晓峰陪同下，调研组先后来到恒裕达机械有限公司、"
      "晋禾米业有限公司。\n");
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "晋禾米业有限公司"), nullptr) << x.dump();
  for (const auto& r : x.out.relations) {
    if (r.type == RelationType::served && x.out.entities[r.source].name == "谭晓峰") {
      EXPECT_TRUE(has_attribute(&r, "role", "accompany")) << x.dump();
    }
  }
}

// 在A、B等企业，他…: the clause opens in what the visit saw; 他 is the leader.
TEST(VisitFrame, AClauseOpeningInTheCompaniesSeen) {
  auto x = extract_text(
      "县委书记韩立诚带队到石岭镇调研，镇党委书记谭晓峰陪同。在恒裕达机械有限公司、晋禾米业有限公司等企业，"
      "他详细询问了企业生产经营情况。\n");
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "晋禾米业有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "晋禾米业有限公司", "石岭镇"), nullptr) << x.dump();
  EXPECT_EQ(x.count_from(RelationType::served, "谭晓峰"), 0u) << x.dump();
}

// List items of a visit may end with the site seen (A公司厂区) or open with a
// modifier ending in 的 (投资3亿元的X项目).
TEST(VisitFrame, ListItemsWithASiteWordAndADeModifier) {
  auto x = extract_text(
      "县委书记韩立诚带队到石岭镇调研。调研组先后来到恒裕达机械有限公司厂区、投资3亿元的澜程新材料产业项目。\n");
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "恒裕达机械有限公司", "石岭镇"), nullptr) << x.dump();
  EXPECT_TRUE(x.has("澜程新材料产业项目", EntityType::Project)) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "澜程新材料产业项目", "石岭镇"), nullptr) << x.dump();
  // A project is seen, not served.
  EXPECT_EQ(x.relation(RelationType::served, "韩立诚", "澜程新材料产业项目"), nullptr) << x.dump();
}

// Town officials visiting a company stay in their town: the article's town
// hosts what they see, in that sentence and the next.
TEST(VisitFrame, TownOfficialsVisitingACompanyAreHostedByTheirTown) {
  auto x = extract_text(
      "柳湾镇持续优化营商环境。6月3日，柳湾镇党委书记邵景明带队到恒裕达机械有限公司调研。随后，调研组来到"
      "晋禾米业有限公司，了解企业用工情况。柳湾镇将继续做好服务。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "恒裕达机械有限公司", "柳湾镇"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "晋禾米业有限公司", "柳湾镇"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::served, "邵景明", "晋禾米业有限公司"), nullptr) << x.dump();
}

// 来到了位于X的A公司: the destination follows its description and still opens
// the visit the next sentence goes on with.
TEST(VisitFrame, DestinationAfterItsDescription) {
  auto x = extract_text(
      "柳湾镇持续优化营商环境。镇长滕文涛来到了位于金桥路的恒裕达机械有限公司调研。随后，调研组来到"
      "晋禾米业有限公司。\n");
  EXPECT_NE(x.relation(RelationType::served, "滕文涛", "晋禾米业有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "晋禾米业有限公司", "柳湾镇"), nullptr) << x.dump();
}

// The same leader going on to a company continues the visit he opened in a
// park: what he sees stays in the park.
TEST(VisitFrame, TheSamePeopleGoingOnKeepTheHost) {
  auto x = extract_text(
      "县委书记韩立诚到龙岗工业集中区调研。韩立诚首先到恒裕达机械有限公司调研，随后来到晋禾米业有限公司。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "恒裕达机械有限公司", "龙岗工业集中区"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "晋禾米业有限公司", "龙岗工业集中区"), nullptr) << x.dump();
}

// Someone else going to a company opens a visit of his own: the park the
// first visit went to does not host it.
TEST(VisitFrame, OtherPeopleOpenANewVisit) {
  auto x = extract_text(
      "县委书记韩立诚到龙岗工业集中区调研。副县长邵景明到恒裕达机械有限公司调研，随后来到晋禾米业有限公司。\n");
  EXPECT_NE(x.relation(RelationType::served, "邵景明", "晋禾米业有限公司"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "恒裕达机械有限公司", "龙岗工业集中区"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "晋禾米业有限公司", "龙岗工业集中区"), nullptr) << x.dump();
  EXPECT_EQ(x.count_from(RelationType::served, "韩立诚"), 0u) << x.dump();
}

// A sentence of the visit that opens in a park (在L，…) places what it
// visits there, not only in the town the visit went to.
TEST(VisitFrame, ASentenceOpeningInAParkPlacesWhatItVisits) {
  auto x = extract_text(
      "县委书记韩立诚到石岭镇调研。在石岭镇精密制造产业园，韩立诚走进恒裕达机械有限公司的生产车间。"
      "随后，韩立诚来到晋禾米业有限公司。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "恒裕达机械有限公司", "石岭镇精密制造产业园"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "晋禾米业有限公司", "石岭镇精密制造产业园"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "晋禾米业有限公司", "石岭镇"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "恒裕达机械有限公司"), nullptr) << x.dump();
}

// A site kg does not know (南山公园, 状元川景区) inside a list of what a visit
// saw does not end the list: the companies after it are served too.
TEST(VisitFrame, UnknownSitesInsideTheListKeepItGoing) {
  auto x = extract_text(
      "县委书记韩立诚带领观摩组到石岭镇进行观摩。观摩组先后到恒裕达机械有限公司、南山公园、状元川景区、"
      "晋禾米业有限公司等地，进行了实地查看。\n");
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "晋禾米业有限公司"), nullptr) << x.dump();
}

// A long site after a place kg knows (石岭镇特色种植专业化示范区) does not end the list.
TEST(VisitFrame, ALongUnknownSiteAfterAKnownPlaceKeepsTheListGoing) {
  auto x = extract_text(
      "县委书记韩立诚带领观摩组到石岭镇进行观摩。观摩组先后到恒裕达机械有限公司、石岭镇特色种植专业化示范区、"
      "晋禾米业有限公司等地，进行了实地查看。\n");
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "晋禾米业有限公司"), nullptr) << x.dump();
}

// A verb that ends in a verb of going (受到) opens no visit.
TEST(VisitFrame, WordsEndingInAVerbOfGoingAreNoJourney) {
  auto x = extract_text(
      "恒裕达机械有限公司的经验做法受到石岭镇群众好评，前来学习的企业络绎不绝。调研组先后来到晋禾米业有限公司、"
      "朝禾食品有限公司。\n");
  ASSERT_TRUE(x.has("石岭镇", EntityType::Place)) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "晋禾米业有限公司", "石岭镇"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "朝禾食品有限公司", "石岭镇"), nullptr) << x.dump();
}

// ---- events --------------------------------------------------------------------

// L举行…开工仪式, then 项目分别是A、B: the projects are in L.
TEST(EventFrame, ListedProjectsAreInThePlaceThatHoldsTheEvent) {
  auto x = extract_text(
      "9月18日，白杨镇举行2024年第三季度重大项目集中开工仪式。本次开工的项目分别是年产5万吨精密铸件项目、"
      "冷链物流集散中心项目。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "年产5万吨精密铸件项目", "白杨镇"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "冷链物流集散中心项目", "白杨镇"), nullptr) << x.dump();
}

TEST(EventFrame, AParkHoldingASigningCeremonyHostsItsProjects) {
  auto x = extract_text(
      "9月18日，锦溪产业园举行重大项目集中签约仪式。签约项目包括年产5万吨精密铸件项目、冷链物流集散中心项目。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "年产5万吨精密铸件项目", "锦溪产业园"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "冷链物流集散中心项目", "锦溪产业园"), nullptr) << x.dump();
}

// 仪式在X举行: X is where the ceremony took place, not where the projects are.
TEST(EventFrame, TheVenueIsNotTheHost) {
  auto x = extract_text(
      "9月18日，全县重大项目集中签约仪式在锦溪产业园举行。签约项目包括年产5万吨精密铸件项目、冷链物流集散中心项目。\n");
  ASSERT_TRUE(x.has("锦溪产业园", EntityType::Park)) << x.dump();
  ASSERT_TRUE(x.has("冷链物流集散中心项目", EntityType::Project)) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "年产5万吨精密铸件项目", "锦溪产业园"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "冷链物流集散中心项目", "锦溪产业园"), nullptr) << x.dump();
}

// ---- park membership -------------------------------------------------------------

// A、B等园区企业: the list before 等 belongs to the park the article is about.
TEST(ParkMembers, CompaniesListedBeforeParkCompanies) {
  auto x = extract_text(
      "青溪经济开发区加快产业集聚，恒裕达机械有限公司、晋禾米业有限公司等园区企业订单饱满。"
      "青溪经济开发区将持续优化服务。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "恒裕达机械有限公司", "青溪经济开发区"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "晋禾米业有限公司", "青溪经济开发区"), nullptr) << x.dump();
}

// X园龙头企业：A: the park written before the member word is A's park.
TEST(ParkMembers, ALeadingCompanyOfANamedPark) {
  auto x = extract_text("走进青溪食品产业园龙头企业：晋禾米业有限公司，生产线一派繁忙。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "晋禾米业有限公司", "青溪食品产业园"), nullptr) << x.dump();
}

// A 示范园 is a park (org_suffixes.tsv): its leading company is in it, not in
// the zone the article is about.
TEST(ParkMembers, ALeadingCompanyOfAModelPark) {
  auto x = extract_text(
      "青溪经济开发区加快产业集聚。青溪高新技术示范园龙头企业——晋禾米业有限公司 张三 摄\n");
  EXPECT_TRUE(x.has("青溪高新技术示范园", EntityType::Park)) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "晋禾米业有限公司", "青溪高新技术示范园"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "晋禾米业有限公司", "青溪经济开发区"), nullptr) << x.dump();
}

TEST(ParkMembers, ParkCompanyWithADashBeforeTheName) {
  auto x = extract_text("青溪经济开发区加快产业集聚。园区企业——恒裕达机械有限公司新上两条生产线。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "恒裕达机械有限公司", "青溪经济开发区"), nullptr) << x.dump();
}

// 园区企业 written right before the company ends its name and places it in the park.
TEST(ParkMembers, ParkCompanyRightBeforeTheName) {
  auto x = extract_text("青溪经济开发区加快产业集聚。园区企业恒裕达机械有限公司新上两条生产线。\n");
  EXPECT_TRUE(x.has("恒裕达机械有限公司", EntityType::Enterprise)) << x.dump();
  EXPECT_EQ(x.entity("园区企业恒裕达机械有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "恒裕达机械有限公司", "青溪经济开发区"), nullptr) << x.dump();
}

// X产业园龙头企业Y: Y is the company, in the park written before.
TEST(ParkMembers, ALeadingCompanyRightBeforeTheName) {
  auto x = extract_text("走进青溪食品产业园龙头企业晋禾米业有限公司，生产线一派繁忙。\n");
  EXPECT_TRUE(x.has("晋禾米业有限公司", EntityType::Enterprise)) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "晋禾米业有限公司", "青溪食品产业园"), nullptr) << x.dump();
}

// ---- bodies formed by companies ---------------------------------------------------

// 联合党支部由A、B以及C三家企业联合组建: the joint branch is the companies' (leads).
TEST(FormedBy, AJointPartyBranchLeadsTheCompaniesThatFormedIt) {
  auto x = extract_text(
      "柳湾工业园区联合党支部由恒裕达机械有限公司、晋禾米业有限公司以及青溪包装有限公司三家企业联合组建。\n");
  const std::string branch = "柳湾工业园区联合党支部";
  ASSERT_TRUE(x.has(branch, EntityType::PartyOrg)) << x.dump();
  for (const char* company : {"恒裕达机械有限公司", "晋禾米业有限公司", "青溪包装有限公司"})
    EXPECT_NE(x.relation(RelationType::leads, branch, company), nullptr) << company << x.dump();
}

// Without a verb of forming, or with no party organisation before 由, nothing is led.
TEST(FormedBy, NoFormingNoLeading) {
  auto hosted = extract_text("柳湾工业园区联合党支部由恒裕达机械有限公司负责人罗振宇担任书记。\n");
  EXPECT_EQ(hosted.relation(RelationType::leads, "柳湾工业园区联合党支部", "恒裕达机械有限公司"), nullptr)
      << hosted.dump();
  auto office = extract_text("柳湾镇招商办由恒裕达机械有限公司、晋禾米业有限公司联合组建。\n");
  for (const auto& r : office.out.relations) EXPECT_NE(r.type, RelationType::leads) << office.dump();
}

// ---- composed names ----------------------------------------------------------------

// 柳湾镇禾丰牧业, 青溪产业园朝禾食品: a town or park written right before a
// company in a visit's list places it there; the short name stands alone.
TEST(ComposedNames, ATownOrParkBeforeACompanyInAVisitsList) {
  auto x = extract_text(
      "县委书记韩立诚带队到石岭镇调研。调研组先后来到恒裕达机械有限公司、柳湾镇禾丰牧业、青溪产业园朝禾食品。\n");
  EXPECT_TRUE(x.has("禾丰牧业", EntityType::Enterprise)) << x.dump();
  EXPECT_TRUE(x.has("朝禾食品", EntityType::Enterprise)) << x.dump();
  EXPECT_EQ(x.entity("柳湾镇禾丰牧业"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "禾丰牧业", "柳湾镇"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "朝禾食品", "青溪产业园"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::served, "韩立诚", "禾丰牧业"), nullptr) << x.dump();
  // The place the text gives wins over the visit's host.
  EXPECT_EQ(x.relation(RelationType::located_in, "禾丰牧业", "石岭镇"), nullptr) << x.dump();
}

TEST(ComposedNames, ATownBeforeACompanyInAListOfCompanies) {
  auto x = extract_text("目前，园区已集聚柳湾镇禾丰牧业、青溪产业园朝禾食品等企业。\n");
  EXPECT_TRUE(x.has("禾丰牧业", EntityType::Enterprise)) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "禾丰牧业", "柳湾镇"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "朝禾食品", "青溪产业园"), nullptr) << x.dump();
}

// 位于L的X: of areas written together after 位于, the last is where X is.
TEST(ComposedNames, AreasWrittenTogetherAfterWeiyu) {
  auto x = extract_text("位于青溪县柳湾镇的恒裕达机械有限公司今年扩大产能。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "恒裕达机械有限公司", "柳湾镇"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "恒裕达机械有限公司", "青溪县"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "柳湾镇", "青溪县"), nullptr) << x.dump();
}

TEST(ComposedNames, AParkNamedWithItsTownAfterWeiyu) {
  auto x = extract_text("位于柳湾镇金桥路工业园区的恒裕达机械有限公司今年扩大产能。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "恒裕达机械有限公司", "柳湾镇金桥路工业园区"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "恒裕达机械有限公司", "柳湾镇"), nullptr) << x.dump();
}

// 坐落在L的A公司B项目: the project named after its company is what stands in L.
TEST(ComposedNames, ACompanysProjectAfterZuoluoZai) {
  auto x = extract_text("坐落在柳湾工业园区的恒裕达机械有限公司智能装备生产线项目已开工建设。\n");
  const LocalEntity* project = x.entity_at("恒裕达机械有限公司智能装备生产线项目");
  ASSERT_NE(project, nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, project->name, "柳湾工业园区"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "恒裕达机械有限公司", "柳湾工业园区"), nullptr) << x.dump();
}

// ---- located_in by the article's area ---------------------------------------------

// A、B等3个重点项目均已开工建设: projects that start with no place written are in
// the article's own area.
TEST(ArticleArea, ProjectsStartingWithNoPlaceAreInTheArticlesTown) {
  auto x = extract_text(
      "柳湾镇全力抓好项目建设。目前，青松岭文旅综合体项目、禾丰牧业生猪养殖项目等3个重点项目均已开工建设。"
      "柳湾镇将做好要素保障。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "青松岭文旅综合体项目", "柳湾镇"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "禾丰牧业生猪养殖项目", "柳湾镇"), nullptr) << x.dump();
}

// A project named after its company (澜程新材料项目) stays one item of the list.
TEST(ArticleArea, AProjectCarryingItsCompanysNameStaysInTheList) {
  auto x = extract_text(
      "柳湾镇全力抓好项目建设。目前，澜程新材料项目、禾丰牧业生猪养殖项目等3个重点项目均已开工建设。"
      "柳湾镇将做好要素保障。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "禾丰牧业生猪养殖项目", "柳湾镇"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "澜程新材料项目", "柳湾镇"), nullptr) << x.dump();
}

// 等4个项目: a counted bare 项目 stands for no one; the listed projects start in the area.
TEST(ArticleArea, ACountedBareXiangmuEndsTheList) {
  auto x = extract_text(
      "柳湾镇全力抓好项目建设。目前，青松岭文旅综合体项目、禾丰牧业生猪养殖项目等4个项目均已开工建设。"
      "柳湾镇将做好要素保障。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "青松岭文旅综合体项目", "柳湾镇"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "禾丰牧业生猪养殖项目", "柳湾镇"), nullptr) << x.dump();
}

// L引进A、B: the area before the verb attracts, not the park the article also names.
TEST(ArticleArea, TheAttractingAreaIsTheOneBeforeTheVerb) {
  auto x = extract_text(
      "青溪经济开发区与柳湾镇开展合作。今年，柳湾镇引进恒裕达机械有限公司、晋禾米业有限公司等企业。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "恒裕达机械有限公司", "柳湾镇"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "晋禾米业有限公司", "柳湾镇"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::located_in, "恒裕达机械有限公司", "青溪经济开发区"), nullptr) << x.dump();
}

// 该公司X项目: the company the demonstrative points to owns the project, and
// 该公司 is no part of the project's name.
TEST(ArticleArea, ADemonstrativeCompanyBeforeAProjectOwnsIt) {
  auto x = extract_text("恒裕达机械有限公司今年扩产。该公司年产10万吨饲料加工项目顺利投产。\n");
  EXPECT_TRUE(x.has("年产10万吨饲料加工项目", EntityType::Project)) << x.dump();
  EXPECT_EQ(x.entity("该公司年产10万吨饲料加工项目"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::project_of, "年产10万吨饲料加工项目", "恒裕达机械有限公司"), nullptr)
      << x.dump();
}

}  // namespace
}  // namespace kg::testing
