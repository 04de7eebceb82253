// query/cypher_parse.cc owns reading the Cypher subset: a tokenizer that keeps
// the line and column of every token, and a recursive-descent parser whose
// errors say where they are and what was expected. Written by hand because no
// Cypher parser is packaged in Debian. Hostile input is bounded: the query
// length is capped, every recursive path shares one nesting limit (each
// expression, parenthesised or inside count(), and each NOT counts a level),
// and AND/OR chains are kept flat so no recursion grows with the length of
// the query.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "core/utf8.h"
#include "query/cypher.h"
#include "query/query.h"

namespace kg {

QueryError::QueryError(std::size_t line, std::size_t column, const std::string& message)
    : std::runtime_error("query:" + std::to_string(line) + ":" + std::to_string(column) + ": " + message),
      line_(line),
      column_(column) {}

namespace cypher {
namespace {

constexpr std::size_t kMaxQueryBytes = 1 << 20;
constexpr int kMaxNesting = 64;
constexpr std::size_t kMaxHops = 2;

[[noreturn]] void fail(Position at, const std::string& message) { throw QueryError(at.line, at.column, message); }

enum class TokenKind { identifier, quoted_identifier, string, number, symbol, end };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;  // identifier, symbol, decoded string, number spelling
  std::size_t begin = 0, end = 0;  // bytes in the query
  Position at;
};

bool ascii_equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    for (;;) {
      skip_space_and_comments();
      Token token;
      token.begin = offset_;
      token.at = position_;
      if (offset_ >= text_.size()) {
        token.kind = TokenKind::end;
        token.end = offset_;
        tokens.push_back(std::move(token));
        return tokens;
      }
      const char c = text_[offset_];
      if (c == '\'' || c == '"') read_string(token);
      else if (c == '`') read_quoted_identifier(token);
      else if (c >= '0' && c <= '9') read_number(token);
      else if (starts_identifier(peek_char())) read_identifier(token);
      else read_symbol(token);
      token.end = offset_;
      tokens.push_back(std::move(token));
    }
  }

