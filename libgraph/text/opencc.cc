// text/opencc.cc owns traditional -> simplified conversion with OpenCC
// (Debian's libopencc and its t2s.json configuration): which characters only
// one script writes (the votes that decide whether a paragraph is
// traditional), the conversion of traditional paragraphs phrase by phrase
// with each output character mapped back to the raw bytes of its input, and
// to_simplified for single strings.
//
// OpenCC's own Converter returns a string with no link to its input, and at
// about 3 MB/s it would be the slowest step of the text stage. Its t2s is a
// greedy longest match over two dictionaries (TSPhrases, 277 phrases, and
// TSCharacters, 4113 characters), so this file asks OpenCC's dictionary group
// for a match only where a phrase can start (about one character in 25) and
// reads the characters from a table built once from the same dictionaries.
// The result is OpenCC's, character for character (tests/text compare it with
// opencc::Converter on the seeds and fixtures); what is gained is the offset
// of every character and the speed.
#include <Config.hpp>
#include <Conversion.hpp>
#include <ConversionChain.hpp>
#include <Converter.hpp>
#include <DictEntry.hpp>
#include <DictGroup.hpp>
#include <Exception.hpp>
#include <Lexicon.hpp>
#include <MarisaDict.hpp>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "core/utf8.h"
#include "text/internal.h"
#include "text/text.h"

namespace kg::text_detail {
namespace {

enum OpenccFlag : std::uint8_t {
  kTraditionalOnly = 1,  // t2s always changes it: only traditional text writes it
  kSimplifiedOnly = 2,   // s2t always changes it: only simplified text writes it
  kPhraseStart = 4,      // a TSPhrases key starts with it
};

// Room for OpenCC's longest key (42 bytes in t2s) and one more character.
constexpr std::size_t kMaxWindow = 128;

struct CharEntry {
  char32_t simplified = 0;  // 0: t2s leaves the character as it is
  std::uint8_t flags = 0;
};

opencc::ConverterPtr load_config(const std::string& name) {
  const std::string path = std::string(KG_OPENCC_DATA_DIR) + "/" + name;
  try {
    opencc::Config config;
    return config.NewFromFile(path);
  } catch (const opencc::Exception& e) {
    throw std::runtime_error("OpenCC configuration " + path + " cannot be loaded: " + e.what());
  }
}

// The dictionary group of a configuration's single conversion step (t2s.json
// and s2t.json both have one).
std::shared_ptr<opencc::DictGroup> dictionaries(const opencc::ConverterPtr& converter, const std::string& name) {
  const auto conversions = converter->GetConversionChain()->GetConversions();
  std::shared_ptr<opencc::DictGroup> group;
  if (conversions.size() == 1) group = std::dynamic_pointer_cast<opencc::DictGroup>(conversions.front()->GetDict());
  if (!group) throw std::runtime_error("OpenCC " + name + ": expected one conversion over a dictionary group");
  return group;
}

// s2t's dictionary of single characters (OpenCC's data file, named in s2t.json).
opencc::DictPtr s2t_characters() {
  const std::string path = std::string(KG_OPENCC_DATA_DIR) + "/STCharacters.ocd2";
  try {
    return opencc::SerializableDict::NewFromFile<opencc::MarisaDict>(path);
  } catch (const opencc::Exception& e) {
    throw std::runtime_error("OpenCC dictionary " + path + " cannot be loaded: " + e.what());
  }
}

bool values_include_key(const opencc::DictEntry& entry, const std::string& key) {
  for (const std::string& value : entry.Values())
    if (value == key) return true;
  return false;
}

class OpenccT2s {
 public:
  OpenccT2s() : converter_(load_config("t2s.json")), group_(dictionaries(converter_, "t2s.json")) {
    bmp_.resize(0x10000);
    // Dictionaries in group order: on a tie OpenCC takes the first one's entry.
    for (const opencc::DictPtr& dict : group_->GetDicts()) {
      for (const auto& entry : *dict->GetLexicon()) {
        const std::string key = entry->Key();
        const std::u32string key32 = to_u32(key);
        if (key32.empty()) continue;
        if (key32.size() > 1) {
          entry_for(key32[0]).flags |= kPhraseStart;
          phrase_starts_.push_back(pair_code(key32[0], key32[1]));
          continue;
        }
        CharEntry& e = entry_for(key32[0]);
        if (e.simplified != 0) continue;
        const std::u32string value = to_u32(entry->GetDefault());
        if (value.size() == 1 && value[0] != key32[0]) e.simplified = value[0];
        if (!values_include_key(*entry, key)) e.flags |= kTraditionalOnly;
      }
    }
    // Characters simplified text alone writes: those s2t always changes.
    // Only s2t's dictionary of single characters is read, not s2t.json: its
    // phrase dictionary (STPhrases, 0.9 MB, loaded twice by the
    // configuration) has no single characters, and loading it was most of
    // the start-up of every query that normalises a name (about 20 ms).
    // tests/text/opencc_test.cc checks this against the whole configuration.
    const opencc::DictPtr s2t = s2t_characters();
    const opencc::LexiconPtr s2t_entries = s2t->GetLexicon();
    for (const auto& entry : *s2t_entries) {
      const std::string key = entry->Key();
      const std::u32string key32 = to_u32(key);
      if (key32.size() == 1 && !values_include_key(*entry, key)) entry_for(key32[0]).flags |= kSimplifiedOnly;
    }
    std::sort(phrase_starts_.begin(), phrase_starts_.end());
    phrase_starts_.erase(std::unique(phrase_starts_.begin(), phrase_starts_.end()), phrase_starts_.end());
    max_key_bytes_ = group_->KeyMaxLength();
    if (max_key_bytes_ + 4 > kMaxWindow) throw std::runtime_error("OpenCC t2s.json: phrases longer than kg expects");
  }

