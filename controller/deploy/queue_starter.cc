#include "controller/deploy/queue_starter.h"

#include <spdlog/spdlog.h>

namespace berth::deploy {

QueueStarter::QueueStarter(Engine* engine, std::chrono::milliseconds interval)
    : engine_(engine), interval_(interval) {}

QueueStarter::~QueueStarter() { Stop(); }

void QueueStarter::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void QueueStarter::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void QueueStarter::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    Status s = engine_->StartDueQueued();
    if (!s.ok()) spdlog::error("starting queued deployments: {}", s.ToString());
    lock.lock();
  }
}

}  // namespace berth::deploy
