// store/codec.cc owns the byte layout of the store's BLOB columns: unsigned
// LEB128 varints, zigzag for signed gaps, length-prefixed UTF-8 strings, zstd
// for text blocks.
#include "store/codec.h"

// For ZDICT_trainFromBuffer_fastCover and its parameters.
#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>
// For ZSTD_c_format, ZSTD_f_zstd1_magicless (frames without their magic
// number) and ZSTD_c_forceAttachDict: parameters zstd declares behind this macro.
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <string.h>  // memmem (GNU)

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <mutex>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "core/dates.h"
#include "core/utf8.h"

namespace kg::codec {
namespace {

// Extractions. 1: every relation sentence written out. 2: a flag per
// relation, the sentence written only when it is not the document text at the
// evidence. 3: names, aliases and titles found in the text written as spans.
// 4: the same facts in columns, with references instead of repeats (below).
constexpr unsigned char kExtractionFormatFull = 1;
constexpr unsigned char kExtractionFormatSentences = 2;
constexpr unsigned char kExtractionFormatRecords = 3;
constexpr unsigned char kExtractionFormat = 4;
constexpr unsigned char kSentenceFromText = 0;
constexpr unsigned char kSentenceWritten = 1;
constexpr unsigned char kTextFormat = 1;
// How a text block is stored: as is, a zstd frame (1, 2: before issue 11) or
// a bare one (compress_bare), with or without the database's dictionary.
constexpr unsigned char kBlockStored = 0, kBlockZstd = 1, kBlockZstdWithDictionary = 2, kBlockBare = 3,
                        kBlockBareWithDictionary = 4;
constexpr bool needs_dictionary(unsigned char method) {
  return method == kBlockZstdWithDictionary || method == kBlockBareWithDictionary;
}
// Layouts. 1: raw offset records as triples, spans in runs (Writer::spans).
// 2: records of two numbers when the width is the expected one, spans that
// follow one another (Writer::tiling_spans).
constexpr unsigned char kLayoutFormatTriples = 1;
constexpr unsigned char kLayoutFormat = 2;
constexpr unsigned char kEntityFormat = 1;
// Relations. 1: evidence as (document, span, sentence). 2 (issue 12 part 2):
// each piece of evidence also carries its date (write_evidence_date).
constexpr unsigned char kRelationFormatUndated = 1;
constexpr unsigned char kRelationFormat = 2;
// Level 3: level 5 saves about 2 MB on the 100 MB corpus (1.92x against
// 1.94x the input) but costs about 2 CPU-s of a 32 CPU-s build; level 1 adds
// 3 MB more for little gain in time.
constexpr int kZstdLevel = 3;

// Database codes of the types. Appending is fine; never renumber.
constexpr std::array<EntityType, 9> kEntityCodes = {
    EntityType::Official, EntityType::Person, EntityType::PartyOrg, EntityType::Park,   EntityType::Enterprise,
    EntityType::Project,  EntityType::GovOrg, EntityType::Place,    EntityType::Organization};
constexpr std::array<RelationType, 7> kRelationCodes = {
    RelationType::holds_post, RelationType::served,     RelationType::located_in,     RelationType::leads,
    RelationType::part_of,    RelationType::project_of, RelationType::cooperates_with};

class Writer {
 public:
  Writer() = default;
  // Appends to `start` (take() gives it back, grown).
  explicit Writer(std::string&& start) : out_(std::move(start)) {}
  void varint(std::uint64_t value) {
    if (value < 0x80) {  // most numbers: one byte
      out_.push_back(static_cast<char>(value));
      return;
    }
    char bytes[10];
    std::size_t n = 0;
    while (value >= 0x80) {
      bytes[n++] = static_cast<char>((value & 0x7F) | 0x80);
      value >>= 7;
    }
    bytes[n++] = static_cast<char>(value);
    out_.append(bytes, n);
  }
  void signed_varint(std::int64_t value) { varint(zigzag(value)); }
  void byte(unsigned char value) { out_.push_back(static_cast<char>(value)); }
  void fixed64(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>(value >> (8 * i)));
  }
  void string(std::string_view text) {
    varint(text.size());
    out_.append(text);
  }
  void strings(const std::vector<std::string>& list) {
    varint(list.size());
    for (const auto& s : list) string(s);
  }
  void attributes(const Attributes& attrs) {
    varint(attrs.size());
    for (const auto& [key, value] : attrs) {
      string(key);
      string(value);
    }
  }
  void spans(const std::vector<Span>& list) {
    varint(list.size());
    std::int64_t previous_end = 0;
    std::size_t i = 0;
    while (i < list.size()) {
      const Span first = list[i];
      const std::uint32_t length = first.end - first.begin;
      std::size_t run = 1;
      while (i + run < list.size() && list[i + run].begin == list[i + run - 1].end &&
             list[i + run].end >= list[i + run].begin && list[i + run].end - list[i + run].begin == length &&
             first.end >= first.begin)
        ++run;
      signed_varint(static_cast<std::int64_t>(first.begin) - previous_end);
      // Spans are normally begin <= end; an inverted one is kept as is by
      // storing its end separately (run of one, flagged by length 0 + 1).
      if (first.end < first.begin) {
        varint(0);
        varint(0);
        varint(first.end);
        previous_end = first.end;
        ++i;
        continue;
      }
      varint(length + 1ULL);
      varint(run);
      previous_end =
          static_cast<std::int64_t>(first.begin) + static_cast<std::int64_t>(length) * static_cast<std::int64_t>(run);
      i += run;
    }
  }
  // Sentences and paragraphs mostly begin where the previous one ended: such
  // a span is its length, doubled; any other, odd, is its begin's gap,
  // doubled + 1, then its length (zigzag, so inverted spans keep).
  void tiling_spans(const std::vector<Span>& list) {
    varint(list.size());
    std::uint32_t previous_end = 0;
    for (const Span& s : list) {
      if (s.begin == previous_end && s.end >= s.begin) {
        varint(std::uint64_t{s.end - s.begin} << 1);
      } else {
        const std::int64_t gap = static_cast<std::int64_t>(s.begin) - previous_end;
        varint((zigzag(gap) << 1) | 1);
        varint(zigzag(static_cast<std::int64_t>(s.end) - static_cast<std::int64_t>(s.begin)));
      }
      previous_end = s.end;
    }
  }
  static std::uint64_t zigzag(std::int64_t value) {
    return (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
  }
  void append(std::string_view bytes) { out_.append(bytes); }
  void reserve(std::size_t bytes) { out_.reserve(bytes); }
  std::size_t size() const { return out_.size(); }
  std::string_view view() const { return out_; }
  std::string take() { return std::move(out_); }
  // Empty, keeping its memory for the next use.
  void clear() { out_.clear(); }
  std::size_t capacity() const { return out_.capacity(); }

 private:
  std::string out_;
};

class Reader {
 public:
  Reader() = default;
  explicit Reader(std::string_view in) : in_(in) {}
  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) throw DecodeError("truncated number");
      const auto b = static_cast<unsigned char>(in_[pos_++]);
      value |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return value;
    }
    throw DecodeError("number too long");
  }
  std::int64_t signed_varint() {
    const std::uint64_t raw = varint();
    return static_cast<std::int64_t>(raw >> 1) ^ -static_cast<std::int64_t>(raw & 1);
  }
  std::uint32_t u32() {
    const std::uint64_t value = varint();
    if (value > UINT32_MAX) throw DecodeError("offset out of range");
    return static_cast<std::uint32_t>(value);
  }
  // A count of items that each take at least one byte cannot exceed what is
  // left; checking it keeps a damaged blob from asking for gigabytes.
  std::size_t count() {
    const std::uint64_t value = varint();
    if (value > in_.size() - pos_) throw DecodeError("count larger than the data");
    return static_cast<std::size_t>(value);
  }
  unsigned char byte() {
    if (pos_ >= in_.size()) throw DecodeError("truncated");
    return static_cast<unsigned char>(in_[pos_++]);
  }
  std::uint64_t fixed64() {
    if (in_.size() - pos_ < 8) throw DecodeError("truncated");
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= std::uint64_t{static_cast<unsigned char>(in_[pos_++])} << (8 * i);
    return value;
  }
  std::string_view bytes(std::size_t size) {
    if (size > in_.size() - pos_) throw DecodeError("truncated string");
    const std::string_view s = in_.substr(pos_, size);
    pos_ += size;
    return s;
  }
  std::string string() { return std::string(bytes(count())); }
  std::vector<std::string> strings() {
    std::vector<std::string> list(count());
    for (auto& s : list) s = string();
    return list;
  }
  Attributes attributes() {
    Attributes attrs(count());
    for (auto& [key, value] : attrs) {
      key = string();
      value = string();
    }
    return attrs;
  }
  std::vector<Span> spans() {
    const std::uint64_t total = varint();
    // Each record can expand to many spans, so the count is bounded by what
    // offsets can address rather than by the bytes left.
    if (total > UINT32_MAX) throw DecodeError("too many spans");
    std::vector<Span> list;
    list.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(total, in_.size() * 64)));
    std::int64_t previous_end = 0;
    while (list.size() < total) {
      const std::int64_t begin = previous_end + signed_varint();
      const std::uint64_t length_plus_one = varint();
      const std::uint64_t run = varint();
      if (begin < 0 || begin > UINT32_MAX) throw DecodeError("span out of range");
      if (length_plus_one == 0) {
        if (run != 0) throw DecodeError("bad span record");
        const std::uint32_t end = u32();
        list.push_back({static_cast<std::uint32_t>(begin), end});
        previous_end = end;
        continue;
      }
      const std::uint64_t length = length_plus_one - 1;
      if (run == 0 || run > total - list.size()) throw DecodeError("bad span run");
      if (static_cast<std::uint64_t>(begin) + length * run > UINT32_MAX) throw DecodeError("span out of range");
      std::uint64_t pos = static_cast<std::uint64_t>(begin);
      for (std::uint64_t k = 0; k < run; ++k) {
        list.push_back({static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(pos + length)});
        pos += length;
      }
      previous_end = static_cast<std::int64_t>(pos);
    }
    return list;
  }
  std::vector<Span> tiling_spans() {
    std::vector<Span> list(count());
    std::int64_t previous_end = 0;
    for (Span& s : list) {
      const std::uint64_t tag = varint();
      if (tag >> 1 > std::uint64_t{UINT32_MAX} * 2 + 1) throw DecodeError("span out of range");
      std::int64_t begin = previous_end, length = static_cast<std::int64_t>(tag >> 1);
      if (tag & 1) {
        begin = previous_end + unzigzag(tag >> 1);
        const std::uint64_t raw_length = varint();
        if (raw_length > std::uint64_t{UINT32_MAX} * 2 + 1) throw DecodeError("span out of range");
        length = unzigzag(raw_length);
      }
      if (begin < 0 || begin > UINT32_MAX || begin + length < 0 || begin + length > UINT32_MAX)
        throw DecodeError("span out of range");
      s = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(begin + length)};
      previous_end = s.end;
    }
    return list;
  }
  static std::int64_t unzigzag(std::uint64_t raw) {
    return static_cast<std::int64_t>(raw >> 1) ^ -static_cast<std::int64_t>(raw & 1);
  }
  bool done() const { return pos_ == in_.size(); }
  std::size_t remaining() const { return in_.size() - pos_; }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

