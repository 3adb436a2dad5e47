#include "controller/http/caller.h"

namespace berth::http {

Result<api::Principal> CallerOf(const httplib::Request& request, api::Service* service) {
  const std::string header = request.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.rfind(prefix, 0) != 0) return Unauthenticated("no bearer token");
  return service->AuthenticateApiToken(header.substr(prefix.size()));
}

Result<std::string> FreezeOverrider(const httplib::Request& request, api::Service* service,
                                    bool asked) {
  if (!asked) return std::string();
  ASSIGN_OR_RETURN(api::Principal caller, CallerOf(request, service));
  if (caller.role != model::Role::kAdmin) {
    return PermissionDenied(
        "overriding a freeze window (overrideFreeze) needs the admin role; token " +
        caller.token_id + " has the " + std::string(model::RoleName(caller.role)) + " role");
  }
  return caller.token_id;
}

}  // namespace berth::http
