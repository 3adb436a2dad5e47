#include "controller/codedeploy/shapes.h"

#include <algorithm>

#include "controller/codedeploy/input.h"
#include "controller/codedeploy/zonal_config.h"
#include "controller/http/json_model.h"
#include "controller/triggers/destination_policy.h"

namespace berth::codedeploy {
namespace {

Json LifecycleEvents(const model::Target& t) {
  Json events = Json::array();
  for (const model::LifecycleEvent& e : t.events) {
    events.push_back(http::LifecycleEventToJson(e, PutEpoch));
  }
  return events;
}

// CodeDeploy's DeploymentCreator names for Berth's creators.
const char* CodeDeployCreator(model::Creator creator) {
  switch (creator) {
    case model::Creator::kUser:
      return "user";
    case model::Creator::kRollback:
      return "codeDeployRollback";
    case model::Creator::kAutoUpdate:
      return "CodeDeployAutoUpdate";
  }
  return "user";
}

model::TimeMs LastUpdated(const model::Target& t) {
  model::TimeMs last = 0;
  for (const model::LifecycleEvent& e : t.events) last = std::max({last, e.start_time, e.end_time});
  return last;
}

}  // namespace

Json ApplicationInfo(const model::Application& app) {
  Json j = {{"applicationId", app.id},
            {"applicationName", app.name},
            {"linkedToGitHub", false},
            {"computePlatform", "Server"}};
  PutEpoch(j, "createTime", app.create_time);
  return j;
}

Json DeploymentGroupInfo(const model::DeploymentGroup& g, const model::Deployment* last_success) {
  Json j = {{"applicationName", g.application_name},
            {"deploymentGroupId", g.id},
            {"deploymentGroupName", g.name},
            {"deploymentConfigName", g.config_name},
            {"ec2TagFilters", Json::array()},
            {"autoScalingGroups", Json::array()},
            {"outdatedInstancesStrategy", g.outdated_instances_strategy},
            {"computePlatform", "Server"},
            {"deploymentStyle",
             {{"deploymentType", "IN_PLACE"}, {"deploymentOption", "WITHOUT_TRAFFIC_CONTROL"}}},
            {"autoRollbackConfiguration", http::ToJson(g.auto_rollback)}};
  if (g.tag_set.size() == 1) {
    j["onPremisesInstanceTagFilters"] = http::TagFiltersToJson(g.tag_set[0]);
  } else {
    Json lists = Json::array();
    for (const model::TagFilterList& l : g.tag_set) lists.push_back(http::TagFiltersToJson(l));
    j["onPremisesInstanceTagFilters"] = Json::array();
    j["onPremisesTagSet"] = {{"onPremisesTagSetList", lists}};
  }
  Json alarms = Json::array();
  for (const std::string& name : g.alarms.alarms) alarms.push_back({{"name", name}});
  j["alarmConfiguration"] = {{"enabled", g.alarms.enabled},
                             {"ignorePollAlarmFailure", g.alarms.ignore_poll_alarm_failure},
                             {"alarms", alarms}};
  Json triggers = Json::array();
  for (const model::TriggerConfig& t : g.triggers) {
    // The webhook URL stands where CodeDeploy has an SNS topic ARN; it may hold a secret,
    // so only scheme and host are shown.
    triggers.push_back({{"triggerName", t.name},
                        {"triggerTargetArn", triggers::RedactUrl(t.url)},
                        {"triggerEvents", t.events}});
  }
  j["triggerConfigurations"] = triggers;
  if (last_success != nullptr) {
    Json last = {{"deploymentId", last_success->id},
                 {"status", model::DeploymentStatusName(last_success->status)}};
    PutEpoch(last, "createTime", last_success->create_time);
    PutEpoch(last, "endTime", last_success->complete_time);
    j["lastSuccessfulDeployment"] = last;
    if (std::optional<Json> revision = RevisionLocation(last_success->revision)) {
      j["targetRevision"] = *revision;
    }
  }
  return j;
}

Json DeploymentConfigInfo(const model::DeploymentConfig& c) {
  Json info = {
      {"deploymentConfigName", c.name},
      {"minimumHealthyHosts", {{"type", model::MinHealthyTypeName(c.type)}, {"value", c.value}}},
      {"computePlatform", "Server"}};
  if (Json zonal = ZonalConfigOf(c.rollout); !zonal.is_null()) info["zonalConfig"] = zonal;
  return info;
}

std::optional<Json> RevisionLocation(const model::RevisionLocation& loc) {
  switch (loc.type) {
    case model::RevisionType::kS3: {
      Json s3 = {{"bucket", loc.bucket},
                 {"key", loc.key},
                 {"bundleType", model::BundleTypeName(loc.bundle_type)}};
      if (!loc.version.empty()) s3["version"] = loc.version;
      if (!loc.etag.empty()) s3["eTag"] = loc.etag;
      Json out = {{"revisionType", "S3"}, {"s3Location", s3}};
      return std::optional<Json>(std::in_place, std::move(out));
    }
    case model::RevisionType::kGit: {
      Json out = {
          {"revisionType", "GitHub"},
          {"gitHubLocation", {{"repository", loc.repository}, {"commitId", loc.commit_id}}}};
      return std::optional<Json>(std::in_place, std::move(out));
    }
    case model::RevisionType::kStore:
    case model::RevisionType::kHttps:
      return std::nullopt;
  }
  return std::nullopt;
}

Json DeploymentInfo(const model::Deployment& d, const model::DeploymentOverview& o) {
  Json j = {{"applicationName", d.application_name},
            {"deploymentGroupName", d.group_name},
            {"deploymentConfigName", d.config.name},
            {"deploymentId", d.id},
            {"status", model::DeploymentStatusName(d.status)},
            {"creator", CodeDeployCreator(d.creator)},
            {"description", d.description},
            {"ignoreApplicationStopFailures", d.ignore_application_stop_failures},
            {"updateOutdatedInstancesOnly", d.update_outdated_only},
            {"fileExistsBehavior", d.file_exists_behavior},
            {"computePlatform", "Server"},
            {"deploymentStyle",
             {{"deploymentType", "IN_PLACE"}, {"deploymentOption", "WITHOUT_TRAFFIC_CONTROL"}}},
            {"deploymentOverview",
             {{"Pending", o.pending},
              {"InProgress", o.in_progress},
              {"Succeeded", o.succeeded},
              {"Failed", o.failed},
              {"Skipped", o.skipped},
              {"Ready", 0}}}};
  if (std::optional<Json> revision = RevisionLocation(d.revision)) j["revision"] = *revision;
  if (d.error.code != model::DeploymentErrorCode::kNone) {
    j["errorInformation"] = {{"code", model::DeploymentErrorCodeName(d.error.code)},
                             {"message", d.error.message}};
  }
  if (d.auto_rollback_override) {
    j["autoRollbackConfiguration"] = http::ToJson(*d.auto_rollback_override);
  }
  const model::RollbackInfo& r = d.rollback_info;
  Json rollback = Json::object();
  if (!r.rollback_deployment_id.empty())
    rollback["rollbackDeploymentId"] = r.rollback_deployment_id;
  if (!r.rollback_triggering_deployment_id.empty()) {
    rollback["rollbackTriggeringDeploymentId"] = r.rollback_triggering_deployment_id;
  }
  if (!r.rollback_message.empty()) rollback["rollbackMessage"] = r.rollback_message;
  if (!rollback.empty()) j["rollbackInfo"] = rollback;
  PutEpoch(j, "createTime", d.create_time);
  PutEpoch(j, "startTime", d.start_time);
  PutEpoch(j, "completeTime", d.complete_time);
  return j;
}

Json InstanceInfo(const model::Instance& i) {
  Json j = {{"instanceName", i.name}, {"tags", http::TagsToJson(i.tags)}};
  PutEpoch(j, "registerTime", i.register_time);
  return j;
}

Json InstanceSummary(const model::Target& t) {
  Json j = {{"deploymentId", t.deployment_id},
            {"instanceId", t.instance_name},
            {"status", model::TargetStatusName(t.status)},
            {"lifecycleEvents", LifecycleEvents(t)}};
  PutEpoch(j, "lastUpdatedAt", LastUpdated(t));
  return j;
}

Json InstanceTarget(const model::Target& t) {
  Json j = {{"deploymentId", t.deployment_id},
            {"targetId", t.instance_name},
            {"status", model::TargetStatusName(t.status)},
            {"lifecycleEvents", LifecycleEvents(t)}};
  PutEpoch(j, "lastUpdatedAt", LastUpdated(t));
  return j;
}

bool SameLocation(const model::RevisionLocation& a, const model::RevisionLocation& b) {
  return a.type == b.type && a.bundle_type == b.bundle_type && a.sha256 == b.sha256 &&
         a.bucket == b.bucket && a.key == b.key && a.version == b.version && a.etag == b.etag &&
         a.repository == b.repository && a.commit_id == b.commit_id && a.url == b.url;
}

}  // namespace berth::codedeploy
