#include "controller/http/paging.h"
#include "controller/http/routes.h"

namespace berth::http {

void RegisterDeploymentGroupRoutes(Router& router, api::Service* service) {
  router.Post(R"(/api/v1/applications/([^/]+)/deployment-groups)",
              [service](const httplib::Request& req) -> Result<Reply> {
                ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
                model::DeploymentGroup g;
                g.application_name = req.matches[1];
                g.file_exists_behavior.clear();  // the Service fills the default
                ASSIGN_OR_RETURN(g.name, GetString(body, "deploymentGroupName", true));
                RETURN_IF_ERROR(GroupSettingsFromJson(body, &g));
                ASSIGN_OR_RETURN(model::DeploymentGroup created, service->CreateDeploymentGroup(g));
                return Reply{201, ToJson(created)};
              });
  // CodeDeploy's UpdateDeploymentGroup: the settings present in the body replace the
  // group's; "newDeploymentGroupName" renames it.
  router.Patch(
      R"(/api/v1/applications/([^/]+)/deployment-groups/([^/]+))",
      [service](const httplib::Request& req) -> Result<Reply> {
        ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
        ASSIGN_OR_RETURN(std::string new_name, GetString(body, "newDeploymentGroupName", false));
        ASSIGN_OR_RETURN(model::DeploymentGroup updated,
                         service->UpdateDeploymentGroup(req.matches[1], req.matches[2],
                                                        [&](model::DeploymentGroup& g) -> Status {
                                                          if (!new_name.empty()) g.name = new_name;
                                                          return GroupSettingsFromJson(body, &g);
                                                        }));
        return Reply{200, ToJson(updated)};
      });
  router.Get(R"(/api/v1/applications/([^/]+)/deployment-groups)",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(PageRequest page, ParsePageRequest(req));
               ASSIGN_OR_RETURN(std::vector<model::DeploymentGroup> groups,
                                service->ListDeploymentGroups(req.matches[1]));
               ASSIGN_OR_RETURN(Json out,
                                ListPage(
                                    groups, page, "deploymentGroups",
                                    [](const model::DeploymentGroup& g) { return g.name; },
                                    [](const model::DeploymentGroup& g) { return ToJson(g); }));
               return Reply{200, out};
             });
  router.Get(R"(/api/v1/applications/([^/]+)/deployment-groups/([^/]+))",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(model::DeploymentGroup g,
                                service->GetDeploymentGroup(req.matches[1], req.matches[2]));
               return Reply{200, ToJson(g)};
             });
  router.Delete(R"(/api/v1/applications/([^/]+)/deployment-groups/([^/]+))",
                [service](const httplib::Request& req) -> Result<Reply> {
                  RETURN_IF_ERROR(service->DeleteDeploymentGroup(req.matches[1], req.matches[2]));
                  return Reply{200, Json::object()};
                });
}

}  // namespace berth::http
