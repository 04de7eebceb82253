// text/decode.cc owns turning raw bytes into code points with their byte
// ranges: BOM and NUL-pattern detection, strict UTF-8, and ICU converters for
// UTF-16, GB18030 (a superset of GBK) and Big5, choosing between the legacy
// encodings by which decoding reads as more ordinary Chinese.
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "text/internal.h"
#include "text/text.h"

namespace kg::text_detail {
namespace {

constexpr char32_t kReplacement = U'\uFFFD';

[[noreturn]] void refuse(std::string_view source, std::string_view why) {
  throw InputError(std::string(source) + ": " + std::string(why));
}

// Counts illegal bytes and writes one U+FFFD for each illegal sequence.
void count_and_substitute(const void* context, UConverterToUnicodeArgs* args,
                          const char* /*code_units*/, int32_t length,
                          UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to do
  auto* counter = static_cast<std::uint32_t*>(const_cast<void*>(context));
  *counter += static_cast<std::uint32_t>(length);
  const UChar fffd = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &fffd, 1, 0, err);
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Sizes the arrays of `chars` to `room` characters and points `text`, `raw`
// and `flags` at them: the decoders write each character through these
// pointers into arrays sized ahead, since pushing it onto three vectors
// cost most of the time of decoding.
void size_for_writing(CharStream& chars, std::size_t room, char32_t*& text, Span*& raw, std::uint8_t*& flags) {
  chars.text.resize(room);
  chars.raw.resize(room);
  chars.flags.resize(room);
  text = chars.text.data();
  raw = chars.raw.data();
  flags = chars.flags.data();
}

// Decodes bytes[begin, end) with an ICU converter. Each code point's range
// starts at the offset ICU reports for its first unit and ends where the
// next code point starts.
void decode_with_icu(const char* converter_name, std::string_view bytes, std::size_t begin,
                     std::size_t end, Decoded& out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(converter_name, &status));
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU converter unavailable: ") + converter_name);
  ucnv_setToUCallBack(cnv.get(), count_and_substitute, &out.invalid_bytes, nullptr, nullptr,
                      &status);
  CharStream& chars = out.chars;

