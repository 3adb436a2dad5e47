#include "controller/http/alertmanager.h"

#include <map>
#include <string>

namespace berth::http {
namespace {

constexpr char kFiring[] = "firing";
constexpr char kResolved[] = "resolved";

// `object[field]` as a string, "" when absent; INVALID_ARGUMENT when it is another type.
Result<std::string> OptionalString(const Json& object, const std::string& field,
                                   const std::string& where) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) return InvalidArgument(where + "." + field + " must be a string");
  return it->get<std::string>();
}

// `object[field]` as an object; an empty one when absent.
Result<Json> OptionalObject(const Json& object, const std::string& field,
                            const std::string& where) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return Json::object();
  if (!it->is_object()) return InvalidArgument(where + "." + field + " must be an object");
  return *it;
}

Result<model::Alarm> AlarmFromAlert(const Json& alert, const std::string& where) {
  if (!alert.is_object()) return InvalidArgument(where + " must be an object");
  ASSIGN_OR_RETURN(std::string status, OptionalString(alert, "status", where));
  if (status != kFiring && status != kResolved) {
    return InvalidArgument(where + ".status \"" + status + "\" is not one of firing, resolved");
  }
  ASSIGN_OR_RETURN(Json labels, OptionalObject(alert, "labels", where));
  ASSIGN_OR_RETURN(std::string name, OptionalString(labels, "alertname", where + ".labels"));
  if (name.empty()) return InvalidArgument(where + ".labels.alertname is required");
  ASSIGN_OR_RETURN(Json annotations, OptionalObject(alert, "annotations", where));
  ASSIGN_OR_RETURN(std::string summary,
                   OptionalString(annotations, "summary", where + ".annotations"));
  ASSIGN_OR_RETURN(std::string description,
                   OptionalString(annotations, "description", where + ".annotations"));

  model::Alarm alarm;
  alarm.name = name;
  alarm.state = status == kFiring ? model::kAlarmFiring : model::kAlarmOk;
  alarm.reason = !summary.empty()       ? summary
                 : !description.empty() ? description
                                        : std::string("Alertmanager: ") + status;
  return alarm;
}

}  // namespace

Result<std::vector<model::Alarm>> AlarmsFromAlertmanager(const Json& payload) {
  if (!payload.is_object()) return InvalidArgument("the payload must be a JSON object");
  if (auto version = payload.find("version"); version != payload.end() && *version != "4") {
    return InvalidArgument("payload.version " + version->dump() +
                           " is not \"4\", the Alertmanager webhook version Berth reads");
  }
  auto alerts = payload.find("alerts");
  if (alerts == payload.end() || !alerts->is_array()) {
    return InvalidArgument("alerts must be a list of Alertmanager alerts");
  }
  std::map<std::string, model::Alarm> by_name;
  for (size_t i = 0; i < alerts->size(); ++i) {
    ASSIGN_OR_RETURN(model::Alarm alarm,
                     AlarmFromAlert((*alerts)[i], "alerts[" + std::to_string(i) + "]"));
    auto [it, inserted] = by_name.emplace(alarm.name, alarm);
    // Firing wins over resolved; between alerts of one state, the first one's reason.
    if (!inserted && it->second.state == model::kAlarmOk && alarm.state == model::kAlarmFiring) {
      it->second = alarm;
    }
  }
  std::vector<model::Alarm> out;
  for (auto& [name, alarm] : by_name) out.push_back(std::move(alarm));
  return out;
}

}  // namespace berth::http
