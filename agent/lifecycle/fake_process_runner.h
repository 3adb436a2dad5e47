// A ProcessRunner for tests: records every spec and replays scripted outcomes.
#pragma once

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "agent/lifecycle/process_runner.h"

namespace berth::agent {

class FakeProcessRunner : public ProcessRunner {
 public:
  struct Reply {
    Result<ProcessOutcome> outcome = ProcessOutcome{.exited = true, .exit_code = 0};
    std::vector<std::pair<OutputStream, std::string>> lines;  // fed to on_output first
  };

  // Replies are used in order; once they run out, every run exits 0 with no output.
  void AddReply(Reply reply) { replies_.push_back(std::move(reply)); }
  const std::vector<ProcessSpec>& runs() const { return runs_; }

  Result<ProcessOutcome> Run(const ProcessSpec& spec) override {
    runs_.push_back(spec);
    if (replies_.empty()) return ProcessOutcome{.exited = true, .exit_code = 0};
    Reply reply = std::move(replies_.front());
    replies_.pop_front();
    for (const auto& [stream, line] : reply.lines) {
      if (spec.on_output) spec.on_output(stream, line);
    }
    return reply.outcome;
  }

 private:
  std::vector<ProcessSpec> runs_;
  std::deque<Reply> replies_;
};

}  // namespace berth::agent
