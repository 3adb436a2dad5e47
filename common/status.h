// Status and Result<T>: how every fallible call in Berth reports failure.
//
// Codes map 1:1 to gRPC status codes (same numeric values) and to HTTP statuses, so
// the rpc/ and http/ edges translate them mechanically. Callers switch on codes, never
// on message text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace berth {

enum class Code {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

// What a non-OK status is about, for callers that must tell cases apart (NOT_FOUND of an
// application from NOT_FOUND of a deployment group) without reading the message. Set
// where the status is made; kNone when nobody needs to know.
enum class Reason {
  kNone,
  // The resource a NOT_FOUND, ALREADY_EXISTS or FAILED_PRECONDITION names.
  kApplication,
  kDeploymentGroup,
  kDeploymentConfig,
  kRevision,
  kDeployment,
  kInstance,
  kBucket,  // the S3 face's (controller/s3)
  kObject,
  kUpload,
  kInvalidPart,  // a multipart completion names a part not uploaded so
  kPartOrder,
  kPartTooSmall,
  kBadDigest,  // an upload's Content-MD5 or checksum is not that of its bytes
  // Why a SigV4-signed request was refused (controller/sigv4).
  kMissingAuthentication,   // no Authorization header
  kMalformedAuthorization,  // the header or a date it needs cannot be parsed
  kUnknownAccessKey,        // no such key id, or its token was revoked or expired
  kClockSkew,               // X-Amz-Date more than 15 minutes off
  kPayloadHashMismatch,     // x-amz-content-sha256 is not the body's hash
  kSignatureMismatch,
};

// "INVALID_ARGUMENT", "NOT_FOUND", ... (the gRPC spelling; used as API error codes).
std::string_view CodeName(Code code);
// The HTTP status a REST response carries for this code.
int HttpStatusFor(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Status(Code code, std::string message, Reason reason)
      : code_(code), message_(std::move(message)), reason_(reason) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  Reason reason() const { return reason_; }

  // "NOT_FOUND: application "web" does not exist".
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>".
  Status WithContext(std::string_view context) const;
  // Returns a copy about `reason` (an OK status stays OK).
  Status WithReason(Reason reason) const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  Reason reason_ = Reason::kNone;
};

inline Status InvalidArgument(std::string m) { return Status(Code::kInvalidArgument, std::move(m)); }
inline Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
inline Status AlreadyExists(std::string m) { return Status(Code::kAlreadyExists, std::move(m)); }
inline Status FailedPrecondition(std::string m) {
  return Status(Code::kFailedPrecondition, std::move(m));
}
inline Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }
inline Status Unavailable(std::string m) { return Status(Code::kUnavailable, std::move(m)); }
inline Status Unauthenticated(std::string m) {
  return Status(Code::kUnauthenticated, std::move(m));
}
inline Status PermissionDenied(std::string m) {
  return Status(Code::kPermissionDenied, std::move(m));
}
inline Status DeadlineExceeded(std::string m) {
  return Status(Code::kDeadlineExceeded, std::move(m));
}
inline Status DataLoss(std::string m) { return Status(Code::kDataLoss, std::move(m)); }

// `result` with its error (if any) marked as being about `reason`.
inline Status WithReason(const Status& status, Reason reason) { return status.WithReason(reason); }
template <typename R>
R WithReason(R result, Reason reason) {
  if (result.ok()) return result;
  return R(result.status().WithReason(reason));
}

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace berth

#define BERTH_CONCAT_INNER(a, b) a##b
#define BERTH_CONCAT(a, b) BERTH_CONCAT_INNER(a, b)

// Returns from the enclosing function when `expr` (a Status) is not OK.
#define RETURN_IF_ERROR(expr)                 \
  do {                                        \
    ::berth::Status berth_status_ = (expr);   \
    if (!berth_status_.ok()) return berth_status_; \
  } while (0)

// `ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a Result or returns its Status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(BERTH_CONCAT(berth_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
