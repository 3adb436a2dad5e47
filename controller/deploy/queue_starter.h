// QueueStarter: the controller's thread that starts queued deployments whose freeze
// window has ended (Engine::StartDueQueued), every `interval`. Everything it acts on is in
// the store, so after a restart it carries on by itself.
//
// Thread safety: Start and Stop from one thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "controller/deploy/engine.h"

namespace berth::deploy {

class QueueStarter {
 public:
  // `engine` is not owned and must outlive the starter.
  QueueStarter(Engine* engine, std::chrono::milliseconds interval);
  ~QueueStarter();  // Stop()
  QueueStarter(const QueueStarter&) = delete;
  QueueStarter& operator=(const QueueStarter&) = delete;

  void Start();
  // Stops the thread, waiting for a pass in progress. Idempotent.
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
