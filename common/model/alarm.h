// Named alarms (DESIGN.md 4.3): set through the API or by an Alertmanager webhook; a
// deployment group that watches an alarm stops its deployment when the alarm fires.
#pragma once

#include <string>

#include "common/model/application.h"

namespace berth::model {

inline constexpr char kAlarmOk[] = "OK";
inline constexpr char kAlarmFiring[] = "ALARM";

struct Alarm {
  std::string name;
  std::string state = kAlarmOk;  // kAlarmOk | kAlarmFiring
  std::string reason;            // free text: who set it and why
  TimeMs update_time = 0;
};

}  // namespace berth::model
