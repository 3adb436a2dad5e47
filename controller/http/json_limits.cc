#include "controller/http/json_limits.h"

namespace berth::http {

Result<std::pair<model::MinHealthyType, int>> CountOrPercentFromJson(const Json& json,
                                                                     const std::string& field) {
  if (!json.is_object()) return InvalidArgument(field + " {type, value} is required");
  ASSIGN_OR_RETURN(std::string type_name, GetString(json, "type", true));
  model::MinHealthyType type;
  if (!model::ParseMinHealthyType(type_name, &type)) {
    return InvalidArgument(field + ".type \"" + type_name +
                           "\" is not one of HOST_COUNT, FLEET_PERCENT");
  }
  auto value = json.find("value");
  if (value == json.end() || !value->is_number_integer()) {
    return InvalidArgument(field + ".value must be an integer");
  }
  int64_t v = value->get<int64_t>();
  if (v < 0 || v > 1000000) {
    return InvalidArgument(field + ".value " + std::to_string(v) + " is out of range");
  }
  return std::make_pair(type, static_cast<int>(v));
}

Json BudgetToJson(const model::FailureBudget& b) {
  return {{"type", b.percent ? "FLEET_PERCENT" : "HOST_COUNT"}, {"value", b.value}};
}

Result<std::optional<model::FailureBudget>> BudgetFromBody(const Json& body) {
  auto it = body.find("maxFailedHosts");
  if (it == body.end() || it->is_null()) return std::optional<model::FailureBudget>();
  ASSIGN_OR_RETURN(auto parsed, CountOrPercentFromJson(*it, "maxFailedHosts"));
  model::FailureBudget budget{parsed.first == model::MinHealthyType::kFleetPercent, parsed.second};
  return std::optional<model::FailureBudget>(budget);
}

void PutRolloutFields(Json& j, const model::Deployment& d) {
  if (d.max_failed_hosts) j["maxFailedHosts"] = BudgetToJson(*d.max_failed_hosts);
  if (!d.retry_of.empty() || !d.retry_deployment_id.empty()) {
    Json info = Json::object();
    if (!d.retry_of.empty()) info["retryOfDeploymentId"] = d.retry_of;
    if (!d.retry_deployment_id.empty()) info["retryDeploymentId"] = d.retry_deployment_id;
    j["retryInfo"] = info;
  }
  const model::FreezeRecord& f = d.freeze;
  if (!f.queued_for_window.empty() || !f.overridden_window.empty()) {
    Json info = Json::object();
    if (!f.queued_for_window.empty()) info["queuedForWindow"] = f.queued_for_window;
    if (!f.overridden_window.empty()) {
      info["overriddenWindow"] = f.overridden_window;
      info["overriddenBy"] = f.overridden_by;
      PutTime(info, "overrideTime", f.override_time);
    }
    j["freezeInfo"] = info;
  }
}

void PutRolloutFields(Json& j, const model::DeploymentGroup& g) {
  if (g.max_failed_hosts) j["maxFailedHosts"] = BudgetToJson(*g.max_failed_hosts);
  j["freezeWindows"] = g.freeze_windows;
}

Status GroupRolloutFromJson(const Json& body, model::DeploymentGroup* g) {
  if (body.contains("maxFailedHosts")) {
    ASSIGN_OR_RETURN(g->max_failed_hosts, BudgetFromBody(body));
  }
  auto windows = body.find("freezeWindows");
  if (windows == body.end()) return Status::Ok();
  if (!windows->is_array()) return InvalidArgument("freezeWindows must be a list of window specs");
  g->freeze_windows.clear();
  for (const Json& w : *windows) {
    if (!w.is_string()) return InvalidArgument("freezeWindows must be a list of window specs");
    g->freeze_windows.push_back(w.get<std::string>());
  }
  return Status::Ok();
}

}  // namespace berth::http
