// store/codec.h owns the compact binary forms the store keeps in BLOB
// columns: lists of spans, a document's text (compressed blocks) and layout,
// whole Extractions, and the aggregates of resolved entities and relations.
// Internal to the store stage; exposed for its tests. Every encoding starts
// with a format byte so that older blobs keep decoding.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"
#include "extract/extraction.h"
#include "resolve/aggregate.h"
#include "text/document.h"

namespace kg::codec {

// A blob that does not decode: truncated, a bad tag, an index out of range.
class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs of adjacent spans of equal length collapse into one record.
std::string encode_spans(const std::vector<Span>& spans);
std::vector<Span> decode_spans(std::string_view blob);

// --- text ------------------------------------------------------------------
// A document's clean text (UTF-8) as independently compressed blocks of about
// kTextBlockBytes, and an index of them (code points and bytes per block), so
// that a sentence is cut by decompressing the one or two blocks it lies in:
// O(length of the sentence), whatever the size of the document.
inline constexpr std::size_t kTextBlockBytes = 16384;

// A zstd dictionary the texts (or the extractions) of one database share:
// news articles of one archive repeat their outlets, furniture and phrasing,
// and a block of a few KB compresses far better with it than alone. Trained
// from the first documents a database receives; read-only afterwards
// (thread-safe).
class Dictionary {
 public:
  Dictionary(std::int64_t id, std::string bytes);
  ~Dictionary();
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;
  std::int64_t id() const { return id_; }
  const std::string& bytes() const { return bytes_; }
  struct Prepared;
  const Prepared& prepared() const { return *prepared_; }

 private:
  std::int64_t id_;
  std::string bytes_;
  std::unique_ptr<Prepared> prepared_;
};

// A dictionary trained from samples; empty when zstd finds too little to
// learn from.
std::string train_dictionary(const std::vector<std::string>& samples);

struct EncodedText {
  std::string index;   // the block index
  std::string blocks;  // the blocks, one after another
};
EncodedText encode_text(std::string_view utf8, const Dictionary* dictionary = nullptr);

struct TextBlock {
  std::uint32_t first_code_point = 0, code_points = 0;
  std::uint64_t offset = 0;  // of the stored block in `blocks`
  std::uint32_t stored_bytes = 0, utf8_bytes = 0;
  unsigned char method = 0;  // 0 stored; zstd: 1, 2 with the dictionary; bare zstd frames: 3, 4 with it
};
struct TextIndex {
  std::int64_t dictionary = 0;  // the Dictionary id its blocks need, 0 for none
  std::vector<TextBlock> blocks;
};
TextIndex decode_text_index(std::string_view index);
// `dictionary` is the one the index names (nullptr when it names none).
std::string decode_text_block(const TextBlock& block, std::string_view stored, const Dictionary* dictionary);
std::string decode_text(const TextIndex& index, std::string_view blocks, const Dictionary* dictionary);

// --- layout -----------------------------------------------------------------
// Offsets into the raw file, sentences, paragraphs and damaged spans of a
// document. A character's raw bytes are usually the bytes right after the
// previous character's, as many as its encoding takes (3 for a CJK character
// in UTF-8, 2 in GBK): only the characters where that guess is wrong are
// written, so a clean file's offsets cost a few bytes.
struct Layout {
  std::vector<Span> raw, sentences, paragraphs, damaged;
};
std::string encode_layout(const Layout& layout, std::u32string_view text, std::string_view encoding);
Layout decode_layout(std::string_view blob, std::u32string_view text, std::string_view encoding);

// --- extraction ----------------------------------------------------------------
// Names, aliases, titles and other strings that appear verbatim in the text
// are written as spans of it; a relation's sentence that is the text at its
// evidence is left out. Decoding takes the same text (UTF-8) to cut them back
// out. The fields are stored in columns (format 4, codec.cc); blobs of the
// earlier formats (1: every string written; 2: sentences left out; 3: spans
// of the text, in records) still decode. A sentence left out decodes as the
// text when `fill_sentences`, else as empty (what resolution carries).
std::string encode_extraction(const Extraction& extraction, std::u32string_view text = {});
// The same for the text in UTF-8 (to_utf8 of the code points), when the
// caller has it already.
std::string encode_extraction(const Extraction& extraction, std::string_view utf8_text);
Extraction decode_extraction(std::string_view blob, std::string_view utf8_text = {}, bool fill_sentences = true);
// An encoded extraction or layout compressed with a dictionary, and back: the
// packed form names the dictionary it needs (packed_dictionary).
std::string pack(std::string encoded, const Dictionary* dictionary);
std::int64_t packed_dictionary(std::string_view stored);  // 0: not compressed
std::string unpack(std::string_view stored, const Dictionary* dictionary);

// --- aggregates (resolve/aggregate.h) --------------------------------------------
// Strings that repeat across many rows (attribute keys and values,
// affiliations) are written as ids of the database's table of strings.
class StringIds {
 public:
  virtual ~StringIds() = default;
  virtual std::uint32_t id(std::string_view text) = 0;     // adds it when new
  virtual std::string text(std::uint32_t id) = 0;          // throws DecodeError when unknown
};

// `name` is the entity's displayed name (a column of its row): the spelling
// equal to it is not written again. Likewise `title` for a relation.
std::string encode_entity(const EntityData& data, std::string_view name, StringIds& strings);
// The same blob appended to `out` (a bulk write encodes many rows into one buffer).
void append_entity(std::string& out, const EntityData& data, std::string_view name, StringIds& strings);
// `type` is the row's (the aggregate's group follows from it).
EntityData decode_entity(std::string_view blob, EntityType type, std::string_view name, StringIds& strings);
std::string encode_relation(const RelationData& data, std::string_view title, StringIds& strings);
void append_relation(std::string& out, const RelationData& data, std::string_view title, StringIds& strings);
RelationData decode_relation(std::string_view blob, std::string_view title, StringIds& strings);
// Only the documents of an entity's mentions / a relation's evidence.
std::vector<std::int64_t> entity_documents(std::string_view blob);
std::vector<std::int64_t> relation_documents(std::string_view blob);
// Only the dates of a relation's evidence, as decode_relation gives them.
std::vector<std::string> relation_dates(std::string_view blob, StringIds& strings);

// Type codes in the database: fixed numbers, whatever the order of the enums.
std::uint8_t entity_type_code(EntityType type);
EntityType entity_type_from_code(std::int64_t code);  // throws DecodeError
std::uint8_t relation_type_code(RelationType type);
RelationType relation_type_from_code(std::int64_t code);

}  // namespace kg::codec
