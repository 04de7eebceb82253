// tests/text/html_test.cc: web pages saved as HTML (fixtures written by
// fixtures/make_fixtures.py): the article text without markup, scripts,
// styles or navigation; metadata from <title> and <meta>; the declared
// charset, believed only when the bytes agree; offsets into the HTML bytes.
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "text_test_util.h"

using kg::test::fixture;
using kg::test::has;
using kg::test::read_file;
using kg::test::refusal_message;
using kg::test::text_of;

namespace {

const std::string kArticle =
    "青山经济开发区举行重点项目集中签约仪式\n"
    "5月18日,青山经济开发区举行重点项目集中签约仪式,共签约项目12个,总投资86.5亿元。\n"
    "开发区党工委书记王建国出席仪式并致辞。他表示,开发区将持续优化营商环境,为企业提供“保姆式”服务。\n"
    "签约项目中,青山华恒新能源科技有限公司储能电池项目总投资30亿元,R&D中心同步建设。\n"
    "项目负责人说:“选择青山,是因为这里服务效率高。”";

std::vector<kg::Document> read_page(const std::string& name, std::vector<std::string>* warnings = nullptr) {
  return kg::read_documents(fixture(name), read_file(fixture(name)), warnings);
}

std::u32string nfkc_of(const std::string& encoding, std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(encoding.c_str(), &status);
  icu::UnicodeString units(bytes.data(), static_cast<int32_t>(bytes.size()), cnv, status);
  ucnv_close(cnv);
  const icu::UnicodeString normal = icu::Normalizer2::getNFKCInstance(status)->normalize(units, status);
  std::string utf8;
  normal.toUTF8String(utf8);
  return kg::to_u32(utf8);
}

// Each character of the text points at HTML bytes that say it: the
// character itself (before NFKC), or a character reference for it.
void expect_offsets_into_html(const kg::Document& d, const std::string& bytes) {
  ASSERT_EQ(d.raw.size(), d.text.size());
  std::size_t references = 0;
  for (std::size_t i = 0; i < d.text.size(); ++i) {
    const kg::Span r = d.raw[i];
    ASSERT_LE(r.end, bytes.size());
    const char32_t c = d.text[i];
    if (c == U'\n') continue;
    ASSERT_FALSE(r.empty()) << "char " << i;
    const std::string source = bytes.substr(r.begin, r.size());
    if (source.front() == '&') {
      ++references;
      EXPECT_TRUE((source == "&ldquo;" && c == U'“') || (source == "&rdquo;" && c == U'”') ||
                  (source == "&amp;" && c == U'&'))
          << "char " << i << " '" << kg::to_utf8(c) << "' from " << source;
      continue;
    }
    if (c == U' ') continue;  // white space collapsed
    EXPECT_NE(nfkc_of(d.encoding, source).find(c), std::u32string::npos)
        << "char " << i << " '" << kg::to_utf8(c) << "' from '" << source << "'";
  }
  EXPECT_EQ(references, 5u);  // &ldquo; twice, &rdquo; twice, &amp;
}

}  // namespace

TEST(Html, ArticleTextWithoutMarkupScriptsOrNavigation) {
  auto docs = read_page("page.html");
  ASSERT_EQ(docs.size(), 1u);
  const kg::Document& d = docs[0];
  EXPECT_EQ(text_of(d), kArticle);
  for (const char* furniture : {"脚本里的园区", "不应出现", "color", "权威发布", "政务公开", "新闻中心", "正文",
                                "隐藏的段落", "相关新闻", "上一篇", "下一篇", "更多新闻", "版权所有", "<", ">"})
    EXPECT_FALSE(has(text_of(d), furniture)) << furniture;
  EXPECT_EQ(d.paragraphs.size(), 5u);  // headline, three <p>, the line after <br>
  EXPECT_EQ(d.stats.furniture_lines, 7u);  // header, nav, crumb, hidden <p>, aside, links, footer
}

TEST(Html, MetadataFromTitleAndMeta) {
  const kg::Document d = read_page("page.html").at(0);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.meta.title, "青山经济开发区举行重点项目集中签约仪式");
  EXPECT_EQ(d.meta.published, "2024-05-20");
  EXPECT_EQ(d.meta.outlet, "青山日报");
  EXPECT_EQ(d.meta.author, "李明");
  EXPECT_EQ(d.meta.editor, "张华");
}

