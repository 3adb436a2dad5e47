// Random identifiers and secrets (OpenSSL's CSPRNG).
#pragma once

#include <string>

namespace berth {

// `n` characters from [0-9A-Z], e.g. the 9 after "d-" in a deployment id.
std::string RandomAlnumUpper(int n);
// 2*bytes lower-case hex characters; for tokens and credentials.
std::string RandomHex(int bytes);
// A random RFC 4122 version-4 UUID.
std::string RandomUuid();

}  // namespace berth
