#include "agent/lifecycle/real_process_runner.h"

#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "agent/lifecycle/child_launch.h"
#include "agent/lifecycle/line_splitter.h"

namespace berth::agent {
namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// True while the group has a member that is not a zombie. Zombies count as members for
// kill(2), and orphaned ones may never be reaped where PID 1 does not reap; they hold
// no resources and cannot be signalled, so they do not keep an event alive.
bool GroupHasLiveMember(pid_t pgid) {
  if (::kill(-pgid, 0) != 0) return false;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return true;
  bool live = false;
  while (dirent* entry = ::readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    std::ifstream in(std::string("/proc/") + entry->d_name + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Fields after the ")" that closes comm: state ppid pgrp ...
    size_t close = stat.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    int ppid = 0, pgrp = 0;
    if (std::sscanf(stat.c_str() + close + 1, " %c %d %d", &state, &ppid, &pgrp) != 3) continue;
    if (pgrp == pgid && state != 'Z' && state != 'X') {
      live = true;
      break;
    }
  }
  ::closedir(proc);
  return live;
}

class ChildWatch {
 public:
  ChildWatch(const ProcessSpec& spec, const LaunchedChild& child)
      : spec_(spec),
        child_(child),
        out_(OutputStream::kStdout, &spec.on_output),
        err_(OutputStream::kStderr, &spec.on_output) {
    fds_ = {child.stdout_fd, child.stderr_fd};
    // -1 on kernels before 5.3: the child's exit is then noticed on a tick. (glibc 2.36's
    // <sys/pidfd.h> lacks C linkage for C++, hence the raw syscall.)
    pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, child.pid, 0));
    start_ = SteadyClock::now();
    outcome_.pid = child.pid;
  }
  ~ChildWatch() {
    for (int fd : fds_) {
      if (fd >= 0) ::close(fd);
    }
    if (pidfd_ >= 0) ::close(pidfd_);
  }

  ProcessOutcome Wait() {
    while (true) {
      auto now = SteadyClock::now();
      if (!reaped_) Reap(now);
      if (reaped_ && !outcome_.timed_out) {
        if (fds_[0] < 0 && fds_[1] < 0) break;
        if (now >= exit_time_ + spec_.output_grace) {
          outcome_.outputs_left_open = true;
          break;
        }
      }
      if (outcome_.timed_out && reaped_ && (fds_[0] < 0 && fds_[1] < 0) &&
          !GroupHasLiveMember(child_.pid)) {
        break;
      }
      if (!reaped_ && !outcome_.timed_out && spec_.timeout.count() > 0 &&
          now >= start_ + spec_.timeout) {
        outcome_.timed_out = true;
        ::kill(-child_.pid, SIGTERM);
        kill_at_ = now + spec_.kill_grace;
      }
      if (outcome_.timed_out && !killed_ && now >= kill_at_) {
        ::kill(-child_.pid, SIGKILL);
        killed_ = true;
        give_up_at_ = now + milliseconds(1000);
      }
      if (killed_ && now >= give_up_at_) break;  // unkillable (D state): stop waiting
      PollOnce(NextWake(now));
    }
    out_.Flush();
    err_.Flush();
    return outcome_;
  }

 private:
  void Reap(SteadyClock::time_point now) {
    int wstatus = 0;
    pid_t r = ::waitpid(child_.pid, &wstatus, WNOHANG);
    if (r != child_.pid) return;
    reaped_ = true;
    exit_time_ = now;
    if (WIFEXITED(wstatus)) {
      outcome_.exited = true;
      outcome_.exit_code = WEXITSTATUS(wstatus);
    } else if (WIFSIGNALED(wstatus)) {
      outcome_.term_signal = WTERMSIG(wstatus);
    }
    if (pidfd_ >= 0) ::close(pidfd_), pidfd_ = -1;
  }

  milliseconds NextWake(SteadyClock::time_point now) {
    SteadyClock::time_point wake = SteadyClock::time_point::max();
    if (reaped_ && !outcome_.timed_out) wake = std::min(wake, exit_time_ + spec_.output_grace);
    if (!reaped_ && !outcome_.timed_out && spec_.timeout.count() > 0)
      wake = std::min(wake, start_ + spec_.timeout);
    if (outcome_.timed_out && !killed_) wake = std::min(wake, kill_at_);
    if (killed_) wake = std::min(wake, give_up_at_);
    auto left =
        wake == SteadyClock::time_point::max()
            ? milliseconds(-1)
            : std::chrono::ceil<milliseconds>(std::max(wake - now, SteadyClock::duration(0)));
    // Without a pidfd, the child's exit is noticed on a tick; after a timeout the
    // group's members are checked on a tick too.
    bool tick = (!reaped_ && pidfd_ < 0) || outcome_.timed_out;
    if (tick && (left.count() < 0 || left > milliseconds(50))) left = milliseconds(50);
    return left;
  }

  void PollOnce(milliseconds timeout) {
    std::array<pollfd, 3> pfds{};
    int n = 0;
    for (int fd : fds_) {
      if (fd >= 0) pfds[n++] = {fd, POLLIN, 0};
    }
    if (pidfd_ >= 0) pfds[n++] = {pidfd_, POLLIN, 0};
    if (n == 0) {
      ::usleep(static_cast<useconds_t>(std::max<int64_t>(timeout.count(), 0) * 1000));
      return;
    }
    if (::poll(pfds.data(), n, static_cast<int>(timeout.count())) <= 0) return;
    for (int i = 0; i < 2; ++i) Drain(i);
  }

  void Drain(int index) {
    int& fd = fds_[index];
    if (fd < 0) return;
    char buf[16384];
    while (true) {
      ssize_t n = ::read(fd, buf, sizeof(buf));
      if (n > 0) {
        (index == 0 ? out_ : err_).Append(std::string_view(buf, static_cast<size_t>(n)));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      ::close(fd);  // EOF or a read error: this stream is done
      fd = -1;
      return;
    }
  }

  const ProcessSpec& spec_;
  LaunchedChild child_;
  LineSplitter out_, err_;
  std::array<int, 2> fds_;
  int pidfd_ = -1;
  ProcessOutcome outcome_;
  bool reaped_ = false;
  bool killed_ = false;
  SteadyClock::time_point start_, exit_time_, kill_at_, give_up_at_;
};

}  // namespace

Result<ProcessOutcome> RealProcessRunner::Run(const ProcessSpec& spec) {
  ASSIGN_OR_RETURN(LaunchedChild child, LaunchChild(spec));
  ChildWatch watch(spec, child);
  return watch.Wait();
}

}  // namespace berth::agent
