// A ControllerClient for tests: hands out queued commands, records every report, and
// refuses reports as a test tells it to.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "agent/controller_client.h"

namespace berth::agent {

class FakeControllerClient : public ControllerClient {
 public:
  // Once the queue is empty, Poll sets *stop_when_drained (when set) and returns nothing.
  std::deque<EventRequest> commands;
  std::atomic<bool>* stop_when_drained = nullptr;
  // Decides each Complete; Ok by default.
  std::function<Status(const EventResult&)> complete_reply = [](const EventResult&) {
    return Status::Ok();
  };

  std::vector<std::pair<std::string, EventResult>> Reports() {
    std::lock_guard<std::mutex> lock(mu_);
    return reports_;
  }

  Result<Credential> Enroll(const EnrollParams&) override { return Credential{"i-1", "secret"}; }
  void SetCredential(const std::string&) override {}
  std::atomic<int> polls{0};
  Result<std::optional<EventRequest>> Poll(int) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++polls;
    if (commands.empty()) {
      if (stop_when_drained) *stop_when_drained = true;
      return std::optional<EventRequest>();
    }
    EventRequest next = commands.front();
    commands.pop_front();
    return std::optional<EventRequest>(next);
  }
  Status Ack(const std::string&) override { return Status::Ok(); }
  // With hand_over_next, a successful Complete hands over the next queued command the
  // way the controller does when one is ready (CompleteCommandResponse.next_command).
  bool hand_over_next = false;
  Result<std::optional<EventRequest>> Complete(const std::string& command_id,
                                               const EventResult& result) override {
    std::lock_guard<std::mutex> lock(mu_);
    reports_.emplace_back(command_id, result);
    RETURN_IF_ERROR(complete_reply(result));
    if (!hand_over_next || commands.empty()) return std::optional<EventRequest>();
    EventRequest next = commands.front();
    commands.pop_front();
    return std::optional<EventRequest>(next);
  }
  Result<BlobChunk> FetchBlob(const std::string&, int64_t, int) override {
    return Unavailable("no blobs in the fake");
  }
  Status AppendEventLog(const std::string&, const std::vector<LogLine>&) override {
    return Status::Ok();
  }

 private:
  std::mutex mu_;
  std::vector<std::pair<std::string, EventResult>> reports_;
};

}  // namespace berth::agent
