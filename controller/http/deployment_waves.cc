// POST /api/v1/deployments/{id}/continue: the next wave of a deployment waiting in Ready
// (docs/api.md "Waves, bakes and approvals").
#include "controller/http/json_rollout.h"
#include "controller/http/routes.h"

namespace berth::http {

void RegisterDeploymentWaveRoutes(Router& router, api::Service* service) {
  router.Post(R"(/api/v1/deployments/([^/]+)/continue)",
              [service](const httplib::Request& req) -> Result<Reply> {
                RETURN_IF_ERROR(service->ContinueDeployment(req.matches[1]));
                ASSIGN_OR_RETURN(api::DeploymentDetail detail,
                                 service->GetDeployment(req.matches[1]));
                return Reply{200, ToJson(detail.deployment, &detail.overview)};
              });
}

}  // namespace berth::http
