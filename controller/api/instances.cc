#include "controller/api/service.h"

namespace berth::api {

Result<std::vector<model::Instance>> Service::ListInstances() {
  ASSIGN_OR_RETURN(std::vector<model::Instance> instances, store_->ListInstances());
  MarkUnreachable(instances);
  return instances;
}

Result<model::Instance> Service::GetInstance(const std::string& name) {
  ASSIGN_OR_RETURN(model::Instance instance, store_->GetInstanceByName(name));
  std::vector<model::Instance> one = {instance};
  MarkUnreachable(one);
  return one.front();
}

}  // namespace berth::api
