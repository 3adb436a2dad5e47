#include "controller/triggers/deliverer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <nlohmann/json.hpp>

#include "common/logging.h"
#include "controller/triggers/destination_policy.h"

namespace berth::triggers {
namespace {

// The body's messageId (the engine always writes one); the outbox seq otherwise.
std::string MessageId(const store::TriggerMessage& m) {
  nlohmann::json body = nlohmann::json::parse(m.body, nullptr, false);
  if (body.is_object() && body.contains("messageId") && body["messageId"].is_string()) {
    return body["messageId"].get<std::string>();
  }
  return "seq-" + std::to_string(m.seq);
}

}  // namespace

int64_t RetryDelayMs(int attempts, const DelivererOptions& options) {
  const int64_t cap = std::max<int64_t>(options.max_retry_ms, 1);
  int64_t delay = std::max<int64_t>(options.initial_retry_ms, 1);
  for (int i = 1; i < attempts && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

Deliverer::Deliverer(store::Store* store, WebhookSender* sender, Clock* clock,
                     DelivererOptions options)
    : store_(store), sender_(sender), clock_(clock), options_(options) {}

Deliverer::~Deliverer() { Stop(); }

void Deliverer::Start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Deliverer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  JoinAllLanes();
}

void Deliverer::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    wake_ = true;
  }
  cv_.notify_all();
}

int Deliverer::DeliverDue(bool all) {
  int n = StartLanes(all);
  JoinAllLanes();
  return n;
}

void Deliverer::Loop() {
  bool first = true;
  while (!stopping_) {
    StartLanes(first);
    first = false;
    // Sleep until the earliest retry, a Wake(), a lane finishing, or the poll interval.
    // Messages due now but held by a busy lane give no earlier time: the lane's end wakes
    // this thread.
    int64_t wait_ms = options_.poll_interval_ms;
    auto next = store_->NextTriggerAttemptTime();
    const int64_t now = clock_->NowMs();
    if (next.ok() && next->has_value() && **next > now) {
      wait_ms = std::min(wait_ms, **next - now);
    }
    wait_ms = std::max<int64_t>(wait_ms, 1);
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(wait_ms), [&] { return stopping_ || wake_; });
    wake_ = false;
  }
}

int Deliverer::StartLanes(bool all) {
  {
    // Reaped before listing, so the listing sees what those lanes recorded; a lane that
    // finishes after this point still holds its URL, so none of its messages is listed
    // stale and sent twice.
    std::unique_lock<std::mutex> lock(mu_);
    ReapLanes(lock);
  }
  const int64_t horizon = all ? std::numeric_limits<int64_t>::max() : clock_->NowMs();
  auto due = store_->ListDueTriggers(horizon, options_.list_limit);
  if (!due.ok()) {
    spdlog::warn("trigger outbox: cannot list due messages: {}", due.status().ToString());
    return 0;
  }
  std::map<std::string, std::vector<store::TriggerMessage>> by_url;
  for (store::TriggerMessage& m : *due) {
    auto& batch = by_url[m.url];
    if (static_cast<int>(batch.size()) < std::max(options_.lane_batch, 1)) {
      batch.push_back(std::move(m));
    }
  }
  int started = 0;
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [url, batch] : by_url) {
    if (stopping_) break;
    if (lanes_.count(url)) continue;  // busy (maybe a slow receiver): never wait for it
    started += static_cast<int>(batch.size());
    Lane& lane = lanes_[url];
    lane.thread = std::thread(
        [this, url = url, batch = std::move(batch)]() mutable { RunLane(url, std::move(batch)); });
  }
  return started;
}

void Deliverer::RunLane(const std::string& url, std::vector<store::TriggerMessage> batch) {
  for (store::TriggerMessage& m : batch) {
    if (stopping_) break;
    DeliverOne(std::move(m));
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    lanes_[url].done = true;
    wake_ = true;  // this URL may have more due messages; others may be waiting too
  }
  cv_.notify_all();
}

void Deliverer::DeliverOne(store::TriggerMessage m) {
  const int64_t now = clock_->NowMs();
  if (options_.max_age_ms > 0 && now - m.create_time > options_.max_age_ms) {
    m.abandoned = true;
    if (m.last_error.empty()) m.last_error = "not sent within the maximum age";
    LogWarn({.deployment_id = m.deployment_id},
            "trigger {} {} to {} abandoned: older than {} ms ({} attempts)", m.trigger_name,
            m.event, RedactUrl(m.url), options_.max_age_ms, m.attempts);
    Status w = store_->UpdateTriggerDelivery(m);
    if (!w.ok()) spdlog::warn("trigger outbox: {}", w.ToString());
    return;
  }
  WebhookRequest request;
  request.url = m.url;
  request.body = m.body;
  request.message_id = MessageId(m);
  request.timeout_ms = options_.request_timeout_ms;
  request.cancelled = &stopping_;
  Status sent = sender_->Post(request);
  if (!sent.ok() && stopping_) return;  // cancelled by shutdown: stays pending as it was

  const int64_t done = clock_->NowMs();
  m.attempts++;
  if (sent.ok()) {
    m.delivered_time = std::max<int64_t>(done, 1);
    LogInfo({.deployment_id = m.deployment_id}, "trigger {} {} delivered to {} (attempt {})",
            m.trigger_name, m.event, RedactUrl(m.url), m.attempts);
  } else {
    options_.metrics->TriggerDeliveryFailed();
    m.last_error = sent.message();
    m.next_attempt_time = done + RetryDelayMs(m.attempts, options_);
    const bool too_many = options_.max_attempts > 0 && m.attempts >= options_.max_attempts;
    const bool too_old =
        options_.max_age_ms > 0 && m.next_attempt_time - m.create_time > options_.max_age_ms;
    if (too_many || too_old) {
      m.abandoned = true;
      LogWarn({.deployment_id = m.deployment_id},
              "trigger {} {} to {} abandoned after {} attempts: {}", m.trigger_name, m.event,
              RedactUrl(m.url), m.attempts, m.last_error);
    } else {
      LogWarn({.deployment_id = m.deployment_id},
              "trigger {} {} to {} failed (attempt {}), retrying in {} ms: {}", m.trigger_name,
              m.event, RedactUrl(m.url), m.attempts, m.next_attempt_time - done, m.last_error);
    }
  }
  Status w = store_->UpdateTriggerDelivery(m);
  if (!w.ok()) spdlog::warn("trigger outbox: cannot record delivery: {}", w.ToString());
}

void Deliverer::ReapLanes(std::unique_lock<std::mutex>& lock) {
  std::vector<std::thread> finished;
  for (auto it = lanes_.begin(); it != lanes_.end();) {
    if (it->second.done) {
      finished.push_back(std::move(it->second.thread));
      it = lanes_.erase(it);
    } else {
      ++it;
    }
  }
  lock.unlock();
  for (std::thread& t : finished) t.join();
  lock.lock();
}

void Deliverer::JoinAllLanes() {
  std::vector<std::thread> all;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [url, lane] : lanes_) all.push_back(std::move(lane.thread));
  }
  for (std::thread& t : all) {
    if (t.joinable()) t.join();
  }
  std::lock_guard<std::mutex> lock(mu_);
  lanes_.clear();
}

}  // namespace berth::triggers
