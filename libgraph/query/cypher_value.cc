// query/cypher_value.cc owns the Cypher values' own rules (cypher_value.h):
// reading numbers and dates, comparing in three-valued logic, sorting and
// identity keys.
#include "query/cypher_value.h"

#include <charconv>
#include <cstdio>

#include "core/dates.h"

namespace kg::cypher {

std::optional<double> as_number(const Value& v) {
  if (v.kind == Value::Kind::number) return v.number;
  if (v.kind != Value::Kind::text || v.text.empty()) return std::nullopt;
  const char first = v.text.front();
  // from_chars also reads "inf" and "nan"; a name is never a number.
  if (!((first >= '0' && first <= '9') || first == '-' || first == '.')) return std::nullopt;
  double n = 0;
  const auto [end, error] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
  if (error != std::errc() || end != v.text.data() + v.text.size()) return std::nullopt;
  return n;
}

std::string render_number(double n) {
  char buffer[64];
  // The range test comes first: converting a double outside long long's
  // range (RETURN 1e308) is undefined behaviour.
  if (n > -1e15 && n < 1e15 && n == static_cast<double>(static_cast<long long>(n)))
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(n));
  else
    std::snprintf(buffer, sizeof buffer, "%.15g", n);
  return buffer;
}

std::optional<std::string> parse_date(std::string_view text) {
  int parts[3] = {0, 0, 0};
  std::size_t at = 0;
  for (int i = 0; i < 3; ++i) {
    const std::size_t begin = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    const std::size_t digits = at - begin;
    if (digits == 0 || digits > (i == 0 ? 4u : 2u) || (i == 0 && digits != 4)) return std::nullopt;
    std::from_chars(text.data() + begin, text.data() + at, parts[i]);
    if (i < 2) {
      if (at >= text.size() || (text[at] != '-' && text[at] != '/')) return std::nullopt;
      ++at;
    }
  }
  if (at != text.size()) return std::nullopt;
  const int year = parts[0], month = parts[1], day = parts[2];
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return std::nullopt;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return std::nullopt;
  return iso_date(year, month, day);
}

namespace {

// Text as the string operators see it: numbers by their spelling in the query.
std::string as_text(const Value& v) {
  if (v.kind == Value::Kind::number) return v.text.empty() ? render_number(v.number) : v.text;
  if (v.kind == Value::Kind::boolean) return v.truth ? "true" : "false";
  return v.text;
}

bool is_scalar(const Value& v) {
  return v.kind == Value::Kind::text || v.kind == Value::Kind::number || v.kind == Value::Kind::boolean ||
         v.kind == Value::Kind::date;
}

int sign(int c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); }

// The order of two values of comparable kinds, or nothing.
std::optional<int> order_of(const Value& a, const Value& b) {
  if (a.kind == Value::Kind::date || b.kind == Value::Kind::date) {
    const auto ad = a.kind == Value::Kind::date ? std::optional<std::string>(a.text)
                                                : (a.kind == Value::Kind::text ? parse_date(a.text) : std::nullopt);
    const auto bd = b.kind == Value::Kind::date ? std::optional<std::string>(b.text)
                                                : (b.kind == Value::Kind::text ? parse_date(b.text) : std::nullopt);
    if (!ad || !bd) return std::nullopt;
    return sign(ad->compare(*bd));
  }
  const auto an = as_number(a), bn = as_number(b);
  if (an && bn) return *an < *bn ? -1 : (*bn < *an ? 1 : 0);
  if (a.kind == Value::Kind::text && b.kind == Value::Kind::text) {
    // '2024-03-05' < '2024-3-10' as dates, not as text.
    const auto ad = parse_date(a.text);
    if (ad)
      if (const auto bd = parse_date(b.text)) return sign(ad->compare(*bd));
  }
  if (a.kind == Value::Kind::boolean && b.kind == Value::Kind::boolean)
    return static_cast<int>(a.truth) - static_cast<int>(b.truth);
  if (a.kind == Value::Kind::boolean || b.kind == Value::Kind::boolean) return std::nullopt;
  if (is_scalar(a) && is_scalar(b)) return sign(as_text(a).compare(as_text(b)));
  return std::nullopt;
}

}  // namespace

