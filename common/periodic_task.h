// PeriodicTask: a thread that calls one function every `interval` until stopped, for the
// controller's background duties (ending bakes and approval waits, starting deployments
// queued for a freeze window, renewing the server certificate). The first call comes one
// interval after Start; Stop wakes the thread at once instead of waiting out the interval.
//
// Thread safety: Start and Stop from one thread; `tick` runs on the task's own thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace berth {

class PeriodicTask {
 public:
  PeriodicTask(std::chrono::milliseconds interval, std::function<void()> tick);
  ~PeriodicTask();  // Stop()
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void Start();
  // Stops the thread, waiting for a tick in progress. Idempotent.
  void Stop();

 private:
  void Loop();

  const std::chrono::milliseconds interval_;
  const std::function<void()> tick_;
  std::mutex mu_;  // guards stopping_
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace berth
