// extract/extract.cc: the Extractor, running the three steps of the stage on
// one document. An article is a few thousand characters; a file that is one
// 50 MB line is not, and parts of the steps compare mentions pairwise, so a
// document longer than a chunk is extracted chunk by chunk (cut at sentence
// ends) and the chunks' entities and relations are merged by name.
#include "extract/extract.h"

#include <algorithm>
#include <map>

#include "extract/internal.h"
#include "extract/lexicons.h"

namespace kg {
namespace {

constexpr std::size_t kChunk = 20000;  // code points
// A list of more candidates than this (a chunk full of names) is not kept
// for the next document.
constexpr std::size_t kKeptCandidates = 4096;

Extraction run_steps(const Lexicons& lexicons, const Document& doc, Extractor::Sentences sentences) {
  // One per thread: run() is const and called by several workers at once.
  thread_local extract::Scratch scratch;
  extract::DocState state(lexicons, doc, scratch);
  state.copy_sentences = sentences == Extractor::Sentences::copy;
  // The candidates' list grows a few hundred entries a document: the last
  // document's memory, rather than grown from nothing again.
  state.candidates.swap(scratch.candidates);
  extract::find_mentions(state);
  extract::build_entities(state);
  extract::find_discourse(state);
  extract::find_relations(state);
  state.candidates.clear();
  if (state.candidates.capacity() <= kKeptCandidates) state.candidates.swap(scratch.candidates);
  return std::move(state.out);
}

// The part of `doc` from sentence `first` up to (not including) sentence `last`.
Document chunk_of(const Document& doc, std::size_t first, std::size_t last) {
  Document part;
  part.source = doc.source;
  part.part = doc.part;
  part.meta = doc.meta;
  const std::uint32_t begin = doc.sentences[first].begin;
  const std::uint32_t end = doc.sentences[last - 1].end;
  part.text = doc.text.substr(begin, end - begin);
  for (std::size_t s = first; s < last; ++s)
    part.sentences.push_back({doc.sentences[s].begin - begin, doc.sentences[s].end - begin});
  return part;
}

// Adds a chunk's extraction, shifted by `offset`, to `into`; entities of the
// same type and name are one.
void merge(Extraction& into, Extraction&& chunk, std::uint32_t offset,
           std::map<std::pair<EntityType, std::string>, std::uint32_t>& index) {
  std::vector<std::uint32_t> remap(chunk.entities.size());
  for (std::size_t k = 0; k < chunk.entities.size(); ++k) {
    LocalEntity& e = chunk.entities[k];
    for (Span& m : e.mentions) m = {m.begin + offset, m.end + offset};
    auto [it, fresh] = index.emplace(std::make_pair(e.type, e.name), static_cast<std::uint32_t>(into.entities.size()));
    remap[k] = it->second;
    if (fresh) {
      into.entities.push_back(std::move(e));
      continue;
    }
    LocalEntity& kept = into.entities[it->second];
    kept.mentions.insert(kept.mentions.end(), e.mentions.begin(), e.mentions.end());
    for (auto& a : e.aliases)
      if (std::find(kept.aliases.begin(), kept.aliases.end(), a) == kept.aliases.end()) kept.aliases.push_back(a);
    for (auto& a : e.affiliations)
      if (std::find(kept.affiliations.begin(), kept.affiliations.end(), a) == kept.affiliations.end())
        kept.affiliations.push_back(a);
    for (auto& attr : e.attributes) kept.attributes.push_back(attr);
  }
  for (LocalRelation& r : chunk.relations) {
    r.source = remap[r.source];
    r.target = remap[r.target];
    r.evidence = {r.evidence.begin + offset, r.evidence.end + offset};
    into.relations.push_back(std::move(r));
  }
}

}  // namespace

Extractor::Extractor(const std::vector<std::string>& user_lexicon_files)
    : lexicons_(std::make_unique<Lexicons>(user_lexicon_files)) {}

Extractor::~Extractor() = default;

Extraction Extractor::run(const Document& doc, Sentences sentences) const {
  if (doc.text.size() <= kChunk || doc.sentences.empty()) return run_steps(*lexicons_, doc, sentences);
  Extraction out;
  std::map<std::pair<EntityType, std::string>, std::uint32_t> index;
  std::size_t first = 0;
  while (first < doc.sentences.size()) {
    std::size_t last = first + 1;
    while (last < doc.sentences.size() && doc.sentences[last].end - doc.sentences[first].begin <= kChunk) ++last;
    const Document part = chunk_of(doc, first, last);
    merge(out, run_steps(*lexicons_, part, sentences), doc.sentences[first].begin, index);
    first = last;
  }
  return out;
}

}  // namespace kg
