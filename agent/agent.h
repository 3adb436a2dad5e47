// Agent: enrolls, long-polls the controller and runs one lifecycle event per command,
// reporting each outcome until the controller has it (DESIGN.md 3).
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <string>

#include "agent/controller_client.h"
#include "agent/heartbeat.h"
#include "agent/identity/identity.h"
#include "agent/lifecycle/event_executor.h"
#include "agent/state/poll_state.h"
#include "common/clock.h"
#include "common/status.h"

namespace berth::agent {

struct AgentOptions {
  std::string name;
  std::string root;
  std::string controller;  // the address, for `berth-agent status`
  std::map<std::string, std::string> tags;
  std::string enroll_token;
  int poll_seconds = 50;
  int max_backoff_ms = 5000;
  // While an event runs, the controller hears from the agent this often (DESIGN.md 3).
  std::chrono::milliseconds heartbeat_interval{std::chrono::seconds(15)};
  const Clock* clock = nullptr;  // RealClock when null; must outlive the agent
};

class Agent {
 public:
  // `client`, `executor` and `identity` are not owned and must outlive the agent.
  // `identity` is null in --insecure mode (no certificates).
  Agent(AgentOptions options, ControllerClient* client, EventExecutor* executor,
        Identity* identity = nullptr);

  // Runs until *stop becomes true (checked between polls and events). Returns an error
  // only for problems retrying cannot fix, such as a refused enrollment token, a
  // controller that is not the one trusted, or a deregistered instance; the message
  // says what an operator must do.
  Status Run(const std::atomic<bool>* stop);

  // True while an event runs (a stop request then waits for it to finish).
  bool busy() const { return busy_.load(); }

 private:
  Status EnsureEnrolled(bool force);
  // Acks, runs and reports one command; *next gets the command handed over with the
  // report, if any.
  void RunCommand(const EventRequest& request, std::optional<EventRequest>* next);
  // Reports until the controller has it; false if asked to stop first. *next (when not
  // null) gets the command the controller handed over with its answer, if any.
  bool Report(const std::string& command_id, const EventResult& result,
              std::optional<EventRequest>* next = nullptr);
  // Renews the client certificate when due; the poll wait, capped so that the renewal
  // is not missed while parked.
  int RenewAndPollWait();
  // Leaves the deregistration note and returns the error Run stops with.
  Status Deregistered(const Status& refusal);
  void Backoff(int* delay_ms);

  AgentOptions options_;
  ControllerClient* client_;
  EventExecutor* executor_;
  Identity* identity_;
  Heartbeat heartbeat_;
  PollRecorder poll_recorder_;  // <root>/agent-status.json
  const std::atomic<bool>* stop_ = nullptr;
  std::atomic<bool> busy_{false};
};

}  // namespace berth::agent
