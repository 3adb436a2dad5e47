// `berth-agent status`: the agent's state as its --root holds it, read without talking to
// the agent or the controller (docs/operations.md "Agent status").
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "agent/state/ongoing_event.h"
#include "agent/state/poll_state.h"
#include "common/status.h"

namespace berth::agent {

struct AgentStatus {
  std::string root;
  std::string name;  // enrolled as ("" when not enrolled)
  std::string instance_id;
  std::optional<PollState> poll;            // agent-status.json
  std::optional<OngoingEvent> event;        // the ongoing-event marker
  std::optional<std::string> deregistered;  // the deregistration note
};

// NOT_FOUND when `root` holds no agent state at all; an unreadable status file or marker
// is an error naming it.
Result<AgentStatus> ReadAgentStatus(const std::string& root);

// "enrolled as: web-1 (instance i-...)" and the rest, one "label: value" a line; times in
// UTC with how long ago, measured from `now_ms`.
std::string StatusText(const AgentStatus& status, int64_t now_ms);
// The same as one object (times as ISO 8601 UTC; absent ones null).
nlohmann::json StatusJson(const AgentStatus& status);

}  // namespace berth::agent