// Byte offsets of the code points of a UTF-8 text (one past the last too),
// to cut by code-point span; built on first use.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view utf8) : text_(utf8) {}
  std::string slice(Span span) {
    if (offsets_.empty()) {
      offsets_.reserve(text_.size() + 1);
      for (std::size_t i = 0; i < text_.size(); ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) offsets_.push_back(static_cast<std::uint32_t>(i));
      offsets_.push_back(static_cast<std::uint32_t>(text_.size()));
    }
    if (span.begin > span.end || span.end >= offsets_.size()) throw DecodeError("span outside the document text");
    return std::string(text_.substr(offsets_[span.begin], offsets_[span.end] - offsets_[span.begin]));
  }

 private:
  std::string_view text_;
  std::vector<std::uint32_t> offsets_;
};

// The text an extraction is encoded against, as UTF-8 with the byte offset
// of every code point (and one past the last), so that comparing a string
// with the text at a span, or finding it there, costs no conversion. It views
// the caller's UTF-8 (the store converts a document's text once, for its
// blocks and for this).
class TextBytes {
 public:
  // `offsets` is storage the caller reuses from one document to the next.
  TextBytes(std::string_view utf8, std::vector<std::uint32_t>& offsets) : utf8_(utf8), offsets_(offsets) {
    // A text the store keeps is under 4 GiB (decode refuses larger files).
    if (utf8.size() >= UINT32_MAX) throw std::invalid_argument("document text of 4 GiB or more");
    std::size_t points = 0;
    for (unsigned char c : utf8) points += (c & 0xC0) != 0x80;
    offsets_.resize(points + 1);
    std::uint32_t* out = offsets_.data();
    for (std::size_t i = 0; i < utf8.size(); ++i)
      if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) *out++ = static_cast<std::uint32_t>(i);
    *out = static_cast<std::uint32_t>(utf8.size());
  }
  // Whether `span` lies within the text.
  bool holds(Span span) const { return span.begin <= span.end && span.end < offsets_.size(); }
  bool at(Span span, std::string_view value) const {
    if (!holds(span)) return false;
    return std::string_view(utf8_).substr(offsets_[span.begin], offsets_[span.end] - offsets_[span.begin]) == value;
  }
  // Where `value` first appears within `within`, whole characters only.
  std::optional<Span> find(std::string_view value, Span within) const {
    if (value.empty() || within.begin > within.end || within.end >= offsets_.size()) return std::nullopt;
    const std::string_view where =
        std::string_view(utf8_).substr(offsets_[within.begin], offsets_[within.end] - offsets_[within.begin]);
    // glibc's memmem rather than string_view::find, which stops at every
    // byte equal to the value's first: in Chinese UTF-8 that is one byte in
    // a few, and this search runs over the whole text for most strings.
    const void* hit = memmem(where.data(), where.size(), value.data(), value.size());
    if (hit == nullptr) return std::nullopt;
    const std::size_t found = static_cast<std::size_t>(static_cast<const char*>(hit) - where.data());
    const std::size_t first = offsets_[within.begin] + found, last = first + value.size();
    const auto begin = std::lower_bound(offsets_.begin(), offsets_.end(), first);
    const auto end = std::lower_bound(begin, offsets_.end(), last);
    if (*begin != first || end == offsets_.end() || *end != last) return std::nullopt;  // inside a character
    return Span{static_cast<std::uint32_t>(begin - offsets_.begin()), static_cast<std::uint32_t>(end - offsets_.begin())};
  }
  Span whole() const { return {0, static_cast<std::uint32_t>(offsets_.size() - 1)}; }

 private:
  std::string_view utf8_;
  std::vector<std::uint32_t>& offsets_;
};

// The strings an extraction writes out (attribute keys and values, names not
// found in the text, sentences that differ from it), each once per blob. It
// views them: they are the Extraction's, which outlives the encoding.
class LocalStrings {
 public:
  std::uint32_t id(std::string_view text) {
    auto [it, fresh] = ids_.try_emplace(text, static_cast<std::uint32_t>(list.size()));
    if (fresh) list.push_back(text);
    return it->second;
  }
  void clear() {
    list.clear();
    ids_.clear();
  }
  std::vector<std::string_view> list;

 private:
  std::unordered_map<std::string_view, std::uint32_t> ids_;
};

// Extraction format 4: the fields in columns, each one kind of number (entity
// kinds, mention offsets, mention lengths, ...), so that the dictionary
// compressor that follows sees runs of alike bytes instead of records that
// interleave them; and references instead of repeats. Mentions are
// delta-coded (entities come in the order of their first mention); a name or
// an alias is the index of the mention it is the text of; a relation's
// evidence is an index into the document's distinct evidence spans (several
// relations share a sentence), its attributes an index into the distinct
// attribute lists (every relation carries its date), its title a span inside
// its evidence. The blob: the format, the strings, the numbers of entities
// and relations, then each column with its size.
enum ExtractionColumn : std::size_t {
  kEntityKinds,       // per entity: its type and the kHas* flags
  kMentionCounts,     // per entity
  kMentionStarts,     // per mention: begin - the previous mention's end (the entity's first: the previous entity's first begin)
  kMentionLengths,    // per mention: end - begin
  kNames,             // per entity: a mention reference
  kAliases,           // entities flagged: count, mention references
  kAffiliations,      // entities flagged: count, then the entity's index + 1, or 0 and a string
  kEntityAttributes,  // entities flagged: count, (key, value) strings
  kRelationKinds,     // per relation: its type, | kWrittenSentence
  kRelationEnds,      // per relation: source, target
  kEvidenceRefs,      // per relation: index into kEvidenceSpans
  kEvidenceSpans,     // count, then per span: begin - the previous span's end, end - begin
  kTitles,            // per relation: a title reference
  kSentences,         // relations flagged: a string
  kAttributeRefs,     // per relation: index into kAttributeLists
  kAttributeLists,    // count, then per list: count, (key, value) strings
  kExtractionColumns
};
constexpr unsigned char kEntityTypeBits = 0x0F;
constexpr unsigned char kHasAliases = 0x10, kHasAffiliations = 0x20, kHasAttributes = 0x40;
constexpr unsigned char kEntityFlags = kHasAliases | kHasAffiliations | kHasAttributes;
constexpr unsigned char kWrittenSentence = 0x80;  // the sentence is not the text at the evidence
// A mention reference: empty, a string (its id follows) or the text at the
// entity's mention k (kRefMention + k). A title reference: empty, a string,
// or n - 1 code points (n >= 2) of the text at an offset into the evidence.
constexpr std::uint64_t kRefEmpty = 0, kRefWritten = 1, kRefMention = 2;

static_assert(kEntityTypeCount <= kEntityTypeBits + 1 && kRelationTypeCount <= kWrittenSentence);

// What encoding one document needs besides its output, kept per thread and
// cleared for the next document: the ingest workers encode documents one
// after another, and buffers freed after each came back from the allocator
// cold (operator new was a visible share of the workers' time). A buffer a
// huge document grew is let go rather than kept (release_large).
struct EncodeScratch {
  static constexpr std::size_t kKeptBytes = std::size_t{1} << 22;
  std::vector<std::uint32_t> offsets;  // TextBytes of the text
  LocalStrings strings;
  std::array<Writer, kExtractionColumns> columns;
  std::vector<std::pair<std::string_view, std::size_t>> entity_names;  // (name, entity), sorted
  std::vector<Span> evidence;
  std::vector<const Attributes*> attribute_lists;
  Writer layout_records;
  std::string compressed;  // a text block compressed, before it joins the blocks

  void release_large() {
    if (offsets.capacity() * sizeof(std::uint32_t) > kKeptBytes) std::vector<std::uint32_t>().swap(offsets);
    for (Writer& w : columns)
      if (w.capacity() > kKeptBytes) w = Writer();
    if (layout_records.capacity() > kKeptBytes) layout_records = Writer();
    if (compressed.capacity() > kKeptBytes) std::string().swap(compressed);
  }
};

EncodeScratch& encode_scratch() {
  thread_local EncodeScratch scratch;
  return scratch;
}

std::uint32_t offset(std::int64_t value) {
  if (value < 0 || value > UINT32_MAX) throw DecodeError("offset out of range");
  return static_cast<std::uint32_t>(value);
}

