#include "agent/state/poll_state.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "common/fs.h"

namespace berth::agent {

std::string PollStatePath(const std::string& root) { return root + "/agent-status.json"; }

std::string PollStateToJson(const PollState& s) {
  nlohmann::json j = {{"name", s.name},
                      {"controller", s.controller},
                      {"pid", s.pid},
                      {"startedMs", s.started_ms},
                      {"pollingSinceMs", s.polling_since_ms},
                      {"lastAnswerMs", s.last_answer_ms},
                      {"lastError", s.last_error},
                      {"lastErrorMs", s.last_error_ms}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<PollState> PollStateFromJson(const std::string& text, const std::string& source) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("controller") || !j["controller"].is_string()) {
    return InvalidArgument(source + " is not an agent status file");
  }
  PollState s;
  auto str = [&](const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
  };
  auto num = [&](const char* key) {
    return j.contains(key) && j[key].is_number_integer() ? j[key].get<int64_t>() : int64_t{0};
  };
  s.name = str("name");
  s.controller = str("controller");
  s.pid = num("pid");
  s.started_ms = num("startedMs");
  s.polling_since_ms = num("pollingSinceMs");
  s.last_answer_ms = num("lastAnswerMs");
  s.last_error = str("lastError");
  s.last_error_ms = num("lastErrorMs");
  return s;
}

PollRecorder::PollRecorder(std::string root, PollState initial, const Clock* clock,
                           std::chrono::milliseconds min_interval)
    : path_(PollStatePath(root)),
      state_(std::move(initial)),
      clock_(clock),
      min_interval_(min_interval) {}

void PollRecorder::PollStarted() {
  state_.polling_since_ms = clock_->NowMs();
  Save(writes_ == 0);
}

void PollRecorder::PollAnswered() {
  const bool first_or_recovered = state_.last_answer_ms == 0 || !state_.last_error.empty();
  state_.last_answer_ms = clock_->NowMs();
  state_.last_error.clear();
  Save(first_or_recovered);
}

void PollRecorder::PollFailed(const Status& error) {
  const std::string text = error.ToString();
  const bool changed = text != state_.last_error;
  state_.last_error = text;
  state_.last_error_ms = clock_->NowMs();
  Save(changed);
}

void PollRecorder::Save(bool now) {
  const int64_t t = clock_->NowMs();
  if (!now && writes_ > 0 && t - last_write_ms_ < min_interval_.count()) return;
  Status s = fs::WriteFileAtomic(path_, PollStateToJson(state_), 0644, fs::Sync::kNoFsync);
  // Only `berth-agent status` reads it; the agent goes on without.
  if (!s.ok() && writes_ == 0) spdlog::warn("cannot write the agent status file: {}", s.ToString());
  last_write_ms_ = t;
  ++writes_;
}

}  // namespace berth::agent
