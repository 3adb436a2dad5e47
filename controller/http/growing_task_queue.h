// An httplib task queue whose thread count grows with the connections it serves, up to
// a maximum. httplib gives each connection a thread for its whole life (keep-alive
// included), so a small fixed pool is held by a few clients that stall mid-request; here
// a stalled client holds only its own thread, and a normal request gets another at once.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace berth::http {

class GrowingTaskQueue : public httplib::TaskQueue {
 public:
  explicit GrowingTaskQueue(size_t max_threads);
  ~GrowingTaskQueue() override;

  // Runs `fn` on an idle thread, a new one while fewer than max_threads exist, else
  // queues it for the first thread to come free. Thread-safe.
  void enqueue(std::function<void()> fn) override;
  // Lets queued work finish, then joins every thread.
  void shutdown() override;

 private:
  void Work();

  const size_t max_threads_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;  // guarded by mu_
  std::vector<std::thread> threads_;        // guarded by mu_
  size_t idle_ = 0;                         // guarded by mu_
  bool shutting_down_ = false;              // guarded by mu_
};

}  // namespace berth::http
