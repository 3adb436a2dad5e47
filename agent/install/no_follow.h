// Paths under the install root opened without following symlinks, so a service user who
// owns an installed directory cannot swap a subdirectory for a link to /etc and have the
// root agent write, chmod or unlink there. Every path given here is absolute and, once
// passed through ResolveTrustedSymlinks, free of symlinks: a symlink met later was put
// there since, and is refused.
#pragma once

#include <string>

#include "common/status.h"

namespace berth::agent {

// An owned file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const { return fd_; }

 private:
  int fd_;
};

// `path` with each existing symlink on it resolved, provided root or this process's user
// owns the link (a system link such as /var/run -> /run, or one the admin made); any other
// owner's link is FAILED_PRECONDITION "refusing to follow the symlink X (owned by uid N)".
// Missing trailing components are kept as they are.
Result<std::string> ResolveTrustedSymlinks(const std::string& path);

// The directory holding `path` (absolute), opened following no symlink on the way:
// openat2(RESOLVE_NO_SYMLINKS) where the kernel has it, else one O_NOFOLLOW component at
// a time. FAILED_PRECONDITION "refusing to follow a symlink in PATH" when one is met;
// NOT_FOUND when a component is missing.
struct ParentDir {
  Fd dir;
  std::string name;  // the last component of `path`
};
Result<ParentDir> OpenParentNoFollow(const std::string& path);

// `parent.name` opened with `flags | O_NOFOLLOW | O_CLOEXEC` (a symlink is refused as
// above), for fchmod, fchown and futimens.
Result<Fd> OpenNoFollow(const ParentDir& parent, int flags, const std::string& path);

}  // namespace berth::agent
