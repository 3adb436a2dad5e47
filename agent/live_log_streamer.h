// LiveLogStreamer: sends a running event's hook output to the controller in batches
// (AppendEventLog) from a background thread, so a hook's lines show up in
// `berth deployment logs --follow` while the hook still runs.
//
// Memory is bounded: at most max_buffered_bytes of lines wait to be sent. When the
// controller is slow or unreachable, further lines are dropped (they are still in
// scripts.log) and one marker line says how many; a batch that cannot be sent after
// max_attempts is dropped too. The event's outcome never waits on the controller for
// longer than end_timeout.
//
// Thread safety: Begin/Line/End are called by the one thread running events; the sender
// thread is internal.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "agent/controller_client.h"
#include "agent/lifecycle/live_log.h"

namespace berth::agent {

struct LiveLogStreamerOptions {
  size_t max_buffered_bytes = 256 * 1024;
  size_t max_batch_lines = 500;
  std::chrono::milliseconds flush_interval{200};  // a line waits at most about this long
  std::chrono::milliseconds end_timeout{5000};
  int max_attempts = 3;
};

class LiveLogStreamer : public LiveLogSink {
 public:
  // `client` is not owned and must outlive the streamer.
  explicit LiveLogStreamer(ControllerClient* client, LiveLogStreamerOptions options = {});
  // Stops the sender; lines not sent yet are dropped.
  ~LiveLogStreamer() override;
  LiveLogStreamer(const LiveLogStreamer&) = delete;
  LiveLogStreamer& operator=(const LiveLogStreamer&) = delete;

  void Begin(const std::string& command_id) override;
  void Line(OutputStream stream, int64_t time_ms, std::string_view text) override;
  void End() override;

 private:
  struct Pending {
    std::string command_id;
    LogLine line;
  };

  void SendLoop();
  // Queues the "N lines dropped" marker if lines were dropped and there is room.
  void QueueDropMarkerLocked(int64_t time_ms);

  ControllerClient* const client_;
  const LiveLogStreamerOptions options_;

  std::mutex mu_;  // guards everything below
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  size_t queued_bytes_ = 0;
  std::string command_id_;
  int64_t next_line_no_ = 1;
  int64_t dropped_ = 0;
  int64_t last_time_ms_ = 0;
  bool flush_ = false;    // End() waits: send what is queued now
  bool sending_ = false;  // a batch is on the wire
  bool stop_ = false;
  std::thread sender_;  // last: started once the members above exist
};

}  // namespace berth::agent
