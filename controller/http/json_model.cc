#include "controller/http/json_model.h"

#include "common/time_format.h"

namespace berth::http {
namespace {

void PutTime(Json& j, const char* field, model::TimeMs t) {
  if (t > 0) j[field] = FormatIsoMs(t);
}

Json TagFiltersToJson(const model::TagFilterList& list) {
  Json out = Json::array();
  for (const model::TagFilter& f : list) {
    out.push_back({{"Key", f.key}, {"Value", f.value}, {"Type", model::TagFilterTypeName(f.type)}});
  }
  return out;
}

Json EventToJson(const model::LifecycleEvent& e) {
  Json j = {{"lifecycleEventName", e.name}, {"status", model::EventStatusName(e.status)}};
  PutTime(j, "startTime", e.start_time);
  PutTime(j, "endTime", e.end_time);
  if (e.status == model::EventStatus::kSucceeded || e.status == model::EventStatus::kFailed) {
    j["diagnostics"] = {{"errorCode", e.diagnostics.error_code},
                        {"scriptName", e.diagnostics.script_name},
                        {"message", e.diagnostics.message},
                        {"logTail", e.diagnostics.log_tail}};
  }
  return j;
}

}  // namespace

Json ToJson(const model::Application& app) {
  Json j = {{"applicationId", app.id}, {"applicationName", app.name}};
  PutTime(j, "createTime", app.create_time);
  return j;
}

Json ToJson(const model::DeploymentConfig& c) {
  return {{"deploymentConfigName", c.name},
          {"minimumHealthyHosts", {{"type", model::MinHealthyTypeName(c.type)}, {"value", c.value}}},
          {"computePlatform", "Server"},
          {"builtin", c.builtin}};
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
  PutTime(j, "createTime", g.create_time);
  return j;
}

Json ToJson(const model::Instance& i) {
  Json tags = Json::array();
  for (const auto& [k, v] : i.tags) tags.push_back({{"Key", k}, {"Value", v}});
  Json j = {{"instanceId", i.id},
            {"instanceName", i.name},
            {"tags", tags},
            {"registrationStatus", i.registration_status},
            {"agentVersion", i.agent_version}};
  PutTime(j, "registerTime", i.register_time);
  PutTime(j, "lastSeenTime", i.last_seen);
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

Json ToJson(const model::Deployment& d, const std::vector<model::Target>* targets) {
  Json j = {{"deploymentId", d.id},
            {"applicationName", d.application_name},
            {"deploymentGroupName", d.group_name},
            {"revisionId", d.revision_id},
            {"revision", ToJson(d.revision)},
            {"deploymentConfigName", d.config.name},
            {"status", model::DeploymentStatusName(d.status)},
            {"creator", d.creator},
            {"description", d.description},
            {"fileExistsBehavior", d.file_exists_behavior},
            {"ignoreApplicationStopFailures", d.ignore_application_stop_failures}};
  if (!d.error.code.empty()) {
    j["errorInformation"] = {{"code", d.error.code}, {"message", d.error.message}};
  }
  PutTime(j, "createTime", d.create_time);
  PutTime(j, "startTime", d.start_time);
  PutTime(j, "completeTime", d.complete_time);
  if (targets) {
    model::DeploymentOverview o = model::Overview(*targets);
    j["deploymentOverview"] = {{"Pending", o.pending},     {"InProgress", o.in_progress},
                               {"Succeeded", o.succeeded}, {"Failed", o.failed},
                               {"Skipped", o.skipped},     {"Unknown", o.unknown}};
    Json ts = Json::array();
    for (const model::Target& t : *targets) {
      Json events = Json::array();
      for (const model::LifecycleEvent& e : t.events) events.push_back(EventToJson(e));
      ts.push_back({{"instanceId", t.instance_id},
                    {"instanceName", t.instance_name},
                    {"status", model::TargetStatusName(t.status)},
                    {"lifecycleEvents", events}});
    }
    j["targets"] = ts;
  }
  return j;
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
