// query/cypher_parse.cc owns reading kg's Cypher: a tokenizer that keeps
// the line and column of every token, and a recursive-descent parser whose
// errors say where they are and what was expected, and which names every
// clause, function or form it does not support. Written by hand because no
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
constexpr std::size_t kMaxPatternHops = 8;   // relationships in one pattern
constexpr std::size_t kMaxNodePatterns = 16;  // node patterns in the whole query

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
    // "1..3" is a range of hops, not a decimal point.
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
    static constexpr std::string_view kPairs[] = {"<>", "!=", "<=", ">=", "..", "=~"};
    for (std::string_view pair : kPairs)
      if (text_.compare(offset_, 2, pair) == 0) {
        advance();
        advance();
        token.text.assign(pair);
        return;
      }
    if (peek_char() < 0) fail(token.at, "invalid UTF-8 in the query");
    if (text_[offset_] == '$') fail(token.at, "parameters ($name) are not supported; write the value in the query");
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

// What a name in scope stands for.
enum class VarKind { entity, document, node, relation, path, value };

struct Variable {
  VarKind kind = VarKind::value;
  std::size_t slot = 0;
};

bool is_node_kind(VarKind k) { return k == VarKind::entity || k == VarKind::document || k == VarKind::node; }

struct FunctionName {
  std::string_view name;
  Function function;
  std::size_t min_arguments, max_arguments;
};

constexpr FunctionName kFunctions[] = {
    {"type", Function::type, 1, 1},         {"labels", Function::labels, 1, 1},
    {"id", Function::id, 1, 1},             {"length", Function::length, 1, 1},
    {"size", Function::size, 1, 1},         {"nodes", Function::nodes, 1, 1},
    {"relationships", Function::relationships, 1, 1},
    {"date", Function::date, 1, 1},         {"toLower", Function::to_lower, 1, 1},
    {"toUpper", Function::to_upper, 1, 1},  {"toString", Function::to_string, 1, 1},
    {"toInteger", Function::to_integer, 1, 1},
    {"coalesce", Function::coalesce, 1, 64},
    {"count", Function::count, 0, 1},       {"collect", Function::collect, 1, 1},
    {"min", Function::min, 1, 1},           {"max", Function::max, 1, 1},
    {"sum", Function::sum, 1, 1},           {"avg", Function::avg, 1, 1},
};

