#include "common/random.h"
#include "controller/api/service.h"

namespace berth::api {

Result<model::Application> Service::CreateApplication(const std::string& name,
                                                      const model::Tags& tags) {
  RETURN_IF_ERROR(ValidateName("applicationName", name));
  RETURN_IF_ERROR(CheckResourceTags(tags));
  model::Application app{RandomUuid(), name, clock_->NowMs()};
  RETURN_IF_ERROR(store_->Transact([&]() -> Status {
    RETURN_IF_ERROR(store_->CreateApplication(app));
    if (tags.empty()) return Status::Ok();
    return store_->SetResourceTags(store::TaggedResource::kApplication, app.id, tags);
  }));
  return app;
}

Result<model::Application> Service::GetApplication(const std::string& name) {
  return store_->GetApplicationByName(name);
}

Result<std::vector<model::Application>> Service::ListApplications() {
  return store_->ListApplications();
}

Result<model::Application> Service::RenameApplication(const std::string& name,
                                                      const std::string& new_name) {
  RETURN_IF_ERROR(ValidateName("newApplicationName", new_name));
  model::Application app;
  RETURN_IF_ERROR(store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(app, store_->GetApplicationByName(name));
    if (new_name == app.name) return Status::Ok();
    RETURN_IF_ERROR(store_->RenameApplication(app.id, new_name));
    app.name = new_name;
    return Status::Ok();
  }));
  return app;
}

}  // namespace berth::api
