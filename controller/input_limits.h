// What the controller accepts from the network, in one place (docs/security.md "Limits").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "controller/http/server_limits.h"
#include "controller/triggers/destination_policy.h"

namespace berth {

struct InputLimits {
  http::ServerLimits http;
  int64_t event_log_max_lines = 20000;  // --event-log-max-lines, per lifecycle event and host
  triggers::DestinationPolicy trigger_destinations;  // --trigger-allow-private, -allow-host
  bool allow_insecure_git = false;  // --allow-insecure-git: http://, git:// and file:// too
  int retain_days = 90;  // --retain-days: finished deployments, logs and blobs kept; 0: forever
};

}  // namespace berth
