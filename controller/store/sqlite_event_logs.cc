// SqliteStore: live event logs (store.h AppendEventLog / ListEventLog).
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr int64_t kTruncatedLineNo = -1;

// Adds one line unless (command_id, line_no) is stored already; true when it was added.
Result<bool> InsertLine(sqlite3* db, const EventLogLine& l) {
  Stmt stmt(db,
            "INSERT OR IGNORE INTO event_log_lines (command_id, line_no, deployment_id, "
            "instance_name, event_name, time_ms, stream, text) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  stmt.Bind(l.command_id, l.line_no, l.deployment_id, l.instance_name, l.event_name, l.time_ms,
            l.stream, l.text);
  RETURN_IF_ERROR(stmt.Run());
  return stmt.Changes() > 0;
}

struct LogSize {
  int64_t bytes = 0;
  bool truncated = false;
};

Result<LogSize> ReadSize(sqlite3* db, const std::string& command_id) {
  Stmt stmt(db, "SELECT bytes, truncated FROM event_log_sizes WHERE command_id = ?1");
  ASSIGN_OR_RETURN(std::optional<LogSize> size,
                   stmt.Bind(command_id).First<LogSize>([](Stmt& row, LogSize* out) {
                     out->bytes = row.Int64(0);
                     out->truncated = row.Bool(1);
                     return Status::Ok();
                   }));
  return size.value_or(LogSize{});
}

Status WriteSize(sqlite3* db, const std::string& command_id, const LogSize& size) {
  Stmt stmt(db,
            "INSERT INTO event_log_sizes (command_id, bytes, truncated) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (command_id) DO UPDATE SET bytes = ?2, truncated = ?3");
  return stmt.Bind(command_id, size.bytes, size.truncated).Run();
}

Status ReadLine(Stmt& row, EventLogLine* l) {
  l->seq = row.Int64(0);
  l->command_id = row.Text(1);
  l->line_no = row.Int64(2);
  l->deployment_id = row.Text(3);
  l->instance_name = row.Text(4);
  l->event_name = row.Text(5);
  l->time_ms = row.Int64(6);
  l->stream = row.Text(7);
  l->text = row.Text(8);
  return Status::Ok();
}

Result<int64_t> CountLines(sqlite3* db, const std::string& command_id) {
  Stmt stmt(db, "SELECT COUNT(*) FROM event_log_lines WHERE command_id = ?1");
  ASSIGN_OR_RETURN(std::optional<int64_t> count,
                   stmt.Bind(command_id).First<int64_t>([](Stmt& row, int64_t* out) {
                     *out = row.Int64(0);
                     return Status::Ok();
                   }));
  return count.value_or(0);
}

}  // namespace

Status SqliteStore::AppendEventLog(const std::vector<EventLogLine>& lines, int64_t max_bytes,
                                   int64_t max_lines) {
  if (lines.empty()) return Status::Ok();
  return Transact([&]() -> Status {
    const std::string& command_id = lines.front().command_id;
    ASSIGN_OR_RETURN(LogSize size, ReadSize(db_.get(), command_id));
    if (size.truncated) return Status::Ok();
    ASSIGN_OR_RETURN(int64_t rows, CountLines(db_.get(), command_id));
    for (const EventLogLine& line : lines) {
      if (line.command_id != command_id) {
        return InvalidArgument("an event log append mixes commands " + command_id + " and " +
                               line.command_id);
      }
      const int64_t bytes = static_cast<int64_t>(line.text.size()) + 1;
      if (size.bytes + bytes > max_bytes || rows >= max_lines) {
        EventLogLine marker = line;
        marker.line_no = kTruncatedLineNo;
        marker.stream = "stderr";
        const std::string limit = rows >= max_lines ? std::to_string(max_lines) + " lines"
                                                    : std::to_string(max_bytes) + " bytes";
        marker.text = "[berth: this event's log reached " + limit +
                      "; later lines were dropped (see scripts.log on the host)]";
        RETURN_IF_ERROR(InsertLine(db_.get(), marker).status());
        size.truncated = true;
        break;
      }
      ASSIGN_OR_RETURN(bool added, InsertLine(db_.get(), line));
      if (added) {
        size.bytes += bytes;
        ++rows;
      }
    }
    return WriteSize(db_.get(), command_id, size);
  });
}

Result<std::vector<EventLogLine>> SqliteStore::ListEventLog(const EventLogQuery& q) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "SELECT seq, command_id, line_no, deployment_id, instance_name, event_name, time_ms, "
            "stream, text FROM event_log_lines WHERE deployment_id = ?1 AND seq > ?2 "
            "AND (?3 = '' OR instance_name = ?3) AND (?4 = '' OR event_name = ?4) "
            "ORDER BY seq LIMIT ?5");
  stmt.Bind(q.deployment_id, q.after_seq, q.instance_name, q.event_name, q.limit);
  return stmt.All<EventLogLine>(ReadLine);
}

}  // namespace berth::store
