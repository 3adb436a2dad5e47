// SqliteStore: what a /metrics scrape samples (store.h CountHostsInFlight,
// CountPendingTriggers).
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

Result<int64_t> CountOne(StmtCache* cache, const char* sql) {
  Stmt stmt(cache, sql);
  ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  return has_row ? stmt.Int64(0) : 0;
}

}  // namespace

Result<int64_t> SqliteStore::CountHostsInFlight() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  // Through deployments_by_group_status, one seek per group, and the counts kept per
  // deployment (migration 0006): the deployments that ended are never read.
  return CountOne(&cache_,
                  "SELECT COALESCE(SUM(c.n), 0) FROM deployment_groups g "
                  "JOIN deployments d ON d.group_id = g.id AND d.status = 'InProgress' "
                  "JOIN target_counts c ON c.deployment_id = d.id AND c.status = 'InProgress'");
}

Result<int64_t> SqliteStore::CountPendingTriggers() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return CountOne(&cache_,
                  "SELECT COUNT(*) FROM trigger_outbox WHERE delivered_time = 0 AND abandoned = 0");
}

}  // namespace berth::store
