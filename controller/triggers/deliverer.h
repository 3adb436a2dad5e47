// Deliverer: sends the trigger outbox to the webhook receivers (docs/operations.md
// "Triggers (webhooks)").
//
// The engine writes each message in the same store transaction as the state change it
// reports; this class only reads due messages and records each attempt's outcome, so a
// controller killed at any point loses no message (it may send one twice: delivery is
// at-least-once, and receivers dedup on the body's messageId / X-Berth-Message-Id).
//
// A background thread lists due messages and hands each URL's batch to a lane thread of
// its own; a URL whose lane is still busy (a slow or hanging receiver) is skipped, so one
// receiver never delays another's messages. A failed POST is retried after a delay
// doubling from `initial_retry_ms` up to `max_retry_ms`, until `max_attempts` or
// `max_age_ms` is reached, when the message is marked abandoned (and logged).
//
// Waking: Wake() (the engine calls it after a transaction that may have queued messages)
// makes the next pass start at once; without it the thread still looks every
// `poll_interval_ms`, so a message queued by a path that does not wake it (or written by
// anything else) goes out within that interval anyway.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "controller/metrics/recorder.h"
#include "controller/store/store.h"
#include "controller/triggers/webhook_sender.h"

namespace berth::triggers {

struct DelivererOptions {
  int64_t initial_retry_ms = 1000;      // delay after the first failure
  int64_t max_retry_ms = 5 * 60'000;    // the doubling stops here
  int max_attempts = 0;                 // 0: no limit by count
  int64_t max_age_ms = 24 * 3'600'000;  // since the message was queued; 0: no limit
  int64_t request_timeout_ms = 10'000;
  int64_t poll_interval_ms = 1000;
  int list_limit = 1000;  // due messages read per pass
  int lane_batch = 50;    // messages one lane sends before the next pass reconsiders
  // Where failed POSTs are counted; not owned.
  metrics::Recorder* metrics = metrics::NullRecorder();
};

// The delay before the next attempt after `attempts` failed ones (attempts >= 1).
int64_t RetryDelayMs(int attempts, const DelivererOptions& options);

class Deliverer {
 public:
  Deliverer(store::Store* store, WebhookSender* sender, Clock* clock, DelivererOptions options);
  ~Deliverer();

  // Starts the background thread. Its first pass sends every undelivered message at once,
  // whatever its next attempt time (a restart is a good moment to retry).
  void Start();
  // Stops the thread and every lane, cancelling POSTs in flight (their messages stay
  // pending). Idempotent.
  void Stop();
  // New messages may be due: start a pass now.
  void Wake();

  // One synchronous pass without the background thread (tests): sends the due messages
  // (every pending one with `all`), different URLs concurrently, and returns the number
  // of messages attempted once every lane has finished.
  int DeliverDue(bool all = false);

 private:
  struct Lane {
    std::thread thread;
    bool done = false;
  };

  void Loop();
  // Lists due messages and starts a lane for each URL without one. Returns the count
  // of messages handed to lanes. mu_ must not be held.
  int StartLanes(bool all);
  void RunLane(const std::string& url, std::vector<store::TriggerMessage> batch);
  // Sends one message and records the outcome.
  void DeliverOne(store::TriggerMessage m);
  // Joins lanes that have finished. mu_ held.
  void ReapLanes(std::unique_lock<std::mutex>& lock);
  void JoinAllLanes();

  store::Store* store_;
  WebhookSender* sender_;
  Clock* clock_;
  const DelivererOptions options_;

  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  bool wake_ = false;
  std::map<std::string, Lane> lanes_;  // by URL; a URL with an entry is busy
  std::thread thread_;
};

}  // namespace berth::triggers
