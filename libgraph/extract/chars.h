// extract/chars.h: character classes the extraction rules use.
#pragma once

namespace kg::chars {

inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F);
}
inline bool is_ascii_letter(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }
inline bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool is_han_numeral(char32_t c) {
  switch (c) {
    case U'一': case U'二': case U'两': case U'三': case U'四': case U'五': case U'六':
    case U'七': case U'八': case U'九': case U'十': case U'百': case U'千': case U'万':
    case U'亿': case U'几': case U'多': case U'余': case U'首': case U'第':
      return true;
    default:
      return false;
  }
}
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
// Measure words after a number: a name never continues across "20个", "11家".
inline bool is_measure(char32_t c) {
  switch (c) {
    case U'个': case U'家': case U'名': case U'项': case U'位': case U'批': case U'所':
    case U'座': case U'条': case U'次': case U'人': case U'元': case U'年': case U'月':
    case U'日': case U'号': case U'届': case U'户': case U'件': case U'支':
    case U'亩': case U'平': case U'米': case U'吨': case U'台': case U'套': case U'种':
      return true;
    default:
      return false;
  }
}

}  // namespace kg::chars
