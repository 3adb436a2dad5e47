// SqliteStore: custom deployment configs.
#include "controller/store/sqlite_codec.h"
#include "controller/store/sqlite_limits_codec.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr char kSelectConfig[] =
    "SELECT name, type, value, rollout, max_failed_hosts FROM deployment_configs ";

Status ReadConfig(Stmt& row, model::DeploymentConfig* config) {
  config->name = row.Text(0);
  if (!model::ParseMinHealthyType(row.Text(1), &config->type)) {
    return Internal("deployment config \"" + config->name + "\" has unknown type \"" + row.Text(1) +
                    "\"");
  }
  config->value = row.Int(2);
  config->one_at_a_time = false;
  config->builtin = false;
  RETURN_IF_ERROR(DecodeRollout(row.Text(3), &config->rollout));
  return DecodeBudget(row.Text(4), &config->max_failed_hosts,
                      "deployment_configs.max_failed_hosts");
}

}  // namespace

Status SqliteStore::CreateDeploymentConfig(const model::DeploymentConfig& config,
                                           model::TimeMs create_time) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT INTO deployment_configs (name, type, value, create_time, rollout, "
            "max_failed_hosts) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  stmt.Bind(config.name, std::string(model::MinHealthyTypeName(config.type)), config.value,
            create_time, EncodeRollout(config.rollout), EncodeBudget(config.max_failed_hosts));
  return Explain(stmt.Run(), Code::kAlreadyExists,
                 "deployment config \"" + config.name + "\" already exists")
      .WithReason(Reason::kDeploymentConfig);
}

Result<model::DeploymentConfig> SqliteStore::GetDeploymentConfig(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return WithReason(SelectOne<model::DeploymentConfig>(
                        &cache_, std::string(kSelectConfig) + "WHERE name = ?1", name, ReadConfig,
                        "deployment config \"" + name + "\" does not exist"),
                    Reason::kDeploymentConfig);
}

Result<std::vector<model::DeploymentConfig>> SqliteStore::ListDeploymentConfigs() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, (std::string(kSelectConfig) + "ORDER BY name").c_str());
  return stmt.All<model::DeploymentConfig>(ReadConfig);
}

Status SqliteStore::DeleteDeploymentConfig(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "DELETE FROM deployment_configs WHERE name = ?1");
  stmt.Bind(name);
  return RunUpdate(stmt, "deployment config \"" + name + "\" does not exist");
}

Result<std::vector<std::string>> SqliteStore::GroupsUsingConfig(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "SELECT a.name || '/' || g.name FROM deployment_groups g "
            "JOIN applications a ON a.id = g.application_id WHERE g.config_name = ?1 "
            "ORDER BY 1");
  return stmt.Bind(name).All<std::string>([](Stmt& row, std::string* out) {
    *out = row.Text(0);
    return Status::Ok();
  });
}

}  // namespace berth::store
