// tests/text/dump_documents.cc: prints what the text stage makes of files
// (a developer's eye on read_documents; not run by CTest). With --spans it
// also prints every paragraph and sentence span and the raw byte range of
// each sentence, so that two builds can be compared with diff.
#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string_view>

#include "core/utf8.h"
#include "text/text.h"

int main(int argc, char** argv) {
  bool spans = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--spans") {
      spans = true;
      continue;
    }
    std::ifstream in(argv[i], std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
      std::vector<std::string> warnings;
      for (const kg::Document& d : kg::read_documents(argv[i], bytes, &warnings)) {
        std::cout << "=== " << d.source << " part " << d.part << " [" << d.encoding << "]\n"
                  << "title: " << d.meta.title << "\npublished: " << d.meta.published
                  << "\noutlet: " << d.meta.outlet << "\nauthor: " << d.meta.author
                  << "\neditor: " << d.meta.editor << "\nstats: glosses " << d.stats.glosses_removed
                  << " converted " << d.stats.chars_converted << " damaged " << d.stats.damaged_spans
                  << " invalid " << d.stats.invalid_bytes << " joined " << d.stats.lines_joined
                  << " furniture " << d.stats.furniture_lines << " sentences " << d.sentences.size()
                  << " paragraphs " << d.paragraphs.size() << "\n";
        for (const kg::Span& s : d.damaged)
          std::cout << "damaged: " << kg::to_utf8(std::u32string_view(d.text).substr(s.begin, s.size())) << "\n";
        std::cout << kg::to_utf8(d.text) << "\n";
        if (!spans) continue;
        std::uint64_t raw_digest = 14695981039346656037ull;  // FNV-1a over every character's raw range
        for (const kg::Span& r : d.raw)
          for (std::uint32_t v : {r.begin, r.end}) raw_digest = (raw_digest ^ v) * 1099511628211ull;
        std::cout << "raw digest: " << std::hex << raw_digest << std::dec << "\n";
        for (const kg::Span& p : d.paragraphs) std::cout << "paragraph: " << p.begin << "-" << p.end << "\n";
        for (const kg::Span& s : d.sentences) {
          std::cout << "sentence: " << s.begin << "-" << s.end;
          if (s.end > s.begin) std::cout << " raw " << d.raw[s.begin].begin << "-" << d.raw[s.end - 1].end;
          std::cout << "\n";
        }
      }
      for (const std::string& warning : warnings) std::cout << "warning: " << warning << "\n";
    } catch (const std::exception& e) {
      std::cout << "error: " << e.what() << "\n";
    }
  }
}
