// extract/relations/dates.cc: every relation carries the date of its event,
// the one its sentence gives (2023年10月30日, 10月30日 with the article's
// year, 2023-10-30), else the article's publication date.
#include <cstdio>
#include <string>

#include "extract/chars.h"
#include "extract/relations/context.h"

namespace kg::extract {

// The date a sentence gives for its event: 2023年10月30日, 10月30日 (the year
// from the article), 2023-10-30; ISO 8601, to the day or the month.
std::string sentence_date(std::u32string_view sentence, const std::string& published) {
  auto number_before = [&](std::size_t end, std::size_t max_digits, std::size_t& begin) -> int {
    begin = end;
    while (begin > 0 && end - begin < max_digits && chars::is_digit(sentence[begin - 1])) --begin;
    if (begin == end) return -1;
    int value = 0;
    for (std::size_t k = begin; k < end; ++k) value = value * 10 + static_cast<int>(sentence[k] - U'0');
    return value;
  };
  for (std::size_t m = 0; m < sentence.size(); ++m) {
    if (sentence[m] != U'月') continue;
    std::size_t month_begin = 0;
    int month = number_before(m, 2, month_begin);
    if (month < 1 || month > 12) continue;
    int year = -1;
    if (month_begin > 0 && sentence[month_begin - 1] == U'年') {
      std::size_t year_begin = 0;
      year = number_before(month_begin - 1, 4, year_begin);
      if (year < 1900 || year > 2100) year = -1;
    }
    if (year < 0 && published.size() >= 4) year = std::stoi(published.substr(0, 4));
    if (year < 0) continue;
    int day = -1;
    std::size_t d = m + 1;
    std::size_t day_end = d;
    while (day_end < sentence.size() && day_end - d < 2 && chars::is_digit(sentence[day_end])) ++day_end;
    if (day_end > d && day_end < sentence.size() && (sentence[day_end] == U'日' || sentence[day_end] == U'号')) {
      day = 0;
      for (std::size_t k = d; k < day_end; ++k) day = day * 10 + static_cast<int>(sentence[k] - U'0');
      if (day < 1 || day > 31) day = -1;
    }
    char buf[32];
    if (day > 0) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    else std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
  }
  return {};
}

// Every relation carries the date of its event: the sentence's, or else the article's.
void relation_dates(DocState& s) {
  for (auto& r : s.out.relations) {
    std::u32string_view sentence = s.text.substr(r.evidence.begin, r.evidence.size());
    std::string date = sentence_date(sentence, s.doc.meta.published);
    if (!date.empty()) {
      r.attributes.emplace_back("date", date);
      r.attributes.emplace_back("date_from", "sentence");
    } else if (!s.doc.meta.published.empty()) {
      r.attributes.emplace_back("date", s.doc.meta.published);
      r.attributes.emplace_back("date_from", "article");
    }
  }
}

}  // namespace kg::extract