// from + a delta read from a blob, refused before it could overflow.
std::int64_t add_delta(std::int64_t from, std::int64_t delta) {
  if (delta < -std::int64_t{UINT32_MAX} - 1 || delta > std::int64_t{UINT32_MAX} + 1) throw DecodeError("offset out of range");
  return from + delta;
}

// The strings of a format-4 extraction: each the code points of the text at
// an offset when it is there (an alias the entity's own mentions do not
// spell, the text an investment was read from), or the longest start of it
// that is there and the rest written (a committee named after its park:
// 桃坝物流经济技术开发区 + 管委会), else written. A tag 3n + kind: kind 0,
// n bytes follow; kind 1, n code points of the text at the offset that
// follows; kind 2, the same, then the length of the rest and its bytes.
enum StringKind : std::uint64_t { kStringWritten, kStringInText, kStringStartInText, kStringKinds };

void write_strings_from_text(Writer& w, const std::vector<std::string_view>& strings, const TextBytes& text) {
  w.varint(strings.size());
  for (const std::string_view s : strings) {
    // Only strings with a character beyond ASCII are looked for: the others
    // (keys, dates, amounts) are not words of a Chinese text.
    const bool worth_looking =
        std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (!worth_looking) {
      w.varint(kStringKinds * s.size() + kStringWritten);
      w.append(s);
      continue;
    }
    if (const auto found = text.find(s, text.whole())) {
      w.varint(kStringKinds * found->size() + kStringInText);
      w.varint(found->begin);
      continue;
    }
    // Every start of a start found in the text is found too: the longest is
    // found by halving, over the character boundaries of the string.
    std::vector<std::size_t> ends;
    for (std::size_t i = 1; i <= s.size(); ++i)
      if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ends.push_back(i);
    std::size_t low = 0, high = ends.size();  // ends[low - 1] is found (low 0: none), ends[high] is not
    std::optional<Span> longest;
    while (low + 1 < high) {
      const std::size_t middle = (low + high) / 2;
      if (const auto found = text.find(s.substr(0, ends[middle - 1]), text.whole())) {
        low = middle;
        longest = found;
      } else {
        high = middle;
      }
    }
    // A start of two characters or more pays for its offset.
    if (longest && longest->size() >= 2) {
      w.varint(kStringKinds * longest->size() + kStringStartInText);
      w.varint(longest->begin);
      w.string(s.substr(ends[low - 1]));
      continue;
    }
    w.varint(kStringKinds * s.size() + kStringWritten);
    w.append(s);
  }
}

std::vector<std::string> read_strings_from_text(Reader& r, CodePointIndex& text) {
  std::vector<std::string> strings(r.count());
  for (std::string& s : strings) {
    const std::uint64_t tag = r.varint();
    const std::uint64_t size = tag / kStringKinds;
    if (tag % kStringKinds == kStringWritten) {
      s = std::string(r.bytes(static_cast<std::size_t>(size)));
      continue;
    }
    const std::uint64_t at = r.varint();
    if (size > UINT32_MAX || at > UINT32_MAX - size) throw DecodeError("string out of range");
    s = text.slice({static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + size)});
    if (tag % kStringKinds == kStringStartInText) s += r.string();
  }
  return strings;
}

void write_title(Writer& w, LocalStrings& strings, const TextBytes& text, const std::string& title, Span evidence) {
  if (title.empty()) {
    w.varint(kRefEmpty);
    return;
  }
  if (const auto found = text.find(title, evidence)) {
    w.varint(std::uint64_t{found->size()} + 1);
    w.varint(found->begin - evidence.begin);
    return;
  }
  w.varint(kRefWritten);
  w.varint(strings.id(title));
}

const std::string& local_string(const std::vector<std::string>& strings, std::uint64_t index) {
  if (index >= strings.size()) throw DecodeError("string index out of range");
  return strings[static_cast<std::size_t>(index)];
}

std::string read_text_ref(Reader& r, const std::vector<std::string>& strings, CodePointIndex& text) {
  const std::uint64_t tag = r.varint();
  if (tag == 0) return {};
  if (tag == 1) return local_string(strings, r.varint());
  const std::uint64_t length = tag - 1;
  const std::uint64_t begin = r.varint();
  if (length > UINT32_MAX || begin + length > UINT32_MAX) throw DecodeError("text reference out of range");
  return text.slice({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(begin + length)});
}

std::string read_title(Reader& r, const std::vector<std::string>& strings, CodePointIndex& text, Span evidence) {
  const std::uint64_t tag = r.varint();
  if (tag == kRefEmpty) return {};
  if (tag == kRefWritten) return local_string(strings, r.varint());
  const std::uint64_t length = tag - 1, at = r.varint();
  if (length > UINT32_MAX || at > UINT32_MAX || evidence.begin + at + length > UINT32_MAX)
    throw DecodeError("title out of range");
  const std::uint64_t begin = evidence.begin + at;
  return text.slice({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(begin + length)});
}

void write_local_attributes(Writer& w, LocalStrings& strings, const Attributes& attributes) {
  w.varint(attributes.size());
  for (const auto& [key, value] : attributes) {
    w.varint(strings.id(key));
    w.varint(strings.id(value));
  }
}

Attributes read_local_attributes(Reader& r, const std::vector<std::string>& strings) {
  Attributes attributes(r.count());
  for (auto& [key, value] : attributes) {
    key = local_string(strings, r.varint());
    value = local_string(strings, r.varint());
  }
  return attributes;
}

// How many raw bytes a character usually takes in a file of this encoding,
// learning as it goes for the ASCII characters clean-up made of wider ones
// (NFKC turns the full-width ， into ,): once a document has shown what its
// commas were, the next ones are expected to be the same.
class ExpectedWidths {
 public:
  explicit ExpectedWidths(std::string_view encoding) {
    if (encoding == "PDF") kind_ = Kind::pages;
    else if (encoding.starts_with("UTF-16")) kind_ = Kind::utf16;
    else if (encoding.starts_with("UTF-32")) kind_ = Kind::utf32;
    else if (encoding.empty() || encoding.starts_with("UTF-8") || encoding == "ASCII") kind_ = Kind::utf8;
    else kind_ = Kind::double_byte;  // GB18030, GBK, Big5 and the like
  }
  std::uint32_t width(char32_t c) const {
    if (c < 0x80 && learned_[c] != 0) return learned_[c];
    switch (kind_) {
      case Kind::utf16: return c >= 0x10000 ? 4 : 2;
      case Kind::utf32: return 4;
      case Kind::utf8: return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      case Kind::double_byte: return c < 0x80 ? 1 : 2;
      case Kind::pages: return 1;
    }
    return 1;
  }
  // Where the next character's bytes are expected to begin. A PDF's
  // characters point at their page ({p, p + 1}): the next is on the same one.
  std::uint32_t next_begin(Span previous) const { return kind_ == Kind::pages ? previous.begin : previous.end; }
  void saw(char32_t c, std::uint32_t width) {
    if (c < 0x80 && width > 0 && width < 256) learned_[c] = static_cast<std::uint8_t>(width);
  }

 private:
  enum class Kind { utf8, utf16, utf32, double_byte, pages } kind_;
  std::array<std::uint8_t, 128> learned_{};
};

}  // namespace

std::string encode_spans(const std::vector<Span>& spans) {
  Writer w;
  w.spans(spans);
  return w.take();
}

std::vector<Span> decode_spans(std::string_view blob) {
  if (blob.empty()) return {};
  Reader r(blob);
  auto spans = r.spans();
  if (!r.done()) throw DecodeError("trailing bytes after spans");
  return spans;
}

// --- text ----------------------------------------------------------------------

// The decompression side is made at once (queries read texts); the
// compression side, some milliseconds for a large dictionary, only when
// something is compressed with it.
struct Dictionary::Prepared {
  ZSTD_DDict* decompress = nullptr;
  ~Prepared() {
    ZSTD_freeCDict(compress);
    ZSTD_freeDDict(decompress);
  }
  // nullptr when zstd cannot make it (the callers then store uncompressed).
  const ZSTD_CDict* compression(const std::string& bytes) const {
    std::call_once(made, [&] {
      // Level 3's parameters for a block, with smaller hash and chain
      // tables: a dictionary's tables are read at random by every block
      // compressed with it, and at level 3's sizes (768 KB a dictionary)
      // they miss the cache of a worker that does much else between two
      // blocks. On the 22 MB corpus, hash 2^16 and chain 2^14 took the
      // workers' zstd cycles down by about 30 % for 1.2 % more stored
      // bytes; 2^15 and 2^14 saved no more cycles for 2.3 % more bytes.
      // The fast strategies do not pay here: most blobs are a few hundred
      // bytes, whose cost is zstd's fixed work per frame, and a text block
      // is mostly long matches from the dictionary. Compressing the 22 MB
      // corpus' texts, extractions and layouts one by one (35,000 blobs):
      // ZSTD_fast with hash 2^14 and minMatch 7 took 0.086 s against 0.101 s
      // for 11 % larger texts and 6 % larger extractions; hash 2^16 and
      // minMatch 6, 0.093 s for 10 % and 2 %; dfast with 2^14 and 2^12 took
      // as long for 4 % and 6 %. Only ZSTD_fast's acceleration
      // (targetLength 8) made it much cheaper (0.064 s), for 60 % larger
      // blobs.
      ZSTD_compressionParameters parameters = ZSTD_getCParams(kZstdLevel, kTextBlockBytes, bytes.size());
      parameters.hashLog = std::min(parameters.hashLog, 16U);
      parameters.chainLog = std::min(parameters.chainLog, 14U);
      compress = ZSTD_createCDict_advanced(bytes.data(), bytes.size(), ZSTD_dlm_byCopy, ZSTD_dct_auto, parameters,
                                           ZSTD_defaultCMem);
    });
    return compress;
  }

