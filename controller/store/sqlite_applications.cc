// SqliteStore: applications and deployment groups.
#include "controller/store/sqlite_codec.h"
#include "controller/store/sqlite_limits_codec.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr char kSelectApplication[] = "SELECT id, name, create_time FROM applications ";

Status ReadApplication(Stmt& row, model::Application* app) {
  app->id = row.Text(0);
  app->name = row.Text(1);
  app->create_time = row.Int64(2);
  return Status::Ok();
}

constexpr char kSelectGroup[] =
    "SELECT g.id, g.application_id, a.name, g.name, g.config_name, g.tag_set, "
    "g.file_exists_behavior, g.last_successful_deployment_id, g.create_time, "
    "g.auto_rollback, g.alarm_configuration, g.triggers, g.outdated_instances_strategy, "
    "g.max_failed_hosts, g.freeze_windows, g.health_check "
    "FROM deployment_groups g JOIN applications a ON a.id = g.application_id ";

Status ReadGroup(Stmt& row, model::DeploymentGroup* group) {
  group->id = row.Text(0);
  group->application_id = row.Text(1);
  group->application_name = row.Text(2);
  group->name = row.Text(3);
  group->config_name = row.Text(4);
  RETURN_IF_ERROR(DecodeTagSet(row.Text(5), &group->tag_set));
  group->file_exists_behavior = row.Text(6);
  group->last_successful_deployment_id = row.Text(7);
  group->create_time = row.Int64(8);
  RETURN_IF_ERROR(DecodeAutoRollback(row.Text(9), &group->auto_rollback));
  RETURN_IF_ERROR(DecodeAlarmConfig(row.Text(10), &group->alarms));
  RETURN_IF_ERROR(DecodeTriggers(row.Text(11), &group->triggers));
  group->outdated_instances_strategy = row.Text(12);
  RETURN_IF_ERROR(
      DecodeBudget(row.Text(13), &group->max_failed_hosts, "deployment_groups.max_failed_hosts"));
  RETURN_IF_ERROR(DecodeStringList(row.Text(14), &group->freeze_windows));
  RETURN_IF_ERROR(DecodeHealthCheck(row.Text(15), &group->health_check));
  return Status::Ok();
}

// `s`, with an ALREADY_EXISTS (a second group of that name in the application) named as
// people know the application; falls back to the application's id.
Status ExplainGroupConflict(Status s, const model::DeploymentGroup& group, Store& store) {
  if (s.code() != Code::kAlreadyExists) return s;
  Result<model::Application> app = store.GetApplication(group.application_id);
  return AlreadyExists("deployment group \"" + group.name + "\" already exists in application \"" +
                       (app.ok() ? app->name : group.application_id) + "\"")
      .WithReason(Reason::kDeploymentGroup);
}

}  // namespace

Status SqliteStore::CreateApplication(const model::Application& app) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "INSERT INTO applications (id, name, create_time) VALUES (?1, ?2, ?3)");
  stmt.Bind(app.id, app.name, app.create_time);
  return Explain(stmt.Run(), Code::kAlreadyExists,
                 "application \"" + app.name + "\" already exists")
      .WithReason(Reason::kApplication);
}

Status SqliteStore::RenameApplication(const std::string& id, const std::string& new_name) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "UPDATE applications SET name = ?2 WHERE id = ?1");
  stmt.Bind(id, new_name);
  Status s = Explain(stmt.Run(), Code::kAlreadyExists,
                     "application \"" + new_name + "\" already exists")
                 .WithReason(Reason::kApplication);
  if (!s.ok()) return s;
  if (stmt.Changes() == 0) {
    return Status(Code::kNotFound, "application " + id + " does not exist", Reason::kApplication);
  }
  return Status::Ok();
}

Result<model::Application> SqliteStore::GetApplicationByName(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return WithReason(SelectOne<model::Application>(
                        &cache_, std::string(kSelectApplication) + "WHERE name = ?1", name,
                        ReadApplication, "application \"" + name + "\" does not exist"),
                    Reason::kApplication);
}

Result<model::Application> SqliteStore::GetApplication(const std::string& id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return WithReason(
      SelectOne<model::Application>(&cache_, std::string(kSelectApplication) + "WHERE id = ?1", id,
                                    ReadApplication, "application " + id + " does not exist"),
      Reason::kApplication);
}

