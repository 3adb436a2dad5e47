#include "controller/api/event_logs.h"

#include <algorithm>

namespace berth::api {

Status EventLogs::Append(const model::Instance& instance, const std::string& command_id,
                         std::vector<store::EventLogLine> lines) {
  if (lines.empty()) return Status::Ok();
  auto command = store_->GetCommand(command_id);
  if (!command.ok() || command->instance_id != instance.id) {
    return NotFound("command " + command_id + " is not a command of instance \"" + instance.name +
                    "\"");
  }
  if (command->status == model::CommandStatus::kCompleted) {
    return FailedPrecondition("the log of command " + command_id +
                              " is closed: the command has completed");
  }
  for (store::EventLogLine& line : lines) {
    if (line.stream != "stdout" && line.stream != "stderr") {
      return InvalidArgument("event log line " + std::to_string(line.line_no) + " of command " +
                             command_id + ": stream \"" + line.stream +
                             "\" is not stdout or stderr");
    }
    line.command_id = command_id;
    line.deployment_id = command->deployment_id;
    line.instance_name = instance.name;
    line.event_name = command->event_name;
  }
  return store_->AppendEventLog(lines, max_bytes_per_event_, max_lines_per_event_);
}

Result<std::vector<store::EventLogLine>> EventLogs::Read(store::EventLogQuery query) {
  RETURN_IF_ERROR(store_->GetDeployment(query.deployment_id).status());
  if (query.limit <= 0 || query.limit > kMaxLinesPerRead) query.limit = kMaxLinesPerRead;
  return store_->ListEventLog(query);
}

}  // namespace berth::api
