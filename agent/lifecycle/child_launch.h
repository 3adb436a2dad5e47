// Starting a child process (fork/exec) for RealProcessRunner. Internal to lifecycle/.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "agent/lifecycle/process_runner.h"
#include "common/status.h"

namespace berth::agent {

struct LaunchedChild {
  pid_t pid = -1;      // also its process group id
  int stdout_fd = -1;  // read ends, O_NONBLOCK | O_CLOEXEC; the caller closes them
  int stderr_fd = -1;
};

// Forks and execs `spec` in a new process group. Returns once exec has succeeded (or
// failed: then the child has been reaped and the Status says why, naming the program,
// the working directory or the runas user).
Result<LaunchedChild> LaunchChild(const ProcessSpec& spec);

// "KEY=VALUE" entries of `env` with the keys in `overrides` replaced.
std::vector<std::string> MergeEnv(const std::vector<std::string>& env,
                                  const std::vector<std::string>& overrides);

}  // namespace berth::agent