std::optional<bool> compare(CompareOp op, const Value& a, const Value& b) {
  if (a.kind == Value::Kind::null || b.kind == Value::Kind::null) return std::nullopt;
  switch (op) {
    case CompareOp::contains:
    case CompareOp::starts_with:
    case CompareOp::ends_with: {
      if (!is_scalar(a) || !is_scalar(b)) return std::nullopt;
      const std::string text = as_text(a), part = as_text(b);
      if (op == CompareOp::contains) return text.find(part) != std::string::npos;
      if (op == CompareOp::starts_with) return std::string_view(text).starts_with(part);
      return std::string_view(text).ends_with(part);
    }
    case CompareOp::in: {
      if (b.kind != Value::Kind::list) return std::nullopt;
      bool unknown = false;
      for (const Value& item : b.items) {
        const auto equal = compare(CompareOp::equal, a, item);
        if (equal == true) return true;
        unknown |= !equal;
      }
      return unknown ? std::nullopt : std::optional<bool>(false);
    }
    default: break;
  }
  std::optional<int> order = order_of(a, b);
  if (!order) {
    // Values of different kinds are simply unequal; nodes, relationships
    // and lists are equal when they are the same.
    const bool same = identity_key(a) == identity_key(b);
    if (op == CompareOp::equal) return same;
    if (op == CompareOp::not_equal) return !same;
    return std::nullopt;
  }
  switch (op) {
    case CompareOp::equal: return *order == 0;
    case CompareOp::not_equal: return *order != 0;
    case CompareOp::less: return *order < 0;
    case CompareOp::less_equal: return *order <= 0;
    case CompareOp::greater: return *order > 0;
    case CompareOp::greater_equal: return *order >= 0;
    default: return std::nullopt;
  }
}

int compare_for_order(const Value& a, const Value& b) {
  auto rank = [](const Value& v) {
    switch (v.kind) {
      case Value::Kind::number: return 0;
      case Value::Kind::text: return as_number(v) ? 0 : 1;
      case Value::Kind::date: return 1;
      case Value::Kind::boolean: return 2;
      case Value::Kind::list: return 3;
      case Value::Kind::node: return 4;
      case Value::Kind::relation: return 5;
      case Value::Kind::path: return 6;
      case Value::Kind::null: return 7;
    }
    return 7;
  };
  const int ra = rank(a), rb = rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.kind) {
    case Value::Kind::null: return 0;
    case Value::Kind::node:
    case Value::Kind::relation:
      if (a.ref != b.ref) return a.ref < b.ref ? -1 : 1;
      return a.other < b.other ? -1 : (a.other > b.other ? 1 : 0);
    case Value::Kind::list:
    case Value::Kind::path:
      for (std::size_t i = 0; i < a.items.size() && i < b.items.size(); ++i)
        if (const int c = compare_for_order(a.items[i], b.items[i]); c != 0) return c;
      return a.items.size() < b.items.size() ? -1 : (a.items.size() > b.items.size() ? 1 : 0);
    default: break;
  }
  if (const auto order = order_of(a, b)) return *order;
  return sign(as_text(a).compare(as_text(b)));
}

std::string identity_key(const Value& v) {
  switch (v.kind) {
    case Value::Kind::null: return "0";
    case Value::Kind::text: {
      // Numeric text equals the number (attributes are text).
      if (const auto n = as_number(v)) return "n" + render_number(*n);
      return "t" + std::to_string(v.text.size()) + ":" + v.text;
    }
    case Value::Kind::number: return "n" + render_number(v.number);
    case Value::Kind::boolean: return v.truth ? "T" : "F";
    case Value::Kind::date: return "d" + v.text;
    case Value::Kind::node: return (v.document ? "D" : "N") + std::to_string(v.ref);
    case Value::Kind::relation:
      return v.document ? "M" + std::to_string(v.ref) + ":" + std::to_string(v.other) : "R" + std::to_string(v.ref);
    case Value::Kind::list:
    case Value::Kind::path: {
      std::string key = v.kind == Value::Kind::list ? "[" : "<";
      for (const Value& item : v.items) key += identity_key(item) + ",";
      return key + "]";
    }
  }
  return "?";
}

}  // namespace kg::cypher
