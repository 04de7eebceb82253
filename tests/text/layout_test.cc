// tests/text/layout_test.cc: line-level rules: page furniture, metadata,
// joining lines broken inside a sentence, splitting articles, paragraphs
// and sentences.
#include <gtest/gtest.h>

#include "text_test_util.h"

using kg::test::has;
using kg::test::read_text;
using kg::test::text_of;

TEST(Layout, PageFurnitureLeavesTheText) {
  auto docs = read_text(
      "首页 > 宏观 > 正文\n\n"
      "当前位置: 首页>>地方>>浙江 >> 正文\n"
      "园区党工委推进重点项目建设\n\n"
      "园区党工委召开会议,研究部署重点项目建设工作,要求加快推进项目落地。\n\n"
      "【字号 大 中 小】\n分享到:\n打印\n返回顶部\n相关阅读\n精彩推送\n推荐阅读\n相关稿件\n");
  ASSERT_EQ(docs.size(), 1u);
  const std::string text = text_of(docs[0]);
  for (const char* furniture : {"首页", "当前位置", "字号", "分享到", "打印", "返回顶部", "相关阅读", "精彩推送",
                                "推荐阅读", "相关稿件"})
    EXPECT_FALSE(has(text, furniture)) << furniture;
  EXPECT_EQ(docs[0].stats.furniture_lines, 10u);
  EXPECT_EQ(text, "园区党工委推进重点项目建设\n园区党工委召开会议,研究部署重点项目建设工作,要求加快推进项目落地。");
}

TEST(Layout, DateSourceAuthorLine) {
  auto docs = read_text(
      "【江苏】开发区党工委推进项目建设\n"
      "2019年12月11日 14:21:44 来源: 园区新闻网 作者: 王小明 李 华\n\n"
      "开发区党工委召开会议,研究部署项目建设工作。\n\n"
      "责任编辑: web003\n");
  ASSERT_EQ(docs.size(), 1u);
  const kg::DocumentMeta& m = docs[0].meta;
  EXPECT_EQ(m.title, "开发区党工委推进项目建设");
  EXPECT_EQ(m.published, "2019-12-11");
  EXPECT_EQ(m.outlet, "园区新闻网");
  EXPECT_EQ(m.author, "王小明 李 华");
  EXPECT_EQ(m.editor, "web003");
  const std::string text = text_of(docs[0]);
  EXPECT_FALSE(has(text, "来源"));
  EXPECT_FALSE(has(text, "王小明"));
  EXPECT_FALSE(has(text, "web003"));
}

