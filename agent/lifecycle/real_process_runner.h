// ProcessRunner over fork/exec: the child gets its own process group, stdin from
// /dev/null, and stdout/stderr pipes that the caller's thread reads with poll().
#pragma once

#include "agent/lifecycle/process_runner.h"

namespace berth::agent {

// Thread-compatible: concurrent Run calls from different threads are safe (each owns
// its child); the agent runs one event at a time anyway. Everything the child needs
// (argv, envp, the runas user's ids and groups) is prepared before fork, so the child
// only makes async-signal-safe calls.
class RealProcessRunner : public ProcessRunner {
 public:
  Result<ProcessOutcome> Run(const ProcessSpec& spec) override;
};

}  // namespace berth::agent
