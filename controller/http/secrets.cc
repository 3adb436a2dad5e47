// /api/v1/secrets (docs/api.md "Secrets"): admin only (route_roles.cc). Values go in and
// never come out.
#include "controller/http/paging.h"
#include "controller/http/routes.h"

namespace berth::http {
namespace {

Json SecretToJson(const model::Secret& s) {
  Json j = {{"name", s.name}};
  PutTime(j, "createTime", s.create_time);
  PutTime(j, "updateTime", s.update_time);
  return j;
}

}  // namespace

void RegisterSecretRoutes(Router& router, api::Service* service) {
  router.Get(R"(/api/v1/secrets)", [service](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(PageRequest page, ParsePageRequest(req));
    ASSIGN_OR_RETURN(std::vector<model::Secret> secrets, service->ListSecrets());
    ASSIGN_OR_RETURN(Json out, ListPage(
                                   secrets, page, "secrets",
                                   [](const model::Secret& s) { return s.name; }, SecretToJson));
    return Reply{200, out};
  });
  router.Put(R"(/api/v1/secrets/([^/]+))", [service](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
    ASSIGN_OR_RETURN(std::string value, GetString(body, "value", true));
    const std::string name = req.matches[1];
    RETURN_IF_ERROR(service->SetSecret(name, value));
    return Reply{200, {{"name", name}}};
  });
  router.Delete(R"(/api/v1/secrets/([^/]+))",
                [service](const httplib::Request& req) -> Result<Reply> {
                  const std::string name = req.matches[1];
                  RETURN_IF_ERROR(service->DeleteSecret(name));
                  return Reply{200, Json::object()};
                });
}

}  // namespace berth::http
