// extract/chars.h: character classes the extraction rules use.
#pragma once

namespace kg::chars {

inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F);
}
inline bool is_ascii_letter(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }
inline bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
// Characters that may stand inside a name: Han, Latin letters, digits and the
// joiners names use (HICOOL, 5G, T·X).
inline bool is_name_char(char32_t c) {
  return is_han(c) || is_ascii_letter(c) || is_digit(c) || c == U'·' || c == U'-' || c == U'&';
}
// Clause and sentence punctuation, full-width or (after NFKC) ASCII.
inline bool is_clause_break(char32_t c) {
  switch (c) {
    case U'，': case U',': case U'；': case U';': case U'：': case U':': case U'。': case U'！':
    case U'!': case U'？': case U'?': case U'\n':
      return true;
    default:
      return false;
  }
}
inline bool is_space(char32_t c) { return c == U' ' || c == U'\u3000' || c == U'\t'; }
inline bool is_open_paren(char32_t c) { return c == U'(' || c == U'（'; }
inline bool is_close_paren(char32_t c) { return c == U')' || c == U'）'; }

}  // namespace kg::chars
