#include "controller/http/paging.h"
#include "controller/http/routes.h"

namespace berth::http {

void RegisterRevisionRoutes(Router& router, api::Service* service) {
  router.Post(R"(/api/v1/applications/([^/]+)/revisions)",
              [service](const httplib::Request& req) -> Result<Reply> {
                ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
                auto rev = body.find("revision");
                if (rev == body.end()) return InvalidArgument("revision is required");
                ASSIGN_OR_RETURN(model::RevisionLocation location, RevisionLocationFromJson(*rev));
                ASSIGN_OR_RETURN(std::string description, GetString(body, "description", false));
                ASSIGN_OR_RETURN(model::Revision r,
                                 service->RegisterRevision(req.matches[1], location, description));
                return Reply{201, ToJson(r)};
              });
  router.Get(R"(/api/v1/applications/([^/]+)/revisions)",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(PageRequest page, ParsePageRequest(req));
               ASSIGN_OR_RETURN(std::vector<model::Revision> revisions,
                                service->ListRevisions(req.matches[1]));
               ASSIGN_OR_RETURN(Json out, ListPage(
                                              revisions, page, "revisions",
                                              [](const model::Revision& r) { return r.id; },
                                              [](const model::Revision& r) { return ToJson(r); }));
               return Reply{200, out};
             });
  router.Get(R"(/api/v1/revisions/([^/]+))",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(model::Revision r, service->GetRevision(req.matches[1]));
               return Reply{200, ToJson(r)};
             });
  router.Delete(R"(/api/v1/revisions/([^/]+))",
                [service](const httplib::Request& req) -> Result<Reply> {
                  RETURN_IF_ERROR(service->DeleteRevision(req.matches[1]));
                  return Reply{200, Json::object()};
                });
}

}  // namespace berth::http
