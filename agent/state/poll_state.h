// What the poll loop last did, kept in <root>/agent-status.json for `berth-agent status`
// (docs/operations.md "Agent status"). Written atomically, without fsync (losing it in a
// crash loses nothing that matters), and throttled.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "common/clock.h"
#include "common/status.h"

namespace berth::agent {

struct PollState {
  std::string name{};        // the instance name the agent runs as
  std::string controller{};  // --controller
  int64_t pid = 0;
  int64_t started_ms = 0;        // the agent process started (epoch ms)
  int64_t polling_since_ms = 0;  // the latest poll was sent (0: none yet)
  int64_t last_answer_ms = 0;    // the controller last answered a poll (0: never)
  std::string last_error{};      // of the latest poll, "" once one is answered again
  int64_t last_error_ms = 0;
};

std::string PollStatePath(const std::string& root);
std::string PollStateToJson(const PollState& state);
// INVALID_ARGUMENT naming `source` when the text is not such a file.
Result<PollState> PollStateFromJson(const std::string& text, const std::string& source);

// Records the poll loop's steps. Writes at once on the first step, the first answer, and
// whenever a poll fails with a new error or is answered after failing; otherwise at most once per
// `min_interval`, so the file may be one step behind. Not thread-safe (the poll loop's).
class PollRecorder {
 public:
  // `clock` must outlive the recorder.
  PollRecorder(std::string root, PollState initial, const Clock* clock,
               std::chrono::milliseconds min_interval = std::chrono::seconds(5));

  void PollStarted();
  void PollAnswered();
  void PollFailed(const Status& error);
  const PollState& state() const { return state_; }
  int writes() const { return writes_; }

 private:
  void Save(bool now);

  std::string path_;
  PollState state_;
  const Clock* clock_;
  std::chrono::milliseconds min_interval_;
  int64_t last_write_ms_ = 0;
  int writes_ = 0;
};

}  // namespace berth::agent