  const CharEntry& entry(char32_t c) const {
    if (c < 0x10000) return bmp_[c];
    static const CharEntry none;
    const auto it = astral_.find(c);
    return it == astral_.end() ? none : it->second;
  }

  // Whether a phrase (a key of two characters or more) starts with a, b:
  // where none does, OpenCC's match can only be one character, which the
  // table has, and its dictionaries need not be asked.
  bool may_start_phrase(char32_t a, char32_t b) const {
    return std::binary_search(phrase_starts_.begin(), phrase_starts_.end(), pair_code(a, b));
  }

  // OpenCC's longest match at text[at] when a phrase may start there:
  // the number of input characters it covers (0: none, or only text[at],
  // which the table has) and its output.
  std::size_t match_phrase(std::u32string_view text, std::size_t at, std::u32string& value) const {
    char window[kMaxWindow];
    std::size_t ends[kMaxWindow];  // byte length of the window after each character
    std::size_t bytes = 0, chars = 0;
    for (std::size_t i = at; i < text.size() && bytes < max_key_bytes_; ++i) {
      bytes += encode_utf8(text[i], window + bytes);
      ends[chars++] = bytes;
    }
    const opencc::Optional<const opencc::DictEntry*> match = group_->MatchPrefix(window, bytes);
    if (match.IsNull()) return 0;
    const std::size_t key_bytes = match.Get()->KeyLength();
    for (std::size_t k = 1; k < chars; ++k) {
      if (ends[k] == key_bytes) {
        value = to_u32(match.Get()->GetDefault());
        return k + 1;
      }
    }
    return 0;
  }

 private:
  CharEntry& entry_for(char32_t c) { return c < 0x10000 ? bmp_[c] : astral_[c]; }
  static std::uint64_t pair_code(char32_t a, char32_t b) { return (std::uint64_t{a} << 32) | b; }

