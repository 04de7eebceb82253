// extract/relations/projects.cc: project_of from who builds a project
// (项目由A公司投资建设, A公司投资建设的项目), and the investment a project
// carries (总投资1.56亿元 -> investment_yuan 156000000, with the words).
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <string>

#include "core/utf8.h"
#include "extract/chars.h"
#include "extract/relations/context.h"

namespace kg::extract {

// 项目由A公司投资建设 / A公司投资建设的项目: the company that builds the project.
void RelationContext::project_builders() {
  auto builds_at = [&](std::uint32_t pos) { return lex.project_words.at(t, pos, Lexicons::kProjectBuild) > 0; };
  for (const Candidate* p : mentions) {
    if (p->type != EntityType::Project) continue;
    Span sentence = s.sentence_span(p->begin);
    // 该公司货架展柜加工建设项目: a company written right before the project.
    if (const Candidate* owner = mention_ending_at(p->begin); owner && type_of(owner->entity) == EntityType::Enterprise)
      emit(RelationType::project_of, p->entity, owner->entity, p->begin);
    // 由A公司投资建设, right after the project.
    if (p->end + 1 < sentence.end && t[p->end] == U'由') {
      const Candidate* company = first_after(p->end + 1, sentence.end, {EntityType::Enterprise});
      if (company && company->begin == p->end + 1 && builds_at(company->end))
        emit(RelationType::project_of, p->entity, company->entity, p->begin);
    }
    // A公司投资建设的项目, right before it.
    for (const Candidate* company : mentions) {
      if (company->type != EntityType::Enterprise || company->end >= p->begin || company->begin < sentence.begin) continue;
      std::u32string_view between = t.substr(company->end, p->begin - company->end);
      if (between.size() <= 5 && !between.empty() && between.back() == U'的' && builds_at(company->end))
        emit(RelationType::project_of, p->entity, company->entity, p->begin);
    }
  }
}

// 总投资1.56亿元 -> 156000000 yuan, kept with the original words.
void project_amounts(DocState& s) {
  for (const auto& c : s.candidates) {
    if (c.type != EntityType::Project || c.entity < 0 || c.generic) continue;
    std::u32string_view t = s.text;
    std::uint32_t from = c.begin >= 24 ? c.begin - 24 : 0;
    std::u32string_view window = t.substr(from, c.begin - from);
    // The last word of investment in the window (投资, 总投资) and the amount after it.
    std::size_t at = window.size(), p = 0;
    for (std::size_t k = 0; k < window.size(); ++k)
      if (std::uint32_t len = s.lex.project_words.at(window, k, Lexicons::kProjectInvest)) {
        at = k;
        p = k + len;
      }
    if (at == window.size()) continue;
    while (p < window.size()) {
      const std::uint32_t about = s.lex.project_words.at(window, p, Lexicons::kProjectAbout);
      if (about == 0) break;
      p += about;
    }
    std::size_t num_begin = p;
    while (p < window.size() && (chars::is_digit(window[p]) || window[p] == U'.')) ++p;
    if (p == num_begin) continue;
    // from_chars, not stod: a run such as "." (投资．产基地项目 after NFKC) is no
    // number, and stod's exception made the whole file fail (found by fuzz_extract).
    const std::string digits = to_utf8(window.substr(num_begin, p - num_begin));
    double value = 0;
    if (std::from_chars(digits.data(), digits.data() + digits.size(), value).ec != std::errc()) continue;
    double scale = 1;
    if (p < window.size() && window[p] == U'亿') { scale = 1e8; ++p; }
    else if (p < window.size() && window[p] == U'万') { scale = 1e4; ++p; }
    // The currency written after the amount (元, 美元: projects.tsv); yuan when none is.
    std::string currency = "CNY";
    if (const std::uint32_t len = s.lex.project_words.at(window, p, Lexicons::kProjectCurrency)) {
      currency = s.lex.project_words.argument(window.substr(p, len), Lexicons::kProjectCurrency);
      p += len;
    }
    auto& le = s.out.entities[static_cast<std::size_t>(c.entity)];
    bool has = std::any_of(le.attributes.begin(), le.attributes.end(), [](const auto& a) { return a.first == "investment"; });
    if (has) continue;
    // printf's "%.0f", which std::to_chars with a precision writes the same
    // without parsing a format (snprintf kept for what does not fit).
    char buf[32];
    const auto [written_end, error] = std::to_chars(buf, buf + sizeof buf - 1, value * scale, std::chars_format::fixed, 0);
    if (error == std::errc()) *written_end = '\0';
    else std::snprintf(buf, sizeof buf, "%.0f", value * scale);
    le.attributes.emplace_back("investment", buf);
    le.attributes.emplace_back("investment_currency", currency);
    le.attributes.emplace_back("investment_text", to_utf8(window.substr(at, p - at)));
    if (currency == "CNY") le.attributes.emplace_back("investment_yuan", buf);
  }
}

}  // namespace kg::extract
