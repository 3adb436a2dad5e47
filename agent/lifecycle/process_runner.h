// The OS seam for running one child process (STYLE.md: logic never calls fork).
// RealProcessRunner (real_process_runner.h) is the only implementation that starts
// processes; FakeProcessRunner (fake_process_runner.h) scripts outcomes for tests.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace berth::agent {

enum class OutputStream { kStdout, kStderr };

const char* OutputStreamName(OutputStream stream);  // "stdout" | "stderr"

struct ProcessSpec {
  // argv[0] is the program's path; it is executed directly (no PATH search). A file
  // without a "#!" line is run by /bin/sh, as execvp does.
  std::vector<std::string> argv;
  // The complete environment, "KEY=VALUE" each; nothing is inherited.
  std::vector<std::string> env;
  std::string cwd;  // empty: the runner's own working directory
  // Empty: the runner's own user. Otherwise the child runs as this user with their
  // groups, and HOME, USER, LOGNAME and SHELL from their passwd entry override `env`.
  std::string runas;
  std::chrono::milliseconds timeout{0};  // 0: no limit
  // After `timeout`, the process group gets SIGTERM, then SIGKILL after this long.
  std::chrono::milliseconds kill_grace{5000};
  // Once the direct child has exited, output is read for at most this long; a
  // background process that keeps stdout/stderr open does not hold the caller.
  std::chrono::milliseconds output_grace{1000};
  // Called once per line of output (without the newline; a final unterminated line is
  // delivered too; a line longer than 64 KiB is delivered in pieces). Called on the
  // thread that called Run.
  std::function<void(OutputStream, std::string_view)> on_output;
};

struct ProcessOutcome {
  int pid = 0;          // also the process group id
  bool exited = false;  // exited normally; exit_code is valid
  int exit_code = -1;
  int term_signal = 0;  // the signal that ended it, when !exited
  bool timed_out = false;
  // The child exited but something (a background process it started) still held its
  // stdout/stderr open after output_grace; reading stopped there.
  bool outputs_left_open = false;

  bool Succeeded() const { return exited && exit_code == 0 && !timed_out; }
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  // Runs `spec` to completion (or until its timeout has been enforced). A non-OK Status
  // means the process could not be started at all: NOT_FOUND for a missing program or
  // runas user, PERMISSION_DENIED when it is not executable, INTERNAL otherwise.
  virtual Result<ProcessOutcome> Run(const ProcessSpec& spec) = 0;
};

}  // namespace berth::agent