 private:
  mutable std::once_flag made;
  mutable ZSTD_CDict* compress = nullptr;
};

Dictionary::Dictionary(std::int64_t id, std::string bytes)
    : id_(id), bytes_(std::move(bytes)), prepared_(std::make_unique<Prepared>()) {
  prepared_->decompress = ZSTD_createDDict(bytes_.data(), bytes_.size());
  if (prepared_->decompress == nullptr)
    throw DecodeError("text dictionary " + std::to_string(id) + " is not a zstd dictionary");
}

Dictionary::~Dictionary() = default;

std::string train_dictionary(const std::vector<std::string>& samples) {
  std::string joined;
  std::vector<std::size_t> sizes;
  for (const std::string& sample : samples) {
    if (sample.empty()) continue;
    joined += sample;
    sizes.push_back(sample.size());
  }
  if (sizes.size() < 16) return {};
  // Half of what it learns from, up to 256 KB (zstd advises about 1%, but
  // blobs of a few hundred bytes compressed one by one draw on it much more:
  // on the 100 MB corpus, 256 KB saves 1.5 MB of text over 110 KB, and 1 MB
  // of extractions and layouts; 512 KB saves about what it takes itself).
  std::string dictionary(std::clamp<std::size_t>(joined.size() / 2, 4096, 262144), '\0');
  // FastCover with fixed parameters, not ZDICT_trainFromBuffer's search
  // over four segment sizes: the search trains four times and measures each
  // on held-out samples, 0.9 CPU-s a build. On kg's documents it settles on
  // k = 1024 or 1511, d = 8; fixed k = 1024 trains 4x faster and the 100 MB
  // corpus' texts come out 0.3 % larger.
  ZDICT_fastCover_params_t params{};
  params.k = 1024;
  params.d = 8;
  params.f = 20;
  params.accel = 1;
  params.splitPoint = 1.0;  // learn from every sample; nothing is held out
  const std::size_t size = ZDICT_trainFromBuffer_fastCover(dictionary.data(), dictionary.size(), joined.data(),
                                                           sizes.data(), static_cast<unsigned>(sizes.size()), params);
  if (ZDICT_isError(size)) return {};
  dictionary.resize(size);
  return dictionary;
}

namespace {

// One context per thread: workers compress texts side by side.
ZSTD_DCtx* decompression_context() {
  thread_local std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  return context.get();
}

// Bare zstd frames (kg since issue 11): without the magic number, the
// dictionary id and the content size, which the blob's header or the text
// index already say; 9 to 13 bytes less on blobs of a few hundred.
ZSTD_CCtx* bare_compression_context() {
  thread_local std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> context = [] {
    std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> made(ZSTD_createCCtx(), ZSTD_freeCCtx);
    ZSTD_CCtx_setParameter(made.get(), ZSTD_c_format, ZSTD_f_zstd1_magicless);
    ZSTD_CCtx_setParameter(made.get(), ZSTD_c_contentSizeFlag, 0);
    ZSTD_CCtx_setParameter(made.get(), ZSTD_c_dictIDFlag, 0);
    ZSTD_CCtx_setParameter(made.get(), ZSTD_c_compressionLevel, kZstdLevel);
    // zstd copies a dictionary's tables into the context before compressing
    // an input of more than a few KB at this level: for blobs of a few KB,
    // that copy cost more than the compression (15 % more CPU for the build).
    ZSTD_CCtx_setParameter(made.get(), ZSTD_c_forceAttachDict, ZSTD_dictForceAttach);
    return made;
  }();
  return context.get();
}

ZSTD_DCtx* bare_decompression_context() {
  thread_local std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context = [] {
    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> made(ZSTD_createDCtx(), ZSTD_freeDCtx);
    ZSTD_DCtx_setParameter(made.get(), ZSTD_d_format, ZSTD_f_zstd1_magicless);
    return made;
  }();
  return context.get();
}

// Into `out`; the compressed size, nullopt when zstd fails.
std::optional<std::size_t> compress_bare(std::string& out, std::string_view in, const Dictionary* dictionary) {
  ZSTD_CCtx* context = bare_compression_context();
  const ZSTD_CDict* prepared = dictionary != nullptr ? dictionary->prepared().compression(dictionary->bytes()) : nullptr;
  if (dictionary != nullptr && prepared == nullptr) return std::nullopt;
  ZSTD_CCtx_refCDict(context, prepared);
  out.resize(ZSTD_compressBound(in.size()));
  const std::size_t size = ZSTD_compress2(context, out.data(), out.size(), in.data(), in.size());
  if (ZSTD_isError(size)) return std::nullopt;
  return size;
}

// A bare frame of `size` bytes once decompressed; throws unless it is exactly that.
std::string decompress_bare(std::string_view in, std::size_t size, const Dictionary* dictionary) {
  ZSTD_DCtx* context = bare_decompression_context();
  ZSTD_DCtx_refDDict(context, dictionary != nullptr ? dictionary->prepared().decompress : nullptr);
  std::string out(size, '\0');
  const std::size_t got = ZSTD_decompressDCtx(context, out.data(), out.size(), in.data(), in.size());
  if (ZSTD_isError(got) || got != size) throw DecodeError("compressed data does not decompress");
  return out;
}

}  // namespace

