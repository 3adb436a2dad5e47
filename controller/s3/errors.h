// S3 errors as S3 clients read them: an HTTP status and
// <Error><Code>..</Code><Message>..</Message><Resource>..</Resource><RequestId>..</RequestId></Error>.
// Chosen from a Status's code and reason, never from its message.
#pragma once

#include <string>

#include "common/status.h"

namespace berth::s3 {

struct S3Error {
  int http_status = 400;
  std::string code;  // "NoSuchBucket", "SignatureDoesNotMatch", ...
  std::string message;
};

// The S3 error for `status` (not OK): SigV4 refusals, roles, and the service's reasons.
S3Error ErrorFor(const Status& status);
// The XML body of `error` about `resource` (the request path).
std::string ErrorBody(const S3Error& error, const std::string& resource,
                      const std::string& request_id);

}  // namespace berth::s3