  // A converter writes at most one UTF-16 unit per byte (a surrogate pair
  // takes four GB18030 bytes, a U+FFFD stands for one byte or more), so a
  // short input gets buffers of its size: zeroing two of a chunk's size for
  // each call (192 KB) cost more than decoding a short file.
  const auto chunk = static_cast<int32_t>(std::min<std::size_t>(1 << 15, end - begin + 16));
  std::vector<UChar> units(chunk);
  std::vector<int32_t> offsets(chunk);
  const char* source = bytes.data() + begin;
  const char* const limit = bytes.data() + end;
  UChar pending_lead = 0;
  std::uint32_t pending_begin = 0;
  std::uint32_t last_begin = static_cast<std::uint32_t>(begin);
  // The arrays are grown before each batch of units: a unit makes at most
  // one character, the lead left pending at the end one more.
  std::size_t w = chars.size();
  char32_t* text = nullptr;
  Span* raw = nullptr;
  std::uint8_t* flags = nullptr;
  auto emit = [&](char32_t c, std::uint32_t at) {
    if (w > 0) raw[w - 1].end = std::max(raw[w - 1].begin, at);
    text[w] = c;
    raw[w] = Span{at, at};
    flags[w] = c == kReplacement ? kFlagInvalid : 0;
    ++w;
  };
  for (;;) {
    UChar* target = units.data();
    const char* call_start = source;
    status = U_ZERO_ERROR;
    ucnv_toUnicode(cnv.get(), &target, units.data() + chunk, &source, limit, offsets.data(), true,
                   &status);
    const auto produced = static_cast<std::size_t>(target - units.data());
    const auto call_base = static_cast<std::uint32_t>(call_start - bytes.data());
    size_for_writing(chars, w + produced + 1, text, raw, flags);
    for (std::size_t i = 0; i < produced; ++i) {
      std::uint32_t at = offsets[i] >= 0 ? call_base + static_cast<std::uint32_t>(offsets[i]) : last_begin;
      last_begin = at;
      UChar u = units[i];
      if (pending_lead != 0) {
        if (U16_IS_TRAIL(u)) {
          emit(static_cast<char32_t>(U16_GET_SUPPLEMENTARY(pending_lead, u)), pending_begin);
          pending_lead = 0;
          continue;
        }
        emit(kReplacement, pending_begin);
        pending_lead = 0;
      }
      if (U16_IS_LEAD(u)) {
        pending_lead = u;
        pending_begin = at;
      } else if (U16_IS_TRAIL(u)) {
        emit(kReplacement, at);
      } else {
        emit(static_cast<char32_t>(u), at);
      }
    }
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU conversion failed: ") + u_errorName(status));
    break;
  }
  if (pending_lead != 0) emit(kReplacement, pending_begin);
  size_for_writing(chars, w, text, raw, flags);
  if (!chars.raw.empty()) chars.raw.back().end = static_cast<std::uint32_t>(end);
}

// Strict UTF-8: each ill-formed sequence (as U8_NEXT delimits it) becomes one
// U+FFFD covering its bytes. The arrays are sized first and written through
// pointers: pushing each character onto three vectors was most of the time
// of reading a UTF-8 file.
void decode_utf8(std::string_view bytes, std::size_t begin, Decoded& out) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const auto n = static_cast<int32_t>(bytes.size());
  auto i = static_cast<int32_t>(begin);
  CharStream& chars = out.chars;
  // Every code point starts with a byte that is not a continuation byte;
  // only stray continuation bytes (each a U+FFFD of its own) make more.
  // (32-bit counts, here and in decode: a file has fewer than 2^32 bytes,
  // and the compiler's vector sums of 32-bit lanes take half the steps.)
  std::uint32_t starts = 0;
  for (std::size_t k = begin; k < bytes.size(); ++k) starts += (s[k] & 0xC0) != 0x80;
  std::size_t w = chars.size();
  std::size_t room = w + starts;
  char32_t* text = nullptr;
  Span* raw = nullptr;
  std::uint8_t* flags = nullptr;
  size_for_writing(chars, room, text, raw, flags);
  while (i < n) {
    if (w == room) {  // stray continuation bytes: room for the rest, one per byte
      room += static_cast<std::size_t>(n - i);
      size_for_writing(chars, room, text, raw, flags);
    }
    // Runs of ASCII and well-formed three-byte characters (all of most
    // files), in a loop of their own that keeps its state in registers;
    // whatever else comes, and the last two bytes, go the way below.
    {
      const std::uint8_t* p = s + i;
      const std::uint8_t* const stop = n >= 2 ? s + (n - 2) : s;
      std::size_t at = static_cast<std::size_t>(i);
      while (p < stop && w < room) {
        const std::uint8_t lead = p[0];
        if (lead < 0x80) {
          text[w] = lead;
          raw[w] = Span{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 1)};
          ++w;
          ++p;
          ++at;
          continue;
        }
        if ((lead & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) break;
        const char32_t c = (char32_t{lead & 0x0Fu} << 12) | (char32_t{p[1] & 0x3Fu} << 6) | char32_t{p[2] & 0x3Fu};
        if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) break;
        text[w] = c;
        raw[w] = Span{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 3)};
        ++w;
        p += 3;
        at += 3;
      }
      i = static_cast<int32_t>(at);
      if (i >= n) break;
      if (w == room) continue;  // grown above
    }
    const int32_t start = i;
    if (s[i] < 0x80) {
      text[w] = s[i];
      raw[w] = Span{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1)};
      ++w;
      ++i;
      continue;
    }
    // Three bytes, most of a Chinese text: decoded here, what U8_NEXT makes
    // of a well-formed sequence (not overlong, not a surrogate); anything
    // else goes to U8_NEXT below.
    if ((s[i] & 0xF0) == 0xE0 && n - i >= 3 && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
      const char32_t c = (char32_t{s[i] & 0x0Fu} << 12) | (char32_t{s[i + 1] & 0x3Fu} << 6) | char32_t{s[i + 2] & 0x3Fu};
      if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
        text[w] = c;
        raw[w] = Span{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 3)};
        ++w;
        i += 3;
        continue;
      }
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    const Span range{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)};
    raw[w] = range;
    if (c < 0) {
      out.invalid_bytes += range.size();
      text[w] = kReplacement;
      flags[w] = kFlagInvalid;
    } else {
      text[w] = static_cast<char32_t>(c);
    }
    ++w;
  }
  chars.text.resize(w);
  chars.raw.resize(w);
  chars.flags.resize(w);
}

constexpr double kPlausible = 0.5;
constexpr std::size_t kSampleBytes = 1 << 18;  // even, so UTF-16 samples stay aligned

// UTF-16 without a BOM shows as NUL bytes: the high byte of ASCII and the
// low byte of characters such as 一 (U+4E00), at even or odd positions
// depending on the byte order and on the text. Both orders are read and the
// one that reads as text wins; if neither does, the file is not text.
bool decode_utf16_without_bom(std::string_view bytes, Decoded& out) {
  if (bytes.size() % 2 != 0) return false;
  const std::string_view head = bytes.substr(0, std::min(bytes.size(), kSampleBytes));
  const char* best = nullptr;
  double best_score = kPlausible;
  for (const char* name : {"UTF-16LE", "UTF-16BE"}) {
    Decoded trial;
    decode_with_icu(name, head, 0, head.size(), trial);
    const double score = plausibility(trial.chars.text);
    if (score >= best_score && trial.invalid_bytes * 100 <= head.size()) {
      best = name;
      best_score = score;
    }
  }
  if (best == nullptr) return false;
  out.encoding = best;
  decode_with_icu(best, bytes, 0, bytes.size(), out);
  return true;
}