EncodedText encode_text(std::string_view utf8, const Dictionary* dictionary) {
  Writer index, blocks;
  index.byte(kTextFormat);
  index.varint(dictionary != nullptr ? static_cast<std::uint64_t>(dictionary->id()) : 0);
  std::vector<std::pair<std::size_t, std::size_t>> ranges;  // byte ranges of blocks
  std::size_t start = 0;
  while (start < utf8.size()) {
    std::size_t end = std::min(utf8.size(), start + kTextBlockBytes);
    // Blocks end at a character boundary, after a line break when one is near.
    while (end < utf8.size() && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
    if (end < utf8.size()) {
      const std::size_t newline = utf8.rfind('\n', end - 1);
      if (newline != std::string_view::npos && newline > start + kTextBlockBytes / 2) end = newline + 1;
    }
    ranges.emplace_back(start, end);
    start = end;
  }
  index.varint(ranges.size());
  EncodeScratch& scratch = encode_scratch();
  std::string& compressed = scratch.compressed;
  for (const auto& [begin, end] : ranges) {
    const std::string_view block = utf8.substr(begin, end - begin);
    std::uint32_t code_points = 0;
    for (unsigned char c : block) code_points += (c & 0xC0) != 0x80;
    const std::optional<std::size_t> size = compress_bare(compressed, block, dictionary);
    const bool use_compressed = size && *size < block.size();
    index.varint(code_points);
    index.varint(block.size());
    index.varint(use_compressed ? *size : block.size());
    index.byte(!use_compressed ? kBlockStored : dictionary != nullptr ? kBlockBareWithDictionary : kBlockBare);
    blocks.append(use_compressed ? std::string_view(compressed.data(), *size) : block);
  }
  scratch.release_large();
  return {index.take(), blocks.take()};
}

TextIndex decode_text_index(std::string_view index) {
  Reader r(index);
  if (r.byte() != kTextFormat) throw DecodeError("unknown text format");
  TextIndex result;
  const std::uint64_t dictionary = r.varint();
  if (dictionary > INT64_MAX) throw DecodeError("bad text dictionary");
  result.dictionary = static_cast<std::int64_t>(dictionary);
  result.blocks.resize(r.count());
  std::uint64_t offset = 0;
  std::uint64_t first = 0;
  for (TextBlock& b : result.blocks) {
    b.first_code_point = static_cast<std::uint32_t>(first);
    b.code_points = r.u32();
    b.utf8_bytes = r.u32();
    b.stored_bytes = r.u32();
    b.method = r.byte();
    if (b.method > kBlockBareWithDictionary || (needs_dictionary(b.method) && result.dictionary == 0))
      throw DecodeError("bad text block");
    b.offset = offset;
    offset += b.stored_bytes;
    first += b.code_points;
    if (first > UINT32_MAX) throw DecodeError("text too long");
  }
  if (!r.done()) throw DecodeError("trailing bytes after the text index");
  return result;
}

std::string decode_text_block(const TextBlock& block, std::string_view stored, const Dictionary* dictionary) {
  if (stored.size() != block.stored_bytes) throw DecodeError("text block of the wrong size");
  if (block.method == kBlockStored) return std::string(stored);
  if (needs_dictionary(block.method) && dictionary == nullptr) throw DecodeError("text block needs its dictionary");
  if (block.method == kBlockBare || block.method == kBlockBareWithDictionary)
    return decompress_bare(stored, block.utf8_bytes, block.method == kBlockBareWithDictionary ? dictionary : nullptr);
  // kBlockZstd or kBlockZstdWithDictionary: a whole zstd frame (before issue 11).
  std::string out(block.utf8_bytes, '\0');
  const std::size_t size =
      block.method == kBlockZstd
          ? ZSTD_decompressDCtx(decompression_context(), out.data(), out.size(), stored.data(), stored.size())
          : ZSTD_decompress_usingDDict(decompression_context(), out.data(), out.size(), stored.data(), stored.size(),
                                       dictionary->prepared().decompress);
  if (ZSTD_isError(size) || size != block.utf8_bytes) throw DecodeError("text block does not decompress");
  return out;
}

std::string decode_text(const TextIndex& index, std::string_view blocks, const Dictionary* dictionary) {
  std::string text;
  for (const TextBlock& b : index.blocks) {
    if (b.offset + b.stored_bytes > blocks.size()) throw DecodeError("text blocks truncated");
    text += decode_text_block(b, blocks.substr(static_cast<std::size_t>(b.offset), b.stored_bytes), dictionary);
  }
  return text;
}

// --- layout ----------------------------------------------------------------------

std::string encode_layout(const Layout& layout, std::u32string_view text, std::string_view encoding) {
  Writer w;
  w.byte(kLayoutFormat);
  // Raw offsets: the count, then a record for every character whose bytes
  // are not where or not as many as expected: the characters skipped since
  // the previous record, the begin's gap (doubled, + 1 when the width is
  // not the expected one, which follows, + 1; 0 for an inverted span, whose
  // end follows).
  w.varint(layout.raw.size());
  ExpectedWidths expected(encoding);
  std::uint32_t expected_begin = 0;
  std::size_t last_exception = 0;
  EncodeScratch& scratch = encode_scratch();
  Writer& records = scratch.layout_records;
  records.clear();
  std::size_t record_count = 0;
  for (std::size_t i = 0; i < layout.raw.size(); ++i) {
    const Span s = layout.raw[i];
    const char32_t c = i < text.size() ? text[i] : U' ';
    const bool width_differs = s.end < s.begin || s.end - s.begin != expected.width(c);
    if (s.begin != expected_begin || width_differs) {
      records.varint(i - last_exception);
      const std::int64_t gap = static_cast<std::int64_t>(s.begin) - expected_begin;
      records.varint((Writer::zigzag(gap) << 1) | (width_differs ? 1 : 0));
      if (width_differs) records.varint(s.end >= s.begin ? std::uint64_t{s.end - s.begin} + 1 : 0);
      if (s.end < s.begin) records.varint(s.end);
      ++record_count;
      last_exception = i;
    }
    if (s.end >= s.begin) expected.saw(c, s.end - s.begin);
    expected_begin = expected.next_begin(s);
  }
  w.varint(record_count);
  w.append(records.view());
  scratch.release_large();
  w.tiling_spans(layout.sentences);
  w.tiling_spans(layout.paragraphs);
  w.tiling_spans(layout.damaged);
  return w.take();
}

Layout decode_layout(std::string_view blob, std::u32string_view text, std::string_view encoding) {
  Layout layout;
  if (blob.empty()) return layout;
  Reader r(blob);
  const unsigned char format = r.byte();
  if (format != kLayoutFormat && format != kLayoutFormatTriples) throw DecodeError("unknown layout format");
  const std::uint64_t count = r.varint();
  if (count > std::max<std::size_t>(text.size(), 1) * 2 + 16) throw DecodeError("more raw offsets than characters");
  const std::size_t records = r.count();
  layout.raw.reserve(static_cast<std::size_t>(count));
  // The next record: at character next_exception, begin gap, width + 1 (0:
  // inverted, ending at inverted_end; kExpectedWidth: as expected).
  constexpr std::uint64_t kExpectedWidth = UINT64_MAX;
  std::size_t next_exception = SIZE_MAX;
  std::size_t read = 0, last_exception = 0;
  std::int64_t gap = 0;
  std::uint64_t width_plus_one = 0, inverted_end = 0;
  auto fetch = [&] {
    if (read == records) {
      next_exception = SIZE_MAX;
      return;
    }
    const std::uint64_t skip = r.varint();
    if (skip > count) throw DecodeError("raw offsets out of order");
    next_exception = last_exception + static_cast<std::size_t>(skip);
    ++read;
    if (format == kLayoutFormatTriples) {
      gap = r.signed_varint();
      if (gap < -std::int64_t{UINT32_MAX} || gap > std::int64_t{UINT32_MAX}) throw DecodeError("raw offset out of range");
      width_plus_one = r.varint();
      if (width_plus_one == 0) {  // an inverted span: the next record holds its end
        if (read == records || r.varint() != 0) throw DecodeError("bad inverted raw offset");
        r.signed_varint();
        inverted_end = r.varint();
        ++read;
      }
      return;
    }
    const std::uint64_t packed = r.varint();
    gap = static_cast<std::int64_t>(packed >> 2) ^ -static_cast<std::int64_t>((packed >> 1) & 1);
    width_plus_one = (packed & 1) != 0 ? r.varint() : kExpectedWidth;
    if (width_plus_one == 0) inverted_end = r.varint();
  };
  fetch();
  std::int64_t expected_begin = 0;
  ExpectedWidths expected(encoding);
  for (std::size_t i = 0; i < count; ++i) {
    Span s;
    const char32_t c = i < text.size() ? text[i] : U' ';
    if (i == next_exception) {
      const std::int64_t begin = expected_begin + gap;
      if (begin < 0 || begin > UINT32_MAX) throw DecodeError("raw offset out of range");
      s.begin = static_cast<std::uint32_t>(begin);
      const std::uint64_t width = width_plus_one == kExpectedWidth ? expected.width(c) : width_plus_one - 1;
      if (width_plus_one == 0) {
        if (inverted_end > UINT32_MAX) throw DecodeError("raw offset out of range");
        s.end = static_cast<std::uint32_t>(inverted_end);
      } else {
        if (static_cast<std::uint64_t>(s.begin) + width > UINT32_MAX) throw DecodeError("raw offset out of range");
        s.end = static_cast<std::uint32_t>(s.begin + width);
      }
      last_exception = i;
      fetch();
      if (next_exception <= i && next_exception != SIZE_MAX) throw DecodeError("raw offsets out of order");
    } else {
      const std::uint32_t width = expected.width(c);
      if (static_cast<std::uint64_t>(expected_begin) + width > UINT32_MAX) throw DecodeError("raw offset out of range");
      s.begin = static_cast<std::uint32_t>(expected_begin);
      s.end = s.begin + width;
    }
    if (s.end >= s.begin) expected.saw(c, s.end - s.begin);
    expected_begin = expected.next_begin(s);
    layout.raw.push_back(s);
  }
  if (read != records || next_exception != SIZE_MAX) throw DecodeError("raw offset records left over");
  const bool tiling = format == kLayoutFormat;
  layout.sentences = tiling ? r.tiling_spans() : r.spans();
  layout.paragraphs = tiling ? r.tiling_spans() : r.spans();
  layout.damaged = tiling ? r.tiling_spans() : r.spans();
  if (!r.done()) throw DecodeError("trailing bytes after the layout");
  return layout;
}

// --- extraction ------------------------------------------------------------------

std::string encode_extraction(const Extraction& extraction, std::u32string_view text) {
  return encode_extraction(extraction, std::string_view(to_utf8(text)));
}

std::string encode_extraction(const Extraction& extraction, std::string_view utf8_text) {
  EncodeScratch& scratch = encode_scratch();
  const TextBytes text(utf8_text, scratch.offsets);
  LocalStrings& strings = scratch.strings;
  strings.clear();
  std::array<Writer, kExtractionColumns>& column = scratch.columns;
  for (Writer& w : column) w.clear();
  // A name or an alias: the text at one of the entity's mentions, else written.
  auto write_mention_ref = [&](Writer& w, const LocalEntity& e, const std::string& value) {
    if (value.empty()) {
      w.varint(kRefEmpty);
      return;
    }
    for (std::size_t k = 0; k < e.mentions.size(); ++k)
      if (text.at(e.mentions[k], value)) {
        w.varint(kRefMention + k);
        return;
      }
    w.varint(kRefWritten);
    w.varint(strings.id(value));
  };
  // An affiliation is usually the name of another entity of the document (the
  // first of that name: sorted by name, then index, the first of equal names).
  std::vector<std::pair<std::string_view, std::size_t>>& entity_named = scratch.entity_names;
  entity_named.clear();
  for (std::size_t i = 0; i < extraction.entities.size(); ++i)
    entity_named.emplace_back(extraction.entities[i].name, i);
  std::sort(entity_named.begin(), entity_named.end());
  auto entity_named_as = [&](std::string_view name) -> const std::pair<std::string_view, std::size_t>* {
    const auto it = std::lower_bound(entity_named.begin(), entity_named.end(), std::pair(name, std::size_t{0}));
    return it != entity_named.end() && it->first == name ? &*it : nullptr;
  };
  std::int64_t previous_first = 0;
  for (const LocalEntity& e : extraction.entities) {
    unsigned char kind = static_cast<unsigned char>(e.type);
    if (!e.aliases.empty()) kind |= kHasAliases;
    if (!e.affiliations.empty()) kind |= kHasAffiliations;
    if (!e.attributes.empty()) kind |= kHasAttributes;
    column[kEntityKinds].byte(kind);
    column[kMentionCounts].varint(e.mentions.size());
    std::int64_t anchor = previous_first;
    for (std::size_t k = 0; k < e.mentions.size(); ++k) {
      const Span m = e.mentions[k];
      column[kMentionStarts].signed_varint(static_cast<std::int64_t>(m.begin) - anchor);
      column[kMentionLengths].signed_varint(static_cast<std::int64_t>(m.end) - static_cast<std::int64_t>(m.begin));
      if (k == 0) previous_first = m.begin;
      anchor = m.end;
    }
    write_mention_ref(column[kNames], e, e.name);
    if (!e.aliases.empty()) {
      column[kAliases].varint(e.aliases.size());
      for (const std::string& alias : e.aliases) write_mention_ref(column[kAliases], e, alias);
    }
    if (!e.affiliations.empty()) {
      Writer& w = column[kAffiliations];
      w.varint(e.affiliations.size());
      for (const std::string& affiliation : e.affiliations) {
        if (const auto* named = entity_named_as(affiliation)) {
          w.varint(named->second + 1);
        } else {
          w.varint(0);
          w.varint(strings.id(affiliation));
        }
      }
    }
    if (!e.attributes.empty()) write_local_attributes(column[kEntityAttributes], strings, e.attributes);
  }
  // Distinct evidence spans in text order, attribute lists in the order of
  // first use (a document has a few of each).
  std::vector<Span>& evidence = scratch.evidence;
  evidence.clear();
  for (const LocalRelation& r : extraction.relations) evidence.push_back(r.evidence);
  const auto span_order = [](Span a, Span b) { return std::pair(a.begin, a.end) < std::pair(b.begin, b.end); };
  std::sort(evidence.begin(), evidence.end(), span_order);
  evidence.erase(std::unique(evidence.begin(), evidence.end()), evidence.end());
  std::vector<const Attributes*>& attribute_lists = scratch.attribute_lists;
  attribute_lists.clear();
  for (const LocalRelation& r : extraction.relations) {
    if (r.source >= extraction.entities.size() || r.target >= extraction.entities.size())
      throw std::invalid_argument("relation points past the entities of its extraction");
    // An empty sentence is the text at the evidence (Extractor::Sentences),
    // where the evidence lies in the text.
    const bool sentence_from_text = r.sentence.empty() ? text.holds(r.evidence) : text.at(r.evidence, r.sentence);
    column[kRelationKinds].byte(static_cast<unsigned char>(r.type) | (sentence_from_text ? 0 : kWrittenSentence));
    column[kRelationEnds].varint(r.source);
    column[kRelationEnds].varint(r.target);
    column[kEvidenceRefs].varint(static_cast<std::uint64_t>(
        std::lower_bound(evidence.begin(), evidence.end(), r.evidence, span_order) - evidence.begin()));
    write_title(column[kTitles], strings, text, r.title, r.evidence);
    if (!sentence_from_text) column[kSentences].varint(strings.id(r.sentence));
    auto list = std::find_if(attribute_lists.begin(), attribute_lists.end(),
                             [&](const Attributes* known) { return *known == r.attributes; });
    if (list == attribute_lists.end()) list = attribute_lists.insert(list, &r.attributes);
    column[kAttributeRefs].varint(static_cast<std::uint64_t>(list - attribute_lists.begin()));
  }
  column[kEvidenceSpans].varint(evidence.size());
  std::int64_t previous_end = 0;
  for (const Span& s : evidence) {
    column[kEvidenceSpans].signed_varint(static_cast<std::int64_t>(s.begin) - previous_end);
    column[kEvidenceSpans].signed_varint(static_cast<std::int64_t>(s.end) - static_cast<std::int64_t>(s.begin));
    previous_end = s.end;
  }
  column[kAttributeLists].varint(attribute_lists.size());
  for (const Attributes* list : attribute_lists) write_local_attributes(column[kAttributeLists], strings, *list);
  Writer out;
  std::size_t columns_size = 0;
  for (const Writer& w : column) columns_size += w.size() + 10;
  out.reserve(columns_size + 64);
  out.byte(kExtractionFormat);
  write_strings_from_text(out, strings.list, text);
  out.varint(extraction.entities.size());
  out.varint(extraction.relations.size());
  for (Writer& w : column) out.string(w.view());
  strings.clear();  // it views the extraction's strings
  scratch.release_large();
  return out.take();
}

namespace {

// Extractions start with their format (1-4), layouts with theirs (1): a
// packed blob starts with a byte neither uses. 0x5A: a zstd frame (before
// issue 11); 0x5B: a bare one (compress_bare).
constexpr unsigned char kPacked = 0x5A, kPackedBare = 0x5B;

bool is_packed(std::string_view stored) {
  return !stored.empty() &&
         (static_cast<unsigned char>(stored[0]) == kPacked || static_cast<unsigned char>(stored[0]) == kPackedBare);
}

}  // namespace

std::string pack(std::string encoded, const Dictionary* dictionary) {
  if (dictionary == nullptr) return encoded;
  // The thread's buffer, as for texts: a fresh one per blob was allocated
  // and zeroed to zstd's bound, twice a document.
  std::string& compressed = encode_scratch().compressed;
  const std::optional<std::size_t> size = compress_bare(compressed, encoded, dictionary);
  if (!size) return encoded;
  Writer w;
  w.reserve(*size + 24);
  w.byte(kPackedBare);
  w.varint(static_cast<std::uint64_t>(dictionary->id()));
  w.varint(encoded.size());
  w.append(std::string_view(compressed.data(), *size));
  return w.take();
}

std::int64_t packed_dictionary(std::string_view stored) {
  if (!is_packed(stored)) return 0;
  Reader r(stored);
  r.byte();
  const std::uint64_t id = r.varint();
  if (id == 0 || id > INT64_MAX) throw DecodeError("bad packed dictionary");
  return static_cast<std::int64_t>(id);
}

std::string unpack(std::string_view stored, const Dictionary* dictionary) {
  if (!is_packed(stored)) return std::string(stored);
  Reader r(stored);
  const bool bare = r.byte() == kPackedBare;
  r.varint();
  const std::uint64_t size = r.varint();
  if (dictionary == nullptr) throw DecodeError("packed data needs its dictionary");
  if (size > 64 * stored.size() + 4096) throw DecodeError("packed size out of range");
  const std::string_view frame = stored.substr(stored.size() - r.remaining());
  if (bare) return decompress_bare(frame, static_cast<std::size_t>(size), dictionary);
  std::string out(static_cast<std::size_t>(size), '\0');
  const std::size_t got = ZSTD_decompress_usingDDict(decompression_context(), out.data(), out.size(), frame.data(),
                                                     frame.size(), dictionary->prepared().decompress);
  if (ZSTD_isError(got) || got != size) throw DecodeError("packed data does not decompress");
  return out;
}

namespace {

// The type byte every extraction format starts an entity or a relation with.
EntityType read_entity_type(Reader& r) {
  const unsigned char type = r.byte();
  if (type >= kEntityTypeCount) throw DecodeError("unknown entity type");
  return static_cast<EntityType>(type);
}
RelationType read_relation_type(Reader& r) {
  const unsigned char type = r.byte();
  if (type >= kRelationTypeCount) throw DecodeError("unknown relation type");
  return static_cast<RelationType>(type);
}

// Formats 1 to 3 start a relation with its type, source and target.
void read_relation_head(Reader& r, LocalRelation& rel, std::size_t entities) {
  rel.type = read_relation_type(r);
  rel.source = r.u32();
  rel.target = r.u32();
  if (rel.source >= entities || rel.target >= entities) throw DecodeError("relation points past the entities");
}

// Affiliations that name another entity of the extraction (its index + 1;
// 0: written), once every name is known.
void name_affiliations(Extraction& x, const std::vector<std::vector<std::uint64_t>>& refs) {
  for (std::size_t i = 0; i < x.entities.size(); ++i)
    for (std::size_t a = 0; a < refs[i].size(); ++a)
      if (refs[i][a] != 0) x.entities[i].affiliations[a] = x.entities[refs[i][a] - 1].name;
}

// An entity's affiliations as written (a count, then per affiliation the
// index + 1 of the entity it names, or 0 and a string); the references are
// named by name_affiliations once every entity is read.
void read_affiliations(Reader& r, const std::vector<std::string>& strings, std::size_t entities, LocalEntity& e,
                       std::vector<std::uint64_t>& refs) {
  e.affiliations.resize(r.count());
  refs.resize(e.affiliations.size());
  for (std::size_t a = 0; a < e.affiliations.size(); ++a) {
    refs[a] = r.varint();
    if (refs[a] == 0) e.affiliations[a] = local_string(strings, r.varint());
    else if (refs[a] > entities) throw DecodeError("affiliation points past the entities");
  }
}

Extraction decode_extraction_v1_v2(Reader& r, unsigned char format, CodePointIndex& text, bool fill_sentences) {
  Extraction x;
  x.entities.resize(r.count());
  for (auto& e : x.entities) {
    e.type = read_entity_type(r);
    e.name = r.string();
    e.aliases = r.strings();
    e.mentions = r.spans();
    e.affiliations = r.strings();
    e.attributes = r.attributes();
  }
  x.relations.resize(r.count());
  for (auto& rel : x.relations) {
    read_relation_head(r, rel, x.entities.size());
    rel.title = r.string();
    rel.evidence.begin = r.u32();
    rel.evidence.end = r.u32();
    const unsigned char sentence = format == kExtractionFormatFull ? kSentenceWritten : r.byte();
    if (sentence == kSentenceWritten)
      rel.sentence = r.string();
    else if (sentence == kSentenceFromText) {
      if (fill_sentences) rel.sentence = text.slice(rel.evidence);
    } else
      throw DecodeError("bad sentence flag");
    rel.attributes = r.attributes();
  }
  return x;
}

// Format 3: records, one entity or relation after the other.
Extraction decode_extraction_v3(Reader& r, CodePointIndex& text, bool fill_sentences) {
  Extraction x;
  const std::vector<std::string> strings = r.strings();
  x.entities.resize(r.count());
  std::vector<std::vector<std::uint64_t>> affiliation_refs(x.entities.size());
  for (std::size_t k = 0; k < x.entities.size(); ++k) {
    LocalEntity& e = x.entities[k];
    e.type = read_entity_type(r);
    e.mentions = r.spans();
    e.name = read_text_ref(r, strings, text);
    e.aliases.resize(r.count());
    for (auto& alias : e.aliases) alias = read_text_ref(r, strings, text);
    read_affiliations(r, strings, x.entities.size(), e, affiliation_refs[k]);
    e.attributes = read_local_attributes(r, strings);
  }
  name_affiliations(x, affiliation_refs);
  x.relations.resize(r.count());
  for (auto& rel : x.relations) {
    read_relation_head(r, rel, x.entities.size());
    rel.evidence.begin = r.u32();
    const std::int64_t end = static_cast<std::int64_t>(rel.evidence.begin) + r.signed_varint();
    if (end < 0 || end > UINT32_MAX) throw DecodeError("evidence out of range");
    rel.evidence.end = static_cast<std::uint32_t>(end);
    rel.title = read_text_ref(r, strings, text);
    const unsigned char sentence = r.byte();
    if (sentence == kSentenceWritten)
      rel.sentence = local_string(strings, r.varint());
    else if (sentence == kSentenceFromText) {
      if (fill_sentences) rel.sentence = text.slice(rel.evidence);
    } else
      throw DecodeError("bad sentence flag");
    rel.attributes = read_local_attributes(r, strings);
  }
  return x;
}

Extraction decode_extraction_v4(Reader& r, CodePointIndex& text, bool fill_sentences) {
  const std::vector<std::string> strings = read_strings_from_text(r, text);
  Extraction x;
  x.entities.resize(r.count());
  x.relations.resize(r.count());
  std::array<Reader, kExtractionColumns> column;
  for (Reader& c : column) c = Reader(r.bytes(r.count()));
  auto read_mention_ref = [&](Reader& c, const LocalEntity& e) -> std::string {
    const std::uint64_t tag = c.varint();
    if (tag == kRefEmpty) return {};
    if (tag == kRefWritten) return local_string(strings, c.varint());
    if (tag - kRefMention >= e.mentions.size()) throw DecodeError("name refers past the mentions");
    return text.slice(e.mentions[static_cast<std::size_t>(tag - kRefMention)]);
  };
  std::vector<std::vector<std::uint64_t>> affiliation_refs(x.entities.size());
  std::int64_t previous_first = 0;
  for (std::size_t i = 0; i < x.entities.size(); ++i) {
    LocalEntity& e = x.entities[i];
    const unsigned char kind = column[kEntityKinds].byte();
    if ((kind & kEntityTypeBits) >= kEntityTypeCount || (kind & ~(kEntityTypeBits | kEntityFlags)) != 0)
      throw DecodeError("unknown entity kind");
    e.type = static_cast<EntityType>(kind & kEntityTypeBits);
    const std::uint64_t mentions = column[kMentionCounts].varint();
    if (mentions > column[kMentionStarts].remaining()) throw DecodeError("more mentions than their data");
    e.mentions.resize(static_cast<std::size_t>(mentions));
    std::int64_t anchor = previous_first;
    for (std::size_t k = 0; k < e.mentions.size(); ++k) {
      const std::int64_t begin = add_delta(anchor, column[kMentionStarts].signed_varint());
      const std::int64_t end = add_delta(begin, column[kMentionLengths].signed_varint());
      e.mentions[k] = {offset(begin), offset(end)};
      if (k == 0) previous_first = begin;
      anchor = end;
    }
    e.name = read_mention_ref(column[kNames], e);
    if (kind & kHasAliases) {
      e.aliases.resize(column[kAliases].count());
      for (std::string& alias : e.aliases) alias = read_mention_ref(column[kAliases], e);
    }
    if (kind & kHasAffiliations) read_affiliations(column[kAffiliations], strings, x.entities.size(), e, affiliation_refs[i]);
    if (kind & kHasAttributes) e.attributes = read_local_attributes(column[kEntityAttributes], strings);
  }
  name_affiliations(x, affiliation_refs);
  std::vector<Span> evidence(column[kEvidenceSpans].count());
  std::int64_t previous_end = 0;
  for (Span& s : evidence) {
    const std::int64_t begin = add_delta(previous_end, column[kEvidenceSpans].signed_varint());
    const std::int64_t end = add_delta(begin, column[kEvidenceSpans].signed_varint());
    s = {offset(begin), offset(end)};
    previous_end = end;
  }
  std::vector<Attributes> attribute_lists(column[kAttributeLists].count());
  for (Attributes& list : attribute_lists) list = read_local_attributes(column[kAttributeLists], strings);
  for (LocalRelation& rel : x.relations) {
    const unsigned char kind = column[kRelationKinds].byte();
    if ((kind & ~kWrittenSentence) >= kRelationTypeCount) throw DecodeError("unknown relation kind");
    rel.type = static_cast<RelationType>(kind & ~kWrittenSentence);
    rel.source = column[kRelationEnds].u32();
    rel.target = column[kRelationEnds].u32();
    if (rel.source >= x.entities.size() || rel.target >= x.entities.size())
      throw DecodeError("relation points past the entities");
    const std::uint64_t at = column[kEvidenceRefs].varint();
    if (at >= evidence.size()) throw DecodeError("relation refers past the evidence spans");
    rel.evidence = evidence[static_cast<std::size_t>(at)];
    rel.title = read_title(column[kTitles], strings, text, rel.evidence);
    if (kind & kWrittenSentence) rel.sentence = local_string(strings, column[kSentences].varint());
    else if (fill_sentences) rel.sentence = text.slice(rel.evidence);
    const std::uint64_t list = column[kAttributeRefs].varint();
    if (list >= attribute_lists.size()) throw DecodeError("relation refers past the attribute lists");
    rel.attributes = attribute_lists[static_cast<std::size_t>(list)];
  }
  for (const Reader& c : column)
    if (!c.done()) throw DecodeError("trailing bytes in an extraction column");
  return x;
}

}  // namespace

Extraction decode_extraction(std::string_view blob, std::string_view utf8_text, bool fill_sentences) {
  Reader r(blob);
  const unsigned char format = r.byte();
  CodePointIndex text(utf8_text);
  Extraction x;
  if (format == kExtractionFormatFull || format == kExtractionFormatSentences) {
    x = decode_extraction_v1_v2(r, format, text, fill_sentences);
  } else if (format == kExtractionFormatRecords) {
    x = decode_extraction_v3(r, text, fill_sentences);
  } else if (format == kExtractionFormat) {
    x = decode_extraction_v4(r, text, fill_sentences);
  } else {
    throw DecodeError("unknown extraction format");
  }
  if (!r.done()) throw DecodeError("trailing bytes after extraction");
  return x;
}

// --- aggregates ----------------------------------------------------------------------

namespace {

void write_counted_attributes(Writer& w, const std::vector<AttributeCount>& list, StringIds& strings) {
  w.varint(list.size());
  for (const AttributeCount& a : list) {
    w.varint(strings.id(a.key));
    w.varint(strings.id(a.value));
    w.varint(a.count);
  }
}

std::vector<AttributeCount> read_counted_attributes(Reader& r, StringIds* strings) {
  std::vector<AttributeCount> list(r.count());
  for (AttributeCount& a : list) {
    const std::uint32_t key = r.u32(), value = r.u32();
    if (strings != nullptr) {
      a.key = strings->text(key);
      a.value = strings->text(value);
    }
    a.count = r.u32();
  }
  return list;
}

// Spellings: 0 for the displayed name (a column of the row), else the string.
void write_spellings(Writer& w, const std::vector<Spelling>& list, std::string_view shown) {
  w.varint(list.size());
  for (const Spelling& s : list) {
    if (s.text == shown) {
      w.varint(0);
    } else {
      w.varint(s.text.size() + 1);
      w.append(s.text);
    }
    w.varint(s.own);
    w.varint(s.alias);
  }
}

std::vector<Spelling> read_spellings(Reader& r, std::string_view shown) {
  std::vector<Spelling> list(r.count());
  for (Spelling& s : list) {
    const std::uint64_t tag = r.varint();
    s.text = tag == 0 ? std::string(shown) : std::string(r.bytes(static_cast<std::size_t>(tag - 1)));
    s.own = r.u32();
    s.alias = r.u32();
  }
  return list;
}

void skip_spellings(Reader& r) {
  const std::size_t n = r.count();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t tag = r.varint();
    if (tag != 0) r.bytes(static_cast<std::size_t>(tag - 1));
    r.varint();
    r.varint();
  }
}

std::int64_t read_document(Reader& r, std::int64_t& previous) {
  const std::int64_t doc = previous + static_cast<std::int64_t>(r.varint());
  if (doc < previous) throw DecodeError("documents out of order");
  previous = doc;
  return doc;
}

// The group is the row's type's, and every record gives one own spelling:
// neither is written.
std::uint32_t read_entity_header(Reader& r) {
  if (r.byte() != kEntityFormat) throw DecodeError("unknown entity format");
  return r.u32();  // records typed Official
}

}  // namespace

