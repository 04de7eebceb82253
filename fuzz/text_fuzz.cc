// fuzz/text_fuzz.cc: libFuzzer harness for the text stage. Any bytes are a
// file: read_documents either refuses them with an InputError or returns
// documents whose invariants (document.h) hold; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "text/text.h"

namespace {

// Checked here rather than trusted: later stages index text by these spans.
void check_document(const kg::Document& doc, std::size_t file_size) {
  if (doc.raw.size() != doc.text.size()) std::abort();
  for (const kg::Span& r : doc.raw)
    if (r.begin > r.end || r.end > file_size) std::abort();
  for (const auto* spans : {&doc.sentences, &doc.paragraphs, &doc.damaged})
    for (const kg::Span& s : *spans)
      if (s.begin > s.end || s.end > doc.text.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    for (const kg::Document& doc : kg::read_documents("fuzz.txt", bytes)) check_document(doc, size);
  } catch (const kg::InputError&) {
    // Refused as not text, with a message: the expected answer to most noise.
  }
  return 0;
}
