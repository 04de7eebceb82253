// resolve/resolve.h: merges per-document extractions into one graph. The same
// normalised name and type is one entity; people merge only when their name
// and an affiliation agree. Entity and relation ids are derived from content,
// so building A then B gives the same graph as building A and B together.
#pragma once

#include <vector>

#include "extract/extraction.h"
#include "graph/graph.h"

namespace kg {

// A document's identity and metadata together with its extraction: what
// resolution reads, and what the store keeps per document.
struct StoredExtraction {
  DocumentInfo document;
  Extraction extraction;
};

// Takes the extractions by value: pass a temporary (or std::move) and the
// evidence sentences move into the graph instead of being copied.
KnowledgeGraph resolve(std::vector<StoredExtraction> documents);

}  // namespace kg
