#include "agent/install/cleanup_list.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "agent/install/no_follow.h"
#include "common/fs.h"

namespace berth::agent {

Result<std::vector<std::string>> ReadCleanupList(const std::string& path) {
  std::vector<std::string> paths;
  if (!fs::Exists(path)) return paths;
  ASSIGN_OR_RETURN(std::string text, fs::ReadFile(path));
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    if (nl > start) paths.push_back(text.substr(start, nl - start));
  }
  return paths;
}

Status RemoveListedPaths(const std::vector<std::string>& paths) {
  for (auto it = paths.rbegin(); it != paths.rend(); ++it) {
    auto parent = OpenParentNoFollow(*it);
    if (!parent.ok()) {
      // Gone, or reached through a symlink someone put there since: not ours to remove.
      if (parent.status().code() != Code::kNotFound) {
        spdlog::warn("cleanup: not removing {}: {}", *it, parent.status().message());
      }
      continue;
    }
    const int dir = parent->dir.get();
    const char* name = parent->name.c_str();
    struct stat st {};
    if (::fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      // Not empty: something other than the previous install still lives there.
      if (::unlinkat(dir, name, AT_REMOVEDIR) != 0 && errno != ENOTEMPTY && errno != EEXIST &&
          errno != ENOENT) {
        return Internal("cannot remove directory " + *it + ": " + std::strerror(errno));
      }
      continue;
    }
    if (::unlinkat(dir, name, 0) != 0 && errno != ENOENT) {
      return Internal("cannot remove " + *it + ": " + std::strerror(errno));
    }
  }
  return Status::Ok();
}

Result<CleanupListWriter> CleanupListWriter::Create(const std::string& path) {
  RETURN_IF_ERROR(fs::MakeDirs(std::filesystem::path(path).parent_path().string()));
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Internal("cannot write " + path + ": " + std::strerror(errno));
  return CleanupListWriter(fd, path);
}

CleanupListWriter::CleanupListWriter(CleanupListWriter&& other) noexcept
    : fd_(other.fd_), path_(std::move(other.path_)) {
  other.fd_ = -1;
}

CleanupListWriter::~CleanupListWriter() {
  if (fd_ >= 0) ::close(fd_);
}

Status CleanupListWriter::Add(const std::string& created) {
  if (created.find('\n') != std::string::npos) {
    return InvalidArgument("cannot record a path with a newline in it: " + created);
  }
  std::string line = created + "\n";
  if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    return Internal("cannot append to " + path_ + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

Status CleanupListWriter::Finish() {
  if (::fsync(fd_) != 0) return Internal("cannot fsync " + path_ + ": " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace berth::agent
