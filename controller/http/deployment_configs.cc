#include "controller/http/json_rollout.h"
#include "controller/http/paging.h"
#include "controller/http/json_limits.h"
#include "controller/http/routes.h"

namespace berth::http {
namespace {

// "minimumHealthyHosts": {"type": "HOST_COUNT" | "FLEET_PERCENT", "value": N}.
Result<model::DeploymentConfig> ConfigFromBody(const Json& body) {
  model::DeploymentConfig config;
  ASSIGN_OR_RETURN(config.name, GetString(body, "deploymentConfigName", true));
  auto mhh = body.find("minimumHealthyHosts");
  ASSIGN_OR_RETURN(auto policy, CountOrPercentFromJson(mhh == body.end() ? Json() : *mhh,
                                                       "minimumHealthyHosts"));
  config.type = policy.first;
  config.value = policy.second;
  ASSIGN_OR_RETURN(config.max_failed_hosts, BudgetFromBody(body));
  ASSIGN_OR_RETURN(std::optional<model::Rollout> rollout, RolloutFromBody(body));
  if (rollout) config.rollout = *rollout;
  return config;
}

}  // namespace

void RegisterDeploymentConfigRoutes(Router& router, api::Service* service) {
  router.Post(
      R"(/api/v1/deployment-configs)", [service](const httplib::Request& req) -> Result<Reply> {
        ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
        ASSIGN_OR_RETURN(model::DeploymentConfig config, ConfigFromBody(body));
        ASSIGN_OR_RETURN(model::DeploymentConfig created, service->CreateDeploymentConfig(config));
        return Reply{201, ToJson(created)};
      });
  router.Get(R"(/api/v1/deployment-configs)",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(PageRequest page, ParsePageRequest(req));
               ASSIGN_OR_RETURN(std::vector<model::DeploymentConfig> configs,
                                service->ListDeploymentConfigs());
               ASSIGN_OR_RETURN(
                   Json out, ListPage(
                                 configs, page, "deploymentConfigs",
                                 [](const model::DeploymentConfig& c) { return c.name; },
                                 [](const model::DeploymentConfig& c) { return ToJson(c); }));
               return Reply{200, out};
             });
  router.Get(R"(/api/v1/deployment-configs/([^/]+))",
             [service](const httplib::Request& req) -> Result<Reply> {
               ASSIGN_OR_RETURN(model::DeploymentConfig c,
                                service->GetDeploymentConfig(req.matches[1]));
               return Reply{200, ToJson(c)};
             });
  router.Delete(R"(/api/v1/deployment-configs/([^/]+))",
                [service](const httplib::Request& req) -> Result<Reply> {
                  RETURN_IF_ERROR(service->DeleteDeploymentConfig(req.matches[1]));
                  return Reply{200, Json::object()};
                });
}

}  // namespace berth::http
