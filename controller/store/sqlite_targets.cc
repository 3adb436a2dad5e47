// SqliteStore: a deployment's targets and their lifecycle events.
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
  Stmt events_stmt(&cache_,
                   "SELECT instance_id, seq, name, status, start_time, end_time, error_code, "
                   "script_name, message, log_tail FROM events "
                   "WHERE deployment_id = ?1 AND instance_id = ?2 ORDER BY seq");
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
  if (!query.statuses.empty()) {
    sql += " AND status IN (";
    for (size_t i = 0; i < query.statuses.size(); ++i) {
      sql += (i == 0 ? "?" : ", ?") + std::to_string(i + 4);
    }
    sql += ")";
  }
  sql += " ORDER BY position, instance_id LIMIT ?3";
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, sql.c_str());
  stmt.Bind(query.deployment_id, query.after_position, query.limit > 0 ? query.limit : -1);
  for (size_t i = 0; i < query.statuses.size(); ++i) {
    stmt.BindAt(static_cast<int>(i + 4), std::string(TargetStatusName(query.statuses[i])));
  }
  ASSIGN_OR_RETURN(auto targets, stmt.All<model::Target>(ReadTarget));
  if (targets.empty()) {
    RETURN_IF_ERROR(GetDeployment(query.deployment_id).status());
    return targets;
  }
  if (!query.with_events) return targets;
  Stmt events_stmt(&cache_,
                   "SELECT instance_id, seq, name, status, start_time, end_time, error_code, "
                   "script_name, message, log_tail FROM events "
                   "WHERE deployment_id = ?1 AND instance_id = ?2 ORDER BY seq");
  for (model::Target& t : targets) {
    ASSIGN_OR_RETURN(auto events,
                     events_stmt.Bind(query.deployment_id, t.instance_id).All<EventRow>(ReadEvent));
    for (EventRow& row : events) t.events.push_back(std::move(row.event));
    events_stmt.Reset();
  }
  return targets;
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
  Stmt events(&cache_,
              "UPDATE events SET status = ?3 WHERE deployment_id = ?1 AND status = ?2 AND "
              "instance_id IN (SELECT instance_id FROM targets "
              "WHERE deployment_id = ?1 AND status = ?2)");
  RETURN_IF_ERROR(events.Bind(deployment_id, pending, skipped).Run());
  Stmt targets(&cache_,
               "UPDATE targets SET status = ?3 WHERE deployment_id = ?1 AND status = ?2");
  return targets.Bind(deployment_id, pending, skipped).Run();
}

Status SqliteStore::UpdateTargetStatus(const std::string& deployment_id,
                                       const std::string& instance_id, model::TargetStatus status) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "UPDATE targets SET status = ?3 WHERE deployment_id = ?1 AND instance_id = ?2");
  stmt.Bind(deployment_id, instance_id, TargetStatusName(status));
  return RunUpdate(stmt,
                   "instance " + instance_id + " is not a target of deployment " + deployment_id);
}

Status SqliteStore::UpdateEvent(const std::string& deployment_id, const std::string& instance_id,
                                const model::LifecycleEvent& e) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "UPDATE events SET status = ?4, start_time = ?5, end_time = ?6, error_code = ?7, "
            "script_name = ?8, message = ?9, log_tail = ?10 "
            "WHERE deployment_id = ?1 AND instance_id = ?2 AND seq = ?3");
  stmt.Bind(deployment_id, instance_id, e.seq, EventStatusName(e.status), e.start_time, e.end_time,
            e.diagnostics.error_code, e.diagnostics.script_name, e.diagnostics.message,
            e.diagnostics.log_tail);
  return RunUpdate(stmt, "event " + std::to_string(e.seq) + " (" + e.name + ") of instance " +
                             instance_id + " in deployment " + deployment_id + " does not exist");
}

}  // namespace berth::store
