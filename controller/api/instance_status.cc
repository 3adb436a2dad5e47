// Service: whether an instance's agent is reachable ("Online" / "Unreachable" in the API).
#include "controller/api/service.h"

namespace berth::api {

void Service::SetAgentLiveness(int64_t silence_ms,
                               std::function<std::set<std::string>()> connected) {
  agent_silence_ms_ = silence_ms;
  connected_agents_ = std::move(connected);
}

Result<AgentCounts> Service::CountAgents() {
  ASSIGN_OR_RETURN(std::vector<model::Instance> instances, ListInstances());
  AgentCounts counts;
  for (const model::Instance& i : instances) {
    if (i.registration_status != "Registered") continue;
    ++(i.unreachable ? counts.unreachable : counts.online);
  }
  return counts;
}

void Service::MarkUnreachable(std::vector<model::Instance>& instances) {
  const model::TimeMs now = clock_->NowMs();
  if (liveness_ != nullptr) liveness_->Apply(instances);
  std::set<std::string> connected;
  if (connected_agents_) connected = connected_agents_();
  for (model::Instance& i : instances) {
    i.unreachable = deploy::AgentSilent(i, now, agent_silence_ms_, connected);
  }
}

}  // namespace berth::api