std::string encode_entity(const EntityData& data, std::string_view name, StringIds& strings) {
  std::string blob;
  append_entity(blob, data, name, strings);
  return blob;
}

void append_entity(std::string& out, const EntityData& data, std::string_view name, StringIds& strings) {
  Writer w(std::move(out));
  w.byte(kEntityFormat);
  w.varint(data.official_records);
  write_spellings(w, data.spellings, name);
  w.varint(data.links.size());
  for (const AliasLink& l : data.links) {
    w.string(l.from);
    w.string(l.to);
    w.varint(l.count);
  }
  w.varint(data.affiliations.size());
  for (const std::uint64_t a : data.affiliations) w.fixed64(a);
  // The anchor identifies only people with no affiliation, and is theirs alone.
  w.string(data.affiliations.empty() ? std::string_view(data.anchor) : std::string_view());
  write_counted_attributes(w, data.attributes, strings);
  // Mentions last: a reader that wants only the documents skips the rest.
  w.varint(data.mentions.size());
  std::int64_t previous = 0;
  for (const DocumentSpans& m : data.mentions) {
    w.varint(static_cast<std::uint64_t>(m.document - previous));
    previous = m.document;
    w.varint(m.spans.size());
    std::uint32_t previous_begin = 0;
    for (const Span& s : m.spans) {
      w.varint(s.begin - std::min(previous_begin, s.begin));
      w.varint(s.end >= s.begin ? s.end - s.begin : 0);
      previous_begin = s.begin;
    }
  }
  out = w.take();
}

