#include "controller/http/paging.h"
#include "controller/http/routes.h"

namespace berth::http {

void RegisterApplicationRoutes(Router& router, api::Service* service) {
  router.Post(R"(/api/v1/applications)", [service](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
    ASSIGN_OR_RETURN(std::string name, GetString(body, "applicationName", true));
    ASSIGN_OR_RETURN(model::Application app, service->CreateApplication(name));
    return Reply{201, ToJson(app)};
  });
  router.Get(R"(/api/v1/applications)", [service](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(PageRequest page, ParsePageRequest(req));
    ASSIGN_OR_RETURN(std::vector<model::Application> apps, service->ListApplications());
    ASSIGN_OR_RETURN(Json out, ListPage(
                                   apps, page, "applications",
                                   [](const model::Application& a) { return a.name; },
                                   [](const model::Application& a) { return ToJson(a); }));
    return Reply{200, out};
  });
  router.Get(R"(/api/v1/applications/([^/]+))",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(model::Application app, service->GetApplication(req.matches[1]));
               return Reply{200, ToJson(app)};
             });
  // With its deployment groups and revisions (docs/api.md "Deleting").
  router.Delete(R"(/api/v1/applications/([^/]+))",
                [service](const httplib::Request& req) -> Result<Reply> {
                  RETURN_IF_ERROR(service->DeleteApplication(req.matches[1]));
                  return Reply{200, Json::object()};
                });
}

}  // namespace berth::http
