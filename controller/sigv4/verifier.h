// Verifier: checks SigV4-signed requests against the controller's API tokens (the token id
// is the access key id; docs/security.md "SigV4"). In two steps, so nothing is read from
// a client that cannot sign: Begin() from the request line and headers (the key id and
// its token, the scope's service, the date and its skew), then, once the body is read,
// PendingRequest::VerifyBody() (the payload hash and the signature). Every refusal is
// UNAUTHENTICATED with a Reason (common/status.h) saying which check failed, so a face
// answers in its own protocol's words. Thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/sigv4/canonical.h"
#include "common/status.h"
#include "controller/api/service.h"

namespace berth::sigv4 {

// The request as received: method, decoded path and query, every header.
struct SignedRequest {
  std::string method;
  std::string path = "/";
  std::vector<std::pair<std::string, std::string>> query;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The secret an access key id signs with and who it is; UNAUTHENTICATED (reason
// kUnknownAccessKey) for an unknown, revoked or expired key.
using KeyLookup = std::function<Result<api::AccessKey>(const std::string& access_key_id)>;

struct VerifierOptions {
  std::vector<std::string> services;  // the scope's service must be one of these
  int64_t max_skew_ms = 15 * 60 * 1000;
};

// How x-amz-content-sha256 covers the body.
enum class PayloadMode {
  kHashed,     // absent (the body's SHA-256 is signed) or the hex hash itself
  kUnsigned,   // UNSIGNED-PAYLOAD
  kStreaming,  // STREAMING-*: chunk signatures chained from the seed (the S3 face's)
};

// A request whose key, scope and date were accepted; its signature is not checked yet.
class PendingRequest {
 public:
  const api::Principal& principal() const { return principal_; }
  const std::string& service() const { return service_; }
  PayloadMode payload_mode() const { return mode_; }

  // For kHashed and kUnsigned: checks the payload hash (kPayloadHashMismatch) and the
  // signature (kSignatureMismatch). kStreaming bodies are verified chunk by chunk, from
  // seed_signature() and signing_key(): UNIMPLEMENTED here.
  Status VerifyBody(std::string_view body) const;
  // For a body streamed elsewhere (the S3 face's uploads). kHashed: `body_sha256` (the hex
  // SHA-256 of the bytes received) must be the claimed hash, then the signature is
  // checked; kUnsigned and kStreaming: the signature over the marker (for kStreaming the
  // seed, checked before the chunks), `body_sha256` unused.
  Status VerifyBodyHash(const std::string& body_sha256) const;

  // What a streaming decoder (the S3 face's) checks the seed signature with (the
  // marker in x-amz-content-sha256 stands for the payload hash) and chains its chunk
  // signatures from.
  const std::string& claimed_payload_hash() const { return claimed_hash_; }
  const std::string& signing_key() const { return signing_key_; }
  const std::string& amz_date() const { return amz_date_; }
  const std::string& scope() const { return scope_; }
  const std::string& seed_signature() const { return signature_; }

 private:
  friend class Verifier;
  Status CheckSignature(const std::string& payload_hash) const;

  api::Principal principal_;
  std::string service_;
  PayloadMode mode_ = PayloadMode::kHashed;
  std::string claimed_hash_;  // x-amz-content-sha256 as sent
  CanonicalInput canonical_;  // without its payload hash
  std::string signature_;
  std::string signing_key_;
  std::string amz_date_;
  std::string scope_;
};

class Verifier {
 public:
  Verifier(KeyLookup lookup, Clock* clock, VerifierOptions options);

  Result<PendingRequest> Begin(const SignedRequest& request) const;

 private:
  KeyLookup lookup_;
  Clock* clock_;
  VerifierOptions options_;
};

// "20150830T123600Z" as Unix epoch milliseconds; INVALID_ARGUMENT for anything else.
Result<int64_t> ParseAmzDate(std::string_view amz_date);

}  // namespace berth::sigv4
