// Child processes for integration tests: started with argv and extra environment,
// output captured to a file, and always stopped (SIGKILL) by the destructor, so a failed
// test leaves nothing running.
#pragma once

#include <sys/types.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace berth::testing {

class Subprocess {
 public:
  // Starts argv[0] (a path, or a name looked up in PATH) with this process's environment
  // plus `env`; stdout and stderr go to `log_path` (appended).
  Subprocess(std::vector<std::string> argv, std::map<std::string, std::string> env,
             std::string log_path);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  // Sends `sig` and waits up to timeout_ms for the exit; SIGKILL after that. Returns the
  // wait status (or -1 if it had already been reaped).
  int Stop(int sig = 15, int timeout_ms = 5000);
  // Waits up to timeout_ms for the process to exit by itself; true with its exit code.
  bool WaitExit(int timeout_ms, int* exit_code);
  const std::string& log_path() const { return log_path_; }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  std::string log_path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs a command to completion (killed after timeout_ms) and captures its output.
CommandResult RunCommand(const std::vector<std::string>& argv,
                         const std::map<std::string, std::string>& env = {},
                         int timeout_ms = 120000);

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreePort();

// Polls `pred` every 50 ms until it is true or timeout_ms passes.
bool WaitFor(const std::function<bool()>& pred, int timeout_ms);

}  // namespace berth::testing
