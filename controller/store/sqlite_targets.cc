// SqliteStore: a deployment's targets and their lifecycle events.
#include <algorithm>
#include <map>
#include <optional>

#include "controller/store/sqlite_codec.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

Status ReadTarget(Stmt& row, model::Target* target) {
  target->deployment_id = row.Text(0);
  target->instance_id = row.Text(1);
  target->instance_name = row.Text(2);
  RETURN_IF_ERROR(
      DecodeEnum(row.Text(3), &model::ParseTargetStatus, &target->status, "targets.status"));
  target->position = row.Int(4);
  return Status::Ok();
}

// Reads an event row whose first column is its instance_id (to attach it to its target).
struct EventRow {
  std::string instance_id;
  model::LifecycleEvent event;
};

Status ReadEvent(Stmt& row, EventRow* out) {
  out->instance_id = row.Text(0);
  model::LifecycleEvent& e = out->event;
  e.seq = row.Int(1);
  e.name = row.Text(2);
  RETURN_IF_ERROR(DecodeEnum(row.Text(3), &model::ParseEventStatus, &e.status, "events.status"));
  e.start_time = row.Int64(4);
  e.end_time = row.Int64(5);
  e.diagnostics.error_code = row.Text(6);
  e.diagnostics.script_name = row.Text(7);
  e.diagnostics.message = row.Text(8);
  e.diagnostics.log_tail = row.Text(9);
  return Status::Ok();
}

// The largest change number (migration 0007) of deployment ?1's targets and events: two
// seeks in the partial indexes (their `changed_seq > 0` must be in the query to use them).
constexpr char kLastChange[] =
    "SELECT MAX((SELECT IFNULL(MAX(changed_seq), 0) FROM targets "
    "WHERE deployment_id = ?1 AND changed_seq > 0), "
    "(SELECT IFNULL(MAX(changed_seq), 0) FROM events "
    "WHERE deployment_id = ?1 AND changed_seq > 0))";

// `column` + " IN (?4, ?5, ...)", one parameter per status; "" for none (any status).
std::string StatusFilter(const char* column, const std::vector<model::TargetStatus>& statuses) {
  if (statuses.empty()) return "";
  std::string sql = std::string(column) + " IN (";
  for (size_t i = 0; i < statuses.size(); ++i) {
    sql += (i == 0 ? "?" : ", ?") + std::to_string(i + 4);
  }
  return sql + ")";
}

// Binds what StatusFilter asked for.
void BindStatuses(Stmt& stmt, const std::vector<model::TargetStatus>& statuses) {
  for (size_t i = 0; i < statuses.size(); ++i) {
    stmt.BindAt(static_cast<int>(i + 4), std::string(TargetStatusName(statuses[i])));
  }
}

constexpr char kSelectEvents[] =
    "SELECT instance_id, seq, name, status, start_time, end_time, error_code, "
    "script_name, message, log_tail FROM events "
    "WHERE deployment_id = ?1 AND instance_id = ?2 ORDER BY seq";

}  // namespace

Status SqliteStore::InsertTarget(const model::Target& t) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  const std::string where = "instance " + t.instance_id + " in deployment " + t.deployment_id;
  Stmt target(&cache_,
              "INSERT INTO targets (deployment_id, instance_id, instance_name, status, position) "
              "VALUES (?1, ?2, ?3, ?4, ?5)");
  target.Bind(t.deployment_id, t.instance_id, t.instance_name, TargetStatusName(t.status),
              t.position);
  Status s = target.Run();
  if (s.code() == Code::kAlreadyExists) return InvalidArgument(where + " is a target twice");
  RETURN_IF_ERROR(Explain(s, Code::kNotFound, "instance " + t.instance_id + " does not exist"));
  for (const model::LifecycleEvent& e : t.events) {
    Stmt event(&cache_,
               "INSERT INTO events (deployment_id, instance_id, seq, name, status, start_time, "
               "end_time, error_code, script_name, message, log_tail) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    event.Bind(t.deployment_id, t.instance_id, e.seq, e.name, EventStatusName(e.status),
               e.start_time, e.end_time, e.diagnostics.error_code, e.diagnostics.script_name,
               e.diagnostics.message, e.diagnostics.log_tail);
    s = event.Run();
    if (s.code() == Code::kAlreadyExists) {
      return InvalidArgument(where + " has event seq " + std::to_string(e.seq) + " twice");
    }
    RETURN_IF_ERROR(s);
  }
  return Status::Ok();
}

