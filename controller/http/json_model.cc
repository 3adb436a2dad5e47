#include "controller/http/json_model.h"

#include "common/time_format.h"
#include "controller/http/json_hooks.h"
#include "controller/http/json_limits.h"
#include "controller/http/json_rollout.h"
#include "controller/triggers/destination_policy.h"

namespace berth::http {

void PutTime(Json& j, const char* field, model::TimeMs t) {
  if (t > 0) j[field] = FormatIsoMs(t);
}

Json TagsToJson(const model::Tags& tags) {
  Json out = Json::array();
  for (const auto& [k, v] : tags) out.push_back({{"Key", k}, {"Value", v}});
  return out;
}

Result<model::Tags> TagsFromJson(const Json& list, const std::string& field) {
  if (!list.is_array()) return InvalidArgument(field + " must be a list of {Key, Value}");
  model::Tags tags;
  for (const Json& tag : list) {
    if (!tag.is_object()) return InvalidArgument(field + " must be a list of {Key, Value}");
    ASSIGN_OR_RETURN(std::string key, GetString(tag, "Key", true));
    ASSIGN_OR_RETURN(std::string value, GetString(tag, "Value", false));
    tags[key] = value;
  }
  return tags;
}

Json TagFiltersToJson(const model::TagFilterList& list) {
  Json out = Json::array();
  for (const model::TagFilter& f : list) {
    out.push_back({{"Key", f.key}, {"Value", f.value}, {"Type", model::TagFilterTypeName(f.type)}});
  }
  return out;
}

Json LifecycleEventToJson(const model::LifecycleEvent& e,
                          void (*put_time)(Json&, const char*, model::TimeMs)) {
  Json j = {{"lifecycleEventName", e.name}, {"status", model::EventStatusName(e.status)}};
  put_time(j, "startTime", e.start_time);
  put_time(j, "endTime", e.end_time);
  if (e.status == model::EventStatus::kSucceeded || e.status == model::EventStatus::kFailed) {
    j["diagnostics"] = {{"errorCode", e.diagnostics.error_code},
                        {"scriptName", e.diagnostics.script_name},
                        {"message", e.diagnostics.message},
                        {"logTail", e.diagnostics.log_tail}};
  }
  return j;
}

Json ToJson(const model::Application& app) {
  Json j = {{"applicationId", app.id}, {"applicationName", app.name}};
  PutTime(j, "createTime", app.create_time);
  return j;
}

Json ToJson(const model::DeploymentConfig& c) {
  Json j = {
      {"deploymentConfigName", c.name},
      {"minimumHealthyHosts", {{"type", model::MinHealthyTypeName(c.type)}, {"value", c.value}}},
      {"computePlatform", "Server"},
      {"builtin", c.builtin}};
  PutRollout(j, c.rollout);
  if (c.max_failed_hosts) j["maxFailedHosts"] = BudgetToJson(*c.max_failed_hosts);
  return j;
}

Json ToJson(const model::DeploymentGroup& g) {
  Json j = {{"deploymentGroupId", g.id},
            {"applicationName", g.application_name},
            {"deploymentGroupName", g.name},
            {"deploymentConfigName", g.config_name},
            {"fileExistsBehavior", g.file_exists_behavior}};
  if (g.tag_set.size() == 1) {
    j["onPremisesInstanceTagFilters"] = TagFiltersToJson(g.tag_set[0]);
  } else {
    Json lists = Json::array();
    for (const auto& l : g.tag_set) lists.push_back(TagFiltersToJson(l));
    j["onPremisesTagSet"] = {{"onPremisesTagSetList", lists}};
  }
  if (!g.last_successful_deployment_id.empty()) {
    j["lastSuccessfulDeploymentId"] = g.last_successful_deployment_id;
  }
  j["autoRollbackConfiguration"] = ToJson(g.auto_rollback);
  Json alarms = Json::array();
  for (const std::string& name : g.alarms.alarms) alarms.push_back({{"name", name}});
  j["alarmConfiguration"] = {{"enabled", g.alarms.enabled},
                             {"ignorePollAlarmFailure", g.alarms.ignore_poll_alarm_failure},
                             {"alarms", alarms}};
  Json triggers = Json::array();
  for (const model::TriggerConfig& t : g.triggers) {
    triggers.push_back(
        {{"triggerName", t.name}, {"triggerTargetUrl", triggers::RedactUrl(t.url)}, {"triggerEvents", t.events}});
  }
  j["triggerConfigurations"] = triggers;
  j["outdatedInstancesStrategy"] = g.outdated_instances_strategy;
  PutRolloutFields(j, g);
  if (g.health_check.enabled()) j["healthCheck"] = HealthCheckToJson(g.health_check);
  PutTime(j, "createTime", g.create_time);
  return j;
}

Json ToJson(const model::Instance& i) {
  Json j = {{"instanceId", i.id},
            {"instanceName", i.name},
            {"tags", TagsToJson(i.tags)},
            {"registrationStatus", i.registration_status},
            {"agentVersion", i.agent_version},
            {"status", i.unreachable ? "Unreachable" : "Online"}};
  PutTime(j, "registerTime", i.register_time);
  PutTime(j, "lastSeenTime", i.last_seen);
  if (!i.cert_serial.empty()) {
    j["certificateSerial"] = i.cert_serial;
    PutTime(j, "certificateExpiryTime", i.cert_not_after);
  }
  return j;
}

Json ToJson(const model::RevisionLocation& loc) {
  Json j = {{"revisionType", model::RevisionTypeName(loc.type)}};
  switch (loc.type) {
    case model::RevisionType::kStore:
      j["storeLocation"] = {{"sha256", loc.sha256},
                            {"bundleType", model::BundleTypeName(loc.bundle_type)}};
      break;
    case model::RevisionType::kS3:
      j["s3Location"] = {{"bucket", loc.bucket},
                         {"key", loc.key},
                         {"bundleType", model::BundleTypeName(loc.bundle_type)},
                         {"version", loc.version},
                         {"eTag", loc.etag}};
      break;
    case model::RevisionType::kGit:
      j["gitHubLocation"] = {{"repository", loc.repository}, {"commitId", loc.commit_id}};
      break;
    case model::RevisionType::kHttps:
      j["httpsLocation"] = {{"url", loc.url},
                            {"sha256", loc.sha256},
                            {"bundleType", model::BundleTypeName(loc.bundle_type)}};
      break;
  }
  return j;
}

Json ToJson(const model::Revision& r) {
  Json j = {{"revisionId", r.id},
            {"applicationName", r.application_name},
            {"revision", ToJson(r.location)},
            {"description", r.description}};
  PutTime(j, "registerTime", r.register_time);
  return j;
}

Json ToJson(const model::Target& t) {
  Json events = Json::array();
  for (const model::LifecycleEvent& e : t.events) events.push_back(LifecycleEventToJson(e));
  return {{"instanceId", t.instance_id},
          {"instanceName", t.instance_name},
          {"status", model::TargetStatusName(t.status)},
          {"lifecycleEvents", events}};
}

Json ToJson(const model::Deployment& d, const model::DeploymentOverview* overview) {
  Json j = {{"deploymentId", d.id},
            {"applicationName", d.application_name},
            {"deploymentGroupName", d.group_name},
            {"revisionId", d.revision_id},
            {"revision", ToJson(d.revision)},
            {"deploymentConfigName", d.config.name},
            {"status", model::DeploymentStatusName(d.status)},
            {"creator", model::CreatorName(d.creator)},
            {"description", d.description},
            {"fileExistsBehavior", d.file_exists_behavior},
            {"ignoreApplicationStopFailures", d.ignore_application_stop_failures}};
  if (d.error.code != model::DeploymentErrorCode::kNone) {
    j["errorInformation"] = {{"code", model::DeploymentErrorCodeName(d.error.code)},
                             {"message", d.error.message}};
  }
  if (d.auto_rollback_override) {
    j["autoRollbackConfiguration"] = ToJson(*d.auto_rollback_override);
  }
  const model::RollbackInfo& r = d.rollback_info;
  if (!r.rollback_deployment_id.empty() || !r.rollback_triggering_deployment_id.empty() ||
      !r.rollback_message.empty()) {
    Json info = Json::object();
    if (!r.rollback_deployment_id.empty()) info["rollbackDeploymentId"] = r.rollback_deployment_id;
    if (!r.rollback_triggering_deployment_id.empty()) {
      info["rollbackTriggeringDeploymentId"] = r.rollback_triggering_deployment_id;
    }
    if (!r.rollback_message.empty()) info["rollbackMessage"] = r.rollback_message;
    j["rollbackInfo"] = info;
  }
  if (!d.target_instance_ids.empty()) j["targetInstanceIds"] = d.target_instance_ids;
  if (d.update_outdated_only) j["updateOutdatedInstancesOnly"] = true;
  PutRollout(j, d.config.rollout);
  PutWaves(j, d);
  PutRolloutFields(j, d);
  PutHookOptions(j, d.hooks);
  PutTime(j, "createTime", d.create_time);
  PutTime(j, "startTime", d.start_time);
  PutTime(j, "completeTime", d.complete_time);
  if (overview != nullptr) {
    const model::DeploymentOverview& o = *overview;
    j["deploymentOverview"] = {{"Pending", o.pending},     {"InProgress", o.in_progress},
                               {"Succeeded", o.succeeded}, {"Failed", o.failed},
                               {"Skipped", o.skipped},     {"Unknown", o.unknown}};
  }
  return j;
}

Json ToJson(const model::AutoRollbackConfig& c) {
  return {{"enabled", c.enabled}, {"events", c.events}};
}

Json ToJson(const model::Alarm& a) {
  Json j = {{"alarmName", a.name}, {"state", a.state}, {"reason", a.reason}};
  PutTime(j, "updateTime", a.update_time);
  return j;
}

namespace {

// `json[field]` as a list of strings; INVALID_ARGUMENT naming `where` otherwise.
Result<std::vector<std::string>> StringList(const Json& json, const std::string& where) {
  if (!json.is_array()) return InvalidArgument(where + " must be a list of strings");
  std::vector<std::string> out;
  for (const Json& item : json) {
    if (!item.is_string()) return InvalidArgument(where + " must be a list of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

const Json* Present(const Json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<model::TagSet> TagSetFromJson(const Json* filters, const Json* tag_set) {
  model::TagSet set;
  if (filters && tag_set) {
    return InvalidArgument("give onPremisesInstanceTagFilters or onPremisesTagSet, not both");
  }
  if (filters) {
    ASSIGN_OR_RETURN(model::TagFilterList list,
                     TagFiltersFromJson(*filters, "onPremisesInstanceTagFilters"));
    set.push_back(list);
    return set;
  }
  auto lists = tag_set->find("onPremisesTagSetList");
  if (!tag_set->is_object() || lists == tag_set->end() || !lists->is_array()) {
    return InvalidArgument("onPremisesTagSet.onPremisesTagSetList must be a list of lists");
  }
  for (size_t i = 0; i < lists->size(); ++i) {
    ASSIGN_OR_RETURN(model::TagFilterList list,
                     TagFiltersFromJson((*lists)[i], "onPremisesTagSet.onPremisesTagSetList[" +
                                                         std::to_string(i) + "]"));
    set.push_back(list);
  }
  return set;
}

Result<model::AlarmConfig> AlarmConfigFromJson(const Json& json) {
  const std::string where = "alarmConfiguration";
  if (!json.is_object()) return InvalidArgument(where + " must be an object");
  model::AlarmConfig c;
  ASSIGN_OR_RETURN(c.enabled, GetBool(json, "enabled"));
  ASSIGN_OR_RETURN(c.ignore_poll_alarm_failure, GetBool(json, "ignorePollAlarmFailure"));
  if (const Json* alarms = Present(json, "alarms")) {
    if (!alarms->is_array()) return InvalidArgument(where + ".alarms must be a list");
    for (size_t i = 0; i < alarms->size(); ++i) {
      const Json& a = (*alarms)[i];
      std::string at = where + ".alarms[" + std::to_string(i) + "]";
      if (!a.is_object()) return InvalidArgument(at + " must be an object with a name");
      ASSIGN_OR_RETURN(std::string name, GetString(a, "name", true));
      c.alarms.push_back(name);
    }
  }
  return c;
}

Result<std::vector<model::TriggerConfig>> TriggersFromJson(const Json& json) {
  if (!json.is_array()) return InvalidArgument("triggerConfigurations must be a list");
  std::vector<model::TriggerConfig> out;
  for (size_t i = 0; i < json.size(); ++i) {
    const Json& t = json[i];
    std::string at = "triggerConfigurations[" + std::to_string(i) + "]";
    if (!t.is_object()) return InvalidArgument(at + " must be an object");
    model::TriggerConfig trigger;
    ASSIGN_OR_RETURN(trigger.name, GetString(t, "triggerName", true));
    ASSIGN_OR_RETURN(trigger.url, GetString(t, "triggerTargetUrl", true));
    if (const Json* events = Present(t, "triggerEvents")) {
      ASSIGN_OR_RETURN(trigger.events, StringList(*events, at + ".triggerEvents"));
    }
    out.push_back(std::move(trigger));
  }
  return out;
}

}  // namespace

Result<model::AutoRollbackConfig> AutoRollbackFromJson(const Json& json) {
  if (!json.is_object()) return InvalidArgument("autoRollbackConfiguration must be an object");
  model::AutoRollbackConfig c;
  ASSIGN_OR_RETURN(c.enabled, GetBool(json, "enabled"));
  if (const Json* events = Present(json, "events")) {
    ASSIGN_OR_RETURN(c.events, StringList(*events, "autoRollbackConfiguration.events"));
  }
  return c;
}

Status GroupSettingsFromJson(const Json& body, model::DeploymentGroup* g) {
  const Json* filters = Present(body, "onPremisesInstanceTagFilters");
  const Json* tag_set = Present(body, "onPremisesTagSet");
  if (filters || tag_set) {
    ASSIGN_OR_RETURN(g->tag_set, TagSetFromJson(filters, tag_set));
  }
  if (Present(body, "deploymentConfigName")) {
    ASSIGN_OR_RETURN(g->config_name, GetString(body, "deploymentConfigName", false));
  }
  if (Present(body, "fileExistsBehavior")) {
    ASSIGN_OR_RETURN(g->file_exists_behavior, GetString(body, "fileExistsBehavior", false));
  }
  if (const Json* j = Present(body, "autoRollbackConfiguration")) {
    ASSIGN_OR_RETURN(g->auto_rollback, AutoRollbackFromJson(*j));
  }
  if (const Json* j = Present(body, "alarmConfiguration")) {
    ASSIGN_OR_RETURN(g->alarms, AlarmConfigFromJson(*j));
  }
  if (const Json* j = Present(body, "triggerConfigurations")) {
    ASSIGN_OR_RETURN(g->triggers, TriggersFromJson(*j));
  }
  if (Present(body, "outdatedInstancesStrategy")) {
    ASSIGN_OR_RETURN(g->outdated_instances_strategy,
                     GetString(body, "outdatedInstancesStrategy", false));
  }
  RETURN_IF_ERROR(GroupRolloutFromJson(body, g));
  // {"url": ""} (or null) removes the group's health check.
  if (auto it = body.find("healthCheck"); it != body.end()) {
    if (it->is_null()) {
      g->health_check = {};
    } else {
      ASSIGN_OR_RETURN(g->health_check, HealthCheckFromJson(*it));
    }
  }
  return Status::Ok();
}

Result<std::string> GetString(const Json& body, const std::string& field, bool required) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (required) return InvalidArgument(field + " is required");
    return std::string();
  }
  if (!it->is_string()) return InvalidArgument(field + " must be a string");
  return it->get<std::string>();
}

Result<bool> GetBool(const Json& body, const std::string& field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return false;
  if (!it->is_boolean()) return InvalidArgument(field + " must be true or false");
  return it->get<bool>();
}

Result<model::TagFilterList> TagFiltersFromJson(const Json& list, const std::string& field) {
  if (!list.is_array()) return InvalidArgument(field + " must be a list of tag filters");
  model::TagFilterList out;
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& f = list[i];
    std::string where = field + "[" + std::to_string(i) + "]";
    if (!f.is_object()) return InvalidArgument(where + " must be an object");
    ASSIGN_OR_RETURN(std::string key, GetString(f, "Key", false));
    ASSIGN_OR_RETURN(std::string value, GetString(f, "Value", false));
    ASSIGN_OR_RETURN(std::string type, GetString(f, "Type", false));
    model::TagFilter filter{key, value, model::TagFilterType::kKeyAndValue};
    if (!type.empty() && !model::ParseTagFilterType(type, &filter.type)) {
      return InvalidArgument(where + ".Type \"" + type +
                             "\" is not one of KEY_ONLY, VALUE_ONLY, KEY_AND_VALUE");
    }
    out.push_back(filter);
  }
  return out;
}

Result<model::RevisionLocation> RevisionLocationFromJson(const Json& j) {
  if (!j.is_object()) return InvalidArgument("revision must be an object");
  ASSIGN_OR_RETURN(std::string type, GetString(j, "revisionType", true));
  model::RevisionLocation loc;
  if (!model::ParseRevisionType(type, &loc.type)) {
    return InvalidArgument("revisionType \"" + type + "\" is not one of Store, S3, GitHub, Https");
  }
  // CodeDeploy's field name for each type, and ours for the two it does not have.
  const char* field = "storeLocation";
  if (loc.type == model::RevisionType::kS3) field = "s3Location";
  if (loc.type == model::RevisionType::kGit) field = "gitHubLocation";
  if (loc.type == model::RevisionType::kHttps) field = "httpsLocation";
  auto where = j.find(field);
  if (where == j.end() || !where->is_object()) {
    return InvalidArgument(std::string("revision.") + field + " is required for revisionType " +
                           type);
  }
  const Json& at = *where;
  switch (loc.type) {
    case model::RevisionType::kStore:
    case model::RevisionType::kHttps: {
      ASSIGN_OR_RETURN(loc.sha256, GetString(at, "sha256", true));
      if (loc.type == model::RevisionType::kHttps) {
        ASSIGN_OR_RETURN(loc.url, GetString(at, "url", true));
      }
      break;
    }
    case model::RevisionType::kS3: {
      ASSIGN_OR_RETURN(loc.bucket, GetString(at, "bucket", true));
      ASSIGN_OR_RETURN(loc.key, GetString(at, "key", true));
      ASSIGN_OR_RETURN(loc.version, GetString(at, "version", false));
      ASSIGN_OR_RETURN(loc.etag, GetString(at, "eTag", false));
      break;
    }
    case model::RevisionType::kGit: {
      ASSIGN_OR_RETURN(loc.repository, GetString(at, "repository", true));
      ASSIGN_OR_RETURN(loc.commit_id, GetString(at, "commitId", true));
      // The agent's git fetcher hands on the commit's tree as a tar.
      loc.bundle_type = model::BundleType::kTar;
      return loc;
    }
  }
  ASSIGN_OR_RETURN(std::string bundle, GetString(at, "bundleType", false));
  if (!bundle.empty() && !model::ParseBundleType(bundle, &loc.bundle_type)) {
    return InvalidArgument(std::string(field) + ".bundleType \"" + bundle +
                           "\" is not one of tar, tgz, zip");
  }
  return loc;
}

}  // namespace berth::http
