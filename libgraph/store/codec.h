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

std::string encode_extraction(const Extraction& extraction);
Extraction decode_extraction(std::string_view blob);

}  // namespace kg::codec
