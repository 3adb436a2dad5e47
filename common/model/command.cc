#include "common/model/command.h"

namespace berth::model {

const char* CommandStatusName(CommandStatus s) {
  switch (s) {
    case CommandStatus::kPending: return "Pending";
    case CommandStatus::kDispatched: return "Dispatched";
    case CommandStatus::kAcked: return "Acked";
    case CommandStatus::kCompleted: return "Completed";
  }
  return "Pending";
}

bool ParseCommandStatus(const std::string& name, CommandStatus* out) {
  for (CommandStatus s : {CommandStatus::kPending, CommandStatus::kDispatched,
                          CommandStatus::kAcked, CommandStatus::kCompleted}) {
    if (name == CommandStatusName(s)) {
      *out = s;
      return true;
    }
  }
  return false;
}

}  // namespace berth::model
