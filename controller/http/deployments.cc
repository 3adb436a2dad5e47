#include "controller/http/json_rollout.h"
#include "controller/http/caller.h"
#include "controller/http/json_hooks.h"
#include "controller/http/paging.h"
#include "controller/http/json_limits.h"
#include "controller/http/routes.h"

namespace berth::http {

void RegisterDeploymentRoutes(Router& router, api::Service* service) {
  router.Post(R"(/api/v1/deployments)", [service](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
    deploy::CreateDeploymentRequest r;
    ASSIGN_OR_RETURN(r.application_name, GetString(body, "applicationName", true));
    ASSIGN_OR_RETURN(r.group_name, GetString(body, "deploymentGroupName", true));
    // Required unless deploymentMode is RESTART (Service::CreateDeployment checks).
    ASSIGN_OR_RETURN(r.revision_id, GetString(body, "revisionId", false));
    ASSIGN_OR_RETURN(r.config_name, GetString(body, "deploymentConfigName", false));
    ASSIGN_OR_RETURN(r.description, GetString(body, "description", false));
    ASSIGN_OR_RETURN(r.file_exists_behavior, GetString(body, "fileExistsBehavior", false));
    ASSIGN_OR_RETURN(r.ignore_application_stop_failures,
                     GetBool(body, "ignoreApplicationStopFailures"));
    ASSIGN_OR_RETURN(r.queue, GetBool(body, "queue"));
    ASSIGN_OR_RETURN(r.update_outdated_only, GetBool(body, "updateOutdatedInstancesOnly"));
    if (auto it = body.find("autoRollbackConfiguration"); it != body.end() && !it->is_null()) {
      ASSIGN_OR_RETURN(r.auto_rollback, AutoRollbackFromJson(*it));
    }
    ASSIGN_OR_RETURN(r.rollout, RolloutFromBody(body));
    ASSIGN_OR_RETURN(r.max_failed_hosts, BudgetFromBody(body));
    ASSIGN_OR_RETURN(r.override_freeze, GetBool(body, "overrideFreeze"));
    ASSIGN_OR_RETURN(r.override_by, FreezeOverrider(req, service, r.override_freeze));
    ASSIGN_OR_RETURN(r.hooks, HookOptionsFromJson(body));
    ASSIGN_OR_RETURN(model::Deployment d, service->CreateDeployment(r));
    return Reply{201, {{"deploymentId", d.id}}};
  });
  router.Get(R"(/api/v1/deployments)", [service](const httplib::Request& req) -> Result<Reply> {
    ASSIGN_OR_RETURN(PageRequest page, ParsePageRequest(req));
    api::DeploymentQuery q;
    q.application_name = req.get_param_value("applicationName");
    q.group_name = req.get_param_value("deploymentGroupName");
    q.status = req.get_param_value("status");
    q.next_token = page.next_token;
    q.limit = page.limit;
    ASSIGN_OR_RETURN(std::vector<model::Deployment> deployments, service->ListDeployments(q));
    Json list = Json::array();
    for (const auto& d : deployments) list.push_back(ToJson(d, nullptr));
    Json out = {{"deployments", list}};
    if (deployments.size() == static_cast<size_t>(q.limit)) out["nextToken"] = deployments.back().id;
    return Reply{200, out};
  });
  router.Post(R"(/api/v1/deployments/([^/]+)/stop)",
              [service](const httplib::Request& req) -> Result<Reply> {
                // The body is optional: {"autoRollbackEnabled": true} rolls back too.
                bool rollback = false;
                if (!req.body.empty()) {
                  ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
                  ASSIGN_OR_RETURN(rollback, GetBool(body, "autoRollbackEnabled"));
                }
                RETURN_IF_ERROR(service->StopDeployment(req.matches[1], rollback));
                ASSIGN_OR_RETURN(api::DeploymentDetail detail,
                                 service->GetDeployment(req.matches[1]));
                return Reply{200, ToJson(detail.deployment, &detail.overview)};
              });
  router.Get(R"(/api/v1/deployments/([^/]+)/targets)",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(PageRequest page, ParsePageRequest(req));
               const std::string status = req.get_param_value("status");
               Json targets = Json::array();
               if (req.has_param("changedSince")) {
                 if (!page.next_token.empty()) {
                   return InvalidArgument("changedSince and nextToken do not go together: "
                                          "pass the answer's changeCursor as changedSince");
                 }
                 ASSIGN_OR_RETURN(api::TargetChangePage changes,
                                  service->ListTargetChanges(req.matches[1], status,
                                                             req.get_param_value("changedSince"),
                                                             page.limit));
                 for (const model::Target& t : changes.targets) targets.push_back(ToJson(t));
                 Json out = {{"targets", targets}, {"changeCursor", changes.change_cursor}};
                 if (changes.more) out["hasMore"] = true;
                 return Reply{200, out};
               }
               ASSIGN_OR_RETURN(api::TargetPage listed,
                                service->ListTargets(req.matches[1], status, page.next_token,
                                                     page.limit));
               for (const model::Target& t : listed.targets) targets.push_back(ToJson(t));
               Json out = {{"targets", targets}};
               if (!listed.next_token.empty()) out["nextToken"] = listed.next_token;
               return Reply{200, out};
             });
  router.Get(
      R"(/api/v1/deployments/([^/]+))", [service](const httplib::Request& req) -> Result<Reply> {
        ASSIGN_OR_RETURN(api::DeploymentDetail detail, service->GetDeployment(req.matches[1]));
        return Reply{200, ToJson(detail.deployment, &detail.overview)};
      });
}

}  // namespace berth::http
