// extract/extraction.h owns what extraction finds in one document: entities
// local to that document (with all their mentions and aliases) and the
// relations between them, each with its evidence. Resolution merges these
// across documents; the store persists them per document.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/types.h"
#include "model/attributes.h"

namespace kg {

struct LocalEntity {
  EntityType type = EntityType::Organization;
  std::string name;                  // fullest form in the article, UTF-8
  std::vector<std::string> aliases;  // other forms the article uses
  std::vector<Span> mentions;        // code-point spans in the document text
  // For people: the organisations they hold posts in, used to tell apart two
  // people of the same name in different places.
  std::vector<std::string> affiliations;
  Attributes attributes;             // e.g. investment_yuan for projects
};

struct LocalRelation {
  RelationType type = RelationType::located_in;
  std::uint32_t source = 0;  // index into Extraction::entities
  std::uint32_t target = 0;
  std::string title;         // holds_post: the post as written
  Span evidence;             // the sentence, in code points
  std::string sentence;      // its text, UTF-8
  Attributes attributes;     // e.g. role=accompany for served, date
};

struct Extraction {
  std::vector<LocalEntity> entities;
  std::vector<LocalRelation> relations;
};

}  // namespace kg
