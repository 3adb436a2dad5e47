#include "common/random.h"
#include "controller/api/service.h"

namespace berth::api {

Result<model::Application> Service::CreateApplication(const std::string& name) {
  RETURN_IF_ERROR(ValidateName("applicationName", name));
  model::Application app{RandomUuid(), name, clock_->NowMs()};
  RETURN_IF_ERROR(store_->CreateApplication(app));
  return app;
}

Result<model::Application> Service::GetApplication(const std::string& name) {
  return store_->GetApplicationByName(name);
}

Result<std::vector<model::Application>> Service::ListApplications() {
  return store_->ListApplications();
}

}  // namespace berth::api
