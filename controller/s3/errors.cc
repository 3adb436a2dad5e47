#include "controller/s3/errors.h"

#include "controller/s3/xml.h"

namespace berth::s3 {
namespace {

S3Error NotFoundError(const Status& status) {
  switch (status.reason()) {
    case Reason::kBucket:
      return {404, "NoSuchBucket", status.message()};
    case Reason::kUpload:
      return {404, "NoSuchUpload", status.message()};
    case Reason::kObject:
      return {404, "NoSuchKey", status.message()};
    default:
      return {404, "NoSuchKey", status.message()};
  }
}

S3Error InvalidArgumentError(const Status& status) {
  switch (status.reason()) {
    case Reason::kBucket:
      return {400, "InvalidBucketName", status.message()};
    case Reason::kInvalidPart:
      return {400, "InvalidPart", status.message()};
    case Reason::kPartOrder:
      return {400, "InvalidPartOrder", status.message()};
    case Reason::kPartTooSmall:
      return {400, "EntityTooSmall", status.message()};
    case Reason::kPayloadHashMismatch:
      return {400, "XAmzContentSHA256Mismatch", status.message()};
    case Reason::kBadDigest:
      return {400, "BadDigest", status.message()};
    default:
      return {400, "InvalidArgument", status.message()};
  }
}

S3Error UnauthenticatedError(const Status& status) {
  switch (status.reason()) {
    case Reason::kMissingAuthentication:
      return {403, "AccessDenied", status.message()};
    case Reason::kMalformedAuthorization:
      return {400, "AuthorizationHeaderMalformed", status.message()};
    case Reason::kUnknownAccessKey:
      return {403, "InvalidAccessKeyId", status.message()};
    case Reason::kClockSkew:
      return {403, "RequestTimeTooSkewed", status.message()};
    case Reason::kPayloadHashMismatch:
      return {400, "XAmzContentSHA256Mismatch", status.message()};
    case Reason::kSignatureMismatch:
      return {403, "SignatureDoesNotMatch", status.message()};
    default:
      return {403, "AccessDenied", status.message()};
  }
}

}  // namespace

S3Error ErrorFor(const Status& status) {
  const std::string& m = status.message();
  switch (status.code()) {
    case Code::kInvalidArgument:
    case Code::kOutOfRange:
      return InvalidArgumentError(status);
    case Code::kNotFound:
      return NotFoundError(status);
    case Code::kAlreadyExists:
      return status.reason() == Reason::kBucket ? S3Error{409, "BucketAlreadyOwnedByYou", m}
                                                : S3Error{409, "OperationAborted", m};
    case Code::kFailedPrecondition:
      return status.reason() == Reason::kBucket ? S3Error{409, "BucketNotEmpty", m}
                                                : S3Error{409, "OperationAborted", m};
    case Code::kUnauthenticated:
      return UnauthenticatedError(status);
    case Code::kPermissionDenied:
      return {403, "AccessDenied", m};
    case Code::kResourceExhausted:
      return {400, "EntityTooLarge", m};
    case Code::kUnimplemented:
      return {501, "NotImplemented", m};
    case Code::kUnavailable:
      return {503, "ServiceUnavailable", m};
    default:
      return {500, "InternalError", m};
  }
}

std::string ErrorBody(const S3Error& error, const std::string& resource,
                      const std::string& request_id) {
  XmlDocument doc("Error", /*with_namespace=*/false);
  doc.Text("Code", error.code);
  doc.Text("Message", error.message);
  doc.Text("Resource", resource);
  doc.Text("RequestId", request_id);
  return doc.Finish();
}

}  // namespace berth::s3
