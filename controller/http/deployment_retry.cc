// POST /api/v1/deployments/{id}/retry (docs/api.md "Retrying failed hosts"): a new
// deployment of the ended deployment's revision to its failed and skipped hosts.
#include "controller/http/caller.h"
#include "controller/http/routes.h"

namespace berth::http {

void RegisterDeploymentRetryRoute(Router& router, api::Service* service) {
  router.Post(
      R"(/api/v1/deployments/([^/]+)/retry)",
      [service](const httplib::Request& req) -> Result<Reply> {
        deploy::RetryRequest r;
        r.deployment_id = req.matches[1];
        if (!req.body.empty()) {  // optional: {"queue": true, "overrideFreeze": true}
          ASSIGN_OR_RETURN(Json body, ParseJsonBody(req));
          ASSIGN_OR_RETURN(r.queue, GetBool(body, "queue"));
          ASSIGN_OR_RETURN(r.override_freeze, GetBool(body, "overrideFreeze"));
        }
        ASSIGN_OR_RETURN(r.override_by, FreezeOverrider(req, service, r.override_freeze));
        ASSIGN_OR_RETURN(model::Deployment d, service->RetryDeployment(r));
        return Reply{201, {{"deploymentId", d.id}, {"retryOfDeploymentId", r.deployment_id}}};
      });
}

}  // namespace berth::http
