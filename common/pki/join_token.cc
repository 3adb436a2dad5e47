#include "common/pki/join_token.h"

#include <vector>

#include "common/sha256.h"

namespace berth::pki {
namespace {

constexpr char kPrefix[] = "bjt1.";

bool IsLowerHex(const std::string& s, size_t size) {
  if (s.size() != size) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(sep, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

}  // namespace

std::string JoinToken::ToString() const {
  std::string pin = ca_pin.rfind("sha256:", 0) == 0 ? ca_pin.substr(7) : ca_pin;
  return kPrefix + id + "." + secret + "." + pin;
}

bool LooksLikeJoinToken(const std::string& text) { return text.rfind(kPrefix, 0) == 0; }

Result<JoinToken> ParseJoinToken(const std::string& text) {
  if (!LooksLikeJoinToken(text)) {
    return InvalidArgument("a join token starts with \"bjt1.\" (make one with berth join-token "
                           "create)");
  }
  std::vector<std::string> parts = Split(text.substr(sizeof(kPrefix) - 1), '.');
  if (parts.size() != 3) return InvalidArgument("a join token has four parts separated by '.'");
  if (!IsLowerHex(parts[0], 12)) return InvalidArgument("the join token's id is malformed");
  if (!IsLowerHex(parts[1], 64)) return InvalidArgument("the join token's secret is malformed");
  if (!IsLowerHex(parts[2], 64)) return InvalidArgument("the join token's CA pin is malformed");
  return JoinToken{parts[0], parts[1], "sha256:" + parts[2]};
}

bool SplitEnrollSecret(const std::string& text, std::string* id, std::string* secret) {
  std::vector<std::string> parts = Split(text, '.');
  if (parts.size() != 2 || !IsLowerHex(parts[0], 12) || !IsLowerHex(parts[1], 64)) return false;
  *id = parts[0];
  *secret = parts[1];
  return true;
}

}  // namespace berth::pki
