#include "controller/deploy/agent_liveness.h"

#include <algorithm>
#include <utility>

namespace berth::deploy {

void AgentLiveness::Touch(const std::string& instance_id, model::TimeMs now) {
  std::lock_guard<std::mutex> lock(mu_);
  model::TimeMs& seen = seen_[instance_id];
  seen = std::max(seen, now);
  dirty_[instance_id] = seen;
}

void AgentLiveness::Apply(std::vector<model::Instance>& instances) {
  std::lock_guard<std::mutex> lock(mu_);
  for (model::Instance& i : instances) {
    auto it = seen_.find(i.id);
    if (it != seen_.end()) i.last_seen = std::max(i.last_seen, it->second);
  }
}

Status AgentLiveness::Flush() {
  std::unordered_map<std::string, model::TimeMs> batch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    batch.swap(dirty_);
  }
  if (batch.empty()) return Status::Ok();
  std::vector<std::pair<std::string, model::TimeMs>> rows(batch.begin(), batch.end());
  Status s = store_->TouchInstances(rows);
  if (!s.ok()) {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [id, time] : batch) {
      model::TimeMs& kept = dirty_[id];
      kept = std::max(kept, time);
    }
  }
  return s;
}

}  // namespace berth::deploy
