// SqliteStore: retention (store.h PruneBefore / ReferencedBlobs).
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

// The deployments PruneBefore removes, as a subquery over `deployments`.
constexpr char kExpired[] =
    "SELECT id FROM deployments WHERE status IN ('Succeeded', 'Failed', 'Stopped') "
    "AND complete_time > 0 AND complete_time < ?1 "
    "AND id NOT IN (SELECT last_successful_deployment_id FROM deployment_groups)";

}  // namespace

Result<PruneCounts> SqliteStore::PruneBefore(model::TimeMs cutoff) {
  PruneCounts counts;
  RETURN_IF_ERROR(Transact([&]() -> Status {
    auto bind = [cutoff](Stmt& stmt) { stmt.Bind(cutoff); };
    Stmt triggers(db_.get(),
                  (std::string("DELETE FROM trigger_outbox WHERE deployment_id IN (") + kExpired +
                   ") OR ((delivered_time > 0 OR abandoned = 1) AND create_time < ?1)")
                      .c_str());
    bind(triggers);
    RETURN_IF_ERROR(triggers.Run());
    const int64_t trigger_messages = triggers.Changes();
    ASSIGN_OR_RETURN(counts, DeleteDeploymentRows(kExpired, bind));
    counts.trigger_messages = trigger_messages;
    return Status::Ok();
  }));
  return counts;
}

Result<std::set<std::string>> SqliteStore::ReferencedBlobs() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(db_.get(),
            "SELECT json_extract(location, '$.sha256') FROM revisions "
            "WHERE json_extract(location, '$.sha256') IS NOT NULL "
            "UNION SELECT sha256 FROM s3_objects WHERE sha256 != '' "
            "UNION SELECT sha256 FROM s3_parts");
  ASSIGN_OR_RETURN(std::vector<std::string> digests,
                   stmt.All<std::string>([](Stmt& row, std::string* out) {
                     *out = row.Text(0);
                     return Status::Ok();
                   }));
  return std::set<std::string>(digests.begin(), digests.end());
}

}  // namespace berth::store
