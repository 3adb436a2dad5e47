// AgentWatchdog: the controller's background check for dead agents. Every `interval` it
// calls Engine::FailSilentAgents, so the in-flight event of an agent that stopped
// calling fails with AGENT_ISSUE about `silence_limit` after its last call, and the
// deployment moves on (DESIGN.md 3).
//
// A controller that was just started has heard from nobody yet: nothing is failed until
// it has been up for `silence_limit`, so agents have time to reconnect after a restart.
//
// Thread safety: Start and Stop from one thread; CheckOnce from any.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "common/clock.h"
#include "common/status.h"
#include "controller/deploy/agent_liveness.h"
#include "controller/deploy/engine.h"

namespace berth::deploy {

struct AgentWatchdogOptions {
  std::chrono::milliseconds silence_limit{std::chrono::minutes(5)};
  // 0: a quarter of silence_limit, between 50 ms and 5 s.
  std::chrono::milliseconds interval{0};
  // Where agents' calls are recorded, flushed to the store before each check; null: the
  // store's last_seen is current already (tests). Not owned.
  AgentLiveness* liveness = nullptr;
};

class AgentWatchdog {
 public:
  // The instances whose agents are known to be alive now (a parked poll).
  using AliveFn = std::function<std::set<std::string>()>;

  // `engine` and `clock` are not owned and must outlive the watchdog.
  AgentWatchdog(AgentWatchdogOptions options, Engine* engine, Clock* clock, AliveFn alive);
  ~AgentWatchdog();  // Stop()
  AgentWatchdog(const AgentWatchdog&) = delete;
  AgentWatchdog& operator=(const AgentWatchdog&) = delete;

  // Starts the thread; the start-up grace period counts from here.
  void Start();
  // Stops the thread, waiting for a check in progress. Idempotent.
  void Stop();

  // One check, as the thread makes it: the number of events failed (0 during the grace
  // period).
  Result<int> CheckOnce();

  std::chrono::milliseconds interval() const { return interval_; }

 private:
  void Loop();

  const AgentWatchdogOptions options_;
  const std::chrono::milliseconds interval_;
  Engine* const engine_;
  Clock* const clock_;
  const AliveFn alive_;
  int64_t started_ms_ = 0;

  std::mutex mu_;  // guards stopping_
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace berth::deploy
