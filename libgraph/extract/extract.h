// extract/extract.h: the public face of the extract stage.
//   Document -> mentions (lexicons + name-structure rules) -> local entities
//   with aliases and coreference -> relations with evidence.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "extract/extraction.h"
#include "text/document.h"

namespace kg {

class Lexicons;

// Holds the compiled lexicons; build one per process and share it: run() is
// const and thread-safe.
// The version of the extraction code: raise it with every change that makes
// extraction give different results, so that databases built before extract
// their documents again (documents.extractor, pipeline.cc).
inline constexpr int kExtractorCodeVersion = 1;

class Extractor {
 public:
  // The built-in lexicons plus the user's own files (see docs/lexicons.md).
  // Throws std::runtime_error naming the file and line of a malformed entry.
  explicit Extractor(const std::vector<std::string>& user_lexicon_files = {});
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // What LocalRelation::sentence holds. `copy`: the text of the relation's
  // evidence, in UTF-8. `leave_in_text`: nothing, meaning the document's text
  // at the evidence span, the way resolution and the store carry it; a build
  // saves the conversion, the copies and the comparison that dropped them.
  enum class Sentences { copy, leave_in_text };

  Extraction run(const Document& doc, Sentences sentences = Sentences::copy) const;

 private:
  std::unique_ptr<Lexicons> lexicons_;
};

}  // namespace kg
