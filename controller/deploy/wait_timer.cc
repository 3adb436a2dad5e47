#include "controller/deploy/wait_timer.h"

#include <spdlog/spdlog.h>

namespace berth::deploy {

WaitTimer::WaitTimer(Engine* engine, std::chrono::milliseconds interval)
    : engine_(engine), interval_(interval) {}

WaitTimer::~WaitTimer() { Stop(); }

void WaitTimer::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void WaitTimer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WaitTimer::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    Result<int> fired = engine_->FireDueWaits();
    if (!fired.ok())
      spdlog::error("ending due bakes and approval waits: {}", fired.status().ToString());
    lock.lock();
  }
}

}  // namespace berth::deploy
