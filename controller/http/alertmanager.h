// Alertmanager's webhook payload (version "4") -> the alarms it sets (docs/api.md
// "Alertmanager receiver"). Each alert names its alarm by `labels.alertname`: a firing
// alert sets it ALARM, a resolved one OK; when one payload has both for a name, firing
// wins.
#pragma once

#include <vector>

#include "common/model/alarm.h"
#include "common/status.h"
#include "controller/http/json_model.h"

namespace berth::http {

// The alarms `payload` sets, one per alertname, ordered by name, update_time unset.
// INVALID_ARGUMENT naming the field (e.g. "alerts[2].labels.alertname is required") when
// the payload is not Alertmanager's shape; nothing partial is returned.
Result<std::vector<model::Alarm>> AlarmsFromAlertmanager(const Json& payload);

}  // namespace berth::http