Result<std::vector<model::Application>> SqliteStore::ListApplications() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, (std::string(kSelectApplication) + "ORDER BY name").c_str());
  return stmt.All<model::Application>(ReadApplication);
}

Status SqliteStore::CreateDeploymentGroup(const model::DeploymentGroup& group) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT INTO deployment_groups (id, application_id, name, config_name, tag_set, "
            "file_exists_behavior, last_successful_deployment_id, create_time, auto_rollback, "
            "alarm_configuration, triggers, outdated_instances_strategy, max_failed_hosts, "
            "freeze_windows, health_check) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
            "?12, ?13, ?14, ?15)");
  stmt.Bind(group.id, group.application_id, group.name, group.config_name,
            EncodeTagSet(group.tag_set), group.file_exists_behavior,
            group.last_successful_deployment_id, group.create_time,
            EncodeAutoRollback(group.auto_rollback), EncodeAlarmConfig(group.alarms),
            EncodeTriggers(group.triggers), group.outdated_instances_strategy,
            EncodeBudget(group.max_failed_hosts), EncodeStringList(group.freeze_windows),
            EncodeHealthCheck(group.health_check));
  Status s = ExplainGroupConflict(stmt.Run(), group, *this);
  s = Explain(s, Code::kNotFound, "application " + group.application_id + " does not exist");
  return s.code() == Code::kNotFound ? s.WithReason(Reason::kApplication) : s;
}

Status SqliteStore::UpdateDeploymentGroup(const model::DeploymentGroup& group) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "UPDATE deployment_groups SET name = ?2, config_name = ?3, tag_set = ?4, "
            "file_exists_behavior = ?5, last_successful_deployment_id = ?6, auto_rollback = ?7, "
            "alarm_configuration = ?8, triggers = ?9, outdated_instances_strategy = ?10, "
            "max_failed_hosts = ?11, freeze_windows = ?12, health_check = ?13 WHERE id = ?1");
  stmt.Bind(group.id, group.name, group.config_name, EncodeTagSet(group.tag_set),
            group.file_exists_behavior, group.last_successful_deployment_id,
            EncodeAutoRollback(group.auto_rollback), EncodeAlarmConfig(group.alarms),
            EncodeTriggers(group.triggers), group.outdated_instances_strategy,
            EncodeBudget(group.max_failed_hosts), EncodeStringList(group.freeze_windows),
            EncodeHealthCheck(group.health_check));
  // Renaming onto another group's name is ALREADY_EXISTS.
  return ExplainGroupConflict(RunUpdate(stmt, "deployment group " + group.id + " does not exist")
                                  .WithReason(Reason::kDeploymentGroup),
                              group, *this);
}

Result<model::DeploymentGroup> SqliteStore::GetDeploymentGroup(const std::string& application_id,
                                                               const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            (std::string(kSelectGroup) + "WHERE g.application_id = ?1 AND g.name = ?2").c_str());
  ASSIGN_OR_RETURN(auto group,
                   stmt.Bind(application_id, name).First<model::DeploymentGroup>(ReadGroup));
  if (!group) {
    Result<model::Application> app = GetApplication(application_id);
    return NotFound("deployment group \"" + name + "\" does not exist in application \"" +
                    (app.ok() ? app->name : application_id) + "\"")
        .WithReason(Reason::kDeploymentGroup);
  }
  return *std::move(group);
}

Result<model::DeploymentGroup> SqliteStore::GetDeploymentGroupById(const std::string& id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return WithReason(
      SelectOne<model::DeploymentGroup>(&cache_, std::string(kSelectGroup) + "WHERE g.id = ?1", id,
                                        ReadGroup, "deployment group " + id + " does not exist"),
      Reason::kDeploymentGroup);
}

Result<std::vector<model::DeploymentGroup>> SqliteStore::ListDeploymentGroups(
    const std::string& application_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            (std::string(kSelectGroup) + "WHERE g.application_id = ?1 ORDER BY g.name").c_str());
  return stmt.Bind(application_id).All<model::DeploymentGroup>(ReadGroup);
}

Result<std::vector<model::DeploymentGroup>> SqliteStore::ListAutoUpdateGroups() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, (std::string(kSelectGroup) +
                      "WHERE g.outdated_instances_strategy = ?1 AND "
                      "g.last_successful_deployment_id != '' ORDER BY a.name, g.name")
                         .c_str());
  return stmt.Bind(std::string(model::kOutdatedUpdate)).All<model::DeploymentGroup>(ReadGroup);
}

}  // namespace berth::store
