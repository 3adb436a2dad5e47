#include "controller/retention/pruner.h"

#include <spdlog/spdlog.h>

namespace berth::retention {

Pruner::Pruner(store::Store* store, blobs::BlobStore* blobs, Clock* clock, PrunerOptions options)
    : store_(store), blobs_(blobs), clock_(clock), options_(options) {}

Pruner::~Pruner() { Stop(); }

Status Pruner::RunOnce() {
  if (options_.retain_days <= 0) return Status::Ok();
  const int64_t cutoff = clock_->NowMs() - int64_t{options_.retain_days} * 24 * 3'600'000;
  ASSIGN_OR_RETURN(store::PruneCounts counts, store_->PruneBefore(cutoff));
  ASSIGN_OR_RETURN(std::set<std::string> referenced, store_->ReferencedBlobs());
  ASSIGN_OR_RETURN(int64_t blobs, blobs_->CollectUnreferenced(referenced, cutoff));
  if (counts.deployments + counts.trigger_messages + blobs > 0) {
    spdlog::info("retention ({} days): removed {} deployments, {} log lines, {} trigger "
                 "messages, {} blobs",
                 options_.retain_days, counts.deployments, counts.event_log_lines,
                 counts.trigger_messages, blobs);
  }
  return Status::Ok();
}

void Pruner::Start() {
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      lock.unlock();
      Status s = RunOnce();
      if (!s.ok()) spdlog::warn("retention: {}", s.ToString());
      lock.lock();
      wake_.wait_for(lock, options_.interval, [this] { return stopping_; });
    }
  });
}

void Pruner::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace berth::retention
