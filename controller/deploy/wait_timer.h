// WaitTimer: the controller's thread that ends bakes and approval waits on time (issue
// 14). Every `interval` it calls Engine::FireDueWaits, which compares the deadlines
// stored with each waiting deployment to the clock: nothing is slept on in memory, so a
// controller restarted during a wait ends it at the same moment (or at once, when the
// deadline passed while it was down).
//
// Thread safety: Start and Stop from one thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "controller/deploy/engine.h"

namespace berth::deploy {

class WaitTimer {
 public:
  // `engine` is not owned and must outlive the timer.
  WaitTimer(Engine* engine, std::chrono::milliseconds interval);
  ~WaitTimer();  // Stop()
  WaitTimer(const WaitTimer&) = delete;
  WaitTimer& operator=(const WaitTimer&) = delete;

  void Start();
  // Stops the thread, waiting for a check in progress. Idempotent.
  void Stop();

 private:
  void Loop();

  Engine* const engine_;
  const std::chrono::milliseconds interval_;
  std::mutex mu_;  // guards stopping_
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace berth::deploy
