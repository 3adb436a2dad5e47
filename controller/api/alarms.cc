// Service: alarms (one, or several at once for the Alertmanager receiver).
#include "controller/api/service.h"

namespace berth::api {

Result<model::Alarm> Service::GetAlarm(const std::string& name) {
  RETURN_IF_ERROR(ValidateName("alarm name", name));
  return store_->GetAlarm(name);
}

Result<model::Alarm> Service::SetAlarm(const std::string& name, const std::string& state,
                                       const std::string& reason) {
  ASSIGN_OR_RETURN(std::vector<model::Alarm> set, SetAlarms({{name, state, reason, 0}}));
  return set.front();
}

Result<std::vector<model::Alarm>> Service::SetAlarms(std::vector<model::Alarm> alarms) {
  const model::TimeMs now = clock_->NowMs();
  for (model::Alarm& alarm : alarms) {
    RETURN_IF_ERROR(ValidateName("alarm name", alarm.name));
    alarm.update_time = now;
  }
  RETURN_IF_ERROR(engine_->SetAlarms(alarms));
  return alarms;
}

Result<std::vector<model::Alarm>> Service::ListAlarms() { return store_->ListAlarms(); }

}  // namespace berth::api
