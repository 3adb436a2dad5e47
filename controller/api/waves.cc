// Service: continuing a deployment that waits between two waves.
#include "controller/api/service.h"

namespace berth::api {

Status Service::ContinueDeployment(const std::string& id) {
  if (id.empty()) return InvalidArgument("a deployment id is required");
  return engine_->ContinueDeployment(id);
}

}  // namespace berth::api
