// SqliteStore: a deployment group's history, host by host.
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr char kSelectRecords[] =
    "SELECT t.instance_id, t.deployment_id, d.revision_id, t.status FROM targets t "
    "JOIN deployments d ON d.id = t.deployment_id WHERE d.group_id = ?1 ";

Status ReadRecord(Stmt& row, GroupTargetRecord* r) {
  r->instance_id = row.Text(0);
  r->deployment_id = row.Text(1);
  r->revision_id = row.Text(2);
  if (!model::ParseTargetStatus(row.Text(3), &r->status)) {
    return Internal("target of " + r->deployment_id + " has unknown status " + row.Text(3));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<GroupTargetRecord>> SqliteStore::ListGroupTargets(const std::string& group_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            (std::string(kSelectRecords) + "ORDER BY d.create_time, d.rowid").c_str());
  return stmt.Bind(group_id).All<GroupTargetRecord>(ReadRecord);
}

Result<std::vector<GroupTargetRecord>> SqliteStore::ListGroupTargetsOf(
    const std::string& group_id, const std::string& instance_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, (std::string(kSelectRecords) +
                      "AND t.instance_id = ?2 ORDER BY d.create_time, d.rowid")
                         .c_str());
  return stmt.Bind(group_id, instance_id).All<GroupTargetRecord>(ReadRecord);
}

}  // namespace berth::store
