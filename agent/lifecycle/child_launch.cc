#include "agent/lifecycle/child_launch.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <optional>

namespace berth::agent {
namespace {

// Where the child failed before exec; reported through a CLOEXEC pipe.
enum class Stage : int { kSetup = 1, kUser = 2, kChdir = 3, kExec = 4 };
struct ChildError {
  Stage stage;
  int err;
};

struct UserIds {
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;
  std::vector<std::string> env;  // HOME, USER, LOGNAME, SHELL
};

Result<UserIds> LookUpUser(const std::string& name) {
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* found = nullptr;
  int rc = ::getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &found);
  if (rc != 0 || found == nullptr) {
    return NotFound("runas user " + name + " does not exist on this host");
  }
  UserIds ids;
  ids.uid = pw.pw_uid;
  ids.gid = pw.pw_gid;
  int n = 64;
  ids.groups.resize(n);
  while (::getgrouplist(name.c_str(), pw.pw_gid, ids.groups.data(), &n) < 0) {
    ids.groups.resize(n + 64);
    n = static_cast<int>(ids.groups.size());
  }
  ids.groups.resize(n);
  std::string shell = pw.pw_shell && *pw.pw_shell ? pw.pw_shell : "/bin/sh";
  ids.env = {std::string("HOME=") + pw.pw_dir, "USER=" + name, "LOGNAME=" + name, "SHELL=" + shell};
  return ids;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

[[noreturn]] void Fail(int report_fd, Stage stage) {
  ChildError e{stage, errno};
  ssize_t ignored = ::write(report_fd, &e, sizeof(e));
  (void)ignored;
  ::_exit(127);
}

// Runs in the forked child: async-signal-safe calls only.
[[noreturn]] void ExecInChild(char* const* argv, char* const* sh_argv, char* const* envp,
                              const char* cwd, const UserIds* user, int out_w, int err_w,
                              int report_fd) {
  ::setpgid(0, 0);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int sig = 1; sig < NSIG; ++sig) ::signal(sig, SIG_DFL);
  int devnull = ::open("/dev/null", O_RDONLY);
  if (devnull < 0 || ::dup2(devnull, 0) < 0 || ::dup2(out_w, 1) < 0 || ::dup2(err_w, 2) < 0) {
    Fail(report_fd, Stage::kSetup);
  }
  // Nothing of the agent's (sockets, state files) leaks into hooks.
  ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
  if (user != nullptr) {
    if (::setgroups(user->groups.size(), user->groups.data()) != 0 || ::setgid(user->gid) != 0 ||
        ::setuid(user->uid) != 0) {
      Fail(report_fd, Stage::kUser);
    }
  }
  if (*cwd != '\0' && ::chdir(cwd) != 0) Fail(report_fd, Stage::kChdir);
  ::execve(argv[0], argv, envp);
  if (errno == ENOEXEC) ::execve("/bin/sh", sh_argv, envp);
  Fail(report_fd, Stage::kExec);
}

Status ChildErrorStatus(const ChildError& e, const ProcessSpec& spec) {
  std::string why = std::strerror(e.err);
  const std::string& program = spec.argv[0];
  switch (e.stage) {
    case Stage::kExec:
      if (e.err == ENOENT) return NotFound("cannot run " + program + ": " + why);
      if (e.err == EACCES) return PermissionDenied("cannot run " + program + ": " + why);
      return Internal("cannot run " + program + ": " + why);
    case Stage::kChdir:
      return Internal("cannot run " + program + ": cannot change directory to " + spec.cwd + ": " +
                      why);
    case Stage::kUser:
      return PermissionDenied("cannot run " + program + " as user " + spec.runas + ": " + why);
    case Stage::kSetup:
      break;
  }
  return Internal("cannot run " + program + ": child setup failed: " + why);
}

void ClosePair(int fds[2]) {
  for (int i = 0; i < 2; ++i) {
    if (fds[i] >= 0) ::close(fds[i]);
  }
}

}  // namespace

std::vector<std::string> MergeEnv(const std::vector<std::string>& env,
                                  const std::vector<std::string>& overrides) {
  auto key_of = [](const std::string& entry) { return entry.substr(0, entry.find('=')); };
  std::vector<std::string> out;
  for (const auto& entry : env) {
    bool replaced = false;
    for (const auto& o : overrides) replaced = replaced || key_of(o) == key_of(entry);
    if (!replaced) out.push_back(entry);
  }
  out.insert(out.end(), overrides.begin(), overrides.end());
  return out;
}

Result<LaunchedChild> LaunchChild(const ProcessSpec& spec) {
  if (spec.argv.empty()) return InvalidArgument("ProcessSpec.argv is empty");
  std::optional<UserIds> user;
  std::vector<std::string> env = spec.env;
  if (!spec.runas.empty()) {
    ASSIGN_OR_RETURN(user, LookUpUser(spec.runas));
    env = MergeEnv(env, user->env);
  }
  std::vector<std::string> argv = spec.argv;
  std::vector<std::string> sh_argv = spec.argv;
  sh_argv.insert(sh_argv.begin(), "/bin/sh");
  std::vector<char*> argv_c = CStrings(argv), sh_argv_c = CStrings(sh_argv), envp_c = CStrings(env);

  int out[2] = {-1, -1}, err[2] = {-1, -1}, report[2] = {-1, -1};
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0 ||
      ::pipe2(report, O_CLOEXEC) != 0) {
    Status s = Internal(std::string("pipe: ") + std::strerror(errno));
    ClosePair(out), ClosePair(err), ClosePair(report);
    return s;
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    Status s = Internal(std::string("fork: ") + std::strerror(errno));
    ClosePair(out), ClosePair(err), ClosePair(report);
    return s;
  }
  if (pid == 0) {
    ExecInChild(argv_c.data(), sh_argv_c.data(), envp_c.data(), spec.cwd.c_str(),
                user ? &*user : nullptr, out[1], err[1], report[1]);
  }
  // Also in the parent, so a kill(-pid) right after fork cannot miss the group.
  ::setpgid(pid, pid);
  ::close(out[1]), ::close(err[1]), ::close(report[1]);
  ChildError child_error{};
  ssize_t n;
  do {
    n = ::read(report[0], &child_error, sizeof(child_error));
  } while (n < 0 && errno == EINTR);
  ::close(report[0]);
  if (n == static_cast<ssize_t>(sizeof(child_error))) {
    ::close(out[0]), ::close(err[0]);
    int wstatus;
    while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    return ChildErrorStatus(child_error, spec);
  }
  ::fcntl(out[0], F_SETFL, O_NONBLOCK);
  ::fcntl(err[0], F_SETFL, O_NONBLOCK);
  return LaunchedChild{pid, out[0], err[0]};
}

}  // namespace berth::agent
