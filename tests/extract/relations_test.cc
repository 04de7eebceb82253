// Relation rules of the extract stage, each on sentences written for it.
#include "extract_fixture.h"

namespace kg::testing {
namespace {

TEST(HoldsPost, CombinedPostsGiveOneRelationPerBody) {
  auto x = extract_text("会上，青白江区委常委、青白江经济开发区党工委书记、管委会主任刘振东作了讲话。\n");
  EXPECT_NE(x.relation(RelationType::holds_post, "刘振东", "青白江经济开发区党工委"), nullptr) << x.dump();
  const LocalEntity* person = x.entity("刘振东");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->type, EntityType::Official);
}

TEST(HoldsPost, SeveralNamesShareTheTitlesBeforeThem) {
  auto x = extract_text("会议由海门经济开发区党工委委员、副主任陆建明、顾晓红主持。\n");
  EXPECT_NE(x.relation(RelationType::holds_post, "陆建明", "海门经济开发区党工委"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "顾晓红", "海门经济开发区党工委"), nullptr) << x.dump();
}

TEST(HoldsPost, TitleAfterTheName) {
  auto x = extract_text("临江镇党委高度重视招商工作。“我们要当好店小二。”王海军书记说。\n");
  const LocalRelation* r = x.relation(RelationType::holds_post, "王海军", "临江镇党委");
  ASSERT_NE(r, nullptr) << x.dump();
  EXPECT_EQ(r->title, "书记");
}

TEST(HoldsPost, DeputyHeadOfTownAttachesToTheTown) {
  auto x = extract_text("新塍镇副镇长徐晓东带队检查安全生产工作。\n");
  const LocalRelation* r = x.relation(RelationType::holds_post, "徐晓东", "新塍镇");
  ASSERT_NE(r, nullptr) << x.dump();
  EXPECT_EQ(r->title, "副镇长");
}

TEST(HoldsPost, CompanyHeadIsAPerson) {
  auto x = extract_text("绍兴越芯科技有限公司负责人周立群介绍，新产线即将投产。\n");
  EXPECT_TRUE(x.has("周立群", EntityType::Person)) << x.dump();
  EXPECT_NE(x.relation(RelationType::holds_post, "周立群", "绍兴越芯科技有限公司"), nullptr) << x.dump();
}

TEST(Served, OfficialVisitingANamedCompany) {
  auto x = extract_text("平湖市副市长沈建国走访嘉兴泰科精密机械有限公司，协调解决用地难题。\n");
  EXPECT_NE(x.relation(RelationType::served, "沈建国", "嘉兴泰科精密机械有限公司"), nullptr) << x.dump();
}

TEST(Served, GenericCompanyMeansTheLastOneNamed) {
  auto x = extract_text(
      "宁波锐航智能装备有限公司计划扩大产能。了解情况后，镇党委副书记陈海鹰立即上门为企业协调解决用电问题。\n");
  EXPECT_NE(x.relation(RelationType::served, "陈海鹰", "宁波锐航智能装备有限公司"), nullptr) << x.dump();
}

TEST(Served, VerbAfterTheCompany) {
  auto x = extract_text("6月5日，县委副书记、县长郑国平在吉林恒泰药业有限公司调研，了解企业生产情况。\n");
  EXPECT_NE(x.relation(RelationType::served, "郑国平", "吉林恒泰药业有限公司"), nullptr) << x.dump();
}

TEST(Served, CompanyMentionedWithoutAServingVerb) {
  auto x = extract_text("县长郑国平表示，吉林恒泰药业有限公司是全县的龙头企业。\n");
  for (const auto& r : x.out.relations) EXPECT_NE(r.type, RelationType::served) << x.dump();
}

TEST(Served, SentenceOpensInTheCompany) {
  auto x = extract_text(
      "区委书记周海峰带队走访企业。在成都天府软件股份有限公司，周海峰详细了解企业研发情况。\n");
  EXPECT_NE(x.relation(RelationType::served, "周海峰", "成都天府软件股份有限公司"), nullptr) << x.dump();
}

TEST(Served, OfficialsNamedAfterTheVisit) {
  auto x = extract_text("5月6日，深入厦门星海电子有限公司调研的有镇党委书记王志远，镇党委副书记、镇长李晓峰等。\n");
  EXPECT_NE(x.relation(RelationType::served, "王志远", "厦门星海电子有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::served, "李晓峰", "厦门星海电子有限公司"), nullptr) << x.dump();
}

TEST(Served, CoordinatedOfficialsShareTheVisit) {
  auto x = extract_text("镇党委书记王志远，镇党委副书记、镇长李晓峰带领干部走进厦门星海电子有限公司。\n");
  EXPECT_NE(x.relation(RelationType::served, "王志远", "厦门星海电子有限公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::served, "李晓峰", "厦门星海电子有限公司"), nullptr) << x.dump();
}

TEST(Served, NoCompanyNoServedRelation) {
  auto x = extract_text("镇党委书记王志刚走访慰问困难群众，送去慰问金。\n");
  for (const auto& r : x.out.relations) EXPECT_NE(r.type, RelationType::served) << x.dump();
}

TEST(LocatedIn, SettlingVerbWithAPlace) {
  auto x = extract_text("苏州纳维光电股份有限公司签约落户昆山开发区。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "苏州纳维光电股份有限公司", "昆山开发区"), nullptr) << x.dump();
}

TEST(LocatedIn, WhatFollowsThePlaceAndDe) {
  auto x = extract_text("入驻滨海高新区的天津瑞普生物技术股份有限公司、天津凯莱英医药集团股份有限公司等企业发展良好。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "天津瑞普生物技术股份有限公司", "滨海高新区"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::located_in, "天津凯莱英医药集团股份有限公司", "滨海高新区"), nullptr) << x.dump();
}

// A province the article does not name may open a park's name before the
// county it does (江西 + 柳川 of 柳川县).
TEST(LocatedIn, AParkNamedAfterItsCountyBehindTheProvince) {
  auto x = extract_text("江西柳川金湖经济开发区举行项目签约仪式，柳川县委书记韩立诚出席。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "江西柳川金湖经济开发区", "柳川县"), nullptr) << x.dump();
}

TEST(LocatedIn, EstablishedInAPlace) {
  auto x = extract_text("该集团决定在柯桥区设立绍兴云帆纺织有限公司。\n");
  EXPECT_NE(x.relation(RelationType::located_in, "绍兴云帆纺织有限公司", "柯桥区"), nullptr) << x.dump();
}

TEST(Dates, TheSentenceGivesTheEventsDate) {
  auto x = extract_text("2023年3月8日，平湖市副市长沈建国走访嘉兴泰科精密机械有限公司。\n");
  const LocalRelation* r = x.relation(RelationType::served, "沈建国", "嘉兴泰科精密机械有限公司");
  ASSERT_NE(r, nullptr) << x.dump();
  bool dated = false;
  for (const auto& [k, v] : r->attributes) dated = dated || (k == "date" && v == "2023-03-08");
  EXPECT_TRUE(dated);
}

// The date attribute of the served relation of 沈建国 in `text` ("" if none),
// and where it came from.
std::pair<std::string, std::string> visit_date(const std::string& text) {
  auto x = extract_text(text);
  const LocalRelation* r = x.relation(RelationType::served, "沈建国", "嘉兴泰科精密机械有限公司");
  EXPECT_NE(r, nullptr) << x.dump();
  std::pair<std::string, std::string> date;
  if (r == nullptr) return date;
  for (const auto& [k, v] : r->attributes) {
    if (k == "date") date.first = v;
    if (k == "date_from") date.second = v;
  }
  return date;
}

using DateFrom = std::pair<std::string, std::string>;
const std::string kByline = "2023-03-01 10:00 来源：平湖日报\n\n";
const std::string kVisit = "平湖市副市长沈建国走访嘉兴泰科精密机械有限公司。\n";

TEST(Dates, WordsOfDatesLexiconCountFromTheArticlesDay) {
  // lexicons/dates.tsv: 近日 is the article's day, 昨天 the day before (across
  // a month's end), 去年 the year before, with a month after it.
  EXPECT_EQ(visit_date(kByline + "近日，" + kVisit), (DateFrom{"2023-03-01", "sentence"}));
  EXPECT_EQ(visit_date(kByline + "昨天，" + kVisit), (DateFrom{"2023-02-28", "sentence"}));
  EXPECT_EQ(visit_date(kByline + "去年11月，" + kVisit), (DateFrom{"2022-11", "sentence"}));
  EXPECT_EQ(visit_date(kByline + "今年2月16日，" + kVisit), (DateFrom{"2023-02-16", "sentence"}));
  // A day that does not exist keeps its month only.
  EXPECT_EQ(visit_date(kByline + "2月30日，" + kVisit), (DateFrom{"2023-02", "sentence"}));
}

TEST(Dates, AParagraphsDateGovernsItsLaterSentencesNotTheNextParagraph) {
  const std::string meeting = "2022年12月5日，平湖市召开经济工作会议。";
  EXPECT_EQ(visit_date(kByline + meeting + "会后，" + kVisit), (DateFrom{"2022-12-05", "paragraph"}));
  EXPECT_EQ(visit_date(kByline + meeting + "\n\n" + kVisit), (DateFrom{"2023-03-01", "article"}));
  // 当天 is the day last written, not the article's.
  EXPECT_EQ(visit_date(kByline + meeting + "当天下午，" + kVisit), (DateFrom{"2022-12-05", "paragraph"}));
}

TEST(Dates, AYearAloneAndADayBeforeADateAreNotTheEventsDate) {
  // 成立于2005年 dates no visit; 5日前 is "before the 5th", not 日前 (lately).
  EXPECT_EQ(visit_date(kByline + "成立于2005年的" + kVisit.substr(0, kVisit.size() - 1) + "\n").first, "2023-03-01");
  EXPECT_EQ(visit_date(kByline + "3月5日前，" + kVisit), (DateFrom{"2023-03-05", "sentence"}));
  // Without a byline, a month has no year: undated.
  EXPECT_EQ(visit_date("3月5日，" + kVisit), (DateFrom{"", ""}));
}

TEST(Dates, MonthAndDayTakeTheArticlesYear) {
  auto x = extract_text("2021-06-30 10:00 来源：平湖日报\n\n5月12日，平湖市副市长沈建国走访嘉兴泰科精密机械有限公司。\n");
  const LocalRelation* r = x.relation(RelationType::served, "沈建国", "嘉兴泰科精密机械有限公司");
  ASSERT_NE(r, nullptr) << x.dump();
  bool dated = false;
  for (const auto& [k, v] : r->attributes) dated = dated || (k == "date" && v == "2021-05-12");
  EXPECT_TRUE(dated) << x.doc.meta.published;
}

// 集中区党工委 in an article about 龙岗工业集中区: the committee of the park
// whose name ends in the kind it is written with; 园区机关党支部 is no such.
TEST(Leads, ACommitteeWrittenWithTheKindOfItsPark) {
  auto x = extract_text(
      "龙岗工业集中区加快项目建设。集中区党工委书记韩立诚表示，龙岗工业集中区将优化服务。"
      "园区机关党支部开展主题党日活动。\n");
  EXPECT_NE(x.relation(RelationType::leads, "集中区党工委", "龙岗工业集中区"), nullptr) << x.dump();
  EXPECT_EQ(x.relation(RelationType::leads, "园区机关党支部", "龙岗工业集中区"), nullptr) << x.dump();
}

TEST(ProjectOf, ProjectNamedAfterItsCompany) {
  auto x = extract_text("其中，万华化学公司乙烯二期项目进展顺利。\n");
  EXPECT_NE(x.relation(RelationType::project_of, "万华化学公司乙烯二期项目", "万华化学公司"), nullptr) << x.dump();
}

TEST(ProjectOf, BuiltByACompany) {
  auto x = extract_text("年产20万辆新能源汽车项目由浙江吉利控股集团有限公司投资建设，总投资50亿元。\n");
  EXPECT_NE(x.relation(RelationType::project_of, "年产20万辆新能源汽车项目", "浙江吉利控股集团有限公司"), nullptr)
      << x.dump();
  // 集团 inside 集团有限公司 is not a second company.
  int companies = 0;
  for (const auto& e : x.out.entities) companies += e.type == EntityType::Enterprise;
  EXPECT_EQ(companies, 1) << x.dump();
}

TEST(CooperatesWith, AWithBJointWork) {
  auto x = extract_text("宁波大学与宁波东方电缆股份有限公司共建海洋装备联合实验室。\n");
  EXPECT_NE(x.relation(RelationType::cooperates_with, "宁波东方电缆股份有限公司", "宁波大学"), nullptr) << x.dump();
  EXPECT_TRUE(x.has("海洋装备联合实验室", EntityType::Organization)) << x.dump();
}

TEST(CooperatesWith, ListBeforeJointVerb) {
  auto x = extract_text("由园区组织协调，长电科技、华为公司、中国电信联合开展5G工业应用攻关。\n");
  EXPECT_NE(x.relation(RelationType::cooperates_with, "长电科技", "华为公司"), nullptr) << x.dump();
  EXPECT_NE(x.relation(RelationType::cooperates_with, "华为公司", "中国电信"), nullptr) << x.dump();
}

TEST(Evidence, RelationKeepsItsSentence) {
  auto x = extract_text("第一句话没有关系。苏州纳维光电股份有限公司签约落户昆山开发区。最后一句。\n");
  const LocalRelation* r = x.relation(RelationType::located_in, "苏州纳维光电股份有限公司", "昆山开发区");
  ASSERT_NE(r, nullptr) << x.dump();
  EXPECT_NE(r->sentence.find("签约落户"), std::string::npos);
  EXPECT_EQ(r->sentence.find("第一句话"), std::string::npos);
  std::u32string text = x.doc.text.substr(r->evidence.begin, r->evidence.size());
  EXPECT_NE(text.find(U"签约落户"), std::u32string::npos);
}

// A build extracts with Sentences::leave_in_text: the same relations, each
// sentence empty, and its copy is exactly the document's text at the evidence.
TEST(Evidence, SentencesLeftInTheTextAreTheTextAtTheEvidence) {
  auto x = extract_text("第一句话没有关系。苏州纳维光电股份有限公司签约落户昆山开发区。\n"
                        "镇党委书记张小军走访了苏州纳维光电股份有限公司。最后一句。\n");
  ASSERT_GE(x.out.relations.size(), 2u) << x.dump();
  const Extraction left = shared_extractor().run(x.doc, Extractor::Sentences::leave_in_text);
  ASSERT_EQ(left.relations.size(), x.out.relations.size());
  for (std::size_t i = 0; i < left.relations.size(); ++i) {
    const LocalRelation& copied = x.out.relations[i];
    const LocalRelation& in_text = left.relations[i];
    EXPECT_TRUE(in_text.sentence.empty());
    EXPECT_EQ(in_text.evidence.begin, copied.evidence.begin);
    EXPECT_EQ(in_text.evidence.end, copied.evidence.end);
    EXPECT_EQ(std::tie(in_text.type, in_text.source, in_text.target, in_text.title),
              std::tie(copied.type, copied.source, copied.target, copied.title));
    EXPECT_EQ(to_utf8(x.doc.text.substr(copied.evidence.begin, copied.evidence.size())), copied.sentence);
  }
}

}  // namespace
}  // namespace kg::testing
