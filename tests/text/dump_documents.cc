// tests/text/dump_documents.cc: prints what the text stage makes of files
// (a developer's eye on read_documents; not run by CTest).
#include <fstream>
#include <iostream>
#include <iterator>

#include "core/utf8.h"
#include "text/text.h"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
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
      }
      for (const std::string& warning : warnings) std::cout << "warning: " << warning << "\n";
    } catch (const std::exception& e) {
      std::cout << "error: " << e.what() << "\n";
    }
  }
}
