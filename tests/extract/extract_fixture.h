// Helpers for extraction tests: run the text stage and the extractor on a
// string, and look up entities and relations by name.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "extract/extract.h"
#include "text/text.h"

namespace kg::testing {

inline const Extractor& shared_extractor() {
  static const Extractor extractor;
  return extractor;
}

struct Extracted {
  Document doc;
  Extraction out;

  const LocalEntity* entity(const std::string& name) const {
    for (const auto& e : out.entities) {
      if (e.name == name) return &e;
      if (std::find(e.aliases.begin(), e.aliases.end(), name) != e.aliases.end()) return &e;
    }
    return nullptr;
  }
  bool has(const std::string& name, EntityType type) const {
    const LocalEntity* e = entity(name);
    return e && e->type == type;
  }
  const LocalRelation* relation(RelationType type, const std::string& from, const std::string& to) const {
    const LocalEntity* a = entity(from);
    const LocalEntity* b = entity(to);
    if (!a || !b) return nullptr;
    for (const auto& r : out.relations) {
      const auto& s = out.entities[r.source];
      const auto& t = out.entities[r.target];
      if (r.type == type && &s == a && &t == b) return &r;
      if (r.type == type && is_symmetric(type) && &s == b && &t == a) return &r;
    }
    return nullptr;
  }
  // The entity a piece of text stands for: one with a mention that ends where
  // the first occurrence of `surface` ends and starts inside it (该公司 and
  // 孙书记 point back to a named entity; 各公司 should point nowhere).
  const LocalEntity* entity_at(const std::string& surface) const {
    const std::u32string s = to_u32(surface);
    const std::size_t at = doc.text.find(s);
    if (at == std::u32string::npos) return nullptr;
    for (const auto& e : out.entities)
      for (const Span& m : e.mentions)
        if (m.end == at + s.size() && m.begin >= at) return &e;
    return nullptr;
  }
  std::size_t count(EntityType type) const {
    return static_cast<std::size_t>(
        std::count_if(out.entities.begin(), out.entities.end(), [type](const LocalEntity& e) { return e.type == type; }));
  }
  std::size_t count(RelationType type) const {
    return static_cast<std::size_t>(
        std::count_if(out.relations.begin(), out.relations.end(), [type](const LocalRelation& r) { return r.type == type; }));
  }
  // Relations of a type that start at the entity `from`, whatever their target.
  std::size_t count_from(RelationType type, const std::string& from) const {
    const LocalEntity* a = entity(from);
    std::size_t n = 0;
    for (const auto& r : out.relations) n += r.type == type && a && &out.entities[r.source] == a;
    return n;
  }
  std::string dump() const {
    std::string s;
    for (const auto& e : out.entities) s += std::string(to_string(e.type)) + " " + e.name + "\n";
    for (const auto& r : out.relations)
      s += std::string(to_string(r.type)) + " " + out.entities[r.source].name + " -> " + out.entities[r.target].name +
           " " + r.title + "\n";
    return s;
  }
};

inline Extracted extract_text(const std::string& text) {
  auto docs = read_documents("test.txt", text);
  Extracted x{docs.at(0), {}};
  x.out = shared_extractor().run(x.doc);
  return x;
}

}  // namespace kg::testing
