#include "controller/http/routes.h"

namespace berth::http {

void RegisterInstanceRoutes(Router& router, api::Service* service) {
  router.Get(R"(/api/v1/instances)", [service](const httplib::Request&) -> Result<Reply> {
    ASSIGN_OR_RETURN(std::vector<model::Instance> instances, service->ListInstances());
    Json list = Json::array();
    for (const auto& i : instances) list.push_back(ToJson(i));
    return Reply{200, {{"instanceInfos", list}}};
  });
  router.Get(R"(/api/v1/instances/([^/]+))",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(model::Instance i, service->GetInstance(req.matches[1]));
               return Reply{200, ToJson(i)};
             });
}

}  // namespace berth::http
