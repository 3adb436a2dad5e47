// Agent: enrolls, long-polls the controller and runs one lifecycle event per command,
// reporting each outcome until the controller has it (DESIGN.md 3).
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <string>

#include "agent/controller_client.h"
#include "agent/heartbeat.h"
#include "agent/lifecycle/event_executor.h"
#include "common/status.h"

namespace berth::agent {

struct AgentOptions {
  std::string name;
  std::string root;
  std::map<std::string, std::string> tags;
  std::string enroll_token;
  int poll_seconds = 50;
  int max_backoff_ms = 5000;
  // While an event runs, the controller hears from the agent this often (DESIGN.md 3).
  std::chrono::milliseconds heartbeat_interval{std::chrono::seconds(15)};
};

class Agent {
 public:
  // `client` and `executor` are not owned and must outlive the agent.
  Agent(AgentOptions options, ControllerClient* client, EventExecutor* executor);

  // Runs until *stop becomes true (checked between polls and events). Returns an error
  // only for problems retrying cannot fix, such as a refused enrollment token.
  Status Run(const std::atomic<bool>* stop);

  // True while an event runs (a stop request then waits for it to finish).
  bool busy() const { return busy_.load(); }

 private:
  Status EnsureEnrolled(bool force);
  // Reports until the controller has it; false if asked to stop first.
  bool Report(const std::string& command_id, const EventResult& result);
  void Backoff(int* delay_ms);

  AgentOptions options_;
  ControllerClient* client_;
  EventExecutor* executor_;
  Heartbeat heartbeat_;
  const std::atomic<bool>* stop_ = nullptr;
  std::atomic<bool> busy_{false};
};

}  // namespace berth::agent