 private:
  UChar32 peek_char() const {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text_.data());
    auto at = static_cast<int32_t>(offset_);
    UChar32 c;
    U8_NEXT(bytes, at, static_cast<int32_t>(text_.size()), c);
    return c;
  }

  UChar32 advance() {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text_.data());
    auto at = static_cast<int32_t>(offset_);
    UChar32 c;
    U8_NEXT(bytes, at, static_cast<int32_t>(text_.size()), c);
    offset_ = static_cast<std::size_t>(at);
    if (c == '\n') {
      ++position_.line;
      position_.column = 1;
    } else {
      ++position_.column;
    }
    return c;
  }

  static bool starts_identifier(UChar32 c) { return c == '_' || (c >= 0 && u_hasBinaryProperty(c, UCHAR_XID_START)); }
  static bool continues_identifier(UChar32 c) { return c >= 0 && u_hasBinaryProperty(c, UCHAR_XID_CONTINUE); }

  void skip_space_and_comments() {
    while (offset_ < text_.size()) {
      if (text_.compare(offset_, 2, "//") == 0) {
        while (offset_ < text_.size() && text_[offset_] != '\n') advance();
        continue;
      }
      if (text_.compare(offset_, 2, "/*") == 0) {
        const Position start = position_;
        advance();
        advance();
        while (offset_ < text_.size() && text_.compare(offset_, 2, "*/") != 0) advance();
        if (offset_ >= text_.size()) fail(start, "unterminated comment: expected '*/'");
        advance();
        advance();
        continue;
      }
      const UChar32 c = peek_char();
      if (c < 0 || !u_isUWhiteSpace(c)) return;
      advance();
    }
  }

  void read_string(Token& token) {
    token.kind = TokenKind::string;
    const char quote = text_[offset_];
    advance();
    std::size_t run_begin = offset_;
    for (;;) {
      if (offset_ >= text_.size())
        fail(token.at, std::string("unterminated string: expected a closing ") + quote);
      const char c = text_[offset_];
      if (c == quote) {
        token.text.append(text_.substr(run_begin, offset_ - run_begin));
        advance();
        return;
      }
      if (c != '\\') {
        advance();
        continue;
      }
      token.text.append(text_.substr(run_begin, offset_ - run_begin));
      const Position escape_at = position_;
      advance();
      if (offset_ >= text_.size()) fail(token.at, std::string("unterminated string: expected a closing ") + quote);
      const char escaped = text_[offset_];
      advance();
      switch (escaped) {
        case '\\': token.text += '\\'; break;
        case '\'': token.text += '\''; break;
        case '"': token.text += '"'; break;
        case 'n': token.text += '\n'; break;
        case 't': token.text += '\t'; break;
        case 'r': token.text += '\r'; break;
        case 'b': token.text += '\b'; break;
        case 'f': token.text += '\f'; break;
        case 'u': token.text += read_unicode_escape(escape_at); break;
        default: fail(escape_at, "unknown escape in string: expected one of \\\\ \\' \\\" \\n \\t \\r \\b \\f \\uXXXX");
      }
      run_begin = offset_;
    }
  }

  std::string read_unicode_escape(Position escape_at) {
    char32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      if (offset_ >= text_.size()) fail(escape_at, "expected four hex digits after \\u");
      const char h = text_[offset_];
      int digit = -1;
      if (h >= '0' && h <= '9') digit = h - '0';
      else if (h >= 'a' && h <= 'f') digit = h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') digit = h - 'A' + 10;
      if (digit < 0) fail(escape_at, "expected four hex digits after \\u");
      value = value * 16 + static_cast<char32_t>(digit);
      advance();
    }
    if (value >= 0xD800 && value <= 0xDFFF) fail(escape_at, "\\u escape names a surrogate, not a character");
    return to_utf8(value);
  }

  void read_quoted_identifier(Token& token) {
    token.kind = TokenKind::quoted_identifier;
    advance();
    const std::size_t begin = offset_;
    while (offset_ < text_.size() && text_[offset_] != '`') advance();
    if (offset_ >= text_.size()) fail(token.at, "unterminated `name`: expected a closing `");
    token.text.assign(text_.substr(begin, offset_ - begin));
    advance();
  }

  void read_number(Token& token) {
    token.kind = TokenKind::number;
    auto digits = [this] {
      while (offset_ < text_.size() && text_[offset_] >= '0' && text_[offset_] <= '9') advance();
    };
    digits();
    // "1..3" would be a range, not a decimal point; ranges are not supported
    // and are reported by the parser.
    if (offset_ + 1 < text_.size() && text_[offset_] == '.' && text_[offset_ + 1] >= '0' && text_[offset_ + 1] <= '9') {
      advance();
      digits();
    }
    if (offset_ < text_.size() && (text_[offset_] == 'e' || text_[offset_] == 'E')) {
      std::size_t look = offset_ + 1;
      if (look < text_.size() && (text_[look] == '+' || text_[look] == '-')) ++look;
      if (look < text_.size() && text_[look] >= '0' && text_[look] <= '9') {
        while (offset_ < look) advance();
        digits();
      }
    }
    token.text.assign(text_.substr(token.begin, offset_ - token.begin));
  }

  void read_identifier(Token& token) {
    token.kind = TokenKind::identifier;
    advance();
    while (offset_ < text_.size() && continues_identifier(peek_char())) advance();
    token.text.assign(text_.substr(token.begin, offset_ - token.begin));
  }

  void read_symbol(Token& token) {
    token.kind = TokenKind::symbol;
    static constexpr std::string_view kPairs[] = {"<>", "!=", "<=", ">=", ".."};
    for (std::string_view pair : kPairs)
      if (text_.compare(offset_, 2, pair) == 0) {
        advance();
        advance();
        token.text.assign(pair);
        return;
      }
    if (peek_char() < 0) fail(token.at, "invalid UTF-8 in the query");
    static constexpr std::string_view kSingles = "()[]{}:,.-><=|*;+";
    if (kSingles.find(text_[offset_]) != std::string_view::npos) {
      token.text.assign(1, text_[offset_]);
      advance();
      return;
    }
    const std::size_t begin = offset_;
    const UChar32 c = advance();
    if (c < 0x20 || c == 0x7F) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
      fail(token.at, std::string("unexpected control character ") + code);
    }
    fail(token.at, "unexpected character '" + std::string(text_.substr(begin, offset_ - begin)) + "'");
  }

  std::string_view text_;
  std::size_t offset_ = 0;
  Position position_;
};

