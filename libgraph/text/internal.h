// text/internal.h: the pieces of the text stage that its own .cc files share
// (not part of the public interface). Every transform works on a CharStream:
// one code point per element, each carrying the byte range of the raw file it
// came from, so offsets survive decoding, normalisation and joining.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/types.h"
#include "text/document.h"
#include "text/pdf_module.h"

namespace kg::text_detail {

// Per-character marks carried alongside the text.
enum CharFlag : std::uint8_t {
  kFlagInvalid = 1,       // U+FFFD standing for undecodable bytes
  kFlagGlossAfter = 2,    // a pinyin gloss was removed right after this char
  kFlagDamageAnchor = 4,  // a '?' or U+FFFD that stands for a lost character
};

struct CharStream {
  std::u32string text;
  std::vector<Span> raw;
  std::vector<std::uint8_t> flags;
  void reserve(std::size_t n) {
    text.reserve(n);
    raw.reserve(n);
    flags.reserve(n);
  }
  void push(char32_t c, Span r, std::uint8_t f = 0) {
    text.push_back(c);
    raw.push_back(r);
    flags.push_back(f);
  }
  std::size_t size() const { return text.size(); }
  void clear() {
    text.clear();
    raw.clear();
    flags.clear();
  }
};

// The memory of a file's decoded characters, kept per thread from one file
// to the next: the decoder takes it (empty, its capacity kept) and
// read_documents gives it back when the file's articles are made. A stream
// grown by a huge file is let go instead.
CharStream take_spare_chars();
void recycle_chars(CharStream&& chars);

// decode.cc ---------------------------------------------------------------
struct Decoded {
  CharStream chars;
  std::string encoding;
  std::uint32_t invalid_bytes = 0;
  std::string declared_ignored;  // a declared charset the bytes were not in
};
// Throws InputError (naming `source`) for empty or binary input, or bytes
// that read as text in no encoding. A BOM decides the encoding; else a
// charset the file declares (an HTML page's) when the bytes agree with it;
// else the bytes: strict UTF-8, or the legacy encoding that reads best.
Decoded decode(std::string_view source, std::string_view bytes, std::string_view declared = {});

// script.cc ---------------------------------------------------------------
bool is_han(char32_t c);
// A character that only a wrong decoding puts in Chinese news: U+FFFD and
// private-use code points (what GBK/Big5 mojibake often leaves).
inline bool is_damage_char(char32_t c) { return c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF); }
// How odd a decoding reads as Chinese (lower is better, for choosing among
// candidate encodings): replacement characters and characters Chinese prose
// does not use count against it, frequent characters for it.
long oddness(std::u32string_view text);
// The share of a decoding's visible characters that text is made of: ASCII,
// the frequent Han characters of either script (GB2312 level 1 and their
// traditional forms), punctuation, Latin letters (pinyin). Chinese news scores
// above 0.9; random bytes read as GB18030 about 0.25, as Big5 or UTF-16 less.
double plausibility(std::u32string_view text);

// opencc.cc ---------------------------------------------------------------
// Characters only one script writes, by OpenCC's tables: t2s always changes
// a traditional-only one (後, 說), s2t always changes a simplified-only one
// (们, 发). 乾, 於, 著, 台 and most characters are neither.
struct ScriptVotes {
  std::uint32_t traditional = 0;
  std::uint32_t simplified = 0;
};
ScriptVotes count_script_votes(std::u32string_view text);
// OpenCC's t2s mapping of one character, without phrases (c if none).
char32_t t2s_char(char32_t c);
// t2s_char of each character of text, written to out[0 .. text.size()).
void t2s_chars(std::u32string_view text, char32_t* out);
// Converts with OpenCC t2s, in place, each paragraph that reads as
// traditional (more traditional-only than simplified-only characters; a
// paragraph with neither follows the document, which is judged the same way
// as a whole). Paragraph spans are updated if a phrase changes length; each
// output character keeps the raw bytes of its input. Returns the number of
// characters changed; sets document_traditional.
std::uint32_t simplify_traditional_paragraphs(CharStream& chars, std::vector<Span>& paragraphs,
                                              bool& document_traditional);
// OpenCC t2s of the whole text, whatever its script.
std::u32string t2s_convert(std::u32string_view text);
// One string (a title, a name) converted if it reads as traditional; a
// string with no evidence either way is converted if without_evidence.
std::u32string simplify_string(std::u32string_view text, bool without_evidence);

// html.cc -----------------------------------------------------------------
struct HtmlPage {
  CharStream chars;  // the article text: lines and blank lines between blocks
  DocumentMeta meta;  // from <title> and <meta>
  std::uint32_t furniture_blocks = 0;  // navigation, menus, ... with text, left out
};
// An .html/.htm/.xhtml/.shtml name, or bytes that open like HTML.
bool looks_like_html(std::string_view source, std::string_view bytes);
bool starts_like_html(std::u32string_view text);
// The charset a page declares in <meta> (first 16 KB), or empty.
std::string declared_charset(std::string_view bytes);
// Throws InputError (naming source) for a page nested absurdly deep.
HtmlPage read_html(std::string_view source, const CharStream& decoded);

