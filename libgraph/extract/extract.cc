// extract/extract.cc: the Extractor, running the three steps of the stage on
// one document.
#include "extract/extract.h"

#include "extract/internal.h"
#include "extract/lexicons.h"

namespace kg {

Extractor::Extractor(const std::vector<std::string>& user_lexicon_files)
    : lexicons_(std::make_unique<Lexicons>(user_lexicon_files)) {}

Extractor::~Extractor() = default;

Extraction Extractor::run(const Document& doc) const {
  extract::DocState state(*lexicons_, doc);
  extract::find_mentions(state);
  extract::build_entities(state);
  extract::find_relations(state);
  return std::move(state.out);
}

}  // namespace kg
