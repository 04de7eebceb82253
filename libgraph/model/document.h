// model/document.h owns what identifies a document and what the text stage
// lifts out of it (title, date, outlet, author, editor). The text stage fills
// DocumentMeta, the store adds the id and source, and every reader of the
// graph (query, export, report, eval) sees DocumentInfo: one definition, no
// field-by-field copies between stages.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace kg {

// Metadata the text stage lifts out of the article body.
struct DocumentMeta {
  std::string title;
  std::string published;  // ISO 8601 date (YYYY-MM-DD) or empty
  std::string outlet;     // 来源
  std::string author;     // byline
  std::string editor;     // 责任编辑
};

// A stored article as the graph refers to it: its id in the database, the
// file it came from (the first path its bytes were built from, when several
// paths hold the same bytes), its index within that file, and its metadata.
struct DocumentInfo : DocumentMeta {
  std::int64_t id = 0;
  std::string source;
  std::uint32_t part = 0;

  DocumentInfo() = default;
  DocumentInfo(std::int64_t id_, std::string source_, std::uint32_t part_, DocumentMeta meta = {})
      : DocumentMeta(std::move(meta)), id(id_), source(std::move(source_)), part(part_) {}
  // Field by field, in the order of the database columns.
  DocumentInfo(std::int64_t id_, std::string source_, std::uint32_t part_, std::string title_,
               std::string published_ = {}, std::string outlet_ = {}, std::string author_ = {},
               std::string editor_ = {})
      : DocumentInfo(id_, std::move(source_), part_,
                     DocumentMeta{std::move(title_), std::move(published_), std::move(outlet_), std::move(author_),
                                  std::move(editor_)}) {}
};

}  // namespace kg
