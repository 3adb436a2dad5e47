// Heartbeat: beats for the running command at its interval, and not between commands.
#include "agent/heartbeat.h"

#include <catch2/catch.hpp>
#include <mutex>
#include <thread>
#include <vector>

namespace berth::agent {
namespace {

using std::chrono::milliseconds;

class BeatCountingClient : public ControllerClient {
 public:
  Result<Credential> Enroll(const EnrollParams&) override { return Unavailable("test"); }
  void SetCredential(const std::string&) override {}
  Result<std::optional<EventRequest>> Poll(int) override { return Unavailable("test"); }
  Status Ack(const std::string&) override { return Status::Ok(); }
  Result<std::optional<EventRequest>> Complete(const std::string&, const EventResult&) override {
    return std::optional<EventRequest>();
  }
  Result<BlobChunk> FetchBlob(const std::string&, int64_t, int) override {
    return Unavailable("test");
  }
  Status AppendEventLog(const std::string&, const std::vector<LogLine>&) override {
    return Status::Ok();
  }
  Status Heartbeat(const std::string& command_id) override {
    std::lock_guard<std::mutex> lock(mu);
    beats.push_back(command_id);
    return failing ? Unavailable("controller away") : Status::Ok();
  }
  std::vector<std::string> Beats() {
    std::lock_guard<std::mutex> lock(mu);
    return beats;
  }

  std::mutex mu;
  bool failing = false;
  std::vector<std::string> beats;
};

TEST_CASE("Heartbeat beats for the running command at its interval, and only while it runs") {
  BeatCountingClient client;
  Heartbeat heartbeat(&client, milliseconds(30));
  std::this_thread::sleep_for(milliseconds(100));
  CHECK(client.Beats().empty());  // no command yet

  heartbeat.Begin("cmd-1");
  std::this_thread::sleep_for(milliseconds(20));
  CHECK(client.Beats().empty());  // the first beat comes one interval after Begin
  std::this_thread::sleep_for(milliseconds(200));
  heartbeat.End();
  std::vector<std::string> beats = client.Beats();
  CHECK(beats.size() >= 3);
  CHECK(beats.size() <= 8);
  for (const std::string& id : beats) CHECK(id == "cmd-1");

  std::this_thread::sleep_for(milliseconds(100));
  CHECK(client.Beats().size() == beats.size());  // none between commands

  heartbeat.Begin("cmd-2");
  std::this_thread::sleep_for(milliseconds(100));
  heartbeat.End();
  CHECK(client.Beats().back() == "cmd-2");
}

TEST_CASE("Heartbeat keeps beating when the controller does not answer") {
  BeatCountingClient client;
  client.failing = true;
  Heartbeat heartbeat(&client, milliseconds(20));
  heartbeat.Begin("cmd-1");
  std::this_thread::sleep_for(milliseconds(150));
  heartbeat.End();
  CHECK(client.Beats().size() >= 3);
}

}  // namespace
}  // namespace berth::agent
