// tests/core/utf8_test.cc: to_utf8 writes code points out by hand; it must
// give the bytes ICU's U8_APPEND gives for every code point, and U+FFFD where
// ICU refuses one (a surrogate, beyond U+10FFFF). to_u32 reads them back.
#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <string>

#include "core/utf8.h"

namespace {

std::string icu_utf8(char32_t c) {
  uint8_t buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, static_cast<UChar32>(c), error);
  if (error) return "\xEF\xBF\xBD";
  return std::string(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
}

TEST(Utf8, EveryCodePointEncodesAsIcuEncodesIt) {
  for (char32_t c = 0; c <= 0x110000; ++c) {
    ASSERT_EQ(kg::to_utf8(c), icu_utf8(c)) << "U+" << std::hex << static_cast<unsigned>(c);
  }
}

TEST(Utf8, WhatIsNoCodePointBecomesTheReplacementCharacter) {
  for (char32_t c : {char32_t{0xD800}, char32_t{0xDFFF}, char32_t{0x110000}, char32_t{0xFFFFFFFF}})
    EXPECT_EQ(kg::to_utf8(c), "\xEF\xBF\xBD");
  EXPECT_EQ(kg::to_utf8(std::u32string{U'a', char32_t{0xD800}, U'中'}), "a\xEF\xBF\xBD中");
}

TEST(Utf8, MixedTextRoundTrips) {
  const std::u32string text = U"Z镇党委书记张小军 (qū) 5G·𠀀\n";
  const std::string utf8 = kg::to_utf8(text);
  EXPECT_EQ(utf8, "Z镇党委书记张小军 (qū) 5G·𠀀\n");
  EXPECT_EQ(kg::to_u32(utf8), text);
  EXPECT_EQ(kg::to_utf8(std::u32string_view()), "");
  EXPECT_EQ(kg::to_u32(""), U"");
}

// equals_utf8 says what comparing with to_utf8's string says.
TEST(Utf8, EqualsUtf8AgreesWithToUtf8) {
  const std::u32string texts[] = {U"", U"a", U"镇党委书记张小军", U"Z镇 (qū) 5G·𠀀\n",
                                  std::u32string{U'a', char32_t{0xD800}, U'中'}, std::u32string{char32_t{0x110000}}};
  for (const std::u32string& text : texts) {
    const std::string utf8 = kg::to_utf8(text);
    EXPECT_TRUE(kg::equals_utf8(text, utf8));
    EXPECT_FALSE(kg::equals_utf8(text, utf8 + "x"));
    if (!utf8.empty()) {
      EXPECT_FALSE(kg::equals_utf8(text, utf8.substr(0, utf8.size() - 1)));
      std::string changed = utf8;
      changed.back() = static_cast<char>(changed.back() ^ 1);
      EXPECT_FALSE(kg::equals_utf8(text, changed));
    }
  }
  EXPECT_FALSE(kg::equals_utf8(U"镇党委", "镇党"));
  EXPECT_FALSE(kg::equals_utf8(U"镇党", "镇党委"));
  EXPECT_TRUE(kg::equals_utf8(std::u32string{char32_t{0xDC00}}, "\xEF\xBF\xBD"));
  // ASCII is compared directly, the rest by its bytes.
  EXPECT_FALSE(kg::equals_utf8(U"ab", "ac"));
  EXPECT_FALSE(kg::equals_utf8(U"ab", "a"));
  EXPECT_FALSE(kg::equals_utf8(U"a镇", "a\xE9\x95"));
  EXPECT_FALSE(kg::equals_utf8(U"a", "\xC3\xA1"));
}

// to_utf8 into a buffer writes what to_utf8 returns, whatever the buffer
// held before (longer, shorter, or its own earlier text).
TEST(Utf8, ToUtf8IntoABufferReplacesItsContent) {
  std::string buffer = "a much longer text that was there before, 镇党委书记";
  for (const std::u32string& text : {std::u32string(U"Z镇党委 (qū) 𠀀"), std::u32string(), std::u32string(U"镇"),
                                     std::u32string(U"a longer one than the last, 张小军 5G")}) {
    kg::to_utf8(text, buffer);
    EXPECT_EQ(buffer, kg::to_utf8(text));
  }
}

TEST(Utf8, InvalidBytesDecodeToOneReplacementEach) {
  // A lone continuation byte, a truncated three-byte sequence, an overlong '/'.
  EXPECT_EQ(kg::to_u32("a\x80z"), U"a\uFFFDz");
  EXPECT_EQ(kg::to_u32("\xE4\xB8"), U"\uFFFD");
  EXPECT_EQ(kg::to_u32("\xC0\xAF"), U"\uFFFD\uFFFD");
}

}  // namespace
