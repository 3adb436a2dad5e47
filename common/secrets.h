// Comparing and deriving secrets (OpenSSL): constant-time equality and HMAC-SHA256.
#pragma once

#include <string>
#include <string_view>

namespace berth {

// Constant-time for equal sizes; false when either side is empty.
bool SecretEquals(std::string_view a, std::string_view b);
// The raw 32-byte HMAC-SHA256 of `data` under `key`.
std::string HmacSha256(std::string_view key, std::string_view data);
// Standard base64 (with padding).
std::string Base64(std::string_view bytes);

}  // namespace berth