// pdf.cc ------------------------------------------------------------------
struct PdfText {
  CharStream chars;  // raw spans count pages, not bytes: {p, p + 1}
  std::vector<std::string> notes;  // for the file's warnings
};
// A %PDF- header in the first 1024 bytes, or a .pdf name.
bool looks_like_pdf(std::string_view source, std::string_view bytes);
// Throws InputError for a PDF that is damaged, encrypted or has no text,
// or when kg's PDF module cannot be loaded.
PdfText read_pdf(std::string_view source, std::string_view bytes);
// kg's PDF module (pdf_module.h), loaded from the first of `paths` that
// loads and has its entry point: read_pages is kg_pdf_read_pages, or null
// and error says why each path failed.
struct PdfModule {
  decltype(&kg_pdf_read_pages) read_pages = nullptr;
  std::string path;
  std::string error;
};
PdfModule load_pdf_module(const std::vector<std::string>& paths);
// Where read_pdf looks for the module, in order.
std::vector<std::string> pdf_module_paths();

// normalize.cc ------------------------------------------------------------
// NFKC, control/zero-width removal and pinyin-gloss removal; returns the
// number of glosses removed.
std::uint32_t normalize_and_strip_glosses(CharStream& chars);
bool is_space(char32_t c);
bool is_pinyin_gloss(std::u32string_view letters, bool require_tone);
// NFKC of a string (to check how a lexicon entry must be written).
std::u32string nfkc_of(std::u32string_view text);

// layout.cc ---------------------------------------------------------------
// One article before it becomes a Document: paragraphs as lists of ranges of
// the CharStream (joined lines are several ranges).
struct Piece {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};
struct Paragraph {
  std::vector<Piece> pieces;
};
struct ArticleDraft {
  DocumentMeta meta;
  std::vector<Paragraph> paragraphs;
  std::uint32_t lines_joined = 0;
  std::uint32_t furniture_lines = 0;
};
std::vector<ArticleDraft> lay_out(const CharStream& chars);
// YYYY-MM-DD of the first date written in text (2022-10-24, 2019年12月11日,
// 2024/04/03, 2024-04-03T08:00:00+08:00), or empty.
std::string iso_date_in(std::u32string_view text);

// lexicons.cc ------------------------------------------------------------
// The word lists of lexicons/text/ (each file's header says what it is for).
enum class MetaField : std::uint8_t { None, Outlet, Author, Editor };
struct MetaKey {
  std::u32string key;
  MetaField field = MetaField::None;
};
struct TextLexicons {
  // furniture.tsv: page furniture
  std::vector<std::u32string> furniture_lines;   // a line that is one of these
  std::vector<std::u32string> furniture_starts;  // a line that starts with one
  std::vector<std::u32string> crumb_words;       // a breadcrumb that holds one
  std::vector<std::u32string> crumb_ends;        // a breadcrumb that ends with one
  // metadata_keys.tsv, longest first
  std::vector<MetaKey> meta_keys;
  std::vector<std::u32string> editor_keys;  // the keys of field Editor
  // Whether a key may start with c: a quick test before the keys are tried
  // at every character of a line (one bit per c mod 64, so it lets through
  // a few characters that start no key).
  std::uint64_t meta_key_first_bits = 0;
  bool may_start_meta_key(char32_t c) const { return ((meta_key_first_bits >> (c & 63)) & 1) != 0; }
  // credits.tsv
  std::vector<std::u32string> credit_words;  // longest first; matched as written
  std::vector<std::u32string> byline_words;
  std::vector<std::u32string> lead_credit_words;
  std::vector<std::u32string> closing_credit_words;
  std::vector<std::u32string> signature_words;
  // byline_surnames.txt, each a surname of lexicons/surnames.txt
  std::u32string byline_surnames;
  // name_suffixes.tsv; each set includes the one before it
  std::u32string place_suffixes;
  std::u32string org_suffixes;
  std::u32string institution_suffixes;
  // broken_line_endings.txt
  std::u32string broken_line_endings;
  // common_chars.txt
  std::u32string common_chars;
  // furniture_classes.txt
  std::vector<std::string> furniture_class_words;
};
// Reads the given files (path relative to the source tree, content): every
// file of lexicons/text/ and lexicons/surnames.txt. Throws
// std::runtime_error naming the file (and line) for a malformed entry, a
// file it does not know or one that is missing.
TextLexicons read_text_lexicons(const std::vector<std::pair<std::string_view, std::string_view>>& files);
// The files compiled into kg_text, read on first use (thread-safe).
const TextLexicons& text_lexicons();

// sentences.cc ------------------------------------------------------------
// Sentence spans inside [para.begin, para.end) of text, appended to out.
void split_sentences(std::u32string_view text, Span para, std::vector<Span>& out);

// Damaged (mojibake) runs of a finished document text.
std::vector<Span> find_damaged(std::u32string_view text, const std::vector<std::uint8_t>& flags);

}  // namespace kg::text_detail
