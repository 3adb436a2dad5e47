#include "agent/lifecycle/log_rotation.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace berth::agent {
namespace {

std::string Numbered(const std::string& path, int n) {
  return n == 0 ? path : path + "." + std::to_string(n);
}

}  // namespace

Status RotateLogFiles(const std::string& path, int max_files) {
  const int oldest = max_files - 1;  // the highest number kept
  if (std::remove(Numbered(path, oldest).c_str()) != 0 && errno != ENOENT) {
    return Internal("cannot remove " + Numbered(path, oldest) + ": " + std::strerror(errno));
  }
  for (int n = oldest - 1; n >= 0; --n) {
    const std::string from = Numbered(path, n), to = Numbered(path, n + 1);
    if (std::rename(from.c_str(), to.c_str()) != 0 && errno != ENOENT) {
      return Internal("cannot rename " + from + " to " + to + ": " + std::strerror(errno));
    }
  }
  return Status::Ok();
}

}  // namespace berth::agent