TEST(Html, OffsetsPointIntoTheHtmlBytes) {
  for (const char* name : {"page.html", "page_gbk.htm"}) {
    SCOPED_TRACE(name);
    const std::string bytes = read_file(fixture(name));
    const kg::Document d = kg::read_documents(fixture(name), bytes).at(0);
    expect_offsets_into_html(d, bytes);
    // The headline is the <h1>'s, not the <title>'s.
    const std::string h1 = "<h1>";
    EXPECT_EQ(d.raw[0].begin, bytes.find(h1) + h1.size());
  }
}

TEST(Html, DeclaredCharsetIsUsed) {
  std::vector<std::string> warnings;
  auto docs = read_page("page_gbk.htm", &warnings);  // declares gb2312 in http-equiv
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].encoding, "GB18030");
  EXPECT_EQ(text_of(docs[0]), kArticle);
  EXPECT_TRUE(warnings.empty());
}

TEST(Html, WrongDeclaredCharsetGivesWayToTheBytesWithAWarning) {
  std::vector<std::string> warnings;
  auto docs = read_page("page_misdeclared.html", &warnings);  // GBK bytes, declared UTF-8
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].encoding, "GB18030");
  EXPECT_EQ(text_of(docs[0]), kArticle);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(has(warnings[0], "page_misdeclared.html") && has(warnings[0], "utf-8")) << warnings[0];
}

TEST(Html, RecognisedByContentAndTitleOpensTheText) {
  // A .txt name, and a body that does not repeat the title: the <title>,
  // without the site's name, becomes the first line.
  const std::string bytes = read_file(fixture("page_bare.txt"));
  auto docs = kg::read_documents(fixture("page_bare.txt"), bytes);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(text_of(docs[0]),
            "白云镇召开企业座谈会\n白云镇党委书记刘强主持召开企业座谈会,听取企业意见建议。\n会上,十家企业负责人先后发言。");
  EXPECT_EQ(docs[0].meta.title, "白云镇召开企业座谈会");
  EXPECT_EQ(docs[0].raw[0].begin, bytes.find("<title>") + 7);
}

TEST(Html, Utf16PageWithBom) {
  const std::string utf8 = read_file(fixture("page.html"));
  const icu::UnicodeString page = icu::UnicodeString::fromUTF8(utf8);
  std::string bytes = "\xFF\xFE";
  for (int32_t i = 0; i < page.length(); ++i) {
    bytes.push_back(static_cast<char>(page.charAt(i) & 0xFF));
    bytes.push_back(static_cast<char>(page.charAt(i) >> 8));
  }
  auto docs = kg::read_documents("saved.txt", bytes);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].encoding, "UTF-16LE");
  EXPECT_EQ(text_of(docs[0]), kArticle);
}

TEST(Html, PageNestedAbsurdlyDeepIsRefused) {
  // Parsing time grows with the square of the depth; such a page is refused
  // before it is parsed. A deep but sane page is read.
  std::string deep = "<html><body>";
  for (int i = 0; i < 20000; ++i) deep += "<div>";
  deep += "园区企业发展迅速。";
  const std::string message = refusal_message("deep.html", deep);
  EXPECT_TRUE(has(message, "deep.html") && has(message, "nested")) << message;
  std::string sane = "<html><body>";
  for (int i = 0; i < 1000; ++i) sane += "<div>";
  sane += "园区企业发展迅速。";
  EXPECT_EQ(text_of(kg::read_documents("sane.html", sane).at(0)), "园区企业发展迅速。");
}

TEST(Html, PageWithOnlyNavigationHasNoArticle) {
  const std::string page =
      "<!doctype html><html><body><nav><a href=/>首页</a><a href=/a>新闻</a></nav>"
      "<ul><li><a href=/1>开发区召开党建会议</a></li><li><a href=/2>园区企业发展迅速</a></li>"
      "<li><a href=/3>项目建设加速推进</a></li></ul></body></html>";
  const std::string message = refusal_message("index.html", page);
  EXPECT_TRUE(has(message, "index.html") && has(message, "no article text")) << message;
}
