// store/codec.h owns the compact binary forms the store keeps in BLOB columns:
// lists of spans (Document::raw, sentences, paragraphs, damaged) and whole
// Extractions. Internal to the store stage; exposed for its tests.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"
#include "extract/extraction.h"

namespace kg::codec {

// A blob that does not decode: truncated, a bad tag, an index out of range.
class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs of adjacent spans of equal length (one per character of a UTF-8 or GBK
// file) collapse into one record, so a typical Document::raw costs a few bytes
// per line instead of eight per character.
std::string encode_spans(const std::vector<Span>& spans);
std::vector<Span> decode_spans(std::string_view blob);

// A relation's sentence that is the document text at its evidence span (the
// usual case) is not written: `text` is the document's text when encoding,
// and decoding takes the same text, UTF-8, to cut it back out. Blobs of the
// first format (sentences always written) still decode.
std::string encode_extraction(const Extraction& extraction, std::u32string_view text = {});
Extraction decode_extraction(std::string_view blob, std::string_view utf8_text = {});

}  // namespace kg::codec
