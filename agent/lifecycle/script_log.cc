#include "agent/lifecycle/script_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "agent/lifecycle/log_sanitizer.h"

namespace berth::agent {

std::string IsoTimeUtc(int64_t epoch_ms) {
  time_t secs = static_cast<time_t>(epoch_ms / 1000);
  tm utc{};
  ::gmtime_r(&secs, &utc);
  char buf[40];
  size_t n = std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(buf + n, sizeof(buf) - n, ".%03dZ", static_cast<int>(epoch_ms % 1000));
  return buf;
}

namespace {

int OpenForAppend(const std::string& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

}  // namespace

Result<std::unique_ptr<ScriptLog>> ScriptLog::Open(const std::string& path, std::string event,
                                                   const Clock* clock, LogRotation rotation) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) return Internal("cannot create the directory of " + path + ": " + ec.message());
  int fd = OpenForAppend(path);
  if (fd < 0) return Internal("cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  const uint64_t size = ::fstat(fd, &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
  return std::unique_ptr<ScriptLog>(
      new ScriptLog(fd, size, path, std::move(event), clock, rotation));
}

ScriptLog::~ScriptLog() {
  if (fd_ >= 0) ::close(fd_);
}

bool ScriptLog::Rotate() {
  ::close(fd_);
  Status rotated = RotateLogFiles(path_, rotation_.max_files);
  if (!rotated.ok() && status_.ok()) status_ = rotated;
  fd_ = OpenForAppend(path_);
  if (fd_ < 0) {
    if (status_.ok()) status_ = Internal("cannot open " + path_ + ": " + std::strerror(errno));
    return false;
  }
  // Also after a failed rotation, so the next attempt comes a whole max_bytes later.
  size_ = 0;
  return true;
}

void ScriptLog::Write(OutputStream stream, std::string_view raw_line) {
  std::string line = StripControlSequences(raw_line);
  std::string stream_tag = std::string("[") + OutputStreamName(stream) + "] ";
  std::string record =
      "[" + IsoTimeUtc(clock_->NowMs()) + "] [" + event_ + "] " + stream_tag + line + "\n";
  const bool rotate = size_ > 0 && size_ + record.size() > rotation_.max_bytes;
  // One write per line with O_APPEND: lines of concurrent writers never interleave.
  if (fd_ >= 0 && (!rotate || Rotate())) {
    if (::write(fd_, record.data(), record.size()) != static_cast<ssize_t>(record.size())) {
      if (status_.ok())
        status_ = Internal("cannot append to " + path_ + ": " + std::strerror(errno));
    } else {
      size_ += record.size();
    }
  }
  std::string tail_line = stream_tag + line.substr(0, kTailLineMax);
  tail_bytes_ += tail_line.size() + 1;
  tail_.push_back(std::move(tail_line));
  while (tail_bytes_ - (tail_.front().size() + 1) >= kTailMinBytes) {
    tail_bytes_ -= tail_.front().size() + 1;
    tail_.pop_front();
  }
}

std::string ScriptLog::Tail() const {
  std::string out;
  out.reserve(tail_bytes_);
  for (const auto& line : tail_) {
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace berth::agent
