#include "agent/status/agent_status.h"

#include <algorithm>
#include <sstream>

#include "agent/credential_file.h"
#include "agent/identity/identity.h"
#include "agent/state/deployment_root.h"
#include "common/fs.h"
#include "common/time_format.h"

namespace berth::agent {
namespace {

// "2026-12-02T01:02:03.456Z (12 s ago)".
std::string When(int64_t ms, int64_t now_ms) {
  return FormatIsoMs(ms) + " (" + std::to_string(std::max<int64_t>(0, now_ms - ms) / 1000) +
         " s ago)";
}

nlohmann::json TimeOrNull(int64_t ms) {
  return ms > 0 ? nlohmann::json(FormatIsoMs(ms)) : nlohmann::json(nullptr);
}

}  // namespace

Result<AgentStatus> ReadAgentStatus(const std::string& root) {
  AgentStatus status;
  status.root = root;
  if (auto stored = LoadCredential(root)) {
    status.name = stored->name;
    status.instance_id = stored->credential.instance_id;
  }
  const std::string poll_path = PollStatePath(root);
  if (fs::Exists(poll_path)) {
    ASSIGN_OR_RETURN(std::string text, fs::ReadFile(poll_path));
    ASSIGN_OR_RETURN(status.poll, PollStateFromJson(text, poll_path));
  }
  ASSIGN_OR_RETURN(status.event, DeploymentRoot(root).ReadOngoing());
  status.deregistered = DeregisteredNote(root);
  if (status.name.empty() && !status.poll && !status.event && !status.deregistered) {
    return NotFound("no agent state in " + root +
                    " (is it the agent's --root? an agent writes it from its first poll)");
  }
  return status;
}

std::string StatusText(const AgentStatus& s, int64_t now_ms) {
  std::ostringstream out;
  out << "root:          " << s.root << "\n";
  out << "enrolled as:   "
      << (s.name.empty() ? "not enrolled" : s.name + " (instance " + s.instance_id + ")") << "\n";
  if (s.poll) {
    const PollState& p = *s.poll;
    out << "controller:    " << p.controller << "\n";
    out << "agent:         pid " << p.pid << ", started " << When(p.started_ms, now_ms) << "\n";
    out << "last poll:     "
        << (p.last_answer_ms > 0 ? "answered " + When(p.last_answer_ms, now_ms) : "never answered")
        << "\n";
    if (p.polling_since_ms > 0) {
      out << "polling since: " << When(p.polling_since_ms, now_ms) << "\n";
    }
    if (!p.last_error.empty()) {
      out << "poll failing:  " << p.last_error << ", " << When(p.last_error_ms, now_ms) << "\n";
    }
  } else {
    out << "controller:    unknown (no agent-status.json: the agent has not polled yet)\n";
  }
  if (s.event) {
    const OngoingEvent& e = *s.event;
    out << "current event: " << e.event << " of deployment " << e.deployment_id << " (command "
        << e.command_id << "), started " << When(e.started_ms, now_ms);
    if (e.ended) {
      out << "; ended " << (e.succeeded ? "Succeeded" : "Failed") << ", report not yet received";
    }
    out << "\n";
  } else {
    out << "current event: none\n";
  }
  if (s.deregistered) out << "deregistered:  " << *s.deregistered;
  return out.str();
}

nlohmann::json StatusJson(const AgentStatus& s) {
  nlohmann::json j = {{"root", s.root},
                      {"enrolled", !s.name.empty()},
                      {"name", s.name},
                      {"instanceId", s.instance_id},
                      {"controller", nullptr},
                      {"pid", nullptr},
                      {"startedTime", nullptr},
                      {"lastPollTime", nullptr},
                      {"pollingSinceTime", nullptr},
                      {"lastPollError", nullptr},
                      {"lastPollErrorTime", nullptr},
                      {"currentEvent", nullptr},
                      {"deregistered", nullptr}};
  if (s.poll) {
    const PollState& p = *s.poll;
    j["controller"] = p.controller;
    j["pid"] = p.pid;
    j["startedTime"] = TimeOrNull(p.started_ms);
    j["lastPollTime"] = TimeOrNull(p.last_answer_ms);
    j["pollingSinceTime"] = TimeOrNull(p.polling_since_ms);
    if (!p.last_error.empty()) {
      j["lastPollError"] = p.last_error;
      j["lastPollErrorTime"] = TimeOrNull(p.last_error_ms);
    }
  }
  if (s.event) {
    j["currentEvent"] = {{"deploymentId", s.event->deployment_id},
                         {"lifecycleEvent", s.event->event},
                         {"commandId", s.event->command_id},
                         {"startTime", TimeOrNull(s.event->started_ms)},
                         {"ended", s.event->ended}};
  }
  if (s.deregistered) j["deregistered"] = *s.deregistered;
  return j;
}

}  // namespace berth::agent