Result<std::vector<model::Target>> SqliteStore::GetTargets(const std::string& deployment_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt targets_stmt(&cache_,
                    "SELECT deployment_id, instance_id, instance_name, status, position "
                    "FROM targets WHERE deployment_id = ?1 ORDER BY position, instance_id");
  ASSIGN_OR_RETURN(auto targets, targets_stmt.Bind(deployment_id).All<model::Target>(ReadTarget));
  if (targets.empty()) {
    // Tell "no targets" from "no such deployment".
    RETURN_IF_ERROR(GetDeployment(deployment_id).status());
    return targets;
  }
  Stmt events_stmt(&cache_,
                   "SELECT instance_id, seq, name, status, start_time, end_time, error_code, "
                   "script_name, message, log_tail FROM events WHERE deployment_id = ?1 "
                   "ORDER BY instance_id, seq");
  ASSIGN_OR_RETURN(auto events, events_stmt.Bind(deployment_id).All<EventRow>(ReadEvent));
  std::map<std::string, model::Target*> by_instance;
  for (model::Target& t : targets) by_instance[t.instance_id] = &t;
  for (EventRow& row : events) {
    // The events table's foreign key guarantees the target exists.
    by_instance[row.instance_id]->events.push_back(std::move(row.event));
  }
  return targets;
}

Result<model::Target> SqliteStore::GetTarget(const std::string& deployment_id,
                                            const std::string& instance_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt target_stmt(&cache_,
                   "SELECT deployment_id, instance_id, instance_name, status, position "
                   "FROM targets WHERE deployment_id = ?1 AND instance_id = ?2");
  ASSIGN_OR_RETURN(std::optional<model::Target> target,
                   target_stmt.Bind(deployment_id, instance_id).First<model::Target>(ReadTarget));
  if (!target) {
    return NotFound("instance " + instance_id + " is not a target of deployment " + deployment_id);
  }
  Stmt events_stmt(&cache_, kSelectEvents);
  ASSIGN_OR_RETURN(auto events,
                   events_stmt.Bind(deployment_id, instance_id).All<EventRow>(ReadEvent));
  for (EventRow& row : events) target->events.push_back(std::move(row.event));
  return *std::move(target);
}

Result<std::optional<model::LifecycleEvent>> SqliteStore::FindEvent(
    const std::string& deployment_id, const std::string& instance_id, int seq) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "SELECT instance_id, seq, name, status, start_time, end_time, error_code, "
            "script_name, message, log_tail FROM events "
            "WHERE deployment_id = ?1 AND instance_id = ?2 AND seq = ?3");
  ASSIGN_OR_RETURN(std::optional<EventRow> row,
                   stmt.Bind(deployment_id, instance_id, seq).First<EventRow>(ReadEvent));
  if (!row) return std::optional<model::LifecycleEvent>();
  return std::optional<model::LifecycleEvent>(std::move(row->event));
}

Result<std::vector<model::Target>> SqliteStore::ListTargets(const TargetQuery& query) {
  std::string sql =
      "SELECT deployment_id, instance_id, instance_name, status, position FROM targets "
      "WHERE deployment_id = ?1 AND position > ?2";
  sql += StatusFilter(" AND status", query.statuses);
  sql += " ORDER BY position, instance_id LIMIT ?3";
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, sql.c_str());
  stmt.Bind(query.deployment_id, query.after_position, query.limit > 0 ? query.limit : -1);
  BindStatuses(stmt, query.statuses);
  ASSIGN_OR_RETURN(auto targets, stmt.All<model::Target>(ReadTarget));
  if (targets.empty()) {
    RETURN_IF_ERROR(GetDeployment(query.deployment_id).status());
    return targets;
  }
  if (!query.with_events) return targets;
  RETURN_IF_ERROR(LoadEvents(query.deployment_id, &targets));
  return targets;
}

