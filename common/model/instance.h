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
  // Not stored: set by api::Service when it hands out an instance. True when its agent
  // has not called within the agent-silence limit and has no poll parked now.
  bool unreachable = false;
};

}  // namespace berth::model
