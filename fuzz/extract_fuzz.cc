// fuzz/extract_fuzz.cc: libFuzzer harness for extraction on arbitrary text.
// The bytes, read as UTF-8 (invalid sequences become U+FFFD, as to_u32 does),
// are made into a Document directly, without the text stage, so extraction
// sees text the text stage would have cleaned up: controls, lone marks,
// private-use characters, very long lines. The Document keeps the invariants
// of text/document.h: one raw span per character, paragraphs between '\n',
// sentences covering each paragraph. Every mention and every evidence span
// the extractor returns must lie inside the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <unicode/utf8.h>

#include "extract/extract.h"

namespace {

bool ends_sentence(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'!' || c == U'?' || c == U';';
}

kg::Document document_of(std::string_view bytes) {
  kg::Document doc;
  doc.source = "fuzz.txt";
  doc.encoding = "UTF-8";
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const auto n = static_cast<std::int32_t>(bytes.size());
  for (std::int32_t i = 0; i < n;) {
    const auto begin = static_cast<std::uint32_t>(i);
    UChar32 c;
    U8_NEXT(s, i, n, c);
    doc.text.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
    doc.raw.push_back(kg::Span{begin, static_cast<std::uint32_t>(i)});
  }
  const auto size = static_cast<std::uint32_t>(doc.text.size());
  std::uint32_t paragraph = 0;
  for (std::uint32_t at = 0; at <= size; ++at) {
    if (at < size && doc.text[at] != U'\n') continue;
    if (at > paragraph) {
      doc.paragraphs.push_back(kg::Span{paragraph, at});
      std::uint32_t sentence = paragraph;
      for (std::uint32_t k = paragraph; k < at; ++k)
        if (ends_sentence(doc.text[k]) || k + 1 == at) {
          doc.sentences.push_back(kg::Span{sentence, k + 1});
          sentence = k + 1;
        }
    }
    paragraph = at + 1;
  }
  return doc;
}

void check_inside(std::uint32_t begin, std::uint32_t end, std::size_t size) {
  if (begin > end || end > size) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const kg::Extractor extractor;  // the lexicons are compiled once
  const kg::Document doc = document_of(std::string_view(reinterpret_cast<const char*>(data), size));
  const kg::Extraction extraction = extractor.run(doc);
  for (const auto& entity : extraction.entities)
    for (const auto& mention : entity.mentions) check_inside(mention.begin, mention.end, doc.text.size());
  for (const auto& relation : extraction.relations) {
    check_inside(relation.evidence.begin, relation.evidence.end, doc.text.size());
    if (relation.source >= extraction.entities.size() || relation.target >= extraction.entities.size()) std::abort();
  }
  return 0;
}