Status SqliteStore::LoadEvents(const std::string& deployment_id,
                               std::vector<model::Target>* targets) {
  Stmt events_stmt(&cache_, kSelectEvents);
  for (model::Target& t : *targets) {
    ASSIGN_OR_RETURN(auto events,
                     events_stmt.Bind(deployment_id, t.instance_id).All<EventRow>(ReadEvent));
    for (EventRow& row : events) t.events.push_back(std::move(row.event));
    events_stmt.Reset();
  }
  return Status::Ok();
}

Result<int64_t> SqliteStore::LastChange(const std::string& deployment_id) {
  Stmt stmt(&cache_, kLastChange);
  ASSIGN_OR_RETURN(bool has_row, stmt.Bind(deployment_id).Step());
  return has_row ? stmt.Int64(0) : 0;
}

Result<int64_t> SqliteStore::NextChange(const std::string& deployment_id) {
  auto it = last_change_.find(deployment_id);
  if (it == last_change_.end()) {
    ASSIGN_OR_RETURN(int64_t last, LastChange(deployment_id));
    it = last_change_.emplace(deployment_id, last).first;
  }
  return ++it->second;
}

Result<TargetChanges> SqliteStore::ListChangedTargets(const TargetChangeQuery& query) {
  // Driven by the targets_by_change and events_by_change indexes: it reads the rows
  // changed after the cursor, never the whole deployment.
  std::string sql =
      "SELECT t.deployment_id, t.instance_id, t.instance_name, t.status, t.position, c.last "
      "FROM (SELECT instance_id, MAX(changed_seq) AS last FROM ("
      "SELECT instance_id, changed_seq FROM targets "
      "WHERE deployment_id = ?1 AND changed_seq > 0 AND changed_seq > ?2 "
      "UNION ALL "
      "SELECT instance_id, changed_seq FROM events "
      "WHERE deployment_id = ?1 AND changed_seq > 0 AND changed_seq > ?2"
      ") GROUP BY instance_id) AS c "
      "JOIN targets t ON t.deployment_id = ?1 AND t.instance_id = c.instance_id";
  sql += StatusFilter(" WHERE t.status", query.statuses);
  sql += " ORDER BY c.last LIMIT ?3";
  const int limit = query.limit > 0 ? query.limit : 100;
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, sql.c_str());
  stmt.Bind(query.deployment_id, query.after, limit);
  BindStatuses(stmt, query.statuses);
  TargetChanges changes;
  int64_t last_listed = query.after;
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    model::Target t;
    RETURN_IF_ERROR(ReadTarget(stmt, &t));
    last_listed = stmt.Int64(5);
    changes.targets.push_back(std::move(t));
  }
  changes.more = static_cast<int>(changes.targets.size()) == limit;
  if (changes.more) {
    changes.cursor = last_listed;
  } else {
    // Everything up to now was seen, including changes of targets the filter left out.
    ASSIGN_OR_RETURN(int64_t last, LastChange(query.deployment_id));
    changes.cursor = std::max(last, query.after);
    if (last == 0) RETURN_IF_ERROR(GetDeployment(query.deployment_id).status());
  }
  RETURN_IF_ERROR(LoadEvents(query.deployment_id, &changes.targets));
  return changes;
}

Result<model::DeploymentOverview> SqliteStore::CountTargets(const std::string& deployment_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "SELECT status, n FROM target_counts WHERE deployment_id = ?1");
  stmt.Bind(deployment_id);
  model::DeploymentOverview o;
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) return o;
    model::TargetStatus status;
    RETURN_IF_ERROR(
        DecodeEnum(stmt.Text(0), &model::ParseTargetStatus, &status, "target_counts.status"));
    const int n = stmt.Int(1);
    switch (status) {
      case model::TargetStatus::kPending:
        o.pending += n;
        break;
      case model::TargetStatus::kInProgress:
        o.in_progress += n;
        break;
      case model::TargetStatus::kSucceeded:
        o.succeeded += n;
        break;
      case model::TargetStatus::kFailed:
        o.failed += n;
        break;
      case model::TargetStatus::kSkipped:
        o.skipped += n;
        break;
      case model::TargetStatus::kUnknown:
        o.unknown += n;
        break;
    }
  }
}

