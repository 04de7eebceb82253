// core/utf8.h owns conversion between UTF-8 bytes and code-point strings.
// Stages work on std::u32string so that an index is a character offset.
#pragma once

#include <string>
#include <string_view>

namespace kg {

// Invalid sequences become U+FFFD; the input is assumed to be UTF-8 already
// (the text stage guarantees that for every document it produces).
std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view text);
// The same into `out`, replacing what it held but reusing its memory (a
// caller converting document after document keeps one buffer).
void to_utf8(std::u32string_view text, std::string& out);
std::string to_utf8(char32_t c);
// Writes the UTF-8 bytes of c (of U+FFFD for what is no code point) at out,
// which has room for 4; returns their number.
std::size_t encode_utf8(char32_t c, char* out);
// Whether to_utf8(text) == utf8, without making the string (a sentence is
// compared with the document text at its evidence for every relation).
bool equals_utf8(std::u32string_view text, std::string_view utf8);

}  // namespace kg
