#include "agent/state/poll_state.h"

#include <catch2/catch.hpp>

#include "common/fs.h"
#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

PollState Read(const std::string& root) {
  auto text = fs::ReadFile(PollStatePath(root));
  REQUIRE(text.ok());
  auto state = PollStateFromJson(*text, "agent-status.json");
  REQUIRE(state.ok());
  return *state;
}

TEST_CASE("PollRecorder writes the first poll at once, then at most every interval") {
  testing::TempDir dir;
  FakeClock clock(1'000'000);
  PollRecorder recorder(dir.path(), {.name = "web-1", .controller = "c:8443", .pid = 42}, &clock,
                        std::chrono::seconds(5));
  recorder.PollStarted();
  CHECK(recorder.writes() == 1);
  PollState first = Read(dir.path());
  CHECK(first.name == "web-1");
  CHECK(first.controller == "c:8443");
  CHECK(first.pid == 42);
  CHECK(first.polling_since_ms == 1'000'000);
  CHECK(first.last_answer_ms == 0);

  clock.AdvanceMs(1000);
  recorder.PollAnswered();  // the first answer: at once
  CHECK(recorder.writes() == 2);
  CHECK(Read(dir.path()).last_answer_ms == 1'001'000);
  recorder.PollStarted();  // within the interval: not written
  clock.AdvanceMs(1000);
  recorder.PollAnswered();
  CHECK(recorder.writes() == 2);
  CHECK(Read(dir.path()).last_answer_ms == 1'001'000);
  clock.AdvanceMs(5000);
  recorder.PollAnswered();
  CHECK(recorder.writes() == 3);
  CHECK(Read(dir.path()).last_answer_ms == 1'007'000);
  CHECK(Read(dir.path()).polling_since_ms == 1'001'000);
}

TEST_CASE("PollRecorder writes a new error and the recovery from it at once") {
  testing::TempDir dir;
  FakeClock clock;
  PollRecorder recorder(dir.path(), {.controller = "c:1"}, &clock, std::chrono::seconds(60));
  recorder.PollStarted();
  recorder.PollFailed(Unavailable("connection refused"));
  CHECK(recorder.writes() == 2);
  CHECK(Read(dir.path()).last_error == "UNAVAILABLE: connection refused");
  recorder.PollFailed(Unavailable("connection refused"));  // the same error: throttled
  CHECK(recorder.writes() == 2);
  recorder.PollAnswered();
  CHECK(recorder.writes() == 3);
  CHECK(Read(dir.path()).last_error.empty());
  CHECK(Read(dir.path()).last_error_ms == clock.NowMs());
}

TEST_CASE("PollStateFromJson refuses what is not a status file") {
  CHECK(PollStateFromJson("[]", "f").status().message() == "f is not an agent status file");
  CHECK(PollStateFromJson("{\"controller\": 1}", "f").status().code() == Code::kInvalidArgument);
}

}  // namespace
}  // namespace berth::agent
