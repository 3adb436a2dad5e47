// model <-> JSON for the REST API (docs/api.md). The only place that knows both.
#pragma once

#include <nlohmann/json.hpp>

#include "common/model/alarm.h"
#include "common/model/application.h"
#include "common/model/deployment.h"
#include "common/model/deployment_config.h"
#include "common/model/deployment_group.h"
#include "common/model/instance.h"
#include "common/model/revision.h"
#include "common/status.h"

namespace berth::http {

using Json = nlohmann::json;

Json ToJson(const model::Application& app);
Json ToJson(const model::DeploymentGroup& group);
// CodeDeploy's DeploymentConfigInfo; OneAtATime reads as HOST_COUNT 1 (all but one), plus
// "builtin".
Json ToJson(const model::DeploymentConfig& config);
Json ToJson(const model::Instance& instance);
Json ToJson(const model::RevisionLocation& location);
Json ToJson(const model::Revision& revision);
// Never with its targets (they are paged); `overview` adds the counts by status
// ("deploymentOverview").
Json ToJson(const model::Deployment& deployment, const model::DeploymentOverview* overview);
// One target with its lifecycle events, as GET /deployments/{id}/targets lists them.
Json ToJson(const model::Target& target);

Json ToJson(const model::AutoRollbackConfig& config);
Json ToJson(const model::Alarm& alarm);
Result<model::AutoRollbackConfig> AutoRollbackFromJson(const Json& json);

// Applies the group settings present in `body` (CodeDeploy's field names: tag filters or
// tag set, deploymentConfigName, fileExistsBehavior, autoRollbackConfiguration,
// alarmConfiguration, triggerConfigurations, outdatedInstancesStrategy) to `group`;
// fields absent from `body` keep their value. Checks shapes only; the Service checks
// values.
Status GroupSettingsFromJson(const Json& body, model::DeploymentGroup* group);

Result<model::TagFilterList> TagFiltersFromJson(const Json& list, const std::string& field);
Result<model::RevisionLocation> RevisionLocationFromJson(const Json& json);

// [{"Key", "Value", "Type"}, ...] as CodeDeploy lists tag filters.
Json TagFiltersToJson(const model::TagFilterList& list);
// Tags as CodeDeploy lists them: [{"Key": "k", "Value": "v"}, ...].
Json TagsToJson(const model::Tags& tags);
Result<model::Tags> TagsFromJson(const Json& list, const std::string& field);
// Sets `field` to the ISO time of `t`; leaves it out when t is 0.
void PutTime(Json& j, const char* field, model::TimeMs t);
// One lifecycle event (CodeDeploy's LifecycleEvent), its times written by `put_time`
// (the CodeDeploy-compatible API writes epoch seconds).
Json LifecycleEventToJson(const model::LifecycleEvent& e,
                          void (*put_time)(Json&, const char*, model::TimeMs) = PutTime);

// Typed field access with errors that name the field.
Result<std::string> GetString(const Json& body, const std::string& field, bool required);
Result<bool> GetBool(const Json& body, const std::string& field);

}  // namespace berth::http
