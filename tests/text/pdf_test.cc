// tests/text/pdf_test.cc: PDFs through poppler (fixtures written by
// fixtures/make_pdf.py): the text of the pages with lines and the page break
// inside a sentence repaired, page numbers dropped, characters pointing at
// their page, and the PDFs kg cannot read refused with a message. poppler
// lives in a module loaded at the first PDF: a process that reads none
// does not load it, and a module that is missing or wrong is named.
#include <gtest/gtest.h>
#include <link.h>

#include "text/internal.h"
#include "text_test_util.h"

using kg::test::fixture;
using kg::test::has;
using kg::test::read_file;
using kg::test::refusal_message;
using kg::test::text_of;

namespace {

bool poppler_loaded() {
  bool found = false;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* out) {
        if (info->dlpi_name != nullptr && std::string_view(info->dlpi_name).find("libpoppler") != std::string_view::npos)
          *static_cast<bool*>(out) = true;
        return 0;
      },
      &found);
  return found;
}

// Before main() and any test: whether linking the text stage loads poppler.
const bool poppler_loaded_at_start = poppler_loaded();

}  // namespace

TEST(Pdf, PopplerIsLoadedAtTheFirstPdfNotBefore) {
  EXPECT_FALSE(poppler_loaded_at_start);
  const auto docs = kg::read_documents(fixture("report.pdf"), read_file(fixture("report.pdf")));
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(poppler_loaded());
}

TEST(Pdf, TheModuleIsFoundWhereBuiltAndAMissingOrWrongOneIsNamed) {
  const std::vector<std::string> paths = kg::text_detail::pdf_module_paths();
  ASSERT_FALSE(paths.empty());
  // The first place is beside the executable (an installed kg).
  EXPECT_EQ(paths.front().find('/'), 0u) << paths.front();

  const kg::text_detail::PdfModule missing = kg::text_detail::load_pdf_module({"/nonexistent/kg_pdf.so"});
  EXPECT_EQ(missing.read_pages, nullptr);
  EXPECT_TRUE(has(missing.error, "/nonexistent/kg_pdf.so")) << missing.error;

  // A library that loads but is not kg's module.
  const kg::text_detail::PdfModule wrong = kg::text_detail::load_pdf_module({"libc.so.6"});
  EXPECT_EQ(wrong.read_pages, nullptr);
  EXPECT_TRUE(has(wrong.error, "libc.so.6") && has(wrong.error, "kg_pdf_read_pages")) << wrong.error;

  // Past both, the module that was built.
  std::vector<std::string> tried{"/nonexistent/kg_pdf.so", "libc.so.6"};
  tried.insert(tried.end(), paths.begin(), paths.end());
  const kg::text_detail::PdfModule found = kg::text_detail::load_pdf_module(tried);
  ASSERT_NE(found.read_pages, nullptr) << found.error;
  EXPECT_NE(found.path.find("kg_pdf.so"), std::string::npos) << found.path;
  EXPECT_TRUE(found.error.empty()) << found.error;
}

TEST(Pdf, TextWithBrokenLinesAndPagesRepaired) {
  std::vector<std::string> warnings;
  auto docs = kg::read_documents(fixture("report.pdf"), read_file(fixture("report.pdf")), &warnings);
  ASSERT_EQ(docs.size(), 1u);
  const kg::Document& d = docs[0];
  EXPECT_EQ(d.encoding, "PDF");
  EXPECT_EQ(text_of(d),
            "开发区推进重点项目建设\n"
            "本报讯 近日,高新技术产业开发区党工委书记王明到园区企业调研,要求各部门加强服务,推动重点项目尽快落地。"
            "园区管委会主任李华表示,今年将引进优质企业二十家,总投资超过十亿元,其中青山华恒新能源科技有限公司"
            "储能电池项目已于五月开工建设,建成后年产值可达五十亿元。\n"
            "王明强调,要坚持项目为王,以更实的作风、更优的服务推动开发区高质量发展。");
  EXPECT_EQ(d.meta.title, "开发区推进重点项目建设");
  EXPECT_EQ(d.meta.published, "2024-06-03");
  EXPECT_EQ(d.meta.outlet, "园区日报");
  EXPECT_GE(d.stats.lines_joined, 4u);
  EXPECT_EQ(d.stats.furniture_lines, 2u);  // "- 1 -" and "- 2 -"
  // Page 3 has no text: said, not silently skipped.
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(has(warnings[0], "report.pdf") && has(warnings[0], "1 of 3") && has(warnings[0], "no text layer"))
      << warnings[0];
}

TEST(Pdf, CharactersPointAtTheirPage) {
  const kg::Document d = kg::read_documents(fixture("report.pdf"), read_file(fixture("report.pdf"))).at(0);
  ASSERT_EQ(d.raw.size(), d.text.size());
  const std::size_t page2 = d.text.find(U"已于五月");
  ASSERT_NE(page2, std::u32string::npos);
  for (std::size_t i = 0; i < d.text.size(); ++i) {
    if (d.text[i] == U'\n') continue;
    const kg::Span expected = i < page2 ? kg::Span{0, 1} : kg::Span{1, 2};
    ASSERT_EQ(d.raw[i], expected) << "char " << i << " '" << kg::to_utf8(d.text[i]) << "'";
  }
}

TEST(Pdf, RecognisedByContentWhateverItsName) {
  auto docs = kg::read_documents("download.bin", read_file(fixture("report.pdf")));
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].encoding, "PDF");
}

TEST(Pdf, UnreadablePdfsAreRefusedNamingTheFile) {
  std::string message = refusal_message("notes.pdf", "园区企业发展迅速。\n");
  EXPECT_TRUE(has(message, "notes.pdf") && has(message, "not a PDF file")) << message;

  std::string damaged = read_file(fixture("report.pdf")).substr(0, 300);
  message = refusal_message("damaged.pdf", damaged);
  EXPECT_TRUE(has(message, "damaged.pdf") && has(message, "not a readable PDF")) << message;

  message = refusal_message(fixture("scanned.pdf"), read_file(fixture("scanned.pdf")));
  EXPECT_TRUE(has(message, "scanned.pdf") && has(message, "without a text layer")) << message;

  message = refusal_message(fixture("locked.pdf"), read_file(fixture("locked.pdf")));
  EXPECT_TRUE(has(message, "locked.pdf") && has(message, "encrypted")) << message;
}
