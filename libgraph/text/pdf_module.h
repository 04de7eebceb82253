// text/pdf_module.h: the interface between the text stage and kg's PDF
// module (kg_pdf.so, built from pdf_module.cc), which alone links poppler.
//
// Why a module: poppler's C++ interface pulls in some thirty shared
// libraries (fonts, images, NSS), and a process that links them spends
// several milliseconds loading them before main(), in every `kg query` as in
// a build of plain text. kg loads the module with dlopen() at the first PDF
// instead. The interface is plain C so that nothing but bytes and a callback
// cross it, and no exception does.
#pragma once

#include <cstddef>

extern "C" {

// Called once per page, in order, with the page's text in UTF-8 (empty for
// a page poppler cannot make).
typedef void (*kg_pdf_page_sink)(void* closure, const char* utf8, std::size_t size);

enum kg_pdf_status {
  KG_PDF_OK = 0,
  KG_PDF_UNREADABLE = 1,  // damaged, or a kind poppler cannot open
  KG_PDF_ENCRYPTED = 2,   // opens only with a password
  KG_PDF_FAILED = 3,      // poppler failed (out of memory, ...)
};

// Reads `size` bytes as a PDF; returns a kg_pdf_status and the number of
// pages through `pages`. Not safe to call from two threads at once.
int kg_pdf_read_pages(const char* bytes, std::size_t size, int* pages, kg_pdf_page_sink sink, void* closure);
}

// The symbol the text stage looks up.
#define KG_PDF_READ_PAGES_SYMBOL "kg_pdf_read_pages"
