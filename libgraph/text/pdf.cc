// text/pdf.cc owns PDF input: the text of each page in reading order, pages
// joined by a line break (so that the layout step repairs a sentence broken
// across lines or pages as it does for any PDF text), and the refusals a PDF
// can earn (damaged, encrypted, no text layer at all). poppler reads the
// pages, in kg's PDF module, which this file loads at the first PDF
// (pdf_module.h says why): first from the library folder of an installed kg
// (KG_PDF_MODULE_INSTALLED, relative to the executable), then from the build
// tree (KG_PDF_MODULE_BUILT).
//
// Offsets: a PDF's text lives in compressed content streams, drawn glyph by
// glyph, so a character has no byte range of its own in the file. A
// character of a PDF document therefore points at its page: raw[i] is
// {p, p + 1} for a character on page p (counted from 0), and
// Document::encoding is "PDF" to say so.
#include <dlfcn.h>
#include <unistd.h>

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

// The folder of the running executable, with a final '/'; empty if unknown.
std::string executable_folder() {
  std::string path(4096, '\0');
  const ssize_t n = readlink("/proc/self/exe", path.data(), path.size());
  if (n <= 0 || static_cast<std::size_t>(n) >= path.size()) return {};
  path.resize(static_cast<std::size_t>(n));
  return path.substr(0, path.rfind('/') + 1);
}

}  // namespace

PdfModule load_pdf_module(const std::vector<std::string>& paths) {
  PdfModule found;
  for (const std::string& path : paths) {
    // Never closed: the module serves the process to its end.
    void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (module == nullptr) {
      const char* why = dlerror();
      found.error += (found.error.empty() ? "" : "; ") + (why ? std::string(why) : path + ": cannot be loaded");
      continue;
    }
    if (void* read = dlsym(module, KG_PDF_READ_PAGES_SYMBOL)) {
      found.read_pages = reinterpret_cast<decltype(found.read_pages)>(read);
      found.path = path;
      found.error.clear();
      return found;
    }
    found.error += (found.error.empty() ? "" : "; ") + path + ": no " KG_PDF_READ_PAGES_SYMBOL;
  }
  return found;
}

std::vector<std::string> pdf_module_paths() {
  std::vector<std::string> paths;
  if (const std::string folder = executable_folder(); !folder.empty())
    paths.push_back(folder + KG_PDF_MODULE_INSTALLED);
  paths.emplace_back(KG_PDF_MODULE_BUILT);
  return paths;
}

bool looks_like_pdf(std::string_view source, std::string_view bytes) {
  // The header may follow up to 1024 bytes of junk (PDF 32000-1, 7.5.2 note).
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return true;
  return has_pdf_extension(source);
}

PdfText read_pdf(std::string_view source, std::string_view bytes) {
  if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos) refuse(source, "not a PDF file (no %PDF- header)");
  if (bytes.size() > 0x7FFFFFFF) refuse(source, "PDF too large (2 GiB or more)");
  static const PdfModule module = load_pdf_module(pdf_module_paths());
  if (module.read_pages == nullptr)
    refuse(source, "cannot read PDFs: kg's PDF module (poppler) is missing or broken: " + module.error);

  // poppler's global state (its parameters, font cache) is not documented as
  // safe across threads; PDFs are few, so they are read one at a time.
  static std::mutex poppler_lock;
  std::vector<std::string> page_texts;
  int pages = 0;
  int status = KG_PDF_FAILED;
  {
    const std::lock_guard<std::mutex> lock(poppler_lock);
    status = module.read_pages(
        bytes.data(), bytes.size(), &pages,
        [](void* closure, const char* utf8, std::size_t size) {
          static_cast<std::vector<std::string>*>(closure)->emplace_back(utf8, size);
        },
        &page_texts);
  }
  if (status == KG_PDF_UNREADABLE) refuse(source, "not a readable PDF (damaged, or a kind poppler cannot open)");
  if (status == KG_PDF_ENCRYPTED) refuse(source, "encrypted PDF (kg reads only PDFs that open without a password)");
  if (status != KG_PDF_OK || page_texts.size() != static_cast<std::size_t>(pages))
    refuse(source, "poppler failed to read this PDF");

  PdfText out;
  std::vector<int> empty_pages;
  for (int p = 0; p < pages; ++p) {
    const std::u32string text = to_u32(page_texts[static_cast<std::size_t>(p)]);
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
