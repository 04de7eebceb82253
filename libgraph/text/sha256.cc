// text/sha256.cc owns the SHA-256 digest of raw files, the identity of a
// file's content (contents.sha256). OpenSSL's libcrypto computes it: it uses
// the CPU's SHA instructions where there are some, several times faster than
// the portable code kg had here, and every file `kg build` reads is hashed.
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "text/text.h"

namespace kg {
namespace {

[[noreturn]] void digest_failed() {
  throw std::runtime_error("SHA-256: OpenSSL's libcrypto failed to compute the digest");
}

// The algorithm fetched once, and a context per thread reused for every file:
// EVP_Digest with EVP_sha256() looks the algorithm up and makes a context on
// each call, which cost as much as hashing a news file of a few KB.
const EVP_MD* sha256_algorithm() {
  static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (algorithm == nullptr) digest_failed();
  return algorithm;
}

struct ContextFree {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

EVP_MD_CTX* thread_context() {
  thread_local std::unique_ptr<EVP_MD_CTX, ContextFree> context(EVP_MD_CTX_new());
  if (!context) digest_failed();
  return context.get();
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* context = thread_context();
  if (EVP_DigestInit_ex2(context, sha256_algorithm(), nullptr) != 1 ||
      EVP_DigestUpdate(context, bytes.data(), bytes.size()) != 1 || EVP_DigestFinal_ex(context, digest, &length) != 1 ||
      length != 32)
    digest_failed();
  static const char* hex = "0123456789abcdef";
  std::string out(2 * length, '0');
  for (unsigned int i = 0; i < length; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace kg
