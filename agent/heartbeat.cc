#include "agent/heartbeat.h"

#include <spdlog/spdlog.h>

namespace berth::agent {

Heartbeat::Heartbeat(ControllerClient* client, std::chrono::milliseconds interval)
    : client_(client), interval_(interval), thread_([this] { Loop(); }) {}

Heartbeat::~Heartbeat() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Heartbeat::Begin(const std::string& command_id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    command_id_ = command_id;
    next_ = std::chrono::steady_clock::now() + interval_;
  }
  cv_.notify_all();
}

void Heartbeat::End() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    command_id_.clear();
  }
  cv_.notify_all();
}

void Heartbeat::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    if (command_id_.empty()) {
      cv_.wait(lock, [this] { return stop_ || !command_id_.empty(); });
      continue;
    }
    if (std::chrono::steady_clock::now() < next_) {
      cv_.wait_until(lock, next_);
      continue;  // Begin, End or the destructor may have changed things meanwhile
    }
    const std::string command_id = command_id_;
    next_ = std::chrono::steady_clock::now() + interval_;
    lock.unlock();
    Status s = client_->Heartbeat(command_id);
    if (!s.ok()) spdlog::warn("heartbeat failed: {}", s.ToString());
    lock.lock();
  }
}

}  // namespace berth::agent
