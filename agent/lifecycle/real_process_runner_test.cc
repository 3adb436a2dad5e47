#include "agent/lifecycle/real_process_runner.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>

#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

struct Captured {
  std::vector<std::string> out, err;
};

ProcessSpec ShellSpec(const std::string& script, Captured* captured) {
  ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", script};
  spec.env = {"PATH=/usr/bin:/bin"};
  spec.on_output = [captured](OutputStream stream, std::string_view line) {
    (stream == OutputStream::kStdout ? captured->out : captured->err).emplace_back(line);
  };
  return spec;
}

// Orphaned group members are re-parented to us (not to a PID 1 that may never reap
// them), so the test can reap them and then see the group gone.
void BecomeSubreaper() { ::prctl(PR_SET_CHILD_SUBREAPER, 1); }

// Reaps what is left of the group (zombies, or members a SIGKILL is still ending) for
// up to a second and says whether the group is gone.
bool GroupGone(pid_t pgid) {
  for (int i = 0; i < 100; ++i) {
    while (::waitpid(-pgid, nullptr, WNOHANG) > 0) {
    }
    errno = 0;
    if (::kill(-pgid, 0) == -1 && errno == ESRCH) return true;
    ::usleep(10'000);
  }
  return false;
}

struct TimedRun {
  ProcessOutcome outcome;
  milliseconds took;
};

// Runs `spec` as a subreaper (see BecomeSubreaper) and times it.
TimedRun RunTimed(const ProcessSpec& spec) {
  BecomeSubreaper();
  RealProcessRunner runner;
  auto start = steady_clock::now();
  auto outcome = runner.Run(spec);
  auto took = std::chrono::duration_cast<milliseconds>(steady_clock::now() - start);
  REQUIRE(outcome.ok());
  return {*outcome, took};
}

TEST_CASE("RealProcessRunner reports exit code and output lines per stream") {
  RealProcessRunner runner;
  Captured c;
  auto outcome = runner.Run(ShellSpec("echo one; echo two >&2; printf last; exit 3", &c));
  REQUIRE(outcome.ok());
  CHECK(outcome->exited);
  CHECK(outcome->exit_code == 3);
  CHECK_FALSE(outcome->timed_out);
  CHECK(c.out == std::vector<std::string>{"one", "last"});
  CHECK(c.err == std::vector<std::string>{"two"});
}

TEST_CASE("RealProcessRunner passes exactly the given environment, cwd and closed stdin") {
  testing::TempDir dir;
  RealProcessRunner runner;
  Captured c;
  ProcessSpec spec = ShellSpec("env | sort; pwd; cat; echo stdin-done", &c);
  spec.env = {"PATH=/usr/bin:/bin", "FOO=bar baz"};
  spec.cwd = dir.path();
  auto outcome = runner.Run(spec);
  REQUIRE(outcome.ok());
  CHECK(outcome->Succeeded());
  CHECK(std::find(c.out.begin(), c.out.end(), "FOO=bar baz") != c.out.end());
  CHECK(std::find(c.out.begin(), c.out.end(), dir.path()) != c.out.end());
  CHECK(c.out.back() == "stdin-done");
  for (const auto& line : c.out) CHECK(line.rfind("HOME=", 0) != 0);
}

TEST_CASE("RealProcessRunner timeout kills the whole process group promptly") {
  Captured c;
  ProcessSpec spec = ShellSpec("sleep 30; echo never", &c);
  spec.timeout = milliseconds(1000);
  TimedRun run = RunTimed(spec);
  CHECK(run.outcome.timed_out);
  CHECK_FALSE(run.outcome.Succeeded());
  CHECK(run.took < milliseconds(3000));
  CHECK(run.took >= milliseconds(1000));
  CHECK(GroupGone(run.outcome.pid));
}

TEST_CASE("RealProcessRunner escalates to SIGKILL when TERM is ignored") {
  Captured c;
  ProcessSpec spec = ShellSpec("trap '' TERM; sleep 30 & wait; sleep 30", &c);
  spec.timeout = milliseconds(500);
  spec.kill_grace = milliseconds(500);
  TimedRun run = RunTimed(spec);
  CHECK(run.outcome.timed_out);
  CHECK(run.took < milliseconds(3000));
  CHECK(GroupGone(run.outcome.pid));
}

TEST_CASE("RealProcessRunner does not wait for a background child holding stdout") {
  Captured c;
  ProcessSpec spec = ShellSpec("sleep 60 & echo started", &c);
  spec.output_grace = milliseconds(300);
  TimedRun run = RunTimed(spec);
  ::kill(-run.outcome.pid, SIGKILL);
  CHECK(GroupGone(run.outcome.pid));
  CHECK(run.outcome.Succeeded());
  CHECK(run.outcome.outputs_left_open);
  CHECK(run.took < milliseconds(2000));
  CHECK(c.out == std::vector<std::string>{"started"});
}

TEST_CASE("RealProcessRunner runs a file without #! through /bin/sh") {
  testing::TempDir dir;
  testing::WriteTestFile(dir.Sub("plain"), "echo plain-ok\n", 0755);
  RealProcessRunner runner;
  Captured c;
  ProcessSpec spec = ShellSpec("", &c);
  spec.argv = {dir.Sub("plain")};
  auto outcome = runner.Run(spec);
  REQUIRE(outcome.ok());
  CHECK(outcome->Succeeded());
  CHECK(c.out == std::vector<std::string>{"plain-ok"});
}

TEST_CASE("RealProcessRunner reports a program that cannot start") {
  RealProcessRunner runner;
  ProcessSpec spec;
  spec.argv = {"/nonexistent/program"};
  auto outcome = runner.Run(spec);
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.status().code() == Code::kNotFound);
  CHECK(outcome.status().message().find("/nonexistent/program") != std::string::npos);

  spec.argv = {"/bin/true"};
  spec.runas = "no-such-user-berth";
  auto no_user = runner.Run(spec);
  REQUIRE_FALSE(no_user.ok());
  CHECK(no_user.status().message().find("no-such-user-berth") != std::string::npos);
}

TEST_CASE("RealProcessRunner runas switches user and login environment") {
  if (::geteuid() != 0) {
    WARN("not root: skipping the runas test");
    return;
  }
  RealProcessRunner runner;
  Captured c;
  ProcessSpec spec = ShellSpec("id -un; echo \"$USER $LOGNAME\"; echo \"HOME=$HOME\"", &c);
  spec.env = {"PATH=/usr/bin:/bin", "USER=root", "HOME=/root"};
  spec.runas = "nobody";
  spec.cwd = "/";
  auto outcome = runner.Run(spec);
  REQUIRE(outcome.ok());
  CHECK(outcome->Succeeded());
  REQUIRE(c.out.size() == 3);
  CHECK(c.out[0] == "nobody");
  CHECK(c.out[1] == "nobody nobody");
  CHECK(c.out[2] != "HOME=/root");
}

}  // namespace
}  // namespace berth::agent
