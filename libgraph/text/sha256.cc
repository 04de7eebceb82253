// text/sha256.cc owns the SHA-256 digest of raw files, the identity of a
// file's content (contents.sha256). Nettle computes it: it uses the CPU's
// SHA instructions where there are some (as OpenSSL's libcrypto, which kg
// used before, does: within 10 % of it on a 64 MB buffer), and it is a small
// library. libcrypto made every kg process, every query, spend about a
// millisecond binding its thousands of symbols before main().
#include <nettle/sha2.h>

#include <string>
#include <string_view>

#include "text/text.h"

namespace kg {

std::string sha256_hex(std::string_view bytes) {
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&context, SHA256_DIGEST_SIZE, digest);
  static const char* hex = "0123456789abcdef";
  std::string out(2 * SHA256_DIGEST_SIZE, '0');
  for (std::size_t i = 0; i < SHA256_DIGEST_SIZE; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace kg
