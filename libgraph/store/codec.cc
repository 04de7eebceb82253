// store/codec.cc owns the byte layout of the store's BLOB columns: unsigned
// LEB128 varints, zigzag for signed gaps, length-prefixed UTF-8 strings.
#include "store/codec.h"

#include <algorithm>
#include <cstdint>

#include "core/utf8.h"

namespace kg::codec {
namespace {

// 1: every relation sentence written out. 2: a flag per relation, the
// sentence written only when it is not the document text at the evidence.
constexpr unsigned char kExtractionFormatFull = 1;
constexpr unsigned char kExtractionFormat = 2;
constexpr unsigned char kSentenceFromText = 0;
constexpr unsigned char kSentenceWritten = 1;

class Writer {
 public:
  void varint(std::uint64_t value) {
    while (value >= 0x80) {
      out_.push_back(static_cast<char>((value & 0x7F) | 0x80));
      value >>= 7;
    }
    out_.push_back(static_cast<char>(value));
  }
  void signed_varint(std::int64_t value) {
    varint((static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63));
  }
  void byte(unsigned char value) { out_.push_back(static_cast<char>(value)); }
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
             list[i + run].end >= list[i + run].begin &&
             list[i + run].end - list[i + run].begin == length && first.end >= first.begin)
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
      previous_end = static_cast<std::int64_t>(first.begin) + static_cast<std::int64_t>(length) *
                                                                   static_cast<std::int64_t>(run);
      i += run;
    }
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
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
  std::string string() {
    const std::size_t size = count();
    std::string s(in_.substr(pos_, size));
    pos_ += size;
    return s;
  }
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
      if (static_cast<std::uint64_t>(begin) + length * run > UINT32_MAX)
        throw DecodeError("span out of range");
      std::uint64_t pos = static_cast<std::uint64_t>(begin);
      for (std::uint64_t k = 0; k < run; ++k) {
        list.push_back({static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(pos + length)});
        pos += length;
      }
      previous_end = static_cast<std::int64_t>(pos);
    }
    return list;
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
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

namespace {

bool sentence_is_text_at(std::u32string_view text, Span span, const std::string& sentence) {
  if (span.begin > span.end || span.end > text.size()) return false;
  // Cheap rejection first: UTF-8 takes 1 to 4 bytes per code point.
  const std::size_t length = span.end - span.begin;
  if (sentence.size() < length || sentence.size() > 4 * length) return false;
  return to_utf8(text.substr(span.begin, length)) == sentence;
}

// Byte offsets of the code points of a UTF-8 text (one past the last too),
// to cut sentences out by code-point span.
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
    if (span.begin > span.end || span.end >= offsets_.size())
      throw DecodeError("evidence outside the document text");
    return std::string(text_.substr(offsets_[span.begin], offsets_[span.end] - offsets_[span.begin]));
  }

 private:
  std::string_view text_;
  std::vector<std::uint32_t> offsets_;
};

}  // namespace

std::string encode_extraction(const Extraction& extraction, std::u32string_view text) {
  Writer w;
  w.byte(kExtractionFormat);
  w.varint(extraction.entities.size());
  for (const auto& e : extraction.entities) {
    w.byte(static_cast<unsigned char>(e.type));
    w.string(e.name);
    w.strings(e.aliases);
    w.spans(e.mentions);
    w.strings(e.affiliations);
    w.attributes(e.attributes);
  }
  w.varint(extraction.relations.size());
  for (const auto& r : extraction.relations) {
    if (r.source >= extraction.entities.size() || r.target >= extraction.entities.size())
      throw std::invalid_argument("relation points past the entities of its extraction");
    w.byte(static_cast<unsigned char>(r.type));
    w.varint(r.source);
    w.varint(r.target);
    w.string(r.title);
    w.varint(r.evidence.begin);
    w.varint(r.evidence.end);
    if (sentence_is_text_at(text, r.evidence, r.sentence)) {
      w.byte(kSentenceFromText);
    } else {
      w.byte(kSentenceWritten);
      w.string(r.sentence);
    }
    w.attributes(r.attributes);
  }
  return w.take();
}

Extraction decode_extraction(std::string_view blob, std::string_view utf8_text) {
  Reader r(blob);
  const unsigned char format = r.byte();
  if (format != kExtractionFormat && format != kExtractionFormatFull) throw DecodeError("unknown extraction format");
  CodePointIndex text(utf8_text);
  Extraction x;
  x.entities.resize(r.count());
  for (auto& e : x.entities) {
    const unsigned char type = r.byte();
    if (type >= kEntityTypeCount) throw DecodeError("unknown entity type");
    e.type = static_cast<EntityType>(type);
    e.name = r.string();
    e.aliases = r.strings();
    e.mentions = r.spans();
    e.affiliations = r.strings();
    e.attributes = r.attributes();
  }
  x.relations.resize(r.count());
  for (auto& rel : x.relations) {
    const unsigned char type = r.byte();
    if (type >= kRelationTypeCount) throw DecodeError("unknown relation type");
    rel.type = static_cast<RelationType>(type);
    rel.source = r.u32();
    rel.target = r.u32();
    if (rel.source >= x.entities.size() || rel.target >= x.entities.size())
      throw DecodeError("relation points past the entities");
    rel.title = r.string();
    rel.evidence.begin = r.u32();
    rel.evidence.end = r.u32();
    const unsigned char sentence = format == kExtractionFormatFull ? kSentenceWritten : r.byte();
    if (sentence == kSentenceWritten)
      rel.sentence = r.string();
    else if (sentence == kSentenceFromText)
      rel.sentence = text.slice(rel.evidence);
    else
      throw DecodeError("bad sentence flag");
    rel.attributes = r.attributes();
  }
  if (!r.done()) throw DecodeError("trailing bytes after extraction");
  return x;
}

}  // namespace kg::codec