EntityData decode_entity(std::string_view blob, EntityType type, std::string_view name, StringIds& strings) {
  Reader r(blob);
  EntityData data;
  data.group = resolution_group(type);
  data.official_records = read_entity_header(r);
  data.spellings = read_spellings(r, name);
  for (const Spelling& s : data.spellings) data.records += s.own;
  data.links.resize(r.count());
  for (AliasLink& l : data.links) {
    l.from = r.string();
    l.to = r.string();
    l.count = r.u32();
  }
  data.affiliations.resize(r.count());
  for (std::uint64_t& a : data.affiliations) a = r.fixed64();
  data.anchor = r.string();
  data.attributes = read_counted_attributes(r, &strings);
  data.mentions.resize(r.count());
  std::int64_t previous = 0;
  for (DocumentSpans& m : data.mentions) {
    m.document = read_document(r, previous);
    m.spans.resize(r.count());
    std::uint64_t begin = 0;
    for (Span& s : m.spans) {
      begin += r.varint();
      const std::uint64_t length = r.varint();
      if (begin + length > UINT32_MAX) throw DecodeError("mention out of range");
      s = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(begin + length)};
    }
  }
  if (!r.done()) throw DecodeError("trailing bytes after an entity");
  return data;
}

std::vector<std::int64_t> entity_documents(std::string_view blob) {
  Reader r(blob);
  read_entity_header(r);
  skip_spellings(r);
  const std::size_t links = r.count();
  for (std::size_t i = 0; i < links; ++i) {
    r.string();
    r.string();
    r.varint();
  }
  const std::size_t affiliations = r.count();
  for (std::size_t i = 0; i < affiliations; ++i) r.fixed64();
  r.string();
  read_counted_attributes(r, nullptr);
  std::vector<std::int64_t> docs(r.count());
  std::int64_t previous = 0;
  for (std::int64_t& doc : docs) {
    doc = read_document(r, previous);
    const std::size_t spans = r.count();
    for (std::size_t i = 0; i < spans; ++i) {
      r.varint();
      r.varint();
    }
  }
  return docs;
}

