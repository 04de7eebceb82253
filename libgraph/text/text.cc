// text/text.cc owns read_documents: the order of the text stage's steps and
// the assembly of each article into a Document (text, raw offsets,
// paragraphs, sentences, damaged runs, metadata in simplified script).
#include "text/text.h"

#include <string>
#include <utility>

#include "core/utf8.h"
#include "text/internal.h"

namespace kg {
namespace {

using namespace text_detail;

bool is_ascii_word_char(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A character the text stage inserts (a space between joined Latin words,
// the newline between paragraphs) covers the raw bytes between its
// neighbours, or none if they are out of order (a moved paragraph).
Span gap_between(const Span& before, const Span& after) {
  if (before.end <= after.begin) return Span{before.end, after.begin};
  return Span{before.end, before.end};
}

void simplify_meta(std::string& field, bool document_traditional) {
  if (!field.empty()) field = to_utf8(simplify_string(to_u32(field), document_traditional));
}

void strip_title_tag(std::string& title) {
  // 【浙江】浙江嘉兴科技城 … : the bracketed column tag is not part of the title.
  static const std::string open = "【", close = "】";
  if (title.compare(0, open.size(), open) != 0) return;
  const std::size_t end = title.find(close);
  if (end == std::string::npos || end > 24) return;
  std::string rest = title.substr(end + close.size());
  while (!rest.empty() && rest.front() == ' ') rest.erase(rest.begin());
  if (!rest.empty()) title = rest;
}

// More sentences than this (a document of a few MB) are not kept for the
// next document.
constexpr std::size_t kKeptSentences = std::size_t{1} << 16;

Document assemble(const CharStream& chars, const ArticleDraft& draft) {
  Document doc;
  doc.meta = draft.meta;
  doc.stats.lines_joined = draft.lines_joined;
  doc.stats.furniture_lines = draft.furniture_lines;
  std::size_t total = 0;
  for (const Paragraph& p : draft.paragraphs)
    for (const Piece& piece : p.pieces) total += piece.end - piece.begin + 1;
  CharStream body;
  body.reserve(total);
  auto append_range = [&](std::uint32_t begin, std::uint32_t end) {
    body.text.append(chars.text, begin, end - begin);
    body.raw.insert(body.raw.end(), chars.raw.begin() + begin, chars.raw.begin() + end);
    body.flags.insert(body.flags.end(), chars.flags.begin() + begin, chars.flags.begin() + end);
  };
  auto append_inserted = [&](char32_t c, std::uint32_t next_begin) {
    body.push(c, gap_between(body.raw.back(), chars.raw[next_begin]));
  };
  doc.paragraphs.reserve(draft.paragraphs.size());
  for (const Paragraph& p : draft.paragraphs) {
    if (p.pieces.empty()) continue;
    if (body.size() > 0) append_inserted(U'\n', p.pieces.front().begin);
    const auto para_begin = static_cast<std::uint32_t>(body.size());
    for (std::size_t k = 0; k < p.pieces.size(); ++k) {
      const Piece& piece = p.pieces[k];
      if (piece.end <= piece.begin) continue;
      if (k > 0 && is_ascii_word_char(body.text.back()) && is_ascii_word_char(chars.text[piece.begin]))
        append_inserted(U' ', piece.begin);
      append_range(piece.begin, piece.end);
    }
    doc.paragraphs.push_back(Span{para_begin, static_cast<std::uint32_t>(body.size())});
  }

  bool traditional = false;
  doc.stats.chars_converted = simplify_traditional_paragraphs(body, doc.paragraphs, traditional);
  for (std::string* field : {&doc.meta.title, &doc.meta.outlet, &doc.meta.author, &doc.meta.editor})
    simplify_meta(*field, traditional);
  strip_title_tag(doc.meta.title);

  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body.flags[i] & kFlagGlossAfter) ++doc.stats.glosses_removed;
    if (body.flags[i] & kFlagInvalid) doc.stats.invalid_bytes += body.raw[i].size();
  }
  doc.text = std::move(body.text);
  doc.raw = std::move(body.raw);
  doc.damaged = find_damaged(doc.text, body.flags);
  doc.stats.damaged_spans = static_cast<std::uint32_t>(doc.damaged.size());
  // Split into a list each thread keeps, then copied at its size: grown a
  // sentence at a time, the document's list was allocated several times.
  thread_local std::vector<Span> sentences;
  sentences.clear();
  for (const Span& para : doc.paragraphs) split_sentences(doc.text, para, sentences);
  doc.sentences.assign(sentences.begin(), sentences.end());
  if (sentences.capacity() > kKeptSentences) std::vector<Span>().swap(sentences);
  return doc;
}

// A file's characters before clean-up, whatever its format.
struct SourceText {
  CharStream chars;
  std::string encoding;
  DocumentMeta page_meta;           // what an HTML page's <title> and <meta> say
  std::uint32_t page_furniture = 0;  // HTML blocks left out as furniture
  std::vector<std::string> notes;   // for the warnings, without the file name
};

SourceText read_source(std::string_view source, std::string_view bytes) {
  SourceText in;
  if (looks_like_pdf(source, bytes)) {
    PdfText pdf = read_pdf(source, bytes);
    in.chars = std::move(pdf.chars);
    in.encoding = "PDF";
    in.notes = std::move(pdf.notes);
    return in;
  }
  const bool html = looks_like_html(source, bytes);
  Decoded decoded = decode(source, bytes, html ? declared_charset(bytes) : std::string());
  in.encoding = decoded.encoding;
  if (decoded.invalid_bytes > 0)
    in.notes.push_back(std::to_string(decoded.invalid_bytes) +
                       (decoded.invalid_bytes == 1 ? " invalid byte" : " invalid bytes") + " replaced by U+FFFD (read as " +
                       decoded.encoding + ")");
  if (!decoded.declared_ignored.empty())
    in.notes.push_back("declares charset '" + decoded.declared_ignored + "' but reads as " + decoded.encoding);
  if (html || starts_like_html(std::u32string_view(decoded.chars.text).substr(0, 4096))) {
    HtmlPage page = read_html(source, decoded.chars);
    in.chars = std::move(page.chars);
    in.page_meta = std::move(page.meta);
    in.page_furniture = page.furniture_blocks;
  } else {
    in.chars = std::move(decoded.chars);
  }
  return in;
}

// A page's metadata is the first article's: its date wins over a date line
// in the text (it is the page's own record); the rest fills what the text
// did not say. Further articles of the page only share its outlet.
void apply_page_meta(const DocumentMeta& page, std::vector<ArticleDraft>& drafts) {
  for (std::size_t d = 0; d < drafts.size(); ++d) {
    DocumentMeta& meta = drafts[d].meta;
    if (meta.outlet.empty()) meta.outlet = page.outlet;
    if (d > 0) continue;
    if (!page.published.empty()) meta.published = page.published;
    if (meta.title.empty()) meta.title = page.title;
    if (meta.author.empty()) meta.author = page.author;
  }
}

}  // namespace

std::vector<Document> read_documents(std::string_view source, std::string_view bytes,
                                     std::vector<std::string>* warnings) {
  return read_documents(source, bytes, sha256_hex(bytes), warnings);
}

std::vector<Document> read_documents(std::string_view source, std::string_view bytes, std::string_view digest,
                                     std::vector<std::string>* warnings) {
  SourceText in = read_source(source, bytes);
  if (warnings != nullptr)
    for (const std::string& note : in.notes) warnings->push_back(std::string(source) + ": " + note);
  normalize_and_strip_glosses(in.chars);
  std::vector<ArticleDraft> drafts = lay_out(in.chars);
  apply_page_meta(in.page_meta, drafts);
  if (!drafts.empty()) drafts.front().furniture_lines += in.page_furniture;

  std::vector<Document> docs;
  docs.reserve(drafts.size());
  for (const ArticleDraft& draft : drafts) {
    if (draft.paragraphs.empty()) continue;
    Document doc = assemble(in.chars, draft);
    if (doc.text.empty()) continue;
    doc.source = std::string(source);
    doc.sha256 = std::string(digest);
    doc.part = static_cast<std::uint32_t>(docs.size());
    doc.encoding = in.encoding;
    docs.push_back(std::move(doc));
  }
  recycle_chars(std::move(in.chars));
  if (docs.empty())
    throw InputError(std::string(source) + ": no article text (only page furniture or metadata)");
  return docs;
}

}  // namespace kg