TEST(Layout, IsoDateWithTimeAndSourceGluedOn) {
  auto docs = read_text(
      "园区发展纪实\n\n2022-10-24 09:32:31來源:江蘇經濟報  \n\n園區黨工委召開會議,研究部署項目建設工作。\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].meta.published, "2022-10-24");
  EXPECT_EQ(docs[0].meta.outlet, "江苏经济报");
}

TEST(Layout, NamesAndEditorsInTraditionalBecomeSimplifiedMetadata) {
  auto docs = read_text(
      "馬海成\n\n\n主題教育開展以來,鎮黨委聚焦項目建設,推動經濟發展。\n"
      "鎮黨委書記張小軍表示,要持續優化服務。\n(責任編輯:曹曉晨)\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].meta.author, "马海成");
  EXPECT_EQ(docs[0].meta.editor, "曹晓晨");
  EXPECT_TRUE(docs[0].meta.title.empty());
  const std::string text = text_of(docs[0]);
  EXPECT_FALSE(has(text, "马海成"));
  EXPECT_FALSE(has(text, "曹晓晨"));
  EXPECT_FALSE(has(text, "责任编辑"));
  EXPECT_TRUE(has(text, "镇党委书记张小军表示"));
}

TEST(Layout, TrailingNamesAfterTheLastSentenceAreTheByline) {
  auto docs = read_text("园区党工委召开会议,研究部署项目建设工作。\n推动高质量发展迈上新台阶。单晓宁 钟 艺 吴晓倩\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].meta.author, "单晓宁 钟 艺 吴晓倩");
  EXPECT_TRUE(has(text_of(docs[0]), "迈上新台阶。"));
  EXPECT_FALSE(has(text_of(docs[0]), "吴晓倩"));
}

TEST(Layout, CreditInParenthesesAtTheEnd) {
  auto docs = read_text("园区党工委召开会议,研究部署项目建设工作。\n为园区发展提供有力保障。(供稿:谭剑霞)\n\n返回顶部\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].meta.author, "谭剑霞");
  EXPECT_FALSE(has(text_of(docs[0]), "谭剑霞"));
  EXPECT_TRUE(has(text_of(docs[0]), "有力保障。"));
}

TEST(Layout, BylineArrow) {
  auto docs = read_text("西安高新区发放政策红包\n\n► 吕宏伟\n\n西安高新区以创新科技经费奖补方式,颁布了创新券政策。\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].meta.author, "吕宏伟");
  EXPECT_EQ(docs[0].meta.title, "西安高新区发放政策红包");
  EXPECT_FALSE(has(text_of(docs[0]), "吕宏伟"));
}

TEST(Layout, BrokenLinesAreJoinedHeadingsKept) {
  auto docs = read_text(
      "园区大数据产业发展迅速\n\n"
      "通过创造优越的营商环境,提供优质的配套服务,吸引浪潮集团、科大讯\n\n"
      "飞、博彦科技等优质项目落地。\n\n"
      "锻造过硬作风 争创一流成绩\n\n"
      "过去,米庄镇因种种历史遗留问题,存在较多的\n\n"
      "存量违建,这些违建已经拆除。坚持用党员推荐的办法,建立村\n\n"
      "(社区)后备干部库。\n");
  ASSERT_EQ(docs.size(), 1u);
  const std::string text = text_of(docs[0]);
  EXPECT_TRUE(has(text, "科大讯飞、博彦科技"));
  EXPECT_TRUE(has(text, "较多的存量违建"));
  EXPECT_TRUE(has(text, "建立村(社区)后备干部库"));
  EXPECT_TRUE(has(text, "\n锻造过硬作风 争创一流成绩\n"));
  EXPECT_EQ(docs[0].stats.lines_joined, 3u);
  EXPECT_EQ(docs[0].paragraphs.size(), 4u);
  EXPECT_FALSE(has(text, "\n\n"));
}

TEST(Layout, SingleArticleWithSectionHeadingsIsNotSplit) {
  auto docs = read_text(
      "镇巴县园区党工委:强化党建引领 以招商引资赋能高质量发展\n\n"
      "2024-04-03 13:40:09 来源:西部决策网\n\n"
      "西部决策网讯 今年以来,镇巴县园区党工委锚定战略定位,为全县高质量发展筑牢压舱石。\n\n"
      "“党建+”全面提升,把准高质量发展之“舵”\n\n"
      "园区党工委坚持学习促提升,始终把政治建设摆在首位。\n\n"
      "以学促知 上好凝心铸魂理论课\n\n"
      "园区机关党支部开展了一系列形式多样的学党史主题教育。\n\n"
      "接下来,园区党工委将继续保持良好工作状态。\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].meta.title, "镇巴县园区党工委:强化党建引领 以招商引资赋能高质量发展");
  EXPECT_TRUE(has(text_of(docs[0]), "以学促知 上好凝心铸魂理论课"));
}

TEST(Layout, SeveralArticlesInOneFile) {
  auto docs = read_text(
      "\n\n争就争第一 干就干最好\n\n米庄镇多措并举提升干部执行力\n\n► 文武 杨柳\n\n"
      "米庄镇党委着力在提高“四力”上下功夫,有力净化了政治生态。\n\n"
      "镇领导班子成员进企业、进社区宣讲党的理论,理论武装实现全覆盖。\n\n"
      "马程浩\n\n"
      "西安高新区发放超10亿元“政策红包”\n\n► 吕宏伟\n\n"
      "2018年3月,西安高新区颁布了创新券政策。\n\n"
      "西安高新区已为园区内企业发放创新券超过10亿元。\n\n"
      "景德镇高新区:主题教育抓落实 高质量发展见实效\n\n"
      "本报讯 近日获悉,景德镇高新区党工委推动主题教育扎实开展。\n\n"
      "景德镇高新区党工委将全力推动各项部署落到实处。 曹燕妮\n");
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].meta.title, "争就争第一 干就干最好");
  EXPECT_EQ(docs[0].meta.author, "文武 杨柳");
  EXPECT_FALSE(has(text_of(docs[0]), "马程浩"));
  EXPECT_EQ(docs[1].meta.title, "西安高新区发放超10亿元“政策红包”");
  EXPECT_EQ(docs[1].meta.author, "吕宏伟");
  EXPECT_EQ(docs[2].meta.title, "景德镇高新区:主题教育抓落实 高质量发展见实效");
  EXPECT_EQ(docs[2].meta.author, "曹燕妮");
  for (std::size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ(docs[i].part, i);
    EXPECT_EQ(docs[i].source, "inline.txt");
    EXPECT_EQ(docs[i].sha256, docs[0].sha256);
  }
  EXPECT_TRUE(has(text_of(docs[1]), "创新券政策"));
  EXPECT_FALSE(has(text_of(docs[0]), "创新券"));
}

TEST(Layout, OpeningParagraphFoundLaterGoesBackToItsArticle) {
  auto docs = read_text(
      "米庄镇多措并举提升干部执行力\n\n► 文武\n\n"
      "米庄镇党委着力在提高“四力”上下功夫,有力净化了政治生态。\n\n"
      "镇领导班子成员进企业、进社区宣讲党的理论。\n\n"
      "临沂高新区崛起大数据产业特色高地\n\n\n\n"
      "为山东省优秀大数据产品和应用解决方案,临沂市民卡公司中标电子健康卡项目。\n\n"
      "大数据产业发展氛围愈加浓厚。\n\n"
      "马程浩\n\n"
      "西安高新区发放超10亿元“政策红包”\n\n► 吕宏伟\n\n"
      "2018年3月,西安高新区颁布了创新券政策。\n\n"
      "西安高新区已为园区内企业发放创新券超过10亿元。\n\n"
      "本报讯 近日获悉,作为省级大数据产业集聚区,临沂高新区拥有大数据相关企业100余家。\n\n"
      "大数据骨干企业充满创新活力。临沂高新区建有多个云分析应用平台,阿帕网络“物流大数据分析与应用平台”被列入\n");
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[1].meta.title, "临沂高新区崛起大数据产业特色高地");
  const std::string linyi = text_of(docs[1]);
  EXPECT_TRUE(has(linyi, "临沂高新区崛起大数据产业特色高地\n本报讯 近日获悉"));
  EXPECT_TRUE(has(linyi, "被列入为山东省优秀大数据产品"));
  EXPECT_FALSE(has(text_of(docs[2]), "本报讯"));
}

TEST(Layout, SentencesCoverParagraphsAndKeepQuotesWhole) {
  auto docs = read_text("他说:“今年要加强服务。明年要扩大投资!”会议结束。大家很满意?是的。\n第二段只有一句。\n");
  ASSERT_EQ(docs.size(), 1u);
  const kg::Document& d = docs[0];
  ASSERT_EQ(d.paragraphs.size(), 2u);
  std::vector<std::u32string> sentences;
  for (const kg::Span& s : d.sentences) sentences.push_back(d.text.substr(s.begin, s.size()));
  const std::vector<std::u32string> expected = {U"他说:“今年要加强服务。明年要扩大投资!”", U"会议结束。", U"大家很满意?",
                                                U"是的。", U"第二段只有一句。"};
  EXPECT_EQ(sentences, expected);
  for (const kg::Span& s : d.sentences) {
    bool inside = false;
    for (const kg::Span& p : d.paragraphs) inside = inside || p.contains(s);
    EXPECT_TRUE(inside);
  }
}

TEST(Layout, SentenceOpeningWithADateIsText) {
  auto docs = read_text(
      "南法信镇举办企业座谈会\n\n2024-02-01 来源:顺义时讯\n\n"
      "2024年1月31日,南法信镇举办企业新春座谈会。\n\n2023年11月2日 培训班学员来到产业园参观\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].meta.published, "2024-02-01");
  EXPECT_TRUE(has(text_of(docs[0]), "2024年1月31日,南法信镇举办企业新春座谈会。"));
  EXPECT_TRUE(has(text_of(docs[0]), "2023年11月2日 培训班学员来到产业园参观"));
}

TEST(Layout, ParagraphMentioningThePaperDoesNotStartAnArticle) {
  auto docs = read_text(
      "园区党工委推进项目建设\n\n"
      "本报讯(记者 王明)园区党工委召开会议,研究部署项目建设工作。\n\n"
      "会议要求加快推进项目落地,优化营商环境。\n\n"
      "本报将持续关注园区项目建设进展。\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(has(text_of(docs[0]), "本报将持续关注"));
}

TEST(Layout, LeadWithPlaceAndDateAfterAnotherArticleStartsANewOne) {
  auto docs = read_text(
      "园区党工委推进项目建设\n\n"
      "园区党工委召开会议,研究部署项目建设工作。\n\n"
      "会议要求加快推进项目落地,优化营商环境。\n\n"
      "本报北京3月1日讯 记者从市发展改革委获悉,全市重大项目建设进展顺利。\n\n"
      "今年计划实施重大项目三百个。\n");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_TRUE(has(text_of(docs[1]), "本报北京3月1日讯"));
  EXPECT_FALSE(has(text_of(docs[0]), "重大项目三百个"));
}

TEST(Layout, WebPageFurnitureAndCredits) {
  auto docs = read_text(
      "区政府网站 > 首页 > 政务动态\n"
      "开发区召开重点项目推进会\n"
      "发布时间:2023-05-06 10:21 信息来源:区融媒体中心 浏览次数:1234\n"
      "【字体:大 中 小】\n"
      "本报讯(记者 王明 通讯员 李华)5日,开发区召开重点项目推进会,部署下一阶段工作。\n"
      "会议要求,各部门要加强协调,推动项目早日投产。\n"
      "编辑:赵六 审核:钱七\n"
      "【打印本页】【关闭窗口】\n"
      "我要纠错\n");
  ASSERT_EQ(docs.size(), 1u);
  const kg::DocumentMeta& m = docs[0].meta;
  EXPECT_EQ(m.title, "开发区召开重点项目推进会");
  EXPECT_EQ(m.published, "2023-05-06");
  EXPECT_EQ(m.outlet, "区融媒体中心");
  EXPECT_EQ(m.author, "王明 李华");
  EXPECT_EQ(m.editor, "赵六");
  EXPECT_EQ(text_of(docs[0]),
            "开发区召开重点项目推进会\n5日,开发区召开重点项目推进会,部署下一阶段工作。\n"
            "会议要求,各部门要加强协调,推动项目早日投产。");
}

TEST(Layout, ReporterBylineLines) {
  auto docs = read_text("园区项目建设提速\n\n本报记者 张伟 通讯员 刘洋\n\n园区项目建设提速,三个项目同时开工。\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].meta.author, "张伟 刘洋");
  EXPECT_FALSE(has(text_of(docs[0]), "张伟"));
  auto slash = read_text("园区项目建设提速\n\n文/张伟\n\n园区项目建设提速,三个项目同时开工。\n");
  ASSERT_EQ(slash.size(), 1u);
  EXPECT_EQ(slash[0].meta.author, "张伟");
}

TEST(Layout, LongHeadlineAboveTheSourceLineAndDateAfterTheOutlet) {
  auto docs = read_text(
      "高新区党工委以高质量党建引领高质量发展推动园区企业和重点项目建设再上新台阶全面开创新局面\n"
      "来源:园区日报  2023-06-01 09:30\n"
      "高新区党工委召开会议,研究部署项目建设工作。\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].meta.title, "高新区党工委以高质量党建引领高质量发展推动园区企业和重点项目建设再上新台阶全面开创新局面");
  EXPECT_EQ(docs[0].meta.outlet, "园区日报");
  EXPECT_EQ(docs[0].meta.published, "2023-06-01");
}

TEST(Layout, PlaceNameLineIsNotAnAuthor) {
  auto docs = read_text("高新区\n\n高新区党工委召开会议,研究部署项目建设工作。\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0].meta.author.empty());
}

// An e-paper column breaks every line at one width; a short line at that
// width is the middle of a sentence, and a short line below it is a heading.
TEST(Layout, LinesAtTheColumnWidthAreJoined) {
  auto docs = read_text(
      "新区招商引资再上台阶\n\n"
      "本报讯 新区经济运行稳中有进。\n\n"
      "本月以来新区管委会主任\n\n"
      "带队走访园区重点企业了\n\n"
      "解生产经营中遇到的困难\n\n"
      "企业负责人介绍了新项目\n\n"
      "的建设进度和下一步打算\n\n"
      "双方就扩大产能深入交流\n\n"
      "提出建设产业园的新设想。\n\n"
      "产业链招商\n\n"
      "园区将继续优化营商环境。\n");
  ASSERT_EQ(docs.size(), 1u);
  const std::string text = text_of(docs[0]);
  EXPECT_TRUE(has(text, "新区管委会主任带队走访园区重点企业了解生产经营中遇到的困难"));
  EXPECT_TRUE(has(text, "介绍了新项目的建设进度"));
  EXPECT_TRUE(has(text, "\n产业链招商\n"));
}
