// The marker that says an event is running, or has ended and is not yet reported, so a
// restarted agent can report it (APPSPEC.md "Deployment root": FailedAfterRestart) and
// never runs it twice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/model/deployment.h"
#include "common/status.h"

namespace berth::agent {

struct OngoingEvent {
  std::string command_id;
  std::string deployment_id;
  std::string group_id;
  std::string event;
  int64_t started_ms = 0;  // epoch milliseconds
  // Set once the event has ended, until the controller has its report: a restarted agent
  // then sends this outcome (instead of FailedAfterRestart), since the controller hands
  // an unreported command out again and the event must not run a second time.
  bool ended = false;
  bool succeeded = false;
  model::Diagnostics diagnostics;
};

std::string OngoingEventToJson(const OngoingEvent& event);
// INVALID_ARGUMENT (naming `source`) when the text is not a marker.
Result<OngoingEvent> OngoingEventFromJson(const std::string& text, const std::string& source);

}  // namespace berth::agent
