#include "controller/codedeploy/errors.h"

namespace berth::codedeploy {
namespace {

const char* NotFoundType(Reason reason) {
  switch (reason) {
    case Reason::kApplication:
      return "ApplicationDoesNotExistException";
    case Reason::kDeploymentGroup:
      return "DeploymentGroupDoesNotExistException";
    case Reason::kDeploymentConfig:
      return "DeploymentConfigDoesNotExistException";
    case Reason::kRevision:
      return "RevisionDoesNotExistException";
    case Reason::kDeployment:
      return "DeploymentDoesNotExistException";
    case Reason::kInstance:
      return "InstanceNotRegisteredException";
    default:
      return nullptr;
  }
}

const char* AlreadyExistsType(Reason reason) {
  switch (reason) {
    case Reason::kApplication:
      return "ApplicationAlreadyExistsException";
    case Reason::kDeploymentGroup:
      return "DeploymentGroupAlreadyExistsException";
    case Reason::kDeploymentConfig:
      return "DeploymentConfigAlreadyExistsException";
    case Reason::kInstance:
      return "InstanceNameAlreadyRegisteredException";
    default:
      return nullptr;
  }
}

}  // namespace

AwsError ErrorFor(const Status& status, const Operation& op) {
  const std::string& m = status.message();
  switch (status.code()) {
    case Code::kInvalidArgument:
    case Code::kOutOfRange:
      return {400, op.invalid_input, m};
    case Code::kNotFound:
      if (op.not_found != nullptr) return {400, op.not_found, m};
      if (const char* type = NotFoundType(status.reason())) return {400, type, m};
      return {400, op.invalid_input, m};
    case Code::kAlreadyExists:
      if (const char* type = AlreadyExistsType(status.reason())) return {400, type, m};
      return {400, op.invalid_input, m};
    case Code::kFailedPrecondition:
    case Code::kAborted:
      if (op.deployment_active != nullptr && status.reason() == Reason::kDeployment) {
        return {400, op.deployment_active, m};
      }
      return {400, op.failed_precondition, m};
    default:
      return RequestError(status);
  }
}

AwsError RequestError(const Status& status) {
  const std::string& m = status.message();
  switch (status.code()) {
    case Code::kUnauthenticated:
      switch (status.reason()) {
        case Reason::kMissingAuthentication:
          return {400, "MissingAuthenticationTokenException", m};
        case Reason::kUnknownAccessKey:
          return {400, "UnrecognizedClientException", m};
        case Reason::kClockSkew:
          return {403, "RequestTimeTooSkewed", m};
        case Reason::kMalformedAuthorization:
          return {400, "IncompleteSignatureException", m};
        default:
          return {403, "InvalidSignatureException", m};
      }
    case Code::kPermissionDenied:
      return {400, "AccessDeniedException", m};
    case Code::kInvalidArgument:
    case Code::kResourceExhausted:
      return {400, "InvalidInputException", m};
    case Code::kUnimplemented:
      return {400, "InvalidOperationException", m};
    case Code::kUnavailable:
      return {503, "ServiceUnavailableException", m};
    default:
      return {500, "InternalFailure", m};
  }
}

std::string ErrorBody(const AwsError& error) {
  return Json{{"__type", error.type}, {"message", error.message}}.dump();
}

}  // namespace berth::codedeploy
