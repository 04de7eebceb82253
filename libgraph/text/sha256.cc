// text/sha256.cc owns the SHA-256 digest of raw files, the identity of a
// file's content (contents.sha256). OpenSSL's libcrypto computes it: it uses
// the CPU's SHA instructions where there are some, several times faster than
// the portable code kg had here, and every file `kg build` reads is hashed.
#include <openssl/evp.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "text/text.h"

namespace kg {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1 || length != 32)
    throw std::runtime_error("SHA-256: OpenSSL's libcrypto failed to compute the digest");
  static const char* hex = "0123456789abcdef";
  std::string out(2 * length, '0');
  for (unsigned int i = 0; i < length; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace kg