namespace {

// An evidence date (core/dates.h) as one varint: 0 undated; YYYYMMDD for a
// day, YYYYMM00 for a month, YYYY0000 for a year (never below 10000); 1 and
// the text for anything else, so that no date is lost.
void write_evidence_date(Writer& w, std::string_view date) {
  if (date.empty()) {
    w.varint(0);
    return;
  }
  const auto span = parse_date_span(date);
  if (span && (date.size() == 4 || date.size() == 7 || date.size() == 10)) {
    // parse_date_span has checked the digits; from_chars reads them in place.
    const auto number = [&](std::size_t at, std::size_t length) {
      std::uint64_t value = 0;
      std::from_chars(date.data() + at, date.data() + at + length, value);
      return value;
    };
    std::uint64_t packed = number(0, 4) * 10000;
    if (date.size() >= 7) packed += number(5, 2) * 100;
    if (date.size() == 10) packed += number(8, 2);
    if (packed >= 10000) {
      w.varint(packed);
      return;
    }
  }
  w.varint(1);
  w.varint(date.size());
  w.append(date);
}

std::string read_evidence_date(Reader& r) {
  const std::uint64_t packed = r.varint();
  if (packed == 0) return {};
  if (packed == 1) return std::string(r.bytes(static_cast<std::size_t>(r.varint())));
  if (packed < 10000 || packed > 99991231) throw DecodeError("evidence date out of range");
  // (iso_date writes the digits by hand: every relation read decodes its
  // dates, and a date window reads the dates of a whole relation type.)
  return iso_date(static_cast<int>(packed / 10000), static_cast<int>(packed / 100 % 100),
                  static_cast<int>(packed % 100));
}

}  // namespace

std::string encode_relation(const RelationData& data, std::string_view title, StringIds& strings) {
  std::string blob;
  append_relation(blob, data, title, strings);
  return blob;
}

void append_relation(std::string& out, const RelationData& data, std::string_view title, StringIds& strings) {
  Writer w(std::move(out));
  w.byte(kRelationFormat);
  w.varint(data.count);
  // The usual case, one spelling (the title shown) given by every occurrence,
  // is an empty list.
  if (data.titles.size() == 1 && data.titles[0].text == title && data.titles[0].own == data.count &&
      data.titles[0].alias == 0 && data.count > 0)
    w.varint(0);
  else
    write_spellings(w, data.titles, title);
  write_counted_attributes(w, data.attributes, strings);
  w.varint(data.evidence.size());
  std::int64_t previous = 0;
  std::uint32_t previous_begin = 0;
  for (const Evidence& e : data.evidence) {
    if (e.document != previous) previous_begin = 0;
    w.varint(static_cast<std::uint64_t>(e.document - previous));
    previous = e.document;
    w.signed_varint(static_cast<std::int64_t>(e.span.begin) - previous_begin);
    w.signed_varint(static_cast<std::int64_t>(e.span.end) - static_cast<std::int64_t>(e.span.begin));
    previous_begin = e.span.begin;
    if (e.sentence.empty()) {
      w.varint(0);
    } else {
      w.varint(e.sentence.size() + 1);
      w.append(e.sentence);
    }
    write_evidence_date(w, e.date);
  }
  out = w.take();
}

namespace {

template <typename Visit>
void read_evidence(Reader& r, unsigned char format, Visit visit) {
  const std::size_t n = r.count();
  std::int64_t previous = 0;
  std::int64_t previous_begin = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t before = previous;
    const std::int64_t doc = read_document(r, previous);
    if (doc != before) previous_begin = 0;
    const std::int64_t begin = previous_begin + r.signed_varint();
    const std::int64_t end = begin + r.signed_varint();
    if (begin < 0 || begin > UINT32_MAX || end < 0 || end > UINT32_MAX) throw DecodeError("evidence out of range");
    previous_begin = begin;
    const std::uint64_t tag = r.varint();
    const std::string_view sentence = tag == 0 ? std::string_view() : r.bytes(static_cast<std::size_t>(tag - 1));
    std::string date = format == kRelationFormatUndated ? std::string() : read_evidence_date(r);
    visit(doc, Span{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)}, sentence, std::move(date));
  }
}

// The format byte of a relation blob, checked.
unsigned char relation_format(Reader& r) {
  const unsigned char format = r.byte();
  if (format != kRelationFormat && format != kRelationFormatUndated) throw DecodeError("unknown relation format");
  return format;
}

}  // namespace

namespace {

// A format-1 blob has no dates per piece of evidence: each takes the date
// the relation shows (its most frequent), the best the old row can say.
std::optional<std::string> undated_evidence_date(const std::vector<AttributeCount>& attributes) {
  for (const auto& [key, value] : displayed_attributes(attributes))
    if (key == "date") return value;
  return std::nullopt;
}

}  // namespace

RelationData decode_relation(std::string_view blob, std::string_view title, StringIds& strings) {
  Reader r(blob);
  const unsigned char format = relation_format(r);
  RelationData data;
  data.count = r.u32();
  data.titles = read_spellings(r, title);
  if (data.titles.empty() && data.count > 0) data.titles.push_back({std::string(title), data.count, 0});
  data.attributes = read_counted_attributes(r, &strings);
  read_evidence(r, format, [&](std::int64_t doc, Span span, std::string_view sentence, std::string date) {
    data.evidence.push_back({doc, span, std::string(sentence), std::move(date)});
  });
  if (format == kRelationFormatUndated)
    if (const std::optional<std::string> date = undated_evidence_date(data.attributes))
      for (Evidence& e : data.evidence) e.date = *date;
  if (!r.done()) throw DecodeError("trailing bytes after a relation");
  return data;
}

std::vector<std::int64_t> relation_documents(std::string_view blob) {
  Reader r(blob);
  const unsigned char format = relation_format(r);
  r.varint();
  skip_spellings(r);
  read_counted_attributes(r, nullptr);
  std::vector<std::int64_t> docs;
  read_evidence(r, format, [&](std::int64_t doc, Span, std::string_view, const std::string&) { docs.push_back(doc); });
  return docs;
}

std::vector<std::string> relation_dates(std::string_view blob, StringIds& strings) {
  Reader r(blob);
  const unsigned char format = relation_format(r);
  r.varint();
  skip_spellings(r);
  // Only an undated (format 1) blob needs its attributes' text: its date.
  const std::vector<AttributeCount> attributes =
      read_counted_attributes(r, format == kRelationFormatUndated ? &strings : nullptr);
  std::vector<std::string> dates;
  read_evidence(r, format, [&](std::int64_t, Span, std::string_view, std::string date) { dates.push_back(std::move(date)); });
  if (format == kRelationFormatUndated)
    if (const std::optional<std::string> date = undated_evidence_date(attributes))
      std::fill(dates.begin(), dates.end(), *date);
  return dates;
}

std::uint8_t entity_type_code(EntityType type) {
  for (std::size_t i = 0; i < kEntityCodes.size(); ++i)
    if (kEntityCodes[i] == type) return static_cast<std::uint8_t>(i);
  throw DecodeError("entity type without a database code");
}

EntityType entity_type_from_code(std::int64_t code) {
  if (code < 0 || static_cast<std::size_t>(code) >= kEntityCodes.size()) throw DecodeError("unknown entity type code");
  return kEntityCodes[static_cast<std::size_t>(code)];
}

std::uint8_t relation_type_code(RelationType type) {
  for (std::size_t i = 0; i < kRelationCodes.size(); ++i)
    if (kRelationCodes[i] == type) return static_cast<std::uint8_t>(i);
  throw DecodeError("relation type without a database code");
}

RelationType relation_type_from_code(std::int64_t code) {
  if (code < 0 || static_cast<std::size_t>(code) >= kRelationCodes.size())
    throw DecodeError("unknown relation type code");
  return kRelationCodes[static_cast<std::size_t>(code)];
}

}  // namespace kg::codec