Status SqliteStore::SkipPendingTargets(const std::string& deployment_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  const std::string pending = TargetStatusName(model::TargetStatus::kPending);
  const std::string skipped = TargetStatusName(model::TargetStatus::kSkipped);
  // One change number per target (the first free one plus its position), shared by
  // its events, so that change numbers stay unique per target. The numbers are not
  // handed out one by one: the next change reloads the counter from the database.
  ASSIGN_OR_RETURN(int64_t last, NextChange(deployment_id));
  last_change_.erase(deployment_id);
  Stmt events(&cache_,
              "UPDATE events SET status = ?3, changed_seq = ?4 + (SELECT position FROM "
              "targets t WHERE t.deployment_id = ?1 AND t.instance_id = events.instance_id) "
              "WHERE deployment_id = ?1 AND status = ?2 AND "
              "instance_id IN (SELECT instance_id FROM targets "
              "WHERE deployment_id = ?1 AND status = ?2)");
  RETURN_IF_ERROR(events.Bind(deployment_id, pending, skipped, last).Run());
  Stmt targets(&cache_,
               "UPDATE targets SET status = ?3, changed_seq = ?4 + position "
               "WHERE deployment_id = ?1 AND status = ?2");
  return targets.Bind(deployment_id, pending, skipped, last).Run();
}

Status SqliteStore::UpdateTargetStatus(const std::string& deployment_id,
                                       const std::string& instance_id, model::TargetStatus status) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  ASSIGN_OR_RETURN(int64_t change, NextChange(deployment_id));
  Stmt stmt(&cache_,
            "UPDATE targets SET status = ?3, changed_seq = ?4 "
            "WHERE deployment_id = ?1 AND instance_id = ?2");
  stmt.Bind(deployment_id, instance_id, TargetStatusName(status), change);
  return RunUpdate(stmt,
                   "instance " + instance_id + " is not a target of deployment " + deployment_id);
}

Status SqliteStore::UpdateEvent(const std::string& deployment_id, const std::string& instance_id,
                                const model::LifecycleEvent& e) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  // An event's end is a change of its target (migration 0007); its start is not, so the
  // write that starts it keeps the statement (and the index) it had before.
  const bool ended =
      e.status != model::EventStatus::kPending && e.status != model::EventStatus::kInProgress;
  int64_t change = 0;
  if (ended) {
    ASSIGN_OR_RETURN(change, NextChange(deployment_id));
  }
  Stmt stmt(&cache_,
            ended ? "UPDATE events SET status = ?4, start_time = ?5, end_time = ?6, "
                    "error_code = ?7, script_name = ?8, message = ?9, log_tail = ?10, "
                    "changed_seq = ?11 WHERE deployment_id = ?1 AND instance_id = ?2 AND seq = ?3"
                  : "UPDATE events SET status = ?4, start_time = ?5, end_time = ?6, "
                    "error_code = ?7, script_name = ?8, message = ?9, log_tail = ?10 "
                    "WHERE deployment_id = ?1 AND instance_id = ?2 AND seq = ?3");
  stmt.Bind(deployment_id, instance_id, e.seq, EventStatusName(e.status), e.start_time, e.end_time,
            e.diagnostics.error_code, e.diagnostics.script_name, e.diagnostics.message,
            e.diagnostics.log_tail);
  if (ended) stmt.BindAt(11, change);
  return RunUpdate(stmt, "event " + std::to_string(e.seq) + " (" + e.name + ") of instance " +
                             instance_id + " in deployment " + deployment_id + " does not exist");
}

}  // namespace berth::store
