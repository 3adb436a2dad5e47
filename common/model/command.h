// A command: one lifecycle event on one host, as the controller hands it to an agent
// (DESIGN.md 3).
#pragma once

#include <string>

#include "common/model/application.h"

namespace berth::model {

enum class CommandStatus { kPending, kDispatched, kAcked, kCompleted };

const char* CommandStatusName(CommandStatus s);  // "Pending", "Dispatched", ...
bool ParseCommandStatus(const std::string& name, CommandStatus* out);

struct Command {
  std::string id;
  std::string deployment_id;
  std::string instance_id;
  int event_seq = 0;  // LifecycleEvent::seq within the target
  std::string event_name;
  CommandStatus status = CommandStatus::kPending;
  TimeMs create_time = 0;
  TimeMs dispatch_time = 0;
  TimeMs ack_time = 0;
  TimeMs complete_time = 0;
};

}  // namespace berth::model
