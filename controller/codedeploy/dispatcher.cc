#include "controller/codedeploy/dispatcher.h"

#include "common/text/json_depth.h"
#include "controller/codedeploy/errors.h"
#include "controller/http/route_roles.h"

namespace berth::codedeploy {
namespace {

AwsResponse Answer(const AwsError& error) { return {error.http_status, ErrorBody(error)}; }

}  // namespace

Dispatcher::Dispatcher(api::Service* service, DispatcherOptions options)
    : service_(service), options_(options) {}

AwsResponse Dispatcher::Handle(std::string_view target, const api::Principal& caller,
                               std::string_view body) const {
  const std::string prefix = kTargetPrefix;
  if (target.substr(0, prefix.size()) != prefix) {
    return Answer({400, "UnknownOperationException",
                   "X-Amz-Target \"" + std::string(target.substr(0, 100)) +
                       "\" is not a CodeDeploy_20141006.<Operation>"});
  }
  const std::string name(target.substr(prefix.size()));
  const Operation* op = FindOperation(name);
  if (op == nullptr) {
    if (IsModelOperation(name)) {
      return Answer(
          {400, "InvalidOperationException",
           name + " is not supported by Berth (docs/codedeploy-compat.md lists what is)"});
    }
    return Answer({400, "UnknownOperationException",
                   "CodeDeploy has no operation \"" + name.substr(0, 100) + "\""});
  }
  const std::optional<model::Role> need = http::RoleForRoute(op->rest_method, op->rest_path);
  if (!need) return Answer(RequestError(Internal(name + " has no role (route_roles.cc)")));
  if (!model::RoleAllows(caller.role, *need)) {
    return Answer(RequestError(PermissionDenied(
        name + " needs the " + std::string(model::RoleName(*need)) + " role; access key " +
        caller.token_id + " has the " + std::string(model::RoleName(caller.role)) + " role")));
  }
  Json input = Json::object();
  if (!body.empty()) {
    if (text::JsonDepth(body) > text::kMaxJsonDepth) {
      return Answer(RequestError(InvalidArgument("request body nests deeper than " +
                                                 std::to_string(text::kMaxJsonDepth) + " levels")));
    }
    input = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (input.is_discarded() || !input.is_object()) {
      return Answer({400, "SerializationException", "the request body is not a JSON object"});
    }
  }
  Context context{service_, options_.page_size};
  Outcome outcome = op->run(context, input);
  if (!outcome.ok()) {
    if (!outcome.exception_type().empty()) {
      return Answer({400, outcome.exception_type(), outcome.status().message()});
    }
    return Answer(ErrorFor(outcome.status(), *op));
  }
  return {200, outcome.body().is_null() ? "{}" : outcome.body().dump()};
}

}  // namespace berth::codedeploy
