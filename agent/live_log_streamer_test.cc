// LiveLogStreamer: batches reach the client while the event runs, End() flushes, and a
// stalled controller costs bounded memory and a bounded wait.
#include "agent/live_log_streamer.h"

#include <catch2/catch.hpp>
#include <mutex>
#include <thread>

namespace berth::agent {
namespace {

using std::chrono::milliseconds;

Status Unimplemented(const std::string& m) { return Status(Code::kUnimplemented, m); }

class RecordingClient : public ControllerClient {
 public:
  Result<Credential> Enroll(const EnrollParams&) override { return Unimplemented("test"); }
  void SetCredential(const std::string&) override {}
  Result<std::optional<EventRequest>> Poll(int) override { return Unimplemented("test"); }
  Status Ack(const std::string&) override { return Status::Ok(); }
  Result<std::optional<EventRequest>> Complete(const std::string&, const EventResult&) override {
    return std::optional<EventRequest>();
  }
  Result<BlobChunk> FetchBlob(const std::string&, int64_t, int) override {
    return Unimplemented("test");
  }
  Status AppendEventLog(const std::string& command_id,
                        const std::vector<LogLine>& lines) override {
    std::lock_guard<std::mutex> lock(mu);
    if (stalled) return Unavailable("controller away");
    ++batches;
    for (const auto& l : lines) received.push_back(command_id + ":" + std::to_string(l.line_no) + ":" + l.stream + ":" + l.text);
    return Status::Ok();
  }
  std::vector<std::string> Received() {
    std::lock_guard<std::mutex> lock(mu);
    return received;
  }

  std::mutex mu;
  bool stalled = false;
  int batches = 0;
  std::vector<std::string> received;
};

TEST_CASE("LiveLogStreamer sends lines while the event runs, numbered per command") {
  RecordingClient client;
  LiveLogStreamer streamer(&client, {.flush_interval = milliseconds(20)});
  streamer.Begin("cmd-1");
  streamer.Line(OutputStream::kStdout, 1, "first");
  streamer.Line(OutputStream::kStderr, 2, "second");
  // Without End(): the lines arrive on their own within a few flush intervals.
  for (int i = 0; i < 100 && client.Received().size() < 2; ++i) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  CHECK(client.Received() ==
        std::vector<std::string>{"cmd-1:1:stdout:first", "cmd-1:2:stderr:second"});
  streamer.End();
  streamer.Begin("cmd-2");
  streamer.Line(OutputStream::kStdout, 3, "again");
  streamer.End();
  CHECK(client.Received().back() == "cmd-2:1:stdout:again");
}

TEST_CASE("LiveLogStreamer drops lines beyond its buffer and says how many") {
  RecordingClient client;
  client.stalled = true;
  LiveLogStreamer streamer(&client, {.max_buffered_bytes = 10,
                                     .flush_interval = milliseconds(5000),
                                     .end_timeout = milliseconds(3000),
                                     .max_attempts = 1});
  streamer.Begin("cmd-1");
  streamer.Line(OutputStream::kStdout, 1, "0123456789");  // fills the buffer
  streamer.Line(OutputStream::kStdout, 2, "x");           // dropped
  streamer.Line(OutputStream::kStdout, 3, "y");           // dropped
  {
    std::lock_guard<std::mutex> lock(client.mu);
    client.stalled = false;
  }
  streamer.End();
  auto got = client.Received();
  REQUIRE(got.size() == 2);
  CHECK(got[0] == "cmd-1:1:stdout:0123456789");
  CHECK(got[1].find("cmd-1:4:stderr:[berth-agent: 2 lines were not streamed") == 0);
}

TEST_CASE("LiveLogStreamer End() gives up on an unreachable controller in bounded time") {
  RecordingClient client;
  client.stalled = true;
  LiveLogStreamer streamer(&client, {.flush_interval = milliseconds(20),
                                     .end_timeout = milliseconds(300),
                                     .max_attempts = 100});
  streamer.Begin("cmd-1");
  streamer.Line(OutputStream::kStdout, 1, "lost");
  auto start = std::chrono::steady_clock::now();
  streamer.End();
  CHECK(std::chrono::steady_clock::now() - start < milliseconds(2000));
  CHECK(client.Received().empty());
}

}  // namespace
}  // namespace berth::agent
