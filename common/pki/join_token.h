// The join token an operator hands to a new host (`berth join-token create`): one
// self-contained string "bjt1.<id>.<secret>.<pin>", where <pin> is the hex SHA-256 of the
// controller CA's public key. The agent sends "<id>.<secret>" as its enrollment token and
// trusts only a controller whose CA has that pin (DESIGN.md 7).
#pragma once

#include <string>

#include "common/status.h"

namespace berth::pki {

struct JoinToken {
  std::string id;      // 12 lower-case hex characters
  std::string secret;  // 64 lower-case hex characters (256 bits)
  std::string ca_pin;  // "sha256:<64 hex>"

  // "<id>.<secret>": what the agent sends and the controller looks up.
  std::string EnrollSecret() const { return id + "." + secret; }
  std::string ToString() const;
};

// True for text shaped like a join token (it may still be wrong or revoked).
bool LooksLikeJoinToken(const std::string& text);
// INVALID_ARGUMENT says which part is malformed; never echoes the secret.
Result<JoinToken> ParseJoinToken(const std::string& text);
// Splits "<id>.<secret>" as the controller receives it; false for anything else.
bool SplitEnrollSecret(const std::string& text, std::string* id, std::string* secret);

}  // namespace berth::pki
