#include "controller/api/service.h"

namespace berth::api {

Result<model::Deployment> Service::RetryDeployment(const deploy::RetryRequest& request) {
  if (request.deployment_id.empty()) return InvalidArgument("a deployment id is required");
  return engine_->RetryDeployment(request);
}

}  // namespace berth::api