// Clauses of full Cypher that write, call procedures or are not built: each
// is refused by name instead of being misread.
constexpr std::string_view kRefusedClauses[] = {"CREATE", "MERGE",  "SET",  "DELETE", "DETACH", "REMOVE",
                                                "CALL",   "UNWIND", "FOREACH", "LOAD", "UNION",  "USE",
                                                "USING",  "FINISH", "INSERT", "DROP",  "SHOW",   "START"};

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens) : text_(text), tokens_(std::move(tokens)) {}

  Query run() {
    Query query;
    for (;;) {
      const Token& token = peek();
      refuse_unsupported_clause(token);
      Clause clause;
      clause.at = token.at;
      clause.match.first_slot = slots_;
      if (accept_keyword("OPTIONAL")) {
        expect_keyword("MATCH", "'MATCH' after 'OPTIONAL'");
        clause.kind = Clause::Kind::match;
        clause.match.optional = true;
        parse_match(clause.match);
      } else if (accept_keyword("MATCH")) {
        clause.kind = Clause::Kind::match;
        parse_match(clause.match);
      } else if (accept_keyword("WITH")) {
        clause.kind = Clause::Kind::with;
        parse_projection(clause.projection, true);
      } else if (accept_keyword("RETURN")) {
        clause.kind = Clause::Kind::return_;
        parse_projection(clause.projection, false);
      } else if (query.clauses.empty()) {
        expected("'MATCH' at the start of the query", token);
      } else {
        const Clause& last = query.clauses.back();
        if (last.kind == Clause::Kind::match)
          expected(last.match.where ? "'RETURN' (or another clause) after the WHERE condition"
                                    : "'WHERE' or 'RETURN' (or another clause) after the pattern",
                   token);
        expected("'RETURN' (or another clause)", token);
      }
      const bool done = clause.kind == Clause::Kind::return_;
      query.clauses.push_back(std::move(clause));
      if (done) break;
    }
    accept_symbol(";");
    if (peek().kind != TokenKind::end) {
      refuse_unsupported_clause(peek());
      expected("end of query after RETURN", peek());
    }
    query.slots = slots_;
    return query;
  }

 private:
  // --- tokens ---------------------------------------------------------------
  const Token& peek(std::size_t ahead = 0) const { return tokens_[std::min(at_ + ahead, tokens_.size() - 1)]; }
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

  void refuse_unsupported_clause(const Token& token) const {
    if (token.kind != TokenKind::identifier) return;
    for (std::string_view word : kRefusedClauses)
      if (ascii_equal_ignoring_case(token.text, word)) {
        std::string upper(word);
        fail(token.at, "the clause " + upper +
                           " is not supported: kg's Cypher reads the graph with MATCH, OPTIONAL MATCH, WITH and "
                           "RETURN (docs/cypher.md)");
      }
  }

  // An identifier or `quoted name`; keywords are allowed where a name is expected.
  std::optional<std::string> accept_name() {
    const Token& token = peek();
    if (token.kind != TokenKind::identifier && token.kind != TokenKind::quoted_identifier) return std::nullopt;
    return take().text;
  }

  std::size_t new_slot() { return slots_++; }

  // --- MATCH ----------------------------------------------------------------
  void parse_match(MatchClause& match) {
    do {
      Pattern pattern;
      parse_pattern(pattern);
      match.patterns.push_back(std::move(pattern));
    } while (accept_symbol(","));
    if (accept_keyword("WHERE")) match.where = parse_condition("WHERE");
  }

  ExprPtr parse_condition(const char* clause) {
    ExprPtr where = parse_expression();
    reject_aggregate(*where, clause);
    require_condition(*where);
    return where;
  }

  // Binds a pattern variable: a new one gets a slot, a known one must be of
  // the same kind (a node stays a node).
  std::size_t bind(const std::string& name, VarKind kind, Position at) {
    const auto found = scope_.find(name);
    if (found == scope_.end()) {
      const std::size_t slot = new_slot();
      scope_[name] = Variable{kind, slot};
      return slot;
    }
    Variable& known = found->second;
    const bool both_nodes = is_node_kind(known.kind) && is_node_kind(kind);
    if (!both_nodes || known.kind == VarKind::relation || kind == VarKind::relation)
      fail(at, "variable '" + name + "' is already bound to " + kind_name(known.kind) + "; expected a new name");
    if (kind != VarKind::node) {
      if (known.kind != VarKind::node && known.kind != kind)
        fail(at, "variable '" + name + "' is " + kind_name(known.kind) + ", not " + kind_name(kind));
      known.kind = kind;
    }
    return known.slot;
  }

  static std::string kind_name(VarKind k) {
    switch (k) {
      case VarKind::entity: return "an entity";
      case VarKind::document: return "a Document";
      case VarKind::node: return "a node";
      case VarKind::relation: return "a relationship";
      case VarKind::path: return "a path";
      case VarKind::value: return "a value";
    }
    return "a value";
  }

  void parse_pattern(Pattern& pattern) {
    std::optional<std::pair<std::string, Position>> path_name;
    if ((peek().kind == TokenKind::identifier || peek().kind == TokenKind::quoted_identifier) &&
        is_symbol(peek(1), "=")) {
      path_name.emplace(peek().text, peek().at);
      take();
      take();
    }
    const Position shortest_at = peek().at;
    if (is_keyword(peek(), "shortestPath") || is_keyword(peek(), "allShortestPaths")) {
      if (is_keyword(peek(), "allShortestPaths")) fail(peek().at, "allShortestPaths is not supported; use shortestPath");
      take();
      expect_symbol("(", "'(' after shortestPath");
      pattern.shortest = true;
    }
    std::vector<std::optional<std::pair<std::string, Position>>> node_names;
    std::vector<std::optional<std::pair<std::string, Position>>> relation_names;
    node_names.push_back(parse_node(pattern));
    while (is_symbol(peek(), "-") || is_symbol(peek(), "<")) {
      if (pattern.relations.size() == kMaxPatternHops)
        fail(peek().at, "patterns of at most " + std::to_string(kMaxPatternHops) +
                            " relationships are supported; split it with a comma or another MATCH");
      relation_names.push_back(parse_relation(pattern));
      node_names.push_back(parse_node(pattern));
    }
    if (pattern.shortest) {
      expect_symbol(")", "')' to close shortestPath(");
      if (pattern.relations.size() != 1)
        fail(shortest_at, "shortestPath takes a pattern of one relationship: shortestPath((a)-[*..6]-(b))");
      RelationPattern& r = pattern.relations.front();
      if (!r.variable_length) {
        r.variable_length = true;
        r.min_hops = r.max_hops = 1;
      }
      if (r.min_hops > 1) fail(r.at, "shortestPath walks from one hop: write [*..N]");
    }
    resolve_documents(pattern, node_names);
    for (std::size_t i = 0; i < pattern.nodes.size(); ++i) {
      NodePattern& node = pattern.nodes[i];
      if (node_names[i])
        node.slot = bind(node_names[i]->first, node.document ? VarKind::document : VarKind::entity,
                         node_names[i]->second);
    }
    for (std::size_t i = 0; i < pattern.relations.size(); ++i)
      if (relation_names[i]) pattern.relations[i].slot = bind(relation_names[i]->first, VarKind::relation, relation_names[i]->second);
    if (path_name) pattern.path_slot = bind(path_name->first, VarKind::path, path_name->second);
  }

  // Which nodes are Documents: those labelled so, the document ends of
  // MENTIONS, and variables bound to Documents earlier. Relationships between
  // a Document and an entity are MENTIONS; no other relationship touches one.
  void resolve_documents(Pattern& pattern,
                         const std::vector<std::optional<std::pair<std::string, Position>>>& node_names) {
    auto known_kind = [&](std::size_t i) -> std::optional<VarKind> {
      if (!node_names[i]) return std::nullopt;
      const auto found = scope_.find(node_names[i]->first);
      if (found == scope_.end()) return std::nullopt;
      return found->second.kind;
    };
    for (std::size_t i = 0; i < pattern.nodes.size(); ++i)
      if (known_kind(i) == VarKind::document) pattern.nodes[i].document = true;
    for (std::size_t i = 0; i < pattern.relations.size(); ++i) {
      RelationPattern& r = pattern.relations[i];
      NodePattern& left = pattern.nodes[i];
      NodePattern& right = pattern.nodes[i + 1];
      if (!r.mentions && r.types.empty() && (left.document || right.document)) r.mentions = true;
      if (!r.mentions) continue;
      if (r.variable_length) fail(r.at, "MENTIONS is one hop from a Document to an entity; it takes no *");
      if (pattern.shortest) fail(r.at, "shortestPath walks relationships between entities, not MENTIONS");
      bool left_is_document = false;
      if (r.direction == Direction::left_to_right) left_is_document = true;
      else if (r.direction == Direction::right_to_left) left_is_document = false;
      else if (left.document != right.document) left_is_document = left.document;
      else
        fail(r.at, "say which end of MENTIONS is the Document: (d:Document)-[:MENTIONS]->(e)");
      NodePattern& doc = left_is_document ? left : right;
      NodePattern& entity = left_is_document ? right : left;
      if (doc.type) fail(doc.at, "the Document end of MENTIONS cannot be an entity of type " + std::string(to_string(*doc.type)));
      if (entity.document) fail(entity.at, "MENTIONS links a Document to an entity, not to another Document");
      doc.document = true;
      if (r.direction == Direction::either) r.direction = left_is_document ? Direction::left_to_right : Direction::right_to_left;
    }
    for (std::size_t i = 0; i < pattern.relations.size(); ++i) {
      const RelationPattern& r = pattern.relations[i];
      if (!r.mentions && (pattern.nodes[i].document || pattern.nodes[i + 1].document))
        fail(r.at, "a Document is linked to entities only by MENTIONS");
    }
    for (std::size_t i = 0; i < pattern.nodes.size(); ++i) {
      const auto kind = known_kind(i);
      if (kind == VarKind::entity && pattern.nodes[i].document)
        fail(pattern.nodes[i].at, "variable '" + node_names[i]->first + "' is an entity, not a Document");
    }
  }

  std::optional<std::pair<std::string, Position>> parse_node(Pattern& pattern) {
    const Position at = peek().at;
    expect_symbol("(", "'(' to start a node pattern");
    NodePattern node;
    node.at = at;
    std::optional<std::pair<std::string, Position>> name;
    const Position name_at = peek().at;
    if (auto n = accept_name()) name.emplace(std::move(*n), name_at);
    if (accept_symbol(":")) {
      const Token& label = peek();
      const auto label_name = accept_name();
      if (!label_name) expected("a label after ':'", label);
      if (ascii_equal_ignoring_case(*label_name, "Document")) {
        node.document = true;
      } else {
        node.type = entity_type_named(*label_name);
        if (!node.type) {
          std::string known;
          for (EntityType t : all_entity_types()) known += (known.empty() ? "" : ", ") + std::string(to_string(t));
          fail(label.at, "unknown label '" + *label_name + "'; expected Document or one of " + known);
        }
      }
      if (is_symbol(peek(), ":")) fail(peek().at, "a node has one label in kg; expected ')' or '{'");
    }
    if (is_symbol(peek(), "{")) node.properties = parse_properties();
    expect_symbol(")", "')' after node pattern");
    if (++node_patterns_ > kMaxNodePatterns)
      fail(at, "a query may hold at most " + std::to_string(kMaxNodePatterns) + " node patterns");
    pattern.nodes.push_back(std::move(node));
    return name;
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

  std::size_t parse_hop_count(const char* what) {
    return take_whole_number(std::string("a whole number of hops ") + what, "the hop count");
  }

  // [*], [*N], [*N..], [*..M], [*N..M]
  void parse_hops(RelationPattern& relation) {
    const Position at = take().at;  // *
    relation.variable_length = true;
    bool bounded = false;
    std::size_t min = 1, max = 0;
    if (peek().kind == TokenKind::number) {
      min = parse_hop_count("after '*'");
      if (accept_symbol("..")) {
        if (peek().kind == TokenKind::number) {
          max = parse_hop_count("after '..'");
          bounded = true;
        }
      } else {
        max = min;
        bounded = true;
      }
    } else if (accept_symbol("..")) {
      max = parse_hop_count("after '..'");
      bounded = true;
    }
    relation.min_hops = min;
    relation.max_hops = max;
    relation.at = at;
    unbounded_at_ = bounded ? std::nullopt : std::optional<Position>(at);
  }

  std::optional<std::pair<std::string, Position>> parse_relation(Pattern& pattern) {
    RelationPattern relation;
    relation.at = peek().at;
    const bool points_left = accept_symbol("<");
    expect_symbol("-", points_left ? "'-' after '<'" : "'-' to start a relationship");
    std::optional<std::pair<std::string, Position>> name;
    unbounded_at_.reset();
    if (accept_symbol("[")) {
      const Position name_at = peek().at;
      if (auto n = accept_name()) name.emplace(std::move(*n), name_at);
      if (accept_symbol(":")) {
        do {
          accept_symbol(":");  // the older spelling [:a|:b]
          const Token& type = peek();
          const auto type_name = accept_name();
          if (!type_name) expected("a relationship type", type);
          if (ascii_equal_ignoring_case(*type_name, "MENTIONS")) {
            relation.mentions = true;
            continue;
          }
          const auto parsed = relation_type_named(*type_name);
          if (!parsed) {
            std::string known;
            for (RelationType t : all_relation_types())
              known += (known.empty() ? "" : ", ") + std::string(to_string(t));
            fail(type.at, "unknown relationship type '" + *type_name + "'; expected MENTIONS or one of " + known);
          }
          relation.types.push_back(*parsed);
        } while (accept_symbol("|"));
        if (relation.mentions && !relation.types.empty())
          fail(relation.at, "MENTIONS cannot be combined with other relationship types");
      }
      if (is_symbol(peek(), "*")) parse_hops(relation);
      if (is_symbol(peek(), "{")) relation.properties = parse_properties();
      expect_symbol("]", "']' after relationship pattern");
    }
    expect_symbol("-", "'-' to end the relationship");
    const bool points_right = accept_symbol(">");
    if (points_left && points_right) fail(tokens_[at_ - 1].at, "a relationship cannot point both ways");
    relation.direction = points_left    ? Direction::right_to_left
                         : points_right ? Direction::left_to_right
                                        : Direction::either;
    if (relation.variable_length) {
      const std::size_t limit = pattern.shortest ? kMaxShortestHops : kMaxPathHops;
      if (unbounded_at_) {
        if (!pattern.shortest)
          fail(*unbounded_at_, "a variable-length relationship needs an upper bound of at most " +
                                   std::to_string(kMaxPathHops) + " hops, such as [*1.." +
                                   std::to_string(kMaxPathHops) + "]");
        relation.max_hops = limit;
      }
      if (relation.max_hops > limit)
        fail(relation.at, "at most " + std::to_string(limit) + " hops are supported" +
                              (pattern.shortest ? " in shortestPath" : " in a variable-length relationship"));
      if (relation.min_hops > relation.max_hops)
        fail(relation.at, "the hop range is empty: " + std::to_string(relation.min_hops) + " > " +
                              std::to_string(relation.max_hops));
      if (relation.min_hops == 0) fail(relation.at, "a variable-length relationship walks at least one hop: write [*1..N]");
    }
    pattern.relations.push_back(std::move(relation));
    return name;
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
      if (contains_variable_or_aggregate(*value)) expected("a literal value (a string, number or list)", value_token);
      tests.push_back(PropertyTest{std::move(*name), std::move(value)});
    } while (accept_symbol(","));
    expect_symbol("}", "'}' after the properties");
    return tests;
  }

  static bool contains_variable_or_aggregate(const Expr& e) {
    if (e.kind == Expr::Kind::variable || (e.kind == Expr::Kind::call && is_aggregate(e.function))) return true;
    for (const auto& child : e.children)
      if (contains_variable_or_aggregate(*child)) return true;
    return false;
  }

  // --- expressions ----------------------------------------------------------
  // Every recursion of the parser goes through parse_expression (parentheses,
  // lists, function arguments) or parse_not (NOT NOT ...); both take a level
  // of this one guard, so no query, however it nests, can exhaust the stack.
  // The syntax tree is then at most a few times kMaxNesting deep, which
  // bounds the evaluator's and the checks' recursion as well.
  class NestingGuard {
   public:
    NestingGuard(int& depth, Position at) : depth_(depth) {
      if (++depth_ > kMaxNesting) fail(at, "expression nested more than " + std::to_string(kMaxNesting) + " levels deep");
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
    if (is_keyword(peek(), "XOR")) fail(peek().at, "XOR is not supported; write (a OR b) AND NOT (a AND b)");
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
        {"=", CompareOp::equal}, {"<>", CompareOp::not_equal},  {"!=", CompareOp::not_equal},
        {"<", CompareOp::less},  {"<=", CompareOp::less_equal}, {">", CompareOp::greater},
        {">=", CompareOp::greater_equal}};
    for (const auto& [symbol, op] : kSymbols)
      if (accept_symbol(symbol)) return op;
    if (accept_keyword("CONTAINS")) return CompareOp::contains;
    if (accept_keyword("IN")) return CompareOp::in;
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
    if (is_symbol(peek(), "+") || is_symbol(peek(), "*"))
      fail(at, "arithmetic ('" + peek().text + "') is not supported");
    if (is_symbol(peek(), "=~")) fail(at, "regular expressions (=~) are not supported; use CONTAINS");
    const auto op = accept_operator();
    if (!op) return left;
    ExprPtr comparison = make(Expr::Kind::comparison, at);
    comparison->op = *op;
    comparison->children.push_back(std::move(left));
    comparison->children.push_back(parse_primary());
    if (accept_operator()) fail(at, "chained comparisons are not supported; join them with AND");
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
    if (is_symbol(token, "[")) {
      take();
      NestingGuard guard(depth_, at);
      ExprPtr list = make(Expr::Kind::list, at);
      if (!accept_symbol("]")) {
        do list->children.push_back(parse_expression());
        while (accept_symbol(","));
        expect_symbol("]", "']' to close the list at column " + std::to_string(at.column));
      }
      return list;
    }
    if (is_symbol(token, "{")) fail(at, "map values are not supported; return properties one by one");
    if (token.kind == TokenKind::identifier) {
      if (accept_keyword("TRUE") || accept_keyword("FALSE")) {
        ExprPtr e = make(Expr::Kind::literal, at);
        e->literal = Value::of_bool(is_keyword(token, "TRUE"));
        return e;
      }
      if (accept_keyword("NULL")) return make(Expr::Kind::literal, at);
      if (is_keyword(token, "CASE") || is_keyword(token, "EXISTS"))
        fail(at, "'" + token.text + "' is not supported (docs/cypher.md lists what is)");
      if (is_symbol(peek(1), "(")) return parse_call();
    }
    if (token.kind == TokenKind::identifier || token.kind == TokenKind::quoted_identifier) return parse_reference();
    expected("a value (a string, a number, a list, a variable or variable.property)", token);
  }

  ExprPtr parse_call() {
    const Token& name = take();
    const Position at = name.at;
    const FunctionName* found = nullptr;
    for (const FunctionName& f : kFunctions)
      if (ascii_equal_ignoring_case(f.name, name.text)) found = &f;
    if (found == nullptr) {
      std::string known;
      for (const FunctionName& f : kFunctions) known += (known.empty() ? "" : ", ") + std::string(f.name);
      fail(at, "unknown function '" + name.text + "'; supported: " + known);
    }
    take();  // (
    NestingGuard guard(depth_, at);
    ExprPtr call = make(Expr::Kind::call, at);
    call->function = found->function;
    if (found->function == Function::count && accept_symbol("*")) {
      expect_symbol(")", "')' to close count(*");
      return call;
    }
    if (is_aggregate(found->function)) call->distinct = accept_keyword("DISTINCT");
    if (!is_symbol(peek(), ")")) {
      do {
        call->children.push_back(parse_expression());
        if (call->children.size() > found->max_arguments) break;
      } while (accept_symbol(","));
    }
    if (call->children.size() < found->min_arguments || call->children.size() > found->max_arguments ||
        (found->function == Function::count && call->children.empty()))
      fail(at, std::string(found->name) + "() takes " +
                   (found->min_arguments == found->max_arguments ? std::to_string(found->min_arguments)
                                                                 : "1 or more") +
                   (found->max_arguments == 1 ? " argument" : " arguments"));
    expect_symbol(")", "')' to close " + std::string(found->name) + "(");
    if (is_aggregate(found->function))
      for (const auto& child : call->children) reject_aggregate(*child, "an aggregate");
    return call;
  }

  ExprPtr parse_reference() {
    const Token& token = take();
    const std::string name = token.text;
    const auto found = scope_.find(name);
    if (found == scope_.end()) {
      std::string known;
      for (const auto& [n, v] : scope_) known += (known.empty() ? "" : ", ") + n;
      fail(token.at, "unknown variable '" + name + "'" +
                         (known.empty() ? "; nothing is bound here" : "; expected one of " + known));
    }
    ExprPtr e = make(Expr::Kind::variable, token.at);
    e->slot = found->second.slot;
    if (accept_symbol(".")) {
      const Token& key = peek();
      auto property = accept_name();
      if (!property) expected("a property name after '.'", key);
      ExprPtr p = make(Expr::Kind::property, token.at);
      p->key = std::move(*property);
      p->children.push_back(std::move(e));
      if (is_symbol(peek(), ".")) fail(peek().at, "properties hold plain values; expected no second '.'");
      return p;
    }
    return e;
  }

  // WHERE must be true or false for each row; a bare property or literal is
  // almost always a forgotten comparison, so it is refused up front.
  static void require_condition(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::comparison:
      case Expr::Kind::is_null:
      case Expr::Kind::variable:
      case Expr::Kind::call: return;
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

  static void reject_aggregate(const Expr& e, const char* where) {
    if (e.kind == Expr::Kind::call && is_aggregate(e.function))
      fail(e.at, std::string(function_name(e.function)) + "() is not allowed in " + where);
    for (const auto& child : e.children) reject_aggregate(*child, where);
  }

  static std::string_view function_name(Function f) {
    for (const FunctionName& n : kFunctions)
      if (n.function == f) return n.name;
    return "?";
  }

  // --- WITH and RETURN ------------------------------------------------------
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

  void parse_projection(Projection& projection, bool is_with) {
    projection.distinct = accept_keyword("DISTINCT");
    std::map<std::string, Variable> next_scope;
    std::vector<std::string> canonical;
    std::vector<VarKind> kinds;
    if (is_symbol(peek(), "*")) {
      const Position at = take().at;
      if (scope_.empty()) fail(at, "RETURN * needs a pattern that names variables");
      std::vector<std::pair<std::string, Variable>> named(scope_.begin(), scope_.end());
      std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) {
        const bool a_rel = a.second.kind == VarKind::relation, b_rel = b.second.kind == VarKind::relation;
        if (a_rel != b_rel) return !a_rel;
        return a.second.slot < b.second.slot;
      });
      for (const auto& [name, variable] : named) {
        ExprPtr e = make(Expr::Kind::variable, at);
        e->slot = variable.slot;
        projection.items.push_back(ProjectionItem{std::move(e), name, variable.slot, false});
        next_scope[name] = variable;
        canonical.push_back(name + " ");
      }
    } else {
      do {
        const std::size_t first = at_;
        const Position at = peek().at;
        ProjectionItem item;
        item.expr = parse_expression();
        const std::size_t end = at_;
        if (item.expr->kind == Expr::Kind::call && is_aggregate(item.expr->function)) {
          item.aggregate = true;
          projection.aggregates = true;
        } else {
          reject_aggregate(*item.expr, "an expression; an aggregate must be a whole item");
        }
        VarKind kind = VarKind::value;
        std::optional<std::size_t> kept_slot;
        if (item.expr->kind == Expr::Kind::variable)
          for (const auto& [n, v] : scope_)
            if (v.slot == item.expr->slot) {
              kind = v.kind;
              kept_slot = v.slot;
            }
        if (accept_keyword("AS")) {
          const Token& alias = peek();
          auto name = accept_name();
          if (!name) expected("a column name after AS", alias);
          item.name = std::move(*name);
        } else {
          if (is_with && item.expr->kind != Expr::Kind::variable)
            expected("'AS name' after an expression in WITH", peek());
          item.name = source_between(first, end);
        }
        for (const auto& earlier : projection.items)
          if (earlier.name == item.name)
            fail(at, "column '" + item.name + "' is returned twice; expected a distinct AS name");
        // A variable passed on under its own name keeps its slot.
        item.slot = kept_slot && !item.aggregate ? *kept_slot : new_slot();
        next_scope[item.name] = Variable{kind, item.slot};
        canonical.push_back(canonical_between(first, end));
        projection.items.push_back(std::move(item));
      } while (accept_symbol(","));
    }
    // ORDER BY sees the returned names and, without aggregates, the
    // variables before the projection too.
    std::map<std::string, Variable> order_scope = scope_;
    for (const auto& [n, v] : next_scope) order_scope[n] = v;
    if (accept_keyword("ORDER")) {
      expect_keyword("BY", "'BY' after 'ORDER'");
      std::swap(scope_, order_scope);
      do {
        const std::size_t first = at_;
        OrderItem item;
        item.expr = parse_expression();
        const std::string written = canonical_between(first, at_);
        for (std::size_t i = 0; i < canonical.size(); ++i)
          if (canonical[i] == written) {
            const Position at = item.expr->at;
            item.expr = make(Expr::Kind::variable, at);
            item.expr->slot = projection.items[i].slot;
          }
        reject_aggregate(*item.expr, "ORDER BY unless it is returned");
        // After grouping only the returned values are left to sort by.
        if (projection.aggregates) require_projected(*item.expr, projection);
        if (accept_keyword("DESC") || accept_keyword("DESCENDING")) item.descending = true;
        else if (!accept_keyword("ASC")) accept_keyword("ASCENDING");
        projection.order.push_back(std::move(item));
      } while (accept_symbol(","));
      std::swap(scope_, order_scope);
    }
    if (accept_keyword("SKIP")) projection.skip = parse_count("SKIP");
    if (accept_keyword("LIMIT")) projection.limit = parse_count("LIMIT");
    scope_ = std::move(next_scope);
    if (is_with && accept_keyword("WHERE")) projection.where = parse_condition("WHERE");
  }

  static void require_projected(const Expr& e, const Projection& projection) {
    if (e.kind == Expr::Kind::variable &&
        std::none_of(projection.items.begin(), projection.items.end(),
                     [&](const ProjectionItem& item) { return item.slot == e.slot; }))
      fail(e.at, "with aggregates, ORDER BY can only use the returned columns");
    for (const auto& child : e.children) require_projected(*child, projection);
  }

  std::size_t parse_count(const char* clause) {
    return take_whole_number(std::string("a whole number after ") + clause, clause);
  }

  // A number token without sign or fraction; `named` names it when it is
  // too large to hold.
  std::size_t take_whole_number(const std::string& what, const std::string& named) {
    const Token& token = peek();
    if (token.kind != TokenKind::number || token.text.find_first_not_of("0123456789") != std::string::npos)
      expected(what, token);
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
    if (error != std::errc() || end != token.text.data() + token.text.size())
      fail(token.at, named + " " + token.text + " is too large");
    take();
    return value;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t at_ = 0;
  int depth_ = 0;
  std::size_t slots_ = 0;
  std::size_t node_patterns_ = 0;
  std::optional<Position> unbounded_at_;
  std::map<std::string, Variable> scope_;
};

}  // namespace

bool is_aggregate(Function f) {
  return f == Function::count || f == Function::collect || f == Function::min || f == Function::max ||
         f == Function::sum || f == Function::avg;
}

Query parse(std::string_view text) {
  if (text.size() > kMaxQueryBytes)
    fail(Position{}, "query is " + std::to_string(text.size()) + " bytes long; expected at most " +
                         std::to_string(kMaxQueryBytes));
  return Parser(text, Tokenizer(text).run()).run();
}

}  // namespace cypher
}  // namespace kg