// Not valid UTF-8 and no declaration: compare UTF-8 with repairs, GB18030
// and Big5 (and UTF-16 when the length allows it) on a prefix, then decode
// the whole file with the least odd one, if it reads as text at all.
// `as_utf8` is the whole file decoded as UTF-8 (which found it invalid), the
// UTF-8 candidate when the prefix is the whole file; it may be moved from.
void decode_legacy(std::string_view source, std::string_view bytes, Decoded& out, Decoded& as_utf8) {
  const std::string_view head = bytes.substr(0, std::min(bytes.size(), kSampleBytes));
  const char* names[] = {"UTF-8", "GB18030", "Big5", "UTF-16LE", "UTF-16BE"};
  const std::size_t candidates = bytes.size() % 2 == 0 ? 5 : 3;
  long best_score = 0;
  const char* best = nullptr;
  // A trial that loses leaves its memory to the next (a file is tried in
  // four or five encodings).
  Decoded best_trial, trial;
  for (std::size_t c = 0; c < candidates; ++c) {
    const char* name = names[c];
    trial.chars.clear();
    trial.invalid_bytes = 0;
    if (name == names[0] && head.size() == bytes.size()) trial = std::move(as_utf8);
    else if (name == names[0]) decode_utf8(head, 0, trial);
    else decode_with_icu(name, head, 0, head.size(), trial);
    const long score = oddness(trial.chars.text);
    if (best == nullptr || score < best_score) {
      best = name;
      best_score = score;
      std::swap(best_trial, trial);
    }
  }
  // Asked of the winner only (not of each trial that led for a while).
  if (plausibility(best_trial.chars.text) < kPlausible)
    refuse(source, "not text in any encoding kg reads (UTF-8, GB18030/GBK, Big5, UTF-16): read as " +
                       std::string(best) + ", most characters would be rare, invalid or out of place");
  out.encoding = best;
  // Most files fit in the sample: the winning trial is already the whole file.
  if (head.size() == bytes.size() && out.chars.size() == 0 && out.invalid_bytes == 0) {
    out.chars = std::move(best_trial.chars);
    out.invalid_bytes = best_trial.invalid_bytes;
  } else if (best == names[0]) {
    decode_utf8(bytes, 0, out);
  } else {
    decode_with_icu(best, bytes, 0, bytes.size(), out);
  }
}

// The decoder for a charset a page declares (WHATWG's labels: gb2312 and
// gbk mean GB18030's superset, a declared UTF-16 means UTF-8 since the
// declaration itself was read as ASCII), or null if ICU has none.
const char* declared_decoder(std::string_view label, std::string& storage) {
  std::string name;
  for (char c : label) name.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  if (name == "utf-8" || name == "utf8" || name.starts_with("utf-16") || name == "unicode") return "UTF-8";
  if (name == "gb2312" || name == "gbk" || name == "x-gbk" || name == "gb18030" || name == "gb_2312-80" ||
      name == "chinese" || name == "csgb2312" || name == "euc-cn" || name == "cp936" || name == "windows-936")
    return "GB18030";
  if (name == "big5" || name == "big5-hkscs" || name == "x-x-big5" || name == "cn-big5" || name == "csbig5")
    return "Big5";
  if (name == "iso-8859-1" || name == "latin1" || name == "ascii" || name == "us-ascii") name = "windows-1252";
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(name.c_str(), &status);
  if (U_FAILURE(status) || cnv == nullptr) return nullptr;
  storage = ucnv_getName(cnv, &status);
  ucnv_close(cnv);
  return U_SUCCESS(status) ? storage.c_str() : nullptr;
}

void decode_as(const char* name, std::string_view bytes, Decoded& out) {
  out.encoding = name;
  if (out.encoding == "UTF-8") decode_utf8(bytes, 0, out);
  else decode_with_icu(name, bytes, 0, bytes.size(), out);
}

