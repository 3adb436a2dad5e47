#include "controller/sigv4/verifier.h"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "common/secrets.h"
#include "common/sha256.h"
#include "controller/sigv4/authorization.h"

namespace berth::sigv4 {
namespace {

Status Refuse(Reason reason, std::string message) {
  return Status(Code::kUnauthenticated, std::move(message), reason);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The value of header `name` (lower-case); empty when absent.
std::string Header(const SignedRequest& request, const std::string& name) {
  for (const auto& [n, v] : request.headers) {
    if (Lower(n) == name) return v;
  }
  return "";
}

bool Has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

Result<int64_t> ParseAmzDate(std::string_view amz_date) {
  if (amz_date.size() != 16 || amz_date[8] != 'T' || amz_date[15] != 'Z') {
    return InvalidArgument("X-Amz-Date \"" + std::string(amz_date.substr(0, 40)) +
                           "\" is not YYYYMMDDTHHMMSSZ");
  }
  for (size_t i = 0; i < 15; ++i) {
    if (i != 8 && !std::isdigit(static_cast<unsigned char>(amz_date[i]))) {
      return InvalidArgument("X-Amz-Date \"" + std::string(amz_date) +
                             "\" is not YYYYMMDDTHHMMSSZ");
    }
  }
  auto num = [&](size_t at, size_t n) { return std::stoi(std::string(amz_date.substr(at, n))); };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(4, 2) - 1;
  tm.tm_mday = num(6, 2);
  tm.tm_hour = num(9, 2);
  tm.tm_min = num(11, 2);
  tm.tm_sec = num(13, 2);
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
      tm.tm_sec > 60) {
    return InvalidArgument("X-Amz-Date \"" + std::string(amz_date) + "\" is not a valid time");
  }
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

Verifier::Verifier(KeyLookup lookup, Clock* clock, VerifierOptions options)
    : lookup_(std::move(lookup)), clock_(clock), options_(std::move(options)) {}

Result<PendingRequest> Verifier::Begin(const SignedRequest& request) const {
  const std::string header = Header(request, "authorization");
  if (header.empty()) {
    return Refuse(Reason::kMissingAuthentication,
                  "missing Authorization header: sign the request with SigV4, using an API "
                  "token's accessKeyId and secretAccessKey (berth token create)");
  }
  ASSIGN_OR_RETURN(Authorization auth, ParseAuthorization(header));
  if (!Has(options_.services, auth.service)) {
    return Refuse(Reason::kMalformedAuthorization, "Credential scope names service \"" +
                                                       auth.service + "\"; this endpoint takes " +
                                                       Joined(options_.services));
  }
  for (const char* required : {"host", "x-amz-date"}) {
    if (!Has(auth.signed_headers, required)) {
      return Refuse(Reason::kMalformedAuthorization,
                    std::string("SignedHeaders must include ") + required);
    }
  }
  const std::string amz_date = Header(request, "x-amz-date");
  Result<int64_t> when = ParseAmzDate(amz_date);
  if (!when.ok()) return Refuse(Reason::kMalformedAuthorization, when.status().message());
  if (amz_date.substr(0, 8) != auth.date) {
    return Refuse(Reason::kMalformedAuthorization,
                  "Credential date " + auth.date + " is not the date of X-Amz-Date " + amz_date);
  }
  const int64_t skew = *when - clock_->NowMs();
  if (skew > options_.max_skew_ms || -skew > options_.max_skew_ms) {
    return Refuse(Reason::kClockSkew,
                  "the difference between the request time (X-Amz-Date " + amz_date +
                      ") and the server's time is " +
                      std::to_string((skew < 0 ? -skew : skew) / 1000) + " s, more than the " +
                      std::to_string(options_.max_skew_ms / 1000) + " s allowed");
  }
  Result<api::AccessKey> key = lookup_(auth.access_key_id);
  if (!key.ok()) {
    if (key.status().code() == Code::kUnauthenticated) {
      return Refuse(Reason::kUnknownAccessKey, key.status().message());
    }
    return key.status();
  }

  PendingRequest pending;
  pending.principal_ = key->principal;
  pending.service_ = auth.service;
  pending.claimed_hash_ = Header(request, "x-amz-content-sha256");
  if (pending.claimed_hash_ == kUnsignedPayload) {
    pending.mode_ = PayloadMode::kUnsigned;
  } else if (pending.claimed_hash_.rfind(kStreamingPrefix, 0) == 0) {
    pending.mode_ = PayloadMode::kStreaming;
  } else if (!pending.claimed_hash_.empty() && !IsSha256Hex(pending.claimed_hash_)) {
    return Refuse(Reason::kPayloadHashMismatch,
                  "x-amz-content-sha256 \"" + pending.claimed_hash_.substr(0, 80) +
                      "\" is neither a hex SHA-256 nor UNSIGNED-PAYLOAD");
  }
  pending.canonical_.method = request.method;
  pending.canonical_.path = request.path;
  pending.canonical_.query = request.query;
  pending.canonical_.headers = request.headers;
  pending.canonical_.signed_headers = auth.signed_headers;
  pending.signature_ = auth.signature;
  pending.amz_date_ = amz_date;
  pending.scope_ = CredentialScope(auth.date, auth.region, auth.service);
  pending.signing_key_ = SigningKey(key->secret_access_key, auth.date, auth.region, auth.service);
  return pending;
}

Status PendingRequest::CheckSignature(const std::string& payload_hash) const {
  CanonicalInput input = canonical_;
  input.payload_hash = payload_hash;
  const std::string expected =
      Signature(signing_key_, StringToSign(amz_date_, scope_, CanonicalRequest(input)));
  if (!SecretEquals(expected, signature_)) {
    return Refuse(Reason::kSignatureMismatch,
                  "the request signature does not match the one computed with the secret of "
                  "access key " +
                      principal_.token_id +
                      "; check the secretAccessKey and the signing "
                      "process");
  }
  return Status::Ok();
}

Status PendingRequest::VerifyBody(std::string_view body) const {
  switch (mode_) {
    case PayloadMode::kStreaming:
      return Status(Code::kUnimplemented,
                    "x-amz-content-sha256 " + claimed_hash_ + " is not accepted on this endpoint",
                    Reason::kPayloadHashMismatch);
    case PayloadMode::kUnsigned:
      return CheckSignature(kUnsignedPayload);
    case PayloadMode::kHashed:
      break;
  }
  return VerifyBodyHash(Sha256Hex(body));
}

Status PendingRequest::VerifyBodyHash(const std::string& actual) const {
  switch (mode_) {
    case PayloadMode::kStreaming:
      return CheckSignature(claimed_hash_);
    case PayloadMode::kUnsigned:
      return CheckSignature(kUnsignedPayload);
    case PayloadMode::kHashed:
      break;
  }
  if (!claimed_hash_.empty() && claimed_hash_ != actual) {
    return Refuse(Reason::kPayloadHashMismatch, "x-amz-content-sha256 " + claimed_hash_ +
                                                    " is not the body's SHA-256 (" + actual + ")");
  }
  return CheckSignature(actual);
}

}  // namespace berth::sigv4
