// LiveLogSink: where a running event's hook output goes besides scripts.log, so it can
// reach the controller while the event runs (live logs, docs/api.md "Deployment logs").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "agent/lifecycle/process_runner.h"

namespace berth::agent {

class LiveLogSink {
 public:
  virtual ~LiveLogSink() = default;
  // The event of command `command_id` starts; the lines that follow belong to it.
  virtual void Begin(const std::string& command_id) = 0;
  // One line of output, control characters already stripped. Must not block for long:
  // it is called on the thread that reads the hook's output.
  virtual void Line(OutputStream stream, int64_t time_ms, std::string_view text) = 0;
  // The event ended: returns once its lines were sent, or a bounded time later.
  virtual void End() = 0;
};

}  // namespace berth::agent
