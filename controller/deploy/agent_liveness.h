// AgentLiveness: when each agent last called, kept in memory and written to the store in
// batches (DESIGN.md 3). Every authenticated agent call records "seen now" here, which
// costs a map update, not a store write and an fsync; Flush writes every time recorded
// since the previous flush in one transaction. The AgentWatchdog flushes before each
// check, so the store's last_seen is at most one watchdog interval behind, and a
// restarted controller reads last_seen times that are at most that old (its watchdog
// then waits a full silence limit before failing anyone, as before).
//
// Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/model/instance.h"
#include "common/status.h"
#include "controller/store/store.h"

namespace berth::deploy {

class AgentLiveness {
 public:
  explicit AgentLiveness(store::Store* store) : store_(store) {}

  void Touch(const std::string& instance_id, model::TimeMs now);
  // Sets last_seen on each instance to the latest time recorded here, when newer.
  void Apply(std::vector<model::Instance>& instances);
  // Writes the times recorded since the last flush; on failure they are kept for the next.
  Status Flush();

 private:
  store::Store* store_;
  std::mutex mu_;
  std::unordered_map<std::string, model::TimeMs> seen_;   // guarded by mu_
  std::unordered_map<std::string, model::TimeMs> dirty_;  // guarded by mu_: not yet flushed
};

}  // namespace berth::deploy
