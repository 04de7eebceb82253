// text/script.cc owns the traditional/simplified tables: the code-point map
// built once from ICU's "Traditional-Simplified" transliterator, the set of
// characters GB2312 encodes (what simplified text writes), and a list of
// frequent characters used to judge which decoding of a legacy file is right.
//
// Why a table: the transliterator runs at a few MB/s, far too slow for the
// hot path, and applying it per character would also rewrite simplified
// text (显著 -> 显着). So ICU is asked once, for every candidate code point,
// and documents then go through a flat array lookup, only when traditional.
#include <unicode/translit.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "core/utf8.h"
#include "text/internal.h"
#include "text/text.h"

namespace kg::text_detail {
namespace {

enum ScriptFlag : std::uint8_t { kTraditionalOnly = 1, kInGb2312 = 2, kCommon = 4 };

// Frequent characters of Chinese prose (simplified forms; traditional forms
// count through the table).
constexpr std::string_view kCommonChars =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研"
    "镇村县市省园企项投招商书委副局办街道社乡科技创新园区开发经济产业集团公司有限责任服务基层党员干部组织领导建设发展推进工作会议活动管理中心协调合作签约落户"
    "张王李赵刘陈杨黄吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "说话时候已经还是没有什么这样那样因为所以但是而且如果虽然然后可以应该需要通过进行实现提高加强深入全面坚持落实扎实积极重点重要主要一些一个一次我们他们她们自己大家群众人民同志记者表示介绍认为指出强调"
    "年月日时分秒亿万千百元家名个项次件座条台套批户栋亩平方米公里吨余近超约共累计"
    "东南西北上下左右前后里外内中新老大小多少长短高低好坏快慢早晚来去进出开关买卖";

struct ScriptTables {
  std::vector<char16_t> t2s = std::vector<char16_t>(0x10000, 0);
  std::vector<std::uint8_t> flags = std::vector<std::uint8_t>(0x10000, 0);
};

void fill_t2s(ScriptTables& tables) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t2s(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t2s) throw std::runtime_error("ICU Traditional-Simplified transliterator unavailable");

  std::vector<char16_t> candidates;
  for (char16_t c = 0x3400; c <= 0x9FFF; ++c) candidates.push_back(c);
  for (char16_t c = 0xF900; c <= 0xFAFF; ++c) candidates.push_back(c);

  // One long "c\nc\n..." string, transliterated in one call and split back;
  // if the pieces do not line up, fall back to one call per character.
  icu::UnicodeString all;
  all.getBuffer(static_cast<int32_t>(candidates.size() * 2));
  all.releaseBuffer(0);
  for (char16_t c : candidates) {
    all.append(c);
    all.append(static_cast<char16_t>(u'\n'));
  }
  t2s->transliterate(all);
  std::vector<icu::UnicodeString> pieces;
  pieces.reserve(candidates.size());
  int32_t start = 0;
  for (int32_t i = 0; i < all.length(); ++i) {
    if (all.charAt(i) == u'\n') {
      pieces.emplace_back(all, start, i - start);
      start = i + 1;
    }
  }
  const bool aligned = pieces.size() == candidates.size();
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    icu::UnicodeString one;
    if (aligned) {
      one = pieces[k];
    } else {
      one = icu::UnicodeString(static_cast<UChar>(candidates[k]));
      t2s->transliterate(one);
    }
    if (one.length() == 1 && one.charAt(0) != candidates[k]) tables.t2s[candidates[k]] = one.charAt(0);
  }
}

void mark_gb2312(ScriptTables& tables) {
  std::string pairs;
  pairs.reserve(94 * 94 * 2);
  for (int lead = 0xA1; lead <= 0xF7; ++lead)
    for (int trail = 0xA1; trail <= 0xFE; ++trail) {
      pairs.push_back(static_cast<char>(lead));
      pairs.push_back(static_cast<char>(trail));
    }
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open("EUC-CN", &status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU EUC-CN converter unavailable");
  std::vector<UChar> out(pairs.size() + 16);
  const int32_t len = ucnv_toUChars(cnv, out.data(), static_cast<int32_t>(out.size()), pairs.data(),
                                    static_cast<int32_t>(pairs.size()), &status);
  ucnv_close(cnv);
  if (U_FAILURE(status)) throw std::runtime_error("ICU EUC-CN conversion failed");
  for (int32_t i = 0; i < len; ++i) {
    const UChar c = out[static_cast<std::size_t>(i)];
    if (c != 0xFFFD && c != 0x1A) tables.flags[c] |= kInGb2312;
  }
}

const ScriptTables& tables() {
  static const ScriptTables built = [] {
    ScriptTables t;
    fill_t2s(t);
    mark_gb2312(t);
    for (char32_t c : to_u32(kCommonChars))
      if (c < 0x10000) t.flags[c] |= kCommon;
    for (std::size_t c = 0; c < 0x10000; ++c) {
      if (t.t2s[c] == 0) continue;
      if (!(t.flags[c] & kInGb2312)) t.flags[c] |= kTraditionalOnly;
      if (t.flags[t.t2s[c]] & kCommon) t.flags[c] |= kCommon;
    }
    return t;
  }();
  return built;
}

}  // namespace

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F);
}

char32_t t2s_char(char32_t c) {
  if (c >= 0x10000 || c < 0x3400) return c;
  const char16_t s = tables().t2s[c];
  return s == 0 ? c : s;
}

bool is_traditional_only(char32_t c) { return c < 0x10000 && (tables().flags[c] & kTraditionalOnly); }

bool is_common_han(char32_t c) { return c < 0x10000 && (tables().flags[c] & kCommon); }

bool looks_traditional(std::u32string_view text) {
  const ScriptTables& t = tables();
  std::size_t traditional = 0, han = 0;
  for (char32_t c : text) {
    if (c < 0x3400 || c >= 0x10000) continue;
    ++han;
    if (t.flags[c] & kTraditionalOnly) ++traditional;
  }
  return traditional > 0 && (traditional * 20 >= han || traditional >= 8);
}

std::uint32_t simplify_in_place(std::u32string& text) {
  if (!looks_traditional(text)) return 0;
  const ScriptTables& t = tables();
  std::uint32_t changed = 0;
  for (char32_t& c : text) {
    if (c < 0x3400 || c >= 0x10000) continue;
    // 於 is in GB2312 (as a surname) but in traditional prose it is 于.
    if ((t.flags[c] & kTraditionalOnly) || c == U'於') {
      c = t.t2s[c];
      ++changed;
    }
  }
  return changed;
}

}  // namespace kg::text_detail

namespace kg {
std::u32string to_simplified(std::u32string_view text) {
  std::u32string out(text);
  text_detail::simplify_in_place(out);
  return out;
}
}  // namespace kg
