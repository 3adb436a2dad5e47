// SqliteStore: retention (store.h PruneBefore / ReferencedBlobs).
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

// The deployments PruneBefore removes, as a subquery over `deployments`.
constexpr char kExpired[] =
    "SELECT id FROM deployments WHERE status IN ('Succeeded', 'Failed', 'Stopped') "
    "AND complete_time > 0 AND complete_time < ?1 "
    "AND id NOT IN (SELECT last_successful_deployment_id FROM deployment_groups)";

Result<int64_t> Delete(sqlite3* db, const std::string& sql, model::TimeMs cutoff) {
  Stmt stmt(db, sql.c_str());
  RETURN_IF_ERROR(stmt.Bind(cutoff).Run());
  return static_cast<int64_t>(stmt.Changes());
}

}  // namespace

Result<PruneCounts> SqliteStore::PruneBefore(model::TimeMs cutoff) {
  PruneCounts counts;
  RETURN_IF_ERROR(Transact([&]() -> Status {
    sqlite3* db = db_.get();
    const std::string expired = kExpired;
    ASSIGN_OR_RETURN(counts.event_log_lines,
                     Delete(db, "DELETE FROM event_log_lines WHERE deployment_id IN (" + expired +
                                    ")", cutoff));
    RETURN_IF_ERROR(Delete(db,
                           "DELETE FROM event_log_sizes WHERE command_id IN (SELECT id FROM "
                           "commands WHERE deployment_id IN (" + expired + "))",
                           cutoff)
                        .status());
    ASSIGN_OR_RETURN(counts.trigger_messages,
                     Delete(db, "DELETE FROM trigger_outbox WHERE deployment_id IN (" + expired +
                                    ") OR ((delivered_time > 0 OR abandoned = 1) AND "
                                    "create_time < ?1)",
                            cutoff));
    for (const char* table : {"commands", "events", "targets"}) {
      RETURN_IF_ERROR(Delete(db, std::string("DELETE FROM ") + table +
                                     " WHERE deployment_id IN (" + expired + ")",
                             cutoff)
                          .status());
    }
    // Rollback links to a pruned deployment now point at nothing; they are history.
    ASSIGN_OR_RETURN(counts.deployments,
                     Delete(db, "DELETE FROM deployments WHERE id IN (" + expired + ")", cutoff));
    return Status::Ok();
  }));
  return counts;
}

Result<std::set<std::string>> SqliteStore::ReferencedBlobs() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(db_.get(),
            "SELECT DISTINCT json_extract(location, '$.sha256') FROM revisions "
            "WHERE json_extract(location, '$.sha256') IS NOT NULL");
  ASSIGN_OR_RETURN(std::vector<std::string> digests,
                   stmt.All<std::string>([](Stmt& row, std::string* out) {
                     *out = row.Text(0);
                     return Status::Ok();
                   }));
  return std::set<std::string>(digests.begin(), digests.end());
}

}  // namespace berth::store