// A declared charset is believed when the bytes read cleanly as ordinary
// text in it; otherwise the bytes choose, and the mismatch is noted.
void decode_declared(std::string_view source, std::string_view bytes, std::string_view label, Decoded& out) {
  std::string storage;
  const char* name = declared_decoder(label, storage);
  Decoded declared;
  long declared_oddness = 0;
  if (name != nullptr) {
    decode_as(name, bytes.substr(0, std::min(bytes.size(), kSampleBytes)), declared);
    declared_oddness = oddness(declared.chars.text) + 8L * declared.invalid_bytes;
    if (declared.invalid_bytes == 0 && (declared.encoding == "UTF-8" || declared_oddness <= 0)) {
      // A sample that is the whole file is the file decoded.
      if (bytes.size() <= kSampleBytes) out = std::move(declared);
      else decode_as(name, bytes, out);
      return;
    }
  }
  Decoded detected;
  bool readable = true;
  try {
    Decoded as_utf8;
    decode_utf8(bytes, 0, as_utf8);
    if (as_utf8.invalid_bytes == 0) {
      detected = std::move(as_utf8);
      detected.encoding = "UTF-8";
    } else {
      decode_legacy(source, bytes, detected, as_utf8);
    }
  } catch (const InputError&) {
    readable = false;
  }
  if (name != nullptr && (!readable || declared_oddness <= oddness(detected.chars.text) + 8L * detected.invalid_bytes)) {
    decode_as(name, bytes, out);
    return;
  }
  if (!readable) refuse(source, "declares charset '" + std::string(label) + "', which kg cannot decode, and reads as text in no other");
  out = std::move(detected);
  out.declared_ignored = std::string(label);
}

// The tests below run over every byte or character of a file: written with
// & rather than && so that the compiler makes them branch-free and vector.
bool is_binary_control(unsigned char b) {
  return (b < 0x20) & (b != '\t') & (b != '\n') & (b != '\r') & (b != '\f') & (b != '\v') & (b != 0x1B);
}
bool is_control_char(char32_t c) {
  return (c < 0x20) & (c != '\t') & (c != '\n') & (c != '\r') & (c != '\f') & (c != '\v');
}
bool is_visible_char(char32_t c) { return (c > 0x20) & (c != 0xFEFF) & (c != 0x3000) & (c != 0xA0); }

}  // namespace

namespace {
// One spare stream per thread (take_spare_chars, recycle_chars).
CharStream& spare_chars() {
  thread_local CharStream spare;
  return spare;
}
constexpr std::size_t kKeptSpareChars = std::size_t{1} << 20;
}  // namespace

CharStream take_spare_chars() { return std::move(spare_chars()); }

void recycle_chars(CharStream&& chars) {
  if (chars.text.capacity() > kKeptSpareChars) return;
  CharStream& spare = spare_chars();
  if (spare.text.capacity() >= chars.text.capacity()) return;
  spare = std::move(chars);
  spare.clear();
}

Decoded decode(std::string_view source, std::string_view bytes, std::string_view declared) {
  if (bytes.empty()) refuse(source, "empty file");
  if (bytes.size() >= 0xFFFFFFF0u) refuse(source, "file too large (4 GiB or more)");
  Decoded out;
  out.chars = take_spare_chars();
  const auto* u = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();

  if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    out.encoding = "UTF-8";
    decode_utf8(bytes, 3, out);
  } else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
    out.encoding = "UTF-16LE";
    decode_with_icu("UTF-16LE", bytes, 2, n, out);
  } else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
    out.encoding = "UTF-16BE";
    decode_with_icu("UTF-16BE", bytes, 2, n, out);
  } else if (std::memchr(u, 0, n) != nullptr) {
    if (!decode_utf16_without_bom(bytes, out)) refuse(source, "not a text file (contains NUL bytes)");
  } else {
    const std::size_t sample = std::min<std::size_t>(n, 1 << 16);
    std::uint32_t controls = 0;
    for (std::size_t k = 0; k < sample; ++k) controls += is_binary_control(u[k]);
    if (controls * 20 > sample) refuse(source, "not a text file (mostly control bytes)");
    if (!declared.empty()) {
      decode_declared(source, bytes, declared, out);
    } else {
      Decoded as_utf8;
      as_utf8.chars = std::move(out.chars);  // the spare memory, empty
      out.chars.clear();
      decode_utf8(bytes, 0, as_utf8);
      if (as_utf8.invalid_bytes == 0) {
        out = std::move(as_utf8);
        out.encoding = "UTF-8";  // strictly valid: the common case, decoded in one pass
      } else {
        decode_legacy(source, bytes, out, as_utf8);
      }
    }
  }

  std::uint32_t control_chars = 0, visible = 0;
  for (char32_t c : out.chars.text) {
    control_chars += is_control_char(c);
    visible += is_visible_char(c);
  }
  if (visible == 0) refuse(source, "empty file (no text)");
  if (std::size_t{control_chars} * 10 > out.chars.size()) refuse(source, "not a text file (mostly control characters)");
  return out;
}

}  // namespace kg::text_detail
