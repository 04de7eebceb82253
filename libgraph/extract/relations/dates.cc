// extract/relations/dates.cc: every relation carries the date of its event:
// the first date its sentence gives (2023年10月30日; 10月30日 in the
// article's year; 近日, 去年3月 counted from the article's date), else the
// last one written earlier in its paragraph (a paragraph opening "3月5日，"
// dates what follows), else the article's publication date. The words
// dates are written with are data (lexicons/dates.tsv); this file only reads
// digits and puts the parts together.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.h"
#include "extract/chars.h"
#include "extract/relations/context.h"

namespace kg::extract {
namespace {

struct Day {
  int year = 0, month = 0, day = 0;  // 0: not given (month and day)
};

std::string format(const Day& d) { return iso_date(d.year, d.month, d.day); }

// The article's date, when it is a whole day.
std::optional<std::chrono::year_month_day> day_of(const std::string& published) {
  int y = 0, m = 0, d = 0;
  if (published.size() < 10) return std::nullopt;
  // The form the text stage writes, read by hand (sscanf parsed its format
  // for every document); anything else as sscanf reads it.
  const auto digit = [&](std::size_t k) { return published[k] >= '0' && published[k] <= '9'; };
  const auto value = [&](std::size_t k) { return published[k] - '0'; };
  if (digit(0) && digit(1) && digit(2) && digit(3) && published[4] == '-' && digit(5) && digit(6) &&
      published[7] == '-' && digit(8) && digit(9)) {
    y = value(0) * 1000 + value(1) * 100 + value(2) * 10 + value(3);
    m = value(5) * 10 + value(6);
    d = value(8) * 10 + value(9);
  } else if (std::sscanf(published.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

int argument_of(const RoleWords& words, std::u32string_view word, std::size_t role) {
  const std::string text = words.argument(word, role);
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);  // checked when the lexicon was read
  return value;
}

class DateReader {
 public:
  DateReader(const Lexicons& lex, std::u32string_view text, const std::string& published)
      : words_(lex.date_words), text_(text), published_(day_of(published)) {
    if (published.size() >= 4) std::from_chars(published.data(), published.data() + 4, published_year_);
  }

  // The date written at `pos`, and where it ends.
  std::optional<std::string> at(std::size_t pos, std::size_t& end) const {
    if (const std::uint32_t len = words_.at(text_, pos, Lexicons::kDateDocument); len > 0) {
      if (!published_) return std::nullopt;
      const int days = argument_of(words_, text_.substr(pos, len), Lexicons::kDateDocument);
      const std::chrono::year_month_day when{std::chrono::sys_days{*published_} + std::chrono::days{days}};
      end = pos + len;
      return format({static_cast<int>(when.year()), static_cast<int>(static_cast<unsigned>(when.month())),
                     static_cast<int>(static_cast<unsigned>(when.day()))});
    }
    if (const std::uint32_t len = words_.at(text_, pos, Lexicons::kDateYears); len > 0) {
      if (published_year_ <= 0) return std::nullopt;
      Day d;
      d.year = published_year_ + argument_of(words_, text_.substr(pos, len), Lexicons::kDateYears);
      end = month_and_day(pos + len, d);
      return format(d);
    }
    if (!chars::is_digit(text_[pos]) || (pos > 0 && chars::is_digit(text_[pos - 1]))) return std::nullopt;
    Day d;
    std::size_t after = pos;
    const int year = number(after, 4, Lexicons::kDateYear);
    if (year >= 1900 && year <= 2100) {
      d.year = year;
      const std::size_t next = month_and_day(after, d);
      if (d.month == 0) return std::nullopt;  // 2005年 alone dates no event (成立于2005年)
      end = next;
      return format(d);
    }
    if (published_year_ <= 0) return std::nullopt;
    d.year = published_year_;
    end = month_and_day(pos, d);
    if (d.month == 0) return std::nullopt;
    return format(d);
  }

 private:
  // Digits (at most `max_digits`) at `pos` followed by a word of `role`: their
  // value, `pos` moved past the word; -1 and `pos` unchanged otherwise.
  int number(std::size_t& pos, std::size_t max_digits, std::size_t role) const {
    std::size_t k = pos;
    int value = 0;
    while (k < text_.size() && k - pos < max_digits && chars::is_digit(text_[k]))
      value = value * 10 + static_cast<int>(text_[k++] - U'0');
    if (k == pos || (k < text_.size() && chars::is_digit(text_[k]))) return -1;
    const std::uint32_t len = words_.at(text_, k, role);
    if (len == 0) return -1;
    pos = k + len;
    return value;
  }

  // A month (1-12) and then a day at `pos`, into `d`; returns where they end.
  std::size_t month_and_day(std::size_t pos, Day& d) const {
    std::size_t k = pos;
    const int month = number(k, 2, Lexicons::kDateMonth);
    if (month < 1 || month > 12) return pos;
    d.month = month;
    std::size_t after_day = k;
    const int day = number(after_day, 2, Lexicons::kDateDay);
    const std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(month)},
                                          std::chrono::day{static_cast<unsigned>(day < 0 ? 0 : day)}};
    if (day < 1 || !ymd.ok()) return k;
    d.day = day;
    return after_day;
  }

  const RoleWords& words_;
  std::u32string_view text_;
  std::optional<std::chrono::year_month_day> published_;
  int published_year_ = 0;
};

}  // namespace

// Every relation carries the date of its event: its sentence's, else its
// paragraph's so far, else its article's.
void relation_dates(DocState& s) {
  if (s.out.relations.empty()) return;
  const DateReader dates(s.lex, s.text, s.doc.meta.published);
  struct Written {
    std::uint32_t pos;
    std::string date;
  };
  std::vector<Written> written;  // every date expression, in text order
  std::size_t resume = 0;        // past a date read
  // A date opens with a digit or a word of dates.tsv: most characters open none.
  for (const std::uint32_t pos : s.opening(Lexicons::kScanDates)) {
    if (pos < resume) continue;
    std::size_t end = pos + 1;
    if (auto date = dates.at(pos, end)) written.push_back({pos, std::move(*date)});
    resume = std::max(end, std::size_t{pos} + 1);
  }
  const auto& paragraphs = s.doc.paragraphs;
  for (auto& r : s.out.relations) {
    auto first_at_or_after = [&](std::uint32_t pos) {
      return std::lower_bound(written.begin(), written.end(), pos,
                              [](const Written& w, std::uint32_t p) { return w.pos < p; });
    };
    const auto in_sentence = first_at_or_after(r.evidence.begin);
    std::string date, from;
    if (in_sentence != written.end() && in_sentence->pos < r.evidence.end) {
      date = in_sentence->date;
      from = "sentence";
    } else {
      const auto paragraph = std::upper_bound(paragraphs.begin(), paragraphs.end(), r.evidence.begin,
                                              [](std::uint32_t p, const Span& span) { return p < span.end; });
      const std::uint32_t paragraph_begin = paragraph != paragraphs.end() ? paragraph->begin : 0;
      if (in_sentence != written.begin() && std::prev(in_sentence)->pos >= paragraph_begin) {
        date = std::prev(in_sentence)->date;
        from = "paragraph";
      } else if (!s.doc.meta.published.empty()) {
        date = s.doc.meta.published;
        from = "article";
      }
    }
    if (date.empty()) continue;
    r.attributes.reserve(r.attributes.size() + 2);
    r.attributes.emplace_back("date", std::move(date));
    r.attributes.emplace_back("date_from", std::move(from));
  }
}

}  // namespace kg::extract
