// text/pdf.cc owns PDF input, read through poppler's C++ interface: the text
// of each page in reading order, pages joined by a line break (so that the
// layout step repairs a sentence broken across lines or pages as it does for
// any PDF text), and the refusals a PDF can earn (damaged, encrypted, no
// text layer at all).
//
// Offsets: a PDF's text lives in compressed content streams, drawn glyph by
// glyph, so a character has no byte range of its own in the file. A
// character of a PDF document therefore points at its page: raw[i] is
// {p, p + 1} for a character on page p (counted from 0), and
// Document::encoding is "PDF" to say so.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>
#include <mutex>

#include "core/utf8.h"
#include "text/internal.h"
#include "text/text.h"

namespace kg::text_detail {
namespace {

[[noreturn]] void refuse(std::string_view source, std::string_view why) {
  throw InputError(std::string(source) + ": " + std::string(why));
}

bool has_pdf_extension(std::string_view source) {
  if (source.size() < 4) return false;
  std::string ext(source.substr(source.size() - 4));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return ext == ".pdf";
}

// poppler reports syntax errors of damaged files on stderr by default; kg
// judges the file by what poppler can read, and says so itself.
void ignore_poppler_message(const std::string& /*message*/, void* /*closure*/) {}

}  // namespace

bool looks_like_pdf(std::string_view source, std::string_view bytes) {
  // The header may follow up to 1024 bytes of junk (PDF 32000-1, 7.5.2 note).
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return true;
  return has_pdf_extension(source);
}

PdfText read_pdf(std::string_view source, std::string_view bytes) {
  if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos) refuse(source, "not a PDF file (no %PDF- header)");
  if (bytes.size() > 0x7FFFFFFF) refuse(source, "PDF too large (2 GiB or more)");
  // poppler's global state (its parameters, font cache) is not documented as
  // safe across threads; PDFs are few, so they are read one at a time.
  static std::mutex poppler_lock;
  const std::lock_guard<std::mutex> lock(poppler_lock);
  poppler::set_debug_error_function(ignore_poppler_message, nullptr);

  const std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) refuse(source, "not a readable PDF (damaged, or a kind poppler cannot open)");
  if (pdf->is_locked()) refuse(source, "encrypted PDF (kg reads only PDFs that open without a password)");

  PdfText out;
  std::vector<int> empty_pages;
  const int pages = pdf->pages();
  for (int p = 0; p < pages; ++p) {
    const std::unique_ptr<poppler::page> page(pdf->create_page(p));
    std::u32string text;
    if (page) {
      const poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
      text = to_u32(std::string_view(utf8.data(), utf8.size()));
    }
    bool visible = false;
    for (char32_t c : text) visible = visible || (c > ' ' && c != 0x3000 && c != 0xA0);
    if (!visible) {
      empty_pages.push_back(p + 1);
      continue;
    }
    const Span at{static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p + 1)};
    if (out.chars.size() > 0) out.chars.push(U'\n', Span{at.begin, at.begin});
    for (char32_t c : text) out.chars.push(c == '\f' ? U'\n' : c, at);
  }
  if (out.chars.size() == 0)
    refuse(source, pages == 0 ? "PDF without pages" : "PDF without a text layer (scanned pages need OCR first)");
  if (!empty_pages.empty()) {
    std::string list;
    for (std::size_t i = 0; i < empty_pages.size() && i < 10; ++i) list += (i ? ", " : "") + std::to_string(empty_pages[i]);
    if (empty_pages.size() > 10) list += ", ...";
    out.notes.push_back(std::to_string(empty_pages.size()) + " of " + std::to_string(pages) +
                        " PDF pages have no text layer (scanned?), skipped: " + list);
  }
  return out;
}

}  // namespace kg::text_detail
