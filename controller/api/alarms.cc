// Service: reading alarms and setting several at once (the Alertmanager receiver).
#include "controller/api/service.h"

namespace berth::api {

Result<model::Alarm> Service::GetAlarm(const std::string& name) {
  RETURN_IF_ERROR(ValidateName("alarm name", name));
  return store_->GetAlarm(name);
}

Result<std::vector<model::Alarm>> Service::SetAlarms(std::vector<model::Alarm> alarms) {
  for (const model::Alarm& alarm : alarms) {
    RETURN_IF_ERROR(ValidateName("alarm name", alarm.name));
    if (alarm.state != model::kAlarmOk && alarm.state != model::kAlarmFiring) {
      return InvalidArgument("alarm \"" + alarm.name + "\": state \"" + alarm.state +
                             "\" is not one of OK, ALARM");
    }
  }
  const model::TimeMs now = clock_->NowMs();
  for (model::Alarm& alarm : alarms) {
    alarm.update_time = now;
    RETURN_IF_ERROR(engine_->SetAlarm(alarm));
  }
  return alarms;
}

}  // namespace berth::api
