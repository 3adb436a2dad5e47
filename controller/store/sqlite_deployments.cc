// SqliteStore: deployments (their targets and events are in sqlite_targets.cc).
#include "controller/store/sqlite_codec.h"
#include "controller/store/sqlite_limits_codec.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr int kDeploymentRowidColumn = 35;  // after the model's columns
constexpr char kSelectDeployment[] =
    "SELECT d.id, d.application_id, a.name, d.group_id, g.name, d.revision_id, d.revision, "
    "d.config_name, d.config_type, d.config_value, d.config_one_at_a_time, d.config_builtin, "
    "d.status, d.creator, d.description, d.file_exists_behavior, "
    "d.ignore_application_stop_failures, d.error_code, d.error_message, d.create_time, "
    "d.start_time, d.complete_time, d.auto_rollback, d.rollback_deployment_id, "
    "d.rollback_triggering_deployment_id, d.rollback_message, d.target_instance_ids, "
    "d.update_outdated_only, d.rollout, d.waves, "
    "d.max_failed_hosts, d.retry_of, d.retry_deployment_id, d.freeze, d.hook_options, d.rowid "
    "FROM deployments d JOIN applications a ON a.id = d.application_id "
    "JOIN deployment_groups g ON g.id = d.group_id ";

Status ReadDeployment(Stmt& row, model::Deployment* d) {
  d->id = row.Text(0);
  d->application_id = row.Text(1);
  d->application_name = row.Text(2);
  d->group_id = row.Text(3);
  d->group_name = row.Text(4);
  d->revision_id = row.Text(5);
  RETURN_IF_ERROR(DecodeLocation(row.Text(6), &d->revision));
  d->config.name = row.Text(7);
  RETURN_IF_ERROR(DecodeEnum(row.Text(8), &model::ParseMinHealthyType, &d->config.type,
                             "deployments.config_type"));
  d->config.value = row.Int(9);
  d->config.one_at_a_time = row.Bool(10);
  d->config.builtin = row.Bool(11);
  RETURN_IF_ERROR(
      DecodeEnum(row.Text(12), &model::ParseDeploymentStatus, &d->status, "deployments.status"));
  RETURN_IF_ERROR(
      DecodeEnum(row.Text(13), &model::ParseCreator, &d->creator, "deployments.creator"));
  d->description = row.Text(14);
  d->file_exists_behavior = row.Text(15);
  d->ignore_application_stop_failures = row.Bool(16);
  RETURN_IF_ERROR(DecodeEnum(row.Text(17), &model::ParseDeploymentErrorCode, &d->error.code,
                             "deployments.error_code"));
  d->error.message = row.Text(18);
  d->create_time = row.Int64(19);
  d->start_time = row.Int64(20);
  d->complete_time = row.Int64(21);
  d->auto_rollback_override.reset();
  if (std::string text = row.Text(22); !text.empty()) {
    model::AutoRollbackConfig config;
    RETURN_IF_ERROR(DecodeAutoRollback(text, &config));
    d->auto_rollback_override = config;
  }
  d->rollback_info.rollback_deployment_id = row.Text(23);
  d->rollback_info.rollback_triggering_deployment_id = row.Text(24);
  d->rollback_info.rollback_message = row.Text(25);
  d->target_instance_ids.clear();
  if (std::string text = row.Text(26); !text.empty()) {
    RETURN_IF_ERROR(DecodeStringList(text, &d->target_instance_ids));
  }
  d->update_outdated_only = row.Bool(27);
  RETURN_IF_ERROR(DecodeRollout(row.Text(28), &d->config.rollout));
  RETURN_IF_ERROR(DecodeWaveProgress(row.Text(29), &d->waves));
  RETURN_IF_ERROR(DecodeBudget(row.Text(30), &d->max_failed_hosts, "deployments.max_failed_hosts"));
  d->retry_of = row.Text(31);
  d->retry_deployment_id = row.Text(32);
  RETURN_IF_ERROR(DecodeFreezeRecord(row.Text(33), &d->freeze));
  RETURN_IF_ERROR(DecodeHookOptions(row.Text(34), &d->hooks));
  return Status::Ok();
}

}  // namespace

