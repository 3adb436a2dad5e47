// Retention: what the controller keeps forever would grow without bound (a deployment a
// minute is 500,000 a year, with their logs). Once an hour the pruner deletes deployments
// that ended more than --retain-days ago with their logs and trigger messages, delivered
// trigger messages as old, and blobs no revision names (store.h PruneBefore).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "common/clock.h"
#include "common/status.h"
#include "controller/blobs/blob_store.h"
#include "controller/store/store.h"

namespace berth::retention {

struct PrunerOptions {
  int retain_days = 90;  // --retain-days; 0: keep everything
  std::chrono::milliseconds interval{std::chrono::hours(1)};
};

class Pruner {
 public:
  // Not owned; each must outlive the pruner.
  Pruner(store::Store* store, blobs::BlobStore* blobs, Clock* clock, PrunerOptions options);
  ~Pruner();

  // One pass now; the thread's passes log their error instead.
  Status RunOnce();
  // A pass at start and then every interval, until Stop (also called by the destructor).
  void Start();
  void Stop();

 private:
  store::Store* store_;
  blobs::BlobStore* blobs_;
  Clock* clock_;
  const PrunerOptions options_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace berth::retention
