#pragma once

#include <string>

#include "common/model/application.h"
#include "common/model/tags.h"

namespace berth::model {

struct Instance {
  std::string id;
  std::string name;
  Tags tags;
  std::string registration_status = "Registered";  // | "Deregistered"
  std::string agent_version;
  TimeMs register_time = 0;
  TimeMs last_seen = 0;
  // The client certificate the agent must present (DESIGN.md 7): upper-case hex serial
  // and expiry. Empty in --insecure mode and once deregistered.
  std::string cert_serial;
  TimeMs cert_not_after = 0;
  // Not stored: set by api::Service when it hands out an instance. True when its agent
  // has not called within the agent-silence limit and has no poll parked now.
  bool unreachable = false;
};

}  // namespace berth::model