  opencc::ConverterPtr converter_;
  std::shared_ptr<opencc::DictGroup> group_;
  std::vector<CharEntry> bmp_;
  std::unordered_map<char32_t, CharEntry> astral_;
  std::size_t max_key_bytes_ = 0;
  std::vector<std::uint64_t> phrase_starts_;  // pair_code of each phrase's first two characters, sorted
};

const OpenccT2s& t2s() {
  static const OpenccT2s instance;
  return instance;
}

// Appends the t2s conversion of chars[begin, end) to out. A phrase whose
// output has as many characters as its input maps one to one; otherwise each
// output character covers the bytes of the whole phrase. Returns the number
// of output characters that differ from their input.
std::uint32_t convert_range(const CharStream& chars, std::size_t begin, std::size_t end, CharStream& out) {
  const OpenccT2s& table = t2s();
  const std::u32string_view text = std::u32string_view(chars.text).substr(0, end);
  std::uint32_t changed = 0;
  std::u32string value;
  std::size_t i = begin;
  while (i < end) {
    const char32_t c = text[i];
    const CharEntry& e = table.entry(c);
    if ((e.flags & kPhraseStart) && i + 1 < end && table.may_start_phrase(c, text[i + 1])) {
      if (const std::size_t n = table.match_phrase(text, i, value); n > 0) {
        Span whole{chars.raw[i].begin, chars.raw[i + n - 1].end};
        std::uint8_t flags = 0;
        for (std::size_t k = i; k < i + n; ++k) {
          whole.begin = std::min(whole.begin, chars.raw[k].begin);
          whole.end = std::max(whole.end, chars.raw[k].end);
          flags = static_cast<std::uint8_t>(flags | chars.flags[k]);
        }
        for (std::size_t k = 0; k < value.size(); ++k) {
          const bool aligned = value.size() == n;
          const std::size_t from = i + (aligned ? k : 0);
          out.push(value[k], aligned ? chars.raw[from] : whole,
                   aligned ? chars.flags[from] : (k + 1 == value.size() ? flags : 0));
          if (!aligned || value[k] != text[from]) ++changed;
        }
        i += n;
        continue;
      }
    }
    if (e.simplified != 0) {
      out.push(e.simplified, chars.raw[i], chars.flags[i]);
      ++changed;
    } else {
      out.push(c, chars.raw[i], chars.flags[i]);
    }
    ++i;
  }
  return changed;
}

bool reads_traditional(const ScriptVotes& votes, bool without_evidence) {
  if (votes.traditional == 0 && votes.simplified == 0) return without_evidence;
  return votes.traditional > votes.simplified;
}

}  // namespace

ScriptVotes count_script_votes(std::u32string_view text) {
  const OpenccT2s& table = t2s();
  ScriptVotes votes;
  for (char32_t c : text) {
    if (c < 0x3400) continue;
    const std::uint8_t flags = table.entry(c).flags;
    votes.traditional += (flags & kTraditionalOnly) != 0;
    votes.simplified += (flags & kSimplifiedOnly) != 0;
  }
  return votes;
}

char32_t t2s_char(char32_t c) {
  const char32_t s = t2s().entry(c).simplified;
  return s == 0 ? c : s;
}

void t2s_chars(std::u32string_view text, char32_t* out) {
  const OpenccT2s& table = t2s();
  for (char32_t c : text) {
    const char32_t s = table.entry(c).simplified;
    *out++ = s == 0 ? c : s;
  }
}

std::uint32_t simplify_traditional_paragraphs(CharStream& chars, std::vector<Span>& paragraphs,
                                              bool& document_traditional) {
  std::vector<ScriptVotes> votes(paragraphs.size());
  ScriptVotes total;
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    votes[p] = count_script_votes(std::u32string_view(chars.text).substr(paragraphs[p].begin, paragraphs[p].size()));
    total.traditional += votes[p].traditional;
    total.simplified += votes[p].simplified;
  }
  document_traditional = reads_traditional(total, false);
  std::vector<bool> convert(paragraphs.size());
  bool any = false;
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    convert[p] = reads_traditional(votes[p], document_traditional);
    any = any || convert[p];
  }
  if (!any) return 0;

  CharStream out;
  out.reserve(chars.size() + 16);
  std::uint32_t changed = 0;
  std::size_t copied = 0;  // chars before this index are in out
  auto copy_until = [&](std::size_t end) {
    out.text.append(chars.text, copied, end - copied);
    out.raw.insert(out.raw.end(), chars.raw.begin() + static_cast<std::ptrdiff_t>(copied),
                   chars.raw.begin() + static_cast<std::ptrdiff_t>(end));
    out.flags.insert(out.flags.end(), chars.flags.begin() + static_cast<std::ptrdiff_t>(copied),
                     chars.flags.begin() + static_cast<std::ptrdiff_t>(end));
    copied = end;
  };
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    const Span para = paragraphs[p];
    copy_until(para.begin);
    const auto begin = static_cast<std::uint32_t>(out.size());
    if (convert[p]) {
      changed += convert_range(chars, para.begin, para.end, out);
      copied = para.end;
    } else {
      copy_until(para.end);
    }
    paragraphs[p] = Span{begin, static_cast<std::uint32_t>(out.size())};
  }
  copy_until(chars.size());
  chars = std::move(out);
  return changed;
}

std::u32string t2s_convert(std::u32string_view text) {
  CharStream in;
  in.reserve(text.size());
  for (char32_t c : text) in.push(c, Span{});
  CharStream out;
  out.reserve(text.size());
  convert_range(in, 0, in.size(), out);
  return std::move(out.text);
}

std::u32string simplify_string(std::u32string_view text, bool without_evidence) {
  if (!reads_traditional(count_script_votes(text), without_evidence)) return std::u32string(text);
  return t2s_convert(text);
}

}  // namespace kg::text_detail

namespace kg {
std::u32string to_simplified(std::u32string_view text) { return text_detail::simplify_string(text, false); }
}  // namespace kg
