// core/utf8.cc: UTF-8 <-> UTF-32. Decoding goes through ICU's macros (their
// handling of invalid sequences is the one kg promises); encoding is written
// out: a code point's bytes follow from its value alone, and building the
// string in one pass of exact size rather than appending ICU's output
// character by character made it several times faster, on a path every
// document, name and sentence takes (the codec compares names with the text
// through it).
#include "core/utf8.h"

#include <unicode/utf8.h>


namespace kg {

std::u32string to_u32(std::string_view utf8) {
  // At most one code point per byte: written in place, then cut to size.
  std::u32string out(utf8.size(), U'\0');
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t i = 0;
  std::size_t written = 0;
  const auto n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    out[written++] = c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
  }
  out.resize(written);
  return out;
}

namespace {

// What U8_APPEND refuses (a surrogate, or beyond U+10FFFF) becomes U+FFFD.
constexpr bool encodable(char32_t c) { return c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF); }

// Branch-free, so that the compiler vectorises the sum over a text. What is
// beyond U+10FFFF becomes U+FFFD (3 bytes), and so does a surrogate (3 bytes
// as counted already).
std::uint32_t utf8_length(char32_t c) {
  return 1 + std::uint32_t{c >= 0x80} + std::uint32_t{c >= 0x800} + std::uint32_t{c >= 0x10000} -
         std::uint32_t{c > 0x10FFFF};
}

}  // namespace

std::size_t encode_utf8(char32_t c, char* p) {
  if (!encodable(c)) c = U'\uFFFD';
  if (c < 0x80) {
    p[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    p[0] = static_cast<char>(0xC0 | (c >> 6));
    p[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    p[0] = static_cast<char>(0xE0 | (c >> 12));
    p[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    p[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  p[0] = static_cast<char>(0xF0 | (c >> 18));
  p[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  p[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  p[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

void to_utf8(std::u32string_view text, std::string& out) {
  // Summed in blocks of 32-bit counts (at most 4 bytes a character: a block
  // cannot overflow one), which the compiler's vector sums take in half
  // the steps of 64-bit ones.
  constexpr std::size_t kBlock = std::size_t{1} << 24;
  std::size_t length = 0;
  for (std::size_t at = 0; at < text.size(); at += kBlock) {
    std::uint32_t block = 0;
    for (char32_t c : text.substr(at, kBlock)) block += utf8_length(c);
    length += block;
  }
  out.resize(length);  // every byte is written below: not cleared first, to zero only what it grew by
  char* p = out.data();
  // The three-byte characters (all of Chinese text but the rare ones) and
  // ASCII tested first, each in one comparison: encode_utf8 asks whether a
  // character is a code point at all before it looks at its size.
  for (const char32_t c : text) {
    if (c - 0x800 < 0xD800 - 0x800 || c - 0xE000 < 0x10000 - 0xE000) {
      p[0] = static_cast<char>(0xE0 | (c >> 12));
      p[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      p[2] = static_cast<char>(0x80 | (c & 0x3F));
      p += 3;
    } else if (c < 0x80) {
      *p++ = static_cast<char>(c);
    } else {
      p += encode_utf8(c, p);
    }
  }
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  to_utf8(text, out);
  return out;
}

// Byte by byte rather than memcmp of each character's bytes: a call to
// memcmp per code point was most of the time of comparing a sentence. ASCII
// and the three-byte characters (all of Chinese text but the rare ones) are
// compared with the bytes they make, without writing them out.
bool equals_utf8(std::u32string_view text, std::string_view utf8) {
  if (utf8.size() < text.size()) return false;  // at least one byte a code point
  const auto* u = reinterpret_cast<const unsigned char*>(utf8.data());
  std::size_t at = 0;
  char bytes[4];
  for (char32_t c : text) {
    const std::size_t left = utf8.size() - at;
    if (c < 0x80) {
      if (left == 0 || u[at] != c) return false;
      ++at;
      continue;
    }
    if (c >= 0x800 && c < 0x10000 && (c < 0xD800 || c > 0xDFFF)) {
      if (left < 3 || u[at] != (0xE0 | (c >> 12)) || u[at + 1] != (0x80 | ((c >> 6) & 0x3F)) ||
          u[at + 2] != (0x80 | (c & 0x3F)))
        return false;
      at += 3;
      continue;
    }
    const std::size_t n = encode_utf8(c, bytes);
    if (utf8.size() - at < n) return false;
    for (std::size_t k = 0; k < n; ++k)
      if (utf8[at + k] != bytes[k]) return false;
    at += n;
  }
  return at == utf8.size();
}

std::string to_utf8(char32_t c) { return to_utf8(std::u32string_view(&c, 1)); }

}  // namespace kg
