// One event's hook output: appended to the deployment's scripts.log and kept as a tail
// for the event's diagnostics (APPSPEC.md "hooks").
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "agent/lifecycle/log_rotation.h"
#include "agent/lifecycle/process_runner.h"
#include "common/clock.h"
#include "common/status.h"

namespace berth::agent {

class ScriptLog {
 public:
  static constexpr size_t kTailMinBytes = 4096;  // the tail keeps at least this much
  static constexpr size_t kTailLineMax = 4096;   // so it stays under ~8 KiB

  // Opens `path` for appending (creating it and its directory). `clock` must outlive
  // this object. A line that would take the file past rotation.max_bytes first rotates
  // it (log_rotation.h); a single longer line still goes whole into a fresh file.
  static Result<std::unique_ptr<ScriptLog>> Open(const std::string& path, std::string event,
                                                 const Clock* clock, LogRotation rotation = {});
  ~ScriptLog();
  ScriptLog(const ScriptLog&) = delete;
  ScriptLog& operator=(const ScriptLog&) = delete;

  // Appends "[<ISO-8601 UTC time>] [<event>] [stdout|stderr] <line>" with control
  // characters stripped. A write error is remembered (see status()), not fatal: the
  // hook's own result matters more than its log.
  void Write(OutputStream stream, std::string_view raw_line);

  // The last whole lines written, "[stdout] line" each, newline-separated: at least
  // kTailMinBytes when that much was written, at most about twice that.
  std::string Tail() const;
  const Status& status() const { return status_; }

 private:
  ScriptLog(int fd, uint64_t size, std::string path, std::string event, const Clock* clock,
            LogRotation rotation)
      : fd_(fd),
        size_(size),
        path_(std::move(path)),
        event_(std::move(event)),
        clock_(clock),
        rotation_(rotation) {}
  // Closes, rotates and reopens the file; false (status_ set) when it cannot.
  bool Rotate();

  int fd_;
  uint64_t size_;  // of the file fd_ appends to
  std::string path_;
  std::string event_;
  const Clock* clock_;
  LogRotation rotation_;
  std::deque<std::string> tail_;
  size_t tail_bytes_ = 0;
  Status status_;
};

// "2024-05-01T12:00:00.123Z".
std::string IsoTimeUtc(int64_t epoch_ms);

}  // namespace berth::agent
