// tests/text/sha256_test.cc: sha256_hex against the FIPS 180-4 examples,
// including lengths around the 56- and 64-byte padding boundaries.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/text.h"

TEST(Sha256, EmptyInput) {
  EXPECT_EQ(kg::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, ShortMessage) {
  EXPECT_EQ(kg::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, FiftySixBytesNeedsASecondPaddingBlock) {
  EXPECT_EQ(kg::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, MillionBytes) {
  EXPECT_EQ(kg::sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, DifferentInputsDiffer) {
  EXPECT_NE(kg::sha256_hex(std::string(64, 'x')), kg::sha256_hex(std::string(63, 'x')));
}

// read_documents given the digest (as ingest does, having hashed the file)
// makes the documents it makes without, with that digest.
TEST(Sha256, ReadDocumentsTakesAGivenDigest) {
  const std::string bytes = "园区企业发展迅速。\n\n镇党委书记张小军出席会议。\n";
  const std::vector<kg::Document> hashed = kg::read_documents("given.txt", bytes);
  const std::string digest = kg::sha256_hex(bytes);
  const std::vector<kg::Document> given = kg::read_documents("given.txt", bytes, digest, nullptr);
  ASSERT_EQ(hashed.size(), given.size());
  ASSERT_FALSE(given.empty());
  for (std::size_t i = 0; i < given.size(); ++i) {
    EXPECT_EQ(hashed[i].sha256, digest);
    EXPECT_EQ(given[i].sha256, digest);
    EXPECT_EQ(given[i].text, hashed[i].text);
    EXPECT_EQ(given[i].sentences.size(), hashed[i].sentences.size());
  }
  const std::vector<kg::Document> other = kg::read_documents("given.txt", bytes, std::string(64, 'f'), nullptr);
  ASSERT_FALSE(other.empty());
  EXPECT_EQ(other.front().sha256, std::string(64, 'f'));
}
