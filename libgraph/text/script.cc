// text/script.cc owns the character classes the text stage judges a
// decoding by: Han characters, a list of frequent characters of news prose
// (and their traditional forms), and the 3755 characters of GB2312 level 1,
// the most frequent of written Chinese (and their traditional forms). A
// decoding that reads as Chinese is made mostly of these; random bytes read
// in a legacy encoding are not. Which script a text is written in and the
// conversion itself belong to opencc.cc.
#include <unicode/ucnv.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "core/utf8.h"
#include "text/internal.h"
#include "text/text.h"

namespace kg::text_detail {
namespace {

enum ScriptFlag : std::uint8_t { kCommon = 1, kFrequent = 2 };

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
  std::vector<std::uint8_t> flags = std::vector<std::uint8_t>(0x10000, 0);
};

// Marks GB2312 level 1 (rows 16-55, lead bytes 0xB0-0xD7), the 3755 most
// frequent characters of written Chinese.
void mark_gb2312_level1(ScriptTables& tables) {
  std::string pairs;
  pairs.reserve(40 * 94 * 2);
  for (int lead = 0xB0; lead <= 0xD7; ++lead)
    for (int trail = 0xA1; trail <= 0xFE; ++trail) {
      pairs.push_back(static_cast<char>(lead));
      pairs.push_back(static_cast<char>(trail));
    }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> cnv(ucnv_open("EUC-CN", &status), ucnv_close);
  if (U_FAILURE(status)) throw std::runtime_error("ICU EUC-CN converter unavailable");
  std::vector<UChar> out(pairs.size() + 16);
  const int32_t len = ucnv_toUChars(cnv.get(), out.data(), static_cast<int32_t>(out.size()), pairs.data(),
                                    static_cast<int32_t>(pairs.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU EUC-CN conversion failed");
  for (int32_t i = 0; i < len; ++i) {
    const UChar c = out[static_cast<std::size_t>(i)];
    if (c != 0xFFFD && c != 0x1A) tables.flags[c] |= kFrequent;
  }
}

const ScriptTables& tables() {
  static const ScriptTables built = [] {
    ScriptTables t;
    mark_gb2312_level1(t);
    for (char32_t c : to_u32(kCommonChars))
      if (c < 0x10000) t.flags[c] |= kCommon;
    // A traditional form counts as its simplified form does.
    for (char32_t c = 0x3400; c < 0x10000; ++c) {
      const char32_t s = t2s_char(c);
      if (s == c || s >= 0x10000) continue;
      t.flags[c] |= static_cast<std::uint8_t>(t.flags[s] & (kCommon | kFrequent));
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

long oddness(std::u32string_view text) {
  const ScriptTables& t = tables();
  long score = 0;
  for (char32_t c : text) {
    if (c < 0x80) continue;
    if (c == 0xFFFD) score += 8;
    else if (c < 0x10000 && (t.flags[c] & kCommon)) score -= 1;
    else if (is_han(c)) score += 1;
    else if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2010 && c <= 0x206F) ||
             c == 0xA0 || c == 0xB7)
      continue;
    else score += 3;  // kana, Cyrillic, box drawing, private use ... in a Chinese file
  }
  return score;
}

double plausibility(std::u32string_view text) {
  const ScriptTables& t = tables();
  std::size_t good = 0, seen = 0;
  for (char32_t c : text) {
    if (c <= 0x20 || c == 0x3000 || c == 0xA0) continue;
    ++seen;
    if (c < 0x7F || (c < 0x10000 && (t.flags[c] & (kCommon | kFrequent))) || (c >= 0x3001 && c <= 0x303F) ||
        (c >= 0xFF01 && c <= 0xFFEF) || (c >= 0x2010 && c <= 0x206F) || (c >= 0xC0 && c <= 0x24F) || c == 0xB7)
      ++good;
  }
  return seen == 0 ? 1.0 : static_cast<double>(good) / static_cast<double>(seen);
}

}  // namespace kg::text_detail