Status SqliteStore::CreateDeployment(const model::Deployment& d,
                                     const std::vector<model::Target>& targets) {
  return Transact([&]() -> Status {
    Stmt stmt(&cache_,
              "INSERT INTO deployments (id, application_id, group_id, revision_id, revision, "
              "config_name, config_type, config_value, config_one_at_a_time, config_builtin, "
              "status, creator, description, file_exists_behavior, "
              "ignore_application_stop_failures, error_code, error_message, create_time, "
              "start_time, complete_time, auto_rollback, rollback_deployment_id, "
              "rollback_triggering_deployment_id, rollback_message, target_instance_ids, "
              "update_outdated_only, rollout, waves, max_failed_hosts, retry_of, "
              "retry_deployment_id, freeze, hook_options) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
              "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, "
              "?33)");
    stmt.Bind(d.id, d.application_id, d.group_id, d.revision_id, EncodeLocation(d.revision),
              d.config.name, MinHealthyTypeName(d.config.type), d.config.value,
              d.config.one_at_a_time, d.config.builtin, DeploymentStatusName(d.status),
              CreatorName(d.creator), d.description, d.file_exists_behavior,
              d.ignore_application_stop_failures, DeploymentErrorCodeName(d.error.code),
              d.error.message, d.create_time, d.start_time, d.complete_time,
              d.auto_rollback_override ? EncodeAutoRollback(*d.auto_rollback_override) : "",
              d.rollback_info.rollback_deployment_id,
              d.rollback_info.rollback_triggering_deployment_id, d.rollback_info.rollback_message,
              d.target_instance_ids.empty() ? "" : EncodeStringList(d.target_instance_ids),
              d.update_outdated_only, EncodeRollout(d.config.rollout),
              EncodeWaveProgress(d.waves), EncodeBudget(d.max_failed_hosts), d.retry_of,
              d.retry_deployment_id, EncodeFreezeRecord(d.freeze), EncodeHookOptions(d.hooks));
    Status s = Explain(stmt.Run(), Code::kAlreadyExists, "deployment " + d.id + " already exists");
    RETURN_IF_ERROR(Explain(s, Code::kNotFound,
                            "deployment " + d.id + ": application " + d.application_id +
                                " or deployment group " + d.group_id + " does not exist"));
    for (const model::Target& target : targets) {
      model::Target owned = target;
      owned.deployment_id = d.id;  // targets belong to this deployment whatever they say
      RETURN_IF_ERROR(InsertTarget(owned));
    }
    return Status::Ok();
  });
}

Status SqliteStore::UpdateDeployment(const model::Deployment& d) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "UPDATE deployments SET status = ?2, error_code = ?3, error_message = ?4, "
            "start_time = ?5, complete_time = ?6, rollback_deployment_id = ?7, "
            "rollback_triggering_deployment_id = ?8, rollback_message = ?9, "
            "target_instance_ids = ?10, waves = ?11, retry_deployment_id = ?12 WHERE id = ?1");
  stmt.Bind(d.id, DeploymentStatusName(d.status), DeploymentErrorCodeName(d.error.code),
            d.error.message, d.start_time, d.complete_time, d.rollback_info.rollback_deployment_id,
            d.rollback_info.rollback_triggering_deployment_id, d.rollback_info.rollback_message,
            d.target_instance_ids.empty() ? "" : EncodeStringList(d.target_instance_ids),
            EncodeWaveProgress(d.waves), d.retry_deployment_id);
  return RunUpdate(stmt, "deployment " + d.id + " does not exist");
}

Result<model::Deployment> SqliteStore::GetDeployment(const std::string& id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (const model::Deployment* known = deployment_memo_.Find(id)) return *known;
  int64_t rowid = 0;
  auto d = WithReason(SelectOne<model::Deployment>(
                          &cache_, std::string(kSelectDeployment) + "WHERE d.id = ?1", id,
                          [&rowid](Stmt& row, model::Deployment* out) {
                            rowid = row.Int64(kDeploymentRowidColumn);
                            return ReadDeployment(row, out);
                          },
                          "deployment " + id + " does not exist"),
                      Reason::kDeployment);
  if (d.ok()) deployment_memo_.Put(id, rowid, *d);
  return d;
}

Result<std::vector<model::Deployment>> SqliteStore::ListDeployments(
    const DeploymentFilter& filter) {
  // The WHERE clause holds only the filters in use, so SQLite can pick the
  // (group_id, status) index; every value is still a bound parameter.
  std::string sql = std::string(kSelectDeployment) + "WHERE 1 = 1";
  std::vector<std::string> args;
  if (!filter.application_id.empty()) {
    args.push_back(filter.application_id);
    sql += " AND d.application_id = ?" + std::to_string(args.size());
  }
  if (!filter.group_id.empty()) {
    args.push_back(filter.group_id);
    sql += " AND d.group_id = ?" + std::to_string(args.size());
  }
  if (!filter.statuses.empty()) {
    sql += " AND d.status IN (";
    for (size_t i = 0; i < filter.statuses.size(); ++i) {
      args.push_back(DeploymentStatusName(filter.statuses[i]));
      sql += (i == 0 ? "?" : ", ?") + std::to_string(args.size());
    }
    sql += ")";
  }
  if (!filter.after_id.empty()) {
    args.push_back(filter.after_id);
    sql += " AND (d.create_time, d.rowid) < (SELECT create_time, rowid FROM deployments "
           "WHERE id = ?" + std::to_string(args.size()) + ")";
  }
  // Same-millisecond deployments keep their insertion order, newest first. A limit of 0
  // or less means no limit (SQLite's LIMIT -1).
  sql += " ORDER BY d.create_time DESC, d.rowid DESC LIMIT ?" + std::to_string(args.size() + 1);

  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, sql.c_str());
  for (size_t i = 0; i < args.size(); ++i) stmt.BindAt(static_cast<int>(i + 1), args[i]);
  stmt.BindAt(static_cast<int>(args.size() + 1), filter.limit > 0 ? filter.limit : -1);
  return stmt.All<model::Deployment>(ReadDeployment);
}

}  // namespace berth::store
