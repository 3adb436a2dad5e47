// Heartbeat: while a command runs, tells the controller every `interval` that this agent
// is alive (ControllerClient::Heartbeat), from its own thread, so a hook that runs quietly
// for longer than the controller's agent-silence limit is not taken for a dead agent.
//
// A failed heartbeat is logged and the next one tried on time; End() never waits for the
// controller. Thread safety: Begin/End are called by the one thread running events.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "agent/controller_client.h"

namespace berth::agent {

class Heartbeat {
 public:
  // `client` is not owned and must outlive the heartbeat.
  Heartbeat(ControllerClient* client, std::chrono::milliseconds interval);
  // Stops the thread, waiting for a heartbeat call in flight.
  ~Heartbeat();
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

  // Beats for `command_id`, the first time one interval from now, until End().
  void Begin(const std::string& command_id);
  void End();

 private:
  void Loop();

  ControllerClient* const client_;
  const std::chrono::milliseconds interval_;

  std::mutex mu_;  // guards everything below
  std::condition_variable cv_;
  std::string command_id_;  // empty: no command running
  std::chrono::steady_clock::time_point next_;
  bool stop_ = false;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace berth::agent
