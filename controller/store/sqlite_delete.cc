// SqliteStore: deleting deployment groups, revisions and applications (store.h
// "Deletion"), and the deletion of deployments with everything that hangs off them that
// retention shares.
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

// Runs `sql`, in which "{ids}" stands for the deployment-id subquery, with its parameters.
Result<int64_t> RunWithIds(sqlite3* db, const std::string& sql, const std::string& ids,
                           const std::function<void(Stmt&)>& bind) {
  std::string text = sql;
  text.replace(text.find("{ids}"), 5, ids);
  Stmt stmt(db, text.c_str());
  bind(stmt);
  RETURN_IF_ERROR(stmt.Run());
  return static_cast<int64_t>(stmt.Changes());
}

Status ReadText(Stmt& row, std::string* out) {
  *out = row.Text(0);
  return Status::Ok();
}

}  // namespace

Result<PruneCounts> SqliteStore::DeleteDeploymentRows(const std::string& ids,
                                                      const std::function<void(Stmt&)>& bind) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  sqlite3* db = db_.get();
  PruneCounts counts;
  // Children first: the foreign keys are enforced.
  ASSIGN_OR_RETURN(
      counts.event_log_lines,
      RunWithIds(db, "DELETE FROM event_log_lines WHERE deployment_id IN ({ids})", ids, bind));
  RETURN_IF_ERROR(RunWithIds(db,
                             "DELETE FROM event_log_sizes WHERE command_id IN (SELECT id FROM "
                             "commands WHERE deployment_id IN ({ids}))",
                             ids, bind)
                      .status());
  for (const char* table : {"commands", "events", "targets", "target_counts"}) {
    RETURN_IF_ERROR(
        RunWithIds(db, std::string("DELETE FROM ") + table + " WHERE deployment_id IN ({ids})", ids,
                   bind)
            .status());
  }
  // Rollback links to a deleted deployment now point at nothing; they are history.
  ASSIGN_OR_RETURN(counts.deployments,
                   RunWithIds(db, "DELETE FROM deployments WHERE id IN ({ids})", ids, bind));
  return counts;
}

Status SqliteStore::DeleteDeploymentGroup(const std::string& group_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  const std::string ids = "SELECT id FROM deployments WHERE group_id = ?1";
  auto bind = [&](Stmt& stmt) { stmt.Bind(group_id); };
  RETURN_IF_ERROR(RunWithIds(db_.get(),
                             "DELETE FROM trigger_outbox WHERE deployment_id IN ({ids}) AND "
                             "(delivered_time > 0 OR abandoned = 1)",
                             ids, bind)
                      .status());
  RETURN_IF_ERROR(DeleteDeploymentRows(ids, bind).status());
  Stmt stmt(&cache_, "DELETE FROM deployment_groups WHERE id = ?1");
  stmt.Bind(group_id);
  return RunUpdate(stmt, "deployment group " + group_id + " does not exist");
}

Status SqliteStore::DeleteRevision(const std::string& id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "DELETE FROM revisions WHERE id = ?1");
  stmt.Bind(id);
  return RunUpdate(stmt, "revision " + id + " does not exist");
}

Status SqliteStore::DeleteApplication(const std::string& id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "DELETE FROM applications WHERE id = ?1");
  stmt.Bind(id);
  return RunUpdate(stmt, "application " + id + " does not exist");
}

Result<std::vector<std::string>> SqliteStore::GroupsOnRevision(const std::string& revision_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "SELECT a.name || '/' || g.name FROM deployment_groups g "
            "JOIN applications a ON a.id = g.application_id "
            "JOIN deployments d ON d.id = g.last_successful_deployment_id "
            "WHERE d.revision_id = ?1 ORDER BY 1");
  return stmt.Bind(revision_id).All<std::string>(ReadText);
}

Result<std::vector<std::string>> SqliteStore::ActiveDeploymentsOfRevision(
    const std::string& revision_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "SELECT id FROM deployments WHERE revision_id = ?1 AND "
            "status IN ('Created', 'Queued', 'InProgress', 'Ready') ORDER BY create_time, rowid");
  return stmt.Bind(revision_id).All<std::string>(ReadText);
}

}  // namespace berth::store
