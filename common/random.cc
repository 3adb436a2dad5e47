#include "common/random.h"

#include <openssl/rand.h>

#include <string_view>
#include <vector>

#include "common/sha256.h"

namespace berth {
namespace {

std::vector<unsigned char> Bytes(int n) {
  std::vector<unsigned char> b(static_cast<size_t>(n));
  RAND_bytes(b.data(), n);
  return b;
}

}  // namespace

std::string RandomAlnumUpper(int n) {
  static const char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string out;
  // 252 = 7 * 36: rejection sampling keeps the distribution uniform.
  while (static_cast<int>(out.size()) < n) {
    for (unsigned char c : Bytes(n)) {
      if (c < 252 && static_cast<int>(out.size()) < n) out.push_back(kAlphabet[c % 36]);
    }
  }
  return out;
}

std::string RandomHex(int bytes) {
  std::vector<unsigned char> b = Bytes(bytes);
  return HexOf(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

std::string TimeOrderedHex(int64_t now_ms, int random_bytes) {
  uint64_t t = static_cast<uint64_t>(now_ms < 0 ? 0 : now_ms);
  std::string big_endian(6, '\0');  // 48 bits: 12 hex characters
  for (int i = 5; i >= 0; --i, t >>= 8) big_endian[i] = static_cast<char>(t & 0xff);
  return HexOf(big_endian) + RandomHex(random_bytes);
}

std::string RandomUuid() {
  std::vector<unsigned char> b = Bytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0xf]);
  }
  return out;
}

}  // namespace berth
