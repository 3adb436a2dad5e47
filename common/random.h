// Random identifiers and secrets (OpenSSL's CSPRNG).
#pragma once

#include <cstdint>
#include <string>

namespace berth {

// `n` characters from [0-9A-Z], e.g. the 9 after "d-" in a deployment id.
std::string RandomAlnumUpper(int n);
// 2*bytes lower-case hex characters; for tokens and credentials.
std::string RandomHex(int bytes);
// 12 lower-case hex characters of `now_ms`, then RandomHex(random_bytes): an id made
// later sorts after one made earlier, so an index of such ids grows at its end (its
// inserts dirty one hot page, not a random one) while the random part keeps them unique.
std::string TimeOrderedHex(int64_t now_ms, int random_bytes);
// A random RFC 4122 version-4 UUID.
std::string RandomUuid();

}  // namespace berth
