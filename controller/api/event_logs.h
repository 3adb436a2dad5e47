// Live event logs: what agents stream while hooks run, and what the REST API and
// `berth deployment logs` read back (docs/api.md "Deployment logs").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/model/instance.h"
#include "controller/store/store.h"

namespace berth::api {

class EventLogs {
 public:
  static constexpr int64_t kDefaultMaxBytesPerEvent = 1 << 20;
  static constexpr int64_t kDefaultMaxLinesPerEvent = 20000;
  static constexpr int kMaxLinesPerRead = 1000;

  // `store` is not owned and must outlive this object. Each event (one command) keeps at
  // most `max_bytes_per_event` bytes of text in at most `max_lines_per_event` lines;
  // later lines are dropped with one marker.
  EventLogs(store::Store* store, int64_t max_bytes_per_event,
            int64_t max_lines_per_event = kDefaultMaxLinesPerEvent)
      : store_(store),
        max_bytes_per_event_(max_bytes_per_event),
        max_lines_per_event_(max_lines_per_event) {}

  // Stores lines of `command_id` for `instance`. NOT_FOUND when the command does not
  // exist or belongs to another instance (an agent may only write its own logs);
  // FAILED_PRECONDITION once the command completed: its log is closed.
  Status Append(const model::Instance& instance, const std::string& command_id,
                std::vector<store::EventLogLine> lines);

  // Lines of one deployment (NOT_FOUND when it does not exist), at most kMaxLinesPerRead.
  Result<std::vector<store::EventLogLine>> Read(store::EventLogQuery query);

 private:
  store::Store* store_;
  const int64_t max_bytes_per_event_;
  const int64_t max_lines_per_event_;
};

}  // namespace berth::api
