// The marker that says an event is running, so a restarted agent can report it
// (APPSPEC.md "Deployment root": FailedAfterRestart).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/status.h"

namespace berth::agent {

struct OngoingEvent {
  std::string command_id;
  std::string deployment_id;
  std::string group_id;
  std::string event;
  int64_t started_ms = 0;  // epoch milliseconds
};

std::string OngoingEventToJson(const OngoingEvent& event);
// INVALID_ARGUMENT (naming `source`) when the text is not a marker.
Result<OngoingEvent> OngoingEventFromJson(const std::string& text, const std::string& source);

}  // namespace berth::agent
