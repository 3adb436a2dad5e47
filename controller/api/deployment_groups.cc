#include "common/model/deployment_config.h"
#include "common/random.h"
#include "controller/api/service.h"
#include "controller/deploy/configs.h"

namespace berth::api {
namespace {

Status ValidateTagSet(const model::TagSet& set) {
  if (set.empty() || (set.size() == 1 && set[0].empty())) {
    return InvalidArgument("a deployment group needs at least one tag filter to select instances");
  }
  if (set.size() > 3) {
    return InvalidArgument("a tag set holds at most 3 filter lists, got " +
                           std::to_string(set.size()));
  }
  for (const model::TagFilterList& list : set) {
    if (list.empty()) return InvalidArgument("a tag set's filter list is empty");
    for (const model::TagFilter& f : list) {
      if (f.type != model::TagFilterType::kValueOnly && f.key.empty()) {
        return InvalidArgument(std::string("a ") + model::TagFilterTypeName(f.type) +
                               " tag filter needs a Key");
      }
      if (f.type == model::TagFilterType::kValueOnly && f.value.empty()) {
        return InvalidArgument("a VALUE_ONLY tag filter needs a Value");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<model::DeploymentGroup> Service::CreateDeploymentGroup(model::DeploymentGroup group) {
  RETURN_IF_ERROR(ValidateName("deploymentGroupName", group.name));
  RETURN_IF_ERROR(ValidateTagSet(group.tag_set));
  if (group.config_name.empty()) group.config_name = model::kDefaultConfigName;
  ASSIGN_OR_RETURN(model::DeploymentConfig config,
                   deploy::FindConfig(*store_, group.config_name));
  group.config_name = config.name;
  if (group.file_exists_behavior.empty()) group.file_exists_behavior = "DISALLOW";
  if (group.file_exists_behavior != "DISALLOW" && group.file_exists_behavior != "OVERWRITE" &&
      group.file_exists_behavior != "RETAIN") {
    return InvalidArgument("fileExistsBehavior \"" + group.file_exists_behavior +
                           "\" is not one of DISALLOW, OVERWRITE, RETAIN");
  }
  ASSIGN_OR_RETURN(model::Application app, store_->GetApplicationByName(group.application_name));
  group.id = RandomUuid();
  group.application_id = app.id;
  group.create_time = clock_->NowMs();
  group.last_successful_deployment_id.clear();
  RETURN_IF_ERROR(store_->CreateDeploymentGroup(group));
  return group;
}

Result<model::DeploymentGroup> Service::GetDeploymentGroup(const std::string& application,
                                                          const std::string& name) {
  ASSIGN_OR_RETURN(model::Application app, store_->GetApplicationByName(application));
  return store_->GetDeploymentGroup(app.id, name);
}

Result<std::vector<model::DeploymentGroup>> Service::ListDeploymentGroups(
    const std::string& application) {
  ASSIGN_OR_RETURN(model::Application app, store_->GetApplicationByName(application));
  return store_->ListDeploymentGroups(app.id);
}

}  // namespace berth::api
