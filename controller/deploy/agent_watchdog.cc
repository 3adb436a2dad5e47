#include "controller/deploy/agent_watchdog.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace berth::deploy {
namespace {

std::chrono::milliseconds ChooseInterval(const AgentWatchdogOptions& options) {
  using std::chrono::milliseconds;
  if (options.interval > milliseconds(0)) return options.interval;
  return std::clamp<milliseconds>(options.silence_limit / 4, milliseconds(50),
                                  std::chrono::seconds(5));
}

}  // namespace

AgentWatchdog::AgentWatchdog(AgentWatchdogOptions options, Engine* engine, Clock* clock,
                             AliveFn alive)
    : options_(options),
      interval_(ChooseInterval(options)),
      engine_(engine),
      clock_(clock),
      alive_(std::move(alive)),
      started_ms_(clock->NowMs()) {}

AgentWatchdog::~AgentWatchdog() { Stop(); }

void AgentWatchdog::Start() {
  started_ms_ = clock_->NowMs();
  thread_ = std::thread([this] { Loop(); });
}

void AgentWatchdog::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<int> AgentWatchdog::CheckOnce() {
  if (options_.liveness != nullptr) RETURN_IF_ERROR(options_.liveness->Flush());
  const int64_t silence_ms = options_.silence_limit.count();
  if (clock_->NowMs() - started_ms_ < silence_ms) return 0;
  std::set<std::string> alive = alive_ ? alive_() : std::set<std::string>();
  return engine_->FailSilentAgents(silence_ms, alive);
}

void AgentWatchdog::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    Result<int> failed = CheckOnce();
    if (!failed.ok()) {
      spdlog::error("checking for silent agents: {}", failed.status().ToString());
    } else if (*failed > 0) {
      spdlog::warn("failed {} event(s) of agents silent for more than {} s (AGENT_ISSUE)", *failed,
                   options_.silence_limit.count() / 1000.0);
    }
    lock.lock();
  }
}

}  // namespace berth::deploy
