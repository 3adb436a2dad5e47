#include "agent/live_log_streamer.h"

#include <utility>
#include <vector>

#include "common/logging.h"

namespace berth::agent {

LiveLogStreamer::LiveLogStreamer(ControllerClient* client, LiveLogStreamerOptions options)
    : client_(client), options_(options), sender_([this] { SendLoop(); }) {}

LiveLogStreamer::~LiveLogStreamer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  sender_.join();
}

void LiveLogStreamer::Begin(const std::string& command_id) {
  std::lock_guard<std::mutex> lock(mu_);
  command_id_ = command_id;
  next_line_no_ = 1;
  dropped_ = 0;
}

void LiveLogStreamer::QueueDropMarkerLocked(int64_t time_ms) {
  if (dropped_ == 0) return;
  std::string text = "[berth-agent: " + std::to_string(dropped_) +
                     " lines were not streamed (the controller was not keeping up); "
                     "scripts.log on the host has them]";
  // Into an empty buffer it always fits, whatever the limit: one line more is bounded.
  if (!queue_.empty() && queued_bytes_ + text.size() > options_.max_buffered_bytes) return;
  queued_bytes_ += text.size();
  queue_.push_back({command_id_, LogLine{next_line_no_++, time_ms, "stderr", std::move(text)}});
  dropped_ = 0;
}

void LiveLogStreamer::Line(OutputStream stream, int64_t time_ms, std::string_view text) {
  std::lock_guard<std::mutex> lock(mu_);
  if (command_id_.empty()) return;
  last_time_ms_ = time_ms;
  QueueDropMarkerLocked(time_ms);
  if (dropped_ > 0 || queued_bytes_ + text.size() > options_.max_buffered_bytes) {
    ++dropped_;
    ++next_line_no_;
    return;
  }
  queued_bytes_ += text.size();
  queue_.push_back({command_id_, LogLine{next_line_no_++, time_ms, OutputStreamName(stream),
                                         std::string(text)}});
  if (queue_.size() >= options_.max_batch_lines) cv_.notify_all();
}

void LiveLogStreamer::End() {
  std::unique_lock<std::mutex> lock(mu_);
  if (command_id_.empty()) return;
  const auto deadline = std::chrono::steady_clock::now() + options_.end_timeout;
  auto flush = [&] {
    flush_ = true;
    cv_.notify_all();
    return cv_.wait_until(lock, deadline, [this] { return queue_.empty() && !sending_; });
  };
  bool sent = flush();
  // The buffer is empty now, so the marker for lines dropped near the end fits.
  if (sent && dropped_ > 0) {
    QueueDropMarkerLocked(last_time_ms_);
    sent = flush();
  }
  if (!sent) {
    LogWarn({.command_id = command_id_}, "live log: {} lines not sent in time; dropped",
            queue_.size());
    queue_.clear();
    queued_bytes_ = 0;
  }
  flush_ = false;
  command_id_.clear();
  cv_.notify_all();
}

void LiveLogStreamer::SendLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, options_.flush_interval, [this] {
      return stop_ || queue_.size() >= options_.max_batch_lines || (flush_ && !queue_.empty());
    });
    if (stop_) break;
    if (queue_.empty()) continue;
    const std::string command_id = queue_.front().command_id;
    std::vector<LogLine> batch;
    while (!queue_.empty() && queue_.front().command_id == command_id &&
           batch.size() < options_.max_batch_lines) {
      queued_bytes_ -= queue_.front().line.text.size();
      batch.push_back(std::move(queue_.front().line));
      queue_.pop_front();
    }
    sending_ = true;
    lock.unlock();
    Status s;
    for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
      s = client_->AppendEventLog(command_id, batch);
      if (s.ok() || s.code() == Code::kNotFound || s.code() == Code::kUnimplemented) break;
      // Back off, but give up at once when the streamer stops or End() abandoned this
      // command's lines: a stalled controller must not hold the agent.
      lock.lock();
      bool give_up = cv_.wait_for(lock, std::chrono::milliseconds(100 * attempt),
                                  [&] { return stop_ || command_id_ != command_id; });
      lock.unlock();
      if (give_up) break;
    }
    if (!s.ok()) {
      LogWarn({.command_id = command_id}, "live log: {} lines dropped: {}", batch.size(),
              s.ToString());
    }
    lock.lock();
    sending_ = false;
    cv_.notify_all();
  }
}

}  // namespace berth::agent
