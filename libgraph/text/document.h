// text/document.h owns the Document: one article after the text stage, the
// object every later stage reads. Like a spaCy Doc, it carries the clean
// text together with everything needed to point back into the source file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/types.h"
#include "model/document.h"  // DocumentMeta

namespace kg {

// What the clean-up changed, for `kg stats` and the documents table.
struct CleanStats {
  std::uint32_t glosses_removed = 0;    // pinyin glosses such as (qū)
  std::uint32_t chars_converted = 0;    // traditional -> simplified
  std::uint32_t damaged_spans = 0;      // mojibake runs
  std::uint32_t invalid_bytes = 0;      // undecodable bytes replaced by U+FFFD
  std::uint32_t lines_joined = 0;       // PDF line breaks inside a sentence
  std::uint32_t furniture_lines = 0;    // page furniture removed
};

struct Document {
  std::string source;       // the path as the user gave it
  std::string sha256;       // hex digest of the whole raw file
  std::uint32_t part = 0;   // index of this article within its file
  std::string encoding;     // detected encoding of the raw file, or "PDF"
  DocumentMeta meta;
  // Clean text, one element per code point: NFKC, simplified script, no
  // glosses, furniture or metadata lines. It opens with the headline (and
  // sub-headline) when the article has one, the same words as meta.title.
  // Paragraphs are joined by a single '\n'.
  std::u32string text;
  // raw[i] is the byte range in the raw file that text[i] came from, so
  // evidence can be shown as the source had it (for an HTML page, inside its
  // markup). raw.size() == text.size(). For a PDF (encoding "PDF") a
  // character has no bytes of its own and raw[i] is {p, p + 1}, its page p
  // counted from 0.
  std::vector<Span> raw;
  // Sentences cover every paragraph; the '\n' between paragraphs belongs
  // to no sentence. Inserted characters ('\n', a space between joined
  // Latin words) map to the raw bytes between their neighbours.
  std::vector<Span> sentences;   // code-point spans covering the text
  std::vector<Span> paragraphs;  // code-point spans of paragraphs
  std::vector<Span> damaged;     // mojibake runs, kept in text but flagged
  CleanStats stats;
};

}  // namespace kg
