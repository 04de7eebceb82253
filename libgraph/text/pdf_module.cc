// text/pdf_module.cc owns the only code that calls poppler: kg_pdf.so, the
// module the text stage loads at its first PDF (pdf_module.h says why). It
// opens the bytes with poppler's C++ interface and hands over each page's
// text in reading order; what the text is made into, and what a PDF is
// refused for, is pdf.cc's.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>

#include "text/pdf_module.h"

namespace {

// poppler reports syntax errors of damaged files on stderr by default; kg
// judges the file by what poppler can read, and says so itself.
void ignore_poppler_message(const std::string& /*message*/, void* /*closure*/) {}

int read_pages(const char* bytes, std::size_t size, int* pages, kg_pdf_page_sink sink, void* closure) {
  poppler::set_debug_error_function(ignore_poppler_message, nullptr);
  const std::unique_ptr<poppler::document> pdf(poppler::document::load_from_raw_data(bytes, static_cast<int>(size)));
  if (!pdf) return KG_PDF_UNREADABLE;
  if (pdf->is_locked()) return KG_PDF_ENCRYPTED;
  *pages = pdf->pages();
  for (int p = 0; p < *pages; ++p) {
    const std::unique_ptr<poppler::page> page(pdf->create_page(p));
    if (!page) {
      sink(closure, "", 0);
      continue;
    }
    const poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
    sink(closure, utf8.data(), utf8.size());
  }
  return KG_PDF_OK;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int kg_pdf_read_pages(const char* bytes, std::size_t size,
                                                                         int* pages, kg_pdf_page_sink sink,
                                                                         void* closure) {
  *pages = 0;
  // No exception may leave the module: the caller is C as far as it knows.
  try {
    return read_pages(bytes, size, pages, sink, closure);
  } catch (...) {
    return KG_PDF_FAILED;
  }
}
