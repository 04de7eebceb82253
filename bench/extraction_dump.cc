// bench/extraction_dump.cc: prints everything the worker side of `kg build`
// makes of a corpus (the text stage's documents, their extractions, the
// warnings and refusals, and the bytes Store::encode_document writes), one
// file after another, on one thread. Two builds of kg that print the same
// dump of a corpus extract it identically: the check that a change meant to
// be faster changed nothing else (diff the two dumps).
//
// usage: kg_extraction_dump CORPUS_DIR [--text]
//   --text prints each document's clean text instead of only its hash.
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"
#include "ingest/ingest.h"
#include "store/store.h"

namespace {

// FNV-1a, 64 bits: a stable digest of the long fields, so that the dump of
// 100 MB stays readable and diffable.
std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

template <typename T>
std::uint64_t fnv1a_of(const std::vector<T>& items) {
  return fnv1a(std::string_view(reinterpret_cast<const char*>(items.data()), items.size() * sizeof(T)));
}

std::uint64_t fnv1a_of(const std::u32string& text) {
  return fnv1a(std::string_view(reinterpret_cast<const char*>(text.data()), text.size() * sizeof(char32_t)));
}

std::string spans(const std::vector<kg::Span>& list) {
  std::string out;
  for (const kg::Span& s : list) out += " " + std::to_string(s.begin) + "-" + std::to_string(s.end);
  return out;
}

std::string attributes(const kg::Attributes& list) {
  std::string out;
  for (const auto& [key, value] : list) out += " " + key + "=" + value;
  return out;
}

void dump(const kg::ExtractedDocument& extracted, bool with_text) {
  const kg::Document& doc = extracted.document;
  std::printf("document %s #%u %s\n", doc.source.c_str(), doc.part, doc.encoding.c_str());
  std::printf("  meta title=%s published=%s outlet=%s author=%s editor=%s\n", doc.meta.title.c_str(),
              doc.meta.published.c_str(), doc.meta.outlet.c_str(), doc.meta.author.c_str(),
              doc.meta.editor.c_str());
  const kg::CleanStats& st = doc.stats;
  std::printf("  stats %u %u %u %u %u %u\n", st.glosses_removed, st.chars_converted, st.damaged_spans,
              st.invalid_bytes, st.lines_joined, st.furniture_lines);
  std::printf("  text %zu %016llx raw %016llx\n", doc.text.size(), static_cast<unsigned long long>(fnv1a_of(doc.text)),
              static_cast<unsigned long long>(fnv1a_of(doc.raw)));
  if (with_text) std::printf("%s\n", kg::to_utf8(doc.text).c_str());
  std::printf("  sentences%s\n  paragraphs%s\n  damaged%s\n", spans(doc.sentences).c_str(),
              spans(doc.paragraphs).c_str(), spans(doc.damaged).c_str());
  for (const kg::LocalEntity& e : extracted.extraction.entities) {
    std::printf("  entity %s %s\n", std::string(kg::to_string(e.type)).c_str(), e.name.c_str());
    for (const std::string& alias : e.aliases) std::printf("    alias %s\n", alias.c_str());
    std::printf("    mentions%s\n", spans(e.mentions).c_str());
    for (const std::string& a : e.affiliations) std::printf("    affiliation %s\n", a.c_str());
    if (!e.attributes.empty()) std::printf("    attributes%s\n", attributes(e.attributes).c_str());
  }
  for (const kg::LocalRelation& r : extracted.extraction.relations) {
    std::printf("  relation %s %u %u title=%s evidence=%u-%u attributes%s\n    %s\n",
                std::string(kg::to_string(r.type)).c_str(), r.source, r.target, r.title.c_str(), r.evidence.begin,
                r.evidence.end, attributes(r.attributes).c_str(), r.sentence.c_str());
  }
  const kg::EncodedDocument encoded = kg::Store::encode_document(doc, extracted.extraction, "dump");
  std::printf("  encoded");
  for (const std::string* field : {&encoded.text_index, &encoded.text, &encoded.layout, &encoded.extraction,
                                   &encoded.plain_text, &encoded.plain_layout, &encoded.plain_extraction})
    std::printf(" %016llx", static_cast<unsigned long long>(fnv1a(*field)));
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3 || (argc == 3 && std::string_view(argv[2]) != "--text")) {
    std::cerr << "usage: kg_extraction_dump CORPUS_DIR [--text]\n";
    return 2;
  }
  const bool with_text = argc == 3;
  const kg::Extractor extractor;
  for (const kg::FileInput& input : kg::list_files({argv[1]})) {
    const kg::IngestedFile file = kg::ingest_file(input, extractor);
    std::printf("file %s %s %llu\n", input.source.c_str(), file.sha256.c_str(),
                static_cast<unsigned long long>(file.bytes));
    if (file.status == kg::IngestedFile::Status::failed) std::printf("  failed %s\n", file.problem.c_str());
    for (const std::string& warning : file.warnings) std::printf("  warning %s\n", warning.c_str());
    for (const kg::ExtractedDocument& doc : file.documents) dump(doc, with_text);
  }
  return 0;
}
