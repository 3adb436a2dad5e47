#include <map>
#include <memory>

#include "common/model/deployment_config.h"
#include "common/random.h"
#include "controller/api/rollout_limits.h"
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

Status ValidateAutoRollback(const model::AutoRollbackConfig& c, const std::string& where) {
  for (const std::string& e : c.events) {
    if (e != model::kRollbackOnFailure && e != model::kRollbackOnAlarm &&
        e != model::kRollbackOnRequest) {
      return InvalidArgument(where + ".events: \"" + e + "\" is not one of " +
                             model::kRollbackOnFailure + ", " + model::kRollbackOnAlarm + ", " +
                             model::kRollbackOnRequest);
    }
  }
  if (c.enabled && c.events.empty()) {
    return InvalidArgument(where + " is enabled but names no events");
  }
  return Status::Ok();
}

Status ValidateTriggers(const std::vector<model::TriggerConfig>& triggers,
                        const triggers::DestinationPolicy& destinations) {
  for (const model::TriggerConfig& t : triggers) {
    RETURN_IF_ERROR(ValidateName("triggerName", t.name));
    // The URL may hold a secret (Slack's do): messages show scheme and host only.
    if (t.url.rfind("http://", 0) != 0 && t.url.rfind("https://", 0) != 0) {
      return InvalidArgument("trigger \"" + t.name + "\": triggerTargetUrl " +
                             triggers::RedactUrl(t.url) + " is not an http:// or https:// URL");
    }
    Result<triggers::Destination> destination = triggers::CheckDestination(t.url, destinations);
    // A name that does not resolve now (DNS down, a record not made yet) is judged at
    // delivery, on the address connected to; a group edit does not wait for DNS.
    if (!destination.ok() && destination.status().code() != Code::kUnavailable) {
      return InvalidArgument("trigger \"" + t.name + "\": triggerTargetUrl " +
                             triggers::RedactUrl(t.url) + ": " + destination.status().message());
    }
    for (const std::string& e : t.events) {
      if (!model::IsTriggerEventName(e)) {
        std::string names;
        for (const std::string& n : model::TriggerEventNames()) {
          names += (names.empty() ? "" : ", ") + n;
        }
        return InvalidArgument("trigger \"" + t.name + "\": event \"" + e + "\" is not one of " +
                               names);
      }
    }
  }
  return Status::Ok();
}

// Resolves the host names of `triggers` now, outside any transaction, and returns a policy
// that answers from those results, so that checking them again inside a transaction waits
// on no DNS. A host not seen here resolves to UNAVAILABLE (judged at delivery). With
// --trigger-allow-private every destination is allowed: nothing is resolved.
triggers::DestinationPolicy ResolveAhead(const std::vector<model::TriggerConfig>& triggers,
                                         triggers::DestinationPolicy policy) {
  if (policy.allow_private || !policy.resolve) {
    policy.resolve = nullptr;
    return policy;
  }
  using Answer = Result<std::vector<std::string>>;
  auto answers = std::make_shared<std::map<std::string, Answer>>();
  triggers::DestinationPolicy recording = policy;
  recording.resolve = [&](const std::string& host) -> Answer {
    Answer answer = policy.resolve(host);
    answers->emplace(host, answer);
    return answer;
  };
  for (const model::TriggerConfig& t : triggers) (void)triggers::CheckDestination(t.url, recording);
  policy.resolve = [answers](const std::string& host) -> Answer {
    auto it = answers->find(host);
    if (it == answers->end()) return Unavailable(host + " was not resolved before the check");
    return it->second;
  };
  return policy;
}

