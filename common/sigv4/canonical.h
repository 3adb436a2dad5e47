// AWS Signature Version 4: the canonical request (the one hand-written part) and the
// string to sign, signing key and signature over it (OpenSSL's HMAC-SHA256). Shared by
// everything in Berth that signs or verifies a SigV4 request; pure functions, no I/O.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace berth::sigv4 {

inline constexpr char kAlgorithm[] = "AWS4-HMAC-SHA256";
// x-amz-content-sha256 values that stand for the payload instead of its hash.
inline constexpr char kUnsignedPayload[] = "UNSIGNED-PAYLOAD";
inline constexpr char kStreamingPrefix[] = "STREAMING-";

// %-encodes everything but unreserved characters (and '/' when keep_slash), upper-case hex.
std::string UriEncode(std::string_view s, bool keep_slash);

struct CanonicalInput {
  std::string method;  // "GET", "POST", ...
  // The request path, decoded; encoded here once (S3's rule; the same as any service's for
  // paths of unreserved characters, such as CodeDeploy's "/").
  std::string path = "/";
  // Query parameters, decoded, in any order.
  std::vector<std::pair<std::string, std::string>> query;
  // Every request header, names in any case; a name given twice is joined with ','.
  std::vector<std::pair<std::string, std::string>> headers;
  // The lower-case names the signature covers (SignedHeaders), in any order.
  std::vector<std::string> signed_headers;
  // Hex SHA-256 of the body, or kUnsignedPayload / a streaming marker.
  std::string payload_hash;
};

// Method, URI, sorted query, canonical headers (lower-case names, values trimmed with
// inner runs of spaces folded to one), signed header list and payload hash, joined by
// '\n'. A signed header the request lacks is left out of the canonical headers (so the
// signature cannot match).
std::string CanonicalRequest(const CanonicalInput& input);
// "20150830/us-east-1/service/aws4_request".
std::string CredentialScope(std::string_view date, std::string_view region,
                            std::string_view service);
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);
// The raw 32-byte key: HMAC chain of "AWS4" + secret over date, region, service,
// "aws4_request".
std::string SigningKey(std::string_view secret, std::string_view date, std::string_view region,
                       std::string_view service);
// Lower-case hex HMAC-SHA256 of the string to sign under the signing key.
std::string Signature(std::string_view signing_key, std::string_view string_to_sign);

// What a client sends as Authorization for `input` signed at `amz_date`
// ("20150830T123600Z"); `input.signed_headers` must already be set.
std::string AuthorizationHeader(const CanonicalInput& input, std::string_view access_key_id,
                                std::string_view secret, std::string_view amz_date,
                                std::string_view region, std::string_view service);

}  // namespace berth::sigv4
