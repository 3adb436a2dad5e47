// CodeDeploy errors as botocore reads them: {"__type": "<Name>Exception", "message"} and an
// HTTP status. Chosen from a Status's code and reason, never from its message.
#pragma once

#include <string>

#include "common/status.h"
#include "controller/codedeploy/operation.h"

namespace berth::codedeploy {

struct AwsError {
  int http_status = 400;
  std::string type;
  std::string message;
};

// The exception an operation answers for `status` (not OK).
AwsError ErrorFor(const Status& status, const Operation& op);
// A refusal of the request itself: SigV4 (UNAUTHENTICATED with a sigv4 reason), the role
// (PERMISSION_DENIED), a body too large, or a failure before any operation ran.
AwsError RequestError(const Status& status);
// The JSON body of `error`.
std::string ErrorBody(const AwsError& error);

}  // namespace berth::codedeploy
