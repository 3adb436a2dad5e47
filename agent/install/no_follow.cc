#include "agent/install/no_follow.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace berth::agent {
namespace {

namespace stdfs = std::filesystem;

Status Refused(const std::string& path) {
  return FailedPrecondition("refusing to follow a symlink in " + path);
}

Status OpenError(const std::string& path) {
  if (errno == ELOOP || errno == EXDEV) return Refused(path);
  if (errno == ENOENT) return NotFound("cannot open " + path + ": it does not exist");
  return Internal("cannot open " + path + ": " + std::strerror(errno));
}

// Opens absolute directory `dir` with no symlink followed; -1 with errno set on failure.
int OpenDirectory(const std::string& dir) {
#ifdef SYS_openat2
  open_how how{};
  how.flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
  how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  int fd = static_cast<int>(::syscall(SYS_openat2, AT_FDCWD, dir.c_str(), &how, sizeof(how)));
  if (fd >= 0 || errno != ENOSYS) return fd;
#endif
  // Older kernels: one component at a time, each O_NOFOLLOW.
  int fd_walk = ::open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  for (const stdfs::path& part : stdfs::path(dir).relative_path()) {
    if (fd_walk < 0) return -1;
    int next = ::openat(fd_walk, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int saved = errno;
    ::close(fd_walk);
    errno = saved;
    fd_walk = next;
  }
  return fd_walk;
}

}  // namespace

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::string> ResolveTrustedSymlinks(const std::string& path) {
  stdfs::path resolved = "/";
  const stdfs::path relative = stdfs::path(path).lexically_normal().relative_path();
  std::vector<stdfs::path> rest(relative.begin(), relative.end());
  for (size_t i = 0, hops = 0; i < rest.size(); ++i) {
    if (rest[i].empty() || rest[i] == ".") continue;
    if (rest[i] == "..") {
      resolved = resolved.parent_path();
      continue;
    }
    stdfs::path next = resolved / rest[i];
    struct stat st {};
    if (::lstat(next.c_str(), &st) != 0) {  // missing: the rest is created by the install
      for (size_t j = i + 1; j < rest.size(); ++j) next /= rest[j];
      return next.lexically_normal().string();
    }
    if (!S_ISLNK(st.st_mode)) {
      resolved = next;
      continue;
    }
    if (st.st_uid != 0 && st.st_uid != ::geteuid()) {
      return FailedPrecondition("refusing to follow the symlink " + next.string() +
                                " (owned by uid " + std::to_string(st.st_uid) + ")");
    }
    if (++hops > 40) return FailedPrecondition("too many symlinks in " + path);
    std::error_code ec;
    stdfs::path target = stdfs::read_symlink(next, ec);
    if (ec) return Internal("cannot read the symlink " + next.string() + ": " + ec.message());
    std::vector<stdfs::path> expanded(target.begin(), target.end());
    if (target.is_absolute()) {
      resolved = "/";
      expanded.erase(expanded.begin());
    }
    rest.insert(rest.begin() + static_cast<std::ptrdiff_t>(i) + 1, expanded.begin(),
                expanded.end());
  }
  return resolved.string();
}

Result<ParentDir> OpenParentNoFollow(const std::string& path) {
  stdfs::path p(path);
  ParentDir parent;
  parent.name = p.filename().string();
  if (!p.is_absolute() || parent.name.empty() || parent.name == "." || parent.name == "..") {
    return InvalidArgument("not an absolute path to a file: " + path);
  }
  parent.dir = Fd(OpenDirectory(p.parent_path().string()));
  if (parent.dir.get() < 0) return OpenError(path);
  return parent;
}

Result<Fd> OpenNoFollow(const ParentDir& parent, int flags, const std::string& path) {
  Fd fd(::openat(parent.dir.get(), parent.name.c_str(), flags | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) return OpenError(path);
  return fd;
}

}  // namespace berth::agent