// Checks every setting and fills the defaults; `store` resolves the config name.
Status ValidateGroup(store::Store& store, model::DeploymentGroup& group,
                     const triggers::DestinationPolicy& destinations) {
  RETURN_IF_ERROR(ValidateName("deploymentGroupName", group.name));
  RETURN_IF_ERROR(ValidateTagSet(group.tag_set));
  if (group.config_name.empty()) group.config_name = model::kDefaultConfigName;
  ASSIGN_OR_RETURN(model::DeploymentConfig config, deploy::FindConfig(store, group.config_name));
  group.config_name = config.name;
  if (group.file_exists_behavior.empty()) group.file_exists_behavior = "DISALLOW";
  if (group.file_exists_behavior != "DISALLOW" && group.file_exists_behavior != "OVERWRITE" &&
      group.file_exists_behavior != "RETAIN") {
    return InvalidArgument("fileExistsBehavior \"" + group.file_exists_behavior +
                           "\" is not one of DISALLOW, OVERWRITE, RETAIN");
  }
  RETURN_IF_ERROR(ValidateAutoRollback(group.auto_rollback, "autoRollbackConfiguration"));
  for (const std::string& alarm : group.alarms.alarms) {
    RETURN_IF_ERROR(ValidateName("alarm name", alarm));
  }
  if (group.alarms.enabled && group.alarms.alarms.empty()) {
    return InvalidArgument("alarmConfiguration is enabled but names no alarms");
  }
  RETURN_IF_ERROR(ValidateTriggers(group.triggers, destinations));
  if (group.outdated_instances_strategy.empty()) {
    group.outdated_instances_strategy = model::kOutdatedUpdate;
  }
  if (group.outdated_instances_strategy != model::kOutdatedUpdate &&
      group.outdated_instances_strategy != model::kOutdatedIgnore) {
    return InvalidArgument("outdatedInstancesStrategy \"" + group.outdated_instances_strategy +
                           "\" is not one of UPDATE, IGNORE");
  }
  RETURN_IF_ERROR(model::ValidateHealthCheck(group.health_check));
  return Status::Ok();
}

}  // namespace

Status ValidateAutoRollbackConfig(const model::AutoRollbackConfig& config) {
  return ValidateAutoRollback(config, "autoRollbackConfiguration");
}

void Service::SetInputPolicy(InputPolicy policy) { input_policy_ = std::move(policy); }

Result<model::DeploymentGroup> Service::CreateDeploymentGroup(model::DeploymentGroup group,
                                                              const model::Tags& tags) {
  RETURN_IF_ERROR(ValidateGroup(*store_, group,
                                ResolveAhead(group.triggers, input_policy_.trigger_destinations)));
  RETURN_IF_ERROR(CheckRolloutLimits(group, *engine_->time_zones()));
  RETURN_IF_ERROR(CheckResourceTags(tags));
  ASSIGN_OR_RETURN(model::Application app, store_->GetApplicationByName(group.application_name));
  group.id = RandomUuid();
  group.application_id = app.id;
  group.create_time = clock_->NowMs();
  group.last_successful_deployment_id.clear();
  RETURN_IF_ERROR(store_->Transact([&]() -> Status {
    RETURN_IF_ERROR(store_->CreateDeploymentGroup(group));
    if (tags.empty()) return Status::Ok();
    return store_->SetResourceTags(store::TaggedResource::kDeploymentGroup, group.id, tags);
  }));
  return group;
}

Result<model::DeploymentGroup> Service::UpdateDeploymentGroup(
    const std::string& application, const std::string& name,
    const std::function<Status(model::DeploymentGroup&)>& edit) {
  // The trigger hosts of the group as edited now are resolved before the transaction;
  // one that a concurrent update brings in is judged at delivery.
  std::vector<model::TriggerConfig> edited_triggers;
  if (input_policy_.trigger_destinations.resolve) {
    Result<model::DeploymentGroup> preview = GetDeploymentGroup(application, name);
    if (preview.ok() && edit(*preview).ok()) edited_triggers = preview->triggers;
  }
  const triggers::DestinationPolicy destinations =
      ResolveAhead(edited_triggers, input_policy_.trigger_destinations);
  model::DeploymentGroup group;
  RETURN_IF_ERROR(store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Application app, store_->GetApplicationByName(application));
    ASSIGN_OR_RETURN(group, store_->GetDeploymentGroup(app.id, name));
    RETURN_IF_ERROR(edit(group));
    RETURN_IF_ERROR(ValidateGroup(*store_, group, destinations));
    RETURN_IF_ERROR(CheckRolloutLimits(group, *engine_->time_zones()));
    return store_->UpdateDeploymentGroup(group);
  }));
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