struct Variable {
  bool is_relation = false;
  std::size_t slot = 0;
};

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens) : text_(text), tokens_(std::move(tokens)) {}

  Query run() {
    Query query;
    expect_keyword("MATCH", "'MATCH' at the start of the query");
    parse_pattern(query.pattern);
    if (accept_keyword("WHERE")) {
      query.where = parse_expression();
      reject_aggregate(*query.where, "WHERE");
      require_condition(*query.where);
    }
    expect_keyword("RETURN", query.where ? "'RETURN' after the WHERE condition"
                                         : "'WHERE' or 'RETURN' after the pattern");
    query.distinct = accept_keyword("DISTINCT");
    parse_return_items(query);
    if (accept_keyword("ORDER")) {
      expect_keyword("BY", "'BY' after 'ORDER'");
      do parse_order_item(query);
      while (accept_symbol(","));
    }
    if (accept_keyword("SKIP")) query.skip = parse_count("SKIP");
    if (accept_keyword("LIMIT")) query.limit = parse_count("LIMIT");
    accept_symbol(";");
    if (peek().kind != TokenKind::end) expected("end of query", peek());
    return query;
  }

 private:
  // --- tokens ---------------------------------------------------------------
  const Token& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(at_ + ahead, tokens_.size() - 1)];
  }
  const Token& take() {
    const Token& token = tokens_[at_];
    if (at_ + 1 < tokens_.size()) ++at_;
    return token;
  }
  bool is_keyword(const Token& token, std::string_view word) const {
    return token.kind == TokenKind::identifier && ascii_equal_ignoring_case(token.text, word);
  }
  bool accept_keyword(std::string_view word) {
    if (!is_keyword(peek(), word)) return false;
    take();
    return true;
  }
  void expect_keyword(std::string_view word, const std::string& what) {
    if (!accept_keyword(word)) expected(what, peek());
  }
  bool is_symbol(const Token& token, std::string_view symbol) const {
    return token.kind == TokenKind::symbol && token.text == symbol;
  }
  bool accept_symbol(std::string_view symbol) {
    if (!is_symbol(peek(), symbol)) return false;
    take();
    return true;
  }
  void expect_symbol(std::string_view symbol, const std::string& what) {
    if (!accept_symbol(symbol)) expected(what, peek());
  }

  std::string describe(const Token& token) const {
    if (token.kind == TokenKind::end) return "end of query";
    constexpr std::size_t kShown = 24;  // characters of the token quoted back
    std::u32string spelled = to_u32(text_.substr(token.begin, token.end - token.begin));
    const bool cut = spelled.size() > kShown;
    if (cut) spelled.resize(kShown);
    return "'" + to_utf8(spelled) + (cut ? "...'" : "'");
  }
  [[noreturn]] void expected(const std::string& what, const Token& found) const {
    fail(found.at, "expected " + what + ", found " + describe(found));
  }

  // An identifier or `quoted name`; keywords are allowed where a name is expected.
  std::optional<std::string> accept_name() {
    const Token& token = peek();
    if (token.kind != TokenKind::identifier && token.kind != TokenKind::quoted_identifier) return std::nullopt;
    return take().text;
  }

  // --- pattern --------------------------------------------------------------
  void bind(const std::string& name, bool is_relation, std::size_t slot, Position at, Pattern& pattern) {
    const auto found = variables_.find(name);
    if (found == variables_.end()) {
      variables_[name] = Variable{is_relation, slot};
      if (!is_relation) pattern.same_node.push_back({slot});
      return;
    }
    if (found->second.is_relation || is_relation)
      fail(at, "variable '" + name + "' is already used in this pattern; expected a new name");
    for (auto& group : pattern.same_node)
      if (group.front() == found->second.slot) group.push_back(slot);
  }

  void parse_pattern(Pattern& pattern) {
    parse_node(pattern);
    while (is_symbol(peek(), "-") || is_symbol(peek(), "<")) {
      if (pattern.relations.size() == kMaxHops)
        fail(peek().at, "patterns of at most " + std::to_string(kMaxHops) + " hops are supported; expected WHERE or RETURN");
      parse_relation(pattern);
      parse_node(pattern);
    }
    if (is_symbol(peek(), ","))
      fail(peek().at, "only one pattern is supported; expected WHERE or RETURN, found ','");
  }

  void parse_node(Pattern& pattern) {
    expect_symbol("(", "'(' to start a node pattern");
    NodePattern node;
    const std::size_t slot = pattern.nodes.size();
    const Position name_at = peek().at;
    if (auto name = accept_name()) bind(*name, false, slot, name_at, pattern);
    if (accept_symbol(":")) {
      const Token& label = peek();
      const auto name = accept_name();
      if (!name) expected("a label after ':'", label);
      node.label = entity_type_named(*name);
      if (!node.label) {
        std::string known;
        for (EntityType t : all_entity_types()) known += (known.empty() ? "" : ", ") + std::string(to_string(t));
        fail(label.at, "unknown label '" + *name + "'; expected one of " + known);
      }
    }
    if (is_symbol(peek(), "{")) node.properties = parse_properties();
    expect_symbol(")", "')' after node pattern");
    pattern.nodes.push_back(std::move(node));
  }

  static std::optional<EntityType> entity_type_named(std::string_view name) {
    for (EntityType t : all_entity_types())
      if (ascii_equal_ignoring_case(to_string(t), name)) return t;
    return std::nullopt;
  }

  static std::optional<RelationType> relation_type_named(std::string_view name) {
    for (RelationType t : all_relation_types())
      if (ascii_equal_ignoring_case(to_string(t), name)) return t;
    return std::nullopt;
  }

  void parse_relation(Pattern& pattern) {
    RelationPattern relation;
    const bool points_left = accept_symbol("<");
    expect_symbol("-", points_left ? "'-' after '<'" : "'-' to start a relationship");
    if (accept_symbol("[")) {
      const std::size_t slot = pattern.relations.size();
      const Position name_at = peek().at;
      if (auto name = accept_name()) bind(*name, true, slot, name_at, pattern);
      if (accept_symbol(":")) {
        do {
          accept_symbol(":");  // the older spelling [:a|:b]
          const Token& type = peek();
          const auto name = accept_name();
          if (!name) expected("a relationship type", type);
          const auto parsed = relation_type_named(*name);
          if (!parsed) {
            std::string known;
            for (RelationType t : all_relation_types())
              known += (known.empty() ? "" : ", ") + std::string(to_string(t));
            fail(type.at, "unknown relationship type '" + *name + "'; expected one of " + known);
          }
          relation.types.push_back(*parsed);
        } while (accept_symbol("|"));
      }
      if (is_symbol(peek(), "{")) relation.properties = parse_properties();
      expect_symbol("]", "']' after relationship pattern");
    }
    expect_symbol("-", "'-' to end the relationship");
    const bool points_right = accept_symbol(">");
    if (points_left && points_right) fail(tokens_[at_ - 1].at, "a relationship cannot point both ways");
    relation.direction = points_left    ? Direction::right_to_left
                         : points_right ? Direction::left_to_right
                                        : Direction::either;
    pattern.relations.push_back(std::move(relation));
  }

  std::vector<PropertyTest> parse_properties() {
    expect_symbol("{", "'{'");
    std::vector<PropertyTest> tests;
    if (accept_symbol("}")) return tests;
    do {
      const Token& key = peek();
      auto name = accept_name();
      if (!name) expected("a property name", key);
      expect_symbol(":", "':' after the property name");
      const Token& value_token = peek();
      ExprPtr value = parse_primary();
      if (value->kind != Expr::Kind::literal) expected("a string or number", value_token);
      tests.push_back(PropertyTest{std::move(*name), std::move(value->literal)});
    } while (accept_symbol(","));
    expect_symbol("}", "'}' after the properties");
    return tests;
  }

  // --- expressions ----------------------------------------------------------
  // Every recursion of the parser goes through parse_expression (parentheses,
  // count(...)) or parse_not (NOT NOT ...); both take a level of this one
  // guard, so no query, however it nests, can exhaust the stack. The syntax
  // tree is then at most a few times kMaxNesting deep, which bounds the
  // evaluator's and the checks' recursion as well.
  class NestingGuard {
   public:
    NestingGuard(int& depth, Position at) : depth_(depth) {
      if (++depth_ > kMaxNesting)
        fail(at, "expression nested more than " + std::to_string(kMaxNesting) + " levels deep");
    }
    ~NestingGuard() { --depth_; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

   private:
    int& depth_;
  };

  static ExprPtr make(Expr::Kind kind, Position at) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->at = at;
    return e;
  }

  ExprPtr parse_expression() {
    const Position at = peek().at;
    NestingGuard guard(depth_, at);
    ExprPtr first = parse_and();
    if (!is_keyword(peek(), "OR")) return first;
    ExprPtr any = make(Expr::Kind::any_of, at);
    any->children.push_back(std::move(first));
    while (accept_keyword("OR")) any->children.push_back(parse_and());
    return any;
  }

  ExprPtr parse_and() {
    const Position at = peek().at;
    ExprPtr first = parse_not();
    if (!is_keyword(peek(), "AND")) return first;
    ExprPtr all = make(Expr::Kind::all_of, at);
    all->children.push_back(std::move(first));
    while (accept_keyword("AND")) all->children.push_back(parse_not());
    return all;
  }

  ExprPtr parse_not() {
    if (!is_keyword(peek(), "NOT")) return parse_comparison();
    const Position at = take().at;
    NestingGuard guard(depth_, at);
    ExprPtr negation = make(Expr::Kind::negation, at);
    negation->children.push_back(parse_not());
    return negation;
  }

  std::optional<CompareOp> accept_operator() {
    static const std::pair<std::string_view, CompareOp> kSymbols[] = {
        {"=", CompareOp::equal},  {"<>", CompareOp::not_equal},      {"!=", CompareOp::not_equal},
        {"<", CompareOp::less},   {"<=", CompareOp::less_equal},     {">", CompareOp::greater},
        {">=", CompareOp::greater_equal}};
    for (const auto& [symbol, op] : kSymbols)
      if (accept_symbol(symbol)) return op;
    if (accept_keyword("CONTAINS")) return CompareOp::contains;
    if (accept_keyword("STARTS")) {
      expect_keyword("WITH", "'WITH' after 'STARTS'");
      return CompareOp::starts_with;
    }
    if (accept_keyword("ENDS")) {
      expect_keyword("WITH", "'WITH' after 'ENDS'");
      return CompareOp::ends_with;
    }
    return std::nullopt;
  }

  ExprPtr parse_comparison() {
    ExprPtr left = parse_primary();
    if (is_keyword(peek(), "IS")) {
      const Position at = take().at;
      ExprPtr test = make(Expr::Kind::is_null, at);
      test->negated = accept_keyword("NOT");
      expect_keyword("NULL", test->negated ? "'NULL' after 'IS NOT'" : "'NULL' or 'NOT NULL' after 'IS'");
      test->children.push_back(std::move(left));
      return test;
    }
    const Position at = peek().at;
    const auto op = accept_operator();
    if (!op) return left;
    ExprPtr comparison = make(Expr::Kind::comparison, at);
    comparison->op = *op;
    comparison->children.push_back(std::move(left));
    comparison->children.push_back(parse_primary());
    return comparison;
  }

  Value number_value(const Token& token, bool negative) {
    double value = 0;
    const auto [end, error] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
    if (error != std::errc() || end != token.text.data() + token.text.size())
      fail(token.at, "number '" + token.text + "' is out of range");
    return Value::of_number(negative ? -value : value, (negative ? "-" : "") + token.text);
  }

  ExprPtr parse_primary() {
    const Token& token = peek();
    const Position at = token.at;
    if (token.kind == TokenKind::string) {
      ExprPtr e = make(Expr::Kind::literal, at);
      e->literal = Value::of_text(take().text);
      return e;
    }
    if (token.kind == TokenKind::number || (is_symbol(token, "-") && peek(1).kind == TokenKind::number)) {
      const bool negative = accept_symbol("-");
      ExprPtr e = make(Expr::Kind::literal, at);
      e->literal = number_value(take(), negative);
      return e;
    }
    if (is_symbol(token, "(")) {
      take();
      ExprPtr inner = parse_expression();
      expect_symbol(")", "')' to close the '(' at column " + std::to_string(at.column));
      return inner;
    }
    if (token.kind == TokenKind::identifier) {
      if (accept_keyword("TRUE") || accept_keyword("FALSE")) {
        ExprPtr e = make(Expr::Kind::literal, at);
        e->literal = Value::of_bool(is_keyword(token, "TRUE"));
        return e;
      }
      if (accept_keyword("NULL")) return make(Expr::Kind::literal, at);
      if (is_keyword(token, "count") && is_symbol(peek(1), "(")) return parse_count_call();
    }
    if (token.kind == TokenKind::identifier || token.kind == TokenKind::quoted_identifier) return parse_reference();
    expected("a value (a string, a number, a variable or variable.property)", token);
  }

  ExprPtr parse_count_call() {
    const Position at = take().at;
    take();  // (
    ExprPtr count = make(Expr::Kind::count, at);
    if (!accept_symbol("*")) {
      count->distinct = accept_keyword("DISTINCT");
      count->children.push_back(parse_expression());
      reject_aggregate(*count->children.front(), "count()");
    }
    expect_symbol(")", "')' to close count(");
    return count;
  }

  ExprPtr parse_reference() {
    const Token& token = take();
    const std::string name = token.text;
    if (allow_columns_ && !is_symbol(peek(), ".")) {
      if (const auto column = column_named(name)) {
        ExprPtr e = make(Expr::Kind::column, token.at);
        e->column = *column;
        return e;
      }
    }
    const auto found = variables_.find(name);
    if (found == variables_.end()) {
      std::string known;
      for (const auto& [n, v] : variables_) known += (known.empty() ? "" : ", ") + n;
      fail(token.at, "unknown variable '" + name + "'" +
                         (known.empty() ? "; the pattern names no variables" : "; expected one of " + known));
    }
    ExprPtr e = make(Expr::Kind::variable, token.at);
    e->slot = found->second.slot;
    e->slot_is_relation = found->second.is_relation;
    if (accept_symbol(".")) {
      const Token& key = peek();
      auto property = accept_name();
      if (!property) expected("a property name after '.'", key);
      e->kind = Expr::Kind::property;
      e->key = std::move(*property);
    }
    return e;
  }

  // WHERE must be true or false for each row; a bare property or literal is
  // almost always a forgotten comparison, so it is refused up front.
  static void require_condition(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::comparison:
      case Expr::Kind::is_null: return;
      case Expr::Kind::negation:
      case Expr::Kind::all_of:
      case Expr::Kind::any_of:
        for (const auto& child : e.children) require_condition(*child);
        return;
      default:
        if (e.kind == Expr::Kind::literal && e.literal.kind == Value::Kind::boolean) return;
        fail(e.at, "expected a condition (such as c.name CONTAINS '科技') in WHERE");
    }
  }

  void reject_aggregate(const Expr& e, const char* where) const {
    if (e.kind == Expr::Kind::count) fail(e.at, std::string("count() is not allowed in ") + where);
    for (const auto& child : e.children) reject_aggregate(*child, where);
  }

  // --- RETURN and after -----------------------------------------------------
  std::string source_between(std::size_t first_token, std::size_t end_token) const {
    const std::size_t begin = tokens_[first_token].begin;
    const std::size_t end = tokens_[end_token - 1].end;
    return std::string(text_.substr(begin, end - begin));
  }

  std::string canonical_between(std::size_t first_token, std::size_t end_token) const {
    std::string canonical;
    for (std::size_t i = first_token; i < end_token; ++i) {
      const Token& t = tokens_[i];
      canonical += t.kind == TokenKind::identifier ? t.text : std::string(text_.substr(t.begin, t.end - t.begin));
      canonical += ' ';
    }
    return canonical;
  }

  void parse_return_items(Query& query) {
    if (is_symbol(peek(), "*")) {
      const Position at = take().at;
      if (variables_.empty()) fail(at, "RETURN * needs a pattern that names variables");
      std::vector<std::pair<std::string, Variable>> named(variables_.begin(), variables_.end());
      std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) {
        if (a.second.is_relation != b.second.is_relation) return !a.second.is_relation;
        return a.second.slot < b.second.slot;
      });
      for (const auto& [name, variable] : named) {
        ExprPtr e = make(Expr::Kind::variable, at);
        e->slot = variable.slot;
        e->slot_is_relation = variable.is_relation;
        query.items.push_back(ReturnItem{std::move(e), name, name + " "});
      }
      return;
    }
    do {
      const std::size_t first = at_;
      const Position at = peek().at;
      ReturnItem item;
      item.expr = parse_expression();
      const std::size_t end = at_;
      item.canonical = canonical_between(first, end);
      if (item.expr->kind == Expr::Kind::count) query.aggregates = true;
      else reject_aggregate(*item.expr, "an expression; it must be a whole RETURN item");
      if (accept_keyword("AS")) {
        const Token& alias = peek();
        auto name = accept_name();
        if (!name) expected("a column name after AS", alias);
        item.name = std::move(*name);
      } else {
        item.name = source_between(first, end);
      }
      for (const auto& earlier : query.items)
        if (earlier.name == item.name) fail(at, "column '" + item.name + "' is returned twice; expected a distinct AS name");
      query.items.push_back(std::move(item));
      columns_.push_back(query.items.back().name);
      canonical_columns_.push_back(query.items.back().canonical);
    } while (accept_symbol(","));
  }

  std::optional<std::size_t> column_named(std::string_view name) const {
    for (std::size_t i = 0; i < columns_.size(); ++i)
      if (columns_[i] == name) return i;
    return std::nullopt;
  }

  void parse_order_item(Query& query) {
    const std::size_t first = at_;
    allow_columns_ = true;
    OrderItem item;
    item.expr = parse_expression();
    allow_columns_ = false;
    const std::string canonical = canonical_between(first, at_);
    for (std::size_t i = 0; i < canonical_columns_.size(); ++i)
      if (canonical_columns_[i] == canonical) {
        const Position at = item.expr->at;
        item.expr = make(Expr::Kind::column, at);
        item.expr->column = i;
      }
    if (query.aggregates && item.expr->kind != Expr::Kind::column)
      fail(item.expr->at, "with count() in RETURN, ORDER BY must name a returned column");
    reject_aggregate(*item.expr, "ORDER BY unless it is returned");
    if (accept_keyword("DESC") || accept_keyword("DESCENDING")) item.descending = true;
    else if (!accept_keyword("ASC")) accept_keyword("ASCENDING");
    query.order.push_back(std::move(item));
  }

  std::size_t parse_count(const char* clause) {
    const Token& token = peek();
    if (token.kind != TokenKind::number || token.text.find_first_not_of("0123456789") != std::string::npos)
      expected(std::string("a whole number after ") + clause, token);
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
    if (error != std::errc() || end != token.text.data() + token.text.size())
      fail(token.at, std::string(clause) + " " + token.text + " is too large");
    take();
    return value;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t at_ = 0;
  int depth_ = 0;
  std::map<std::string, Variable> variables_;
  std::vector<std::string> columns_, canonical_columns_;
  bool allow_columns_ = false;
};

}  // namespace

Query parse(std::string_view text) {
  if (text.size() > kMaxQueryBytes)
    fail(Position{}, "query is " + std::to_string(text.size()) + " bytes long; expected at most " +
                         std::to_string(kMaxQueryBytes));
  return Parser(text, Tokenizer(text).run()).run();
}

}  // namespace cypher
}  // namespace kg
