// SqliteStore: the Store on one SQLite database file (DESIGN.md 2), the controller's
// default.
//
// Durability: WAL journal with synchronous=FULL, so a method (or a Transact) that returned
// OK survives a crash or power loss. Foreign keys are enforced.
//
// Thread safety: one connection behind one recursive mutex. Transact() holds it for the
// whole of `fn`, so calls `fn` makes on its own thread join the transaction while other
// threads wait. A nested Transact runs inside a savepoint: if its `fn` fails, only its own
// writes are undone and the outer transaction goes on (and decides about the rest).
// A method called outside Transact is atomic on its own.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "controller/store/sqlite_stmt.h"
#include "controller/store/store.h"

namespace berth::store {

class SqliteStore : public Store {
 public:
  // Opens (creating if needed) the database at `path`, or a private in-memory database
  // for ":memory:", and applies every migration newer than its user_version. Fails
  // FAILED_PRECONDITION on a database written by a newer Berth (a schema this binary does
  // not know), and INTERNAL when the file cannot be opened or a migration fails (in which
  // case that migration left nothing behind).
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  // The schema version of the open database (PRAGMA user_version).
  Result<int> SchemaVersion();

  Status Transact(const std::function<Status()>& fn) override;

  Status CreateApplication(const model::Application& app) override;
  Result<model::Application> GetApplicationByName(const std::string& name) override;
  Result<model::Application> GetApplication(const std::string& id) override;
  Result<std::vector<model::Application>> ListApplications() override;

  Status CreateDeploymentGroup(const model::DeploymentGroup& group) override;
  Status UpdateDeploymentGroup(const model::DeploymentGroup& group) override;
  Result<model::DeploymentGroup> GetDeploymentGroup(const std::string& application_id,
                                                    const std::string& name) override;
  Result<model::DeploymentGroup> GetDeploymentGroupById(const std::string& id) override;
  Result<std::vector<model::DeploymentGroup>> ListDeploymentGroups(
      const std::string& application_id) override;

  Status CreateDeploymentConfig(const model::DeploymentConfig& config,
                                model::TimeMs create_time) override;
  Result<model::DeploymentConfig> GetDeploymentConfig(const std::string& name) override;
  Result<std::vector<model::DeploymentConfig>> ListDeploymentConfigs() override;
  Status DeleteDeploymentConfig(const std::string& name) override;
  Result<std::vector<std::string>> GroupsUsingConfig(const std::string& name) override;

  Status CreateInstance(const model::Instance& instance,
                        const std::string& credential_hash) override;
  Status UpdateInstance(const model::Instance& instance,
                        const std::string& credential_hash) override;
  Result<model::Instance> GetInstance(const std::string& id) override;
  Result<model::Instance> GetInstanceByName(const std::string& name) override;
  Result<model::Instance> GetInstanceByCredentialHash(const std::string& hash) override;
  Result<std::vector<model::Instance>> ListInstances() override;
  Status TouchInstance(const std::string& id, model::TimeMs last_seen) override;
  Status SetInstanceTags(const std::string& id, const model::Tags& tags) override;

  Status CreateRevision(const model::Revision& revision) override;
  Result<model::Revision> GetRevision(const std::string& id) override;
  Result<std::vector<model::Revision>> ListRevisions(const std::string& application_id) override;

  Status CreateDeployment(const model::Deployment& deployment,
                          const std::vector<model::Target>& targets) override;
  Status UpdateDeployment(const model::Deployment& deployment) override;
  Result<model::Deployment> GetDeployment(const std::string& id) override;
  Result<std::vector<model::Deployment>> ListDeployments(const DeploymentFilter& filter) override;
  Result<std::vector<model::Target>> GetTargets(const std::string& deployment_id) override;
  Result<std::vector<GroupTargetRecord>> ListGroupTargets(const std::string& group_id) override;
  Status AddTargets(const std::vector<model::Target>& targets) override;
  Status UpdateTargetStatus(const std::string& deployment_id, const std::string& instance_id,
                            model::TargetStatus status) override;
  Status UpdateEvent(const std::string& deployment_id, const std::string& instance_id,
                     const model::LifecycleEvent& event) override;

  Status CreateCommand(const model::Command& command) override;
  Status UpdateCommand(const model::Command& command) override;
  Result<model::Command> GetCommand(const std::string& id) override;
  Result<std::optional<model::Command>> NextOpenCommand(const std::string& instance_id) override;
  Result<std::vector<model::Command>> ListOpenCommands() override;

  Status PutAlarm(const model::Alarm& alarm) override;
  Result<model::Alarm> GetAlarm(const std::string& name) override;
  Result<std::vector<model::Alarm>> ListAlarms() override;

  Status EnqueueTrigger(const TriggerMessage& message) override;
  Result<std::vector<TriggerMessage>> ListDueTriggers(model::TimeMs now, int limit) override;
  Result<std::optional<model::TimeMs>> NextTriggerAttemptTime() override;
  Result<std::vector<TriggerMessage>> ListTriggers(const std::string& deployment_id) override;
  Status UpdateTriggerDelivery(const TriggerMessage& message) override;

  Status AppendEventLog(const std::vector<EventLogLine>& lines, int64_t max_bytes,
                        int64_t max_lines) override;
  // sqlite_retention.cc
  Result<PruneCounts> PruneBefore(model::TimeMs cutoff) override;
  Result<std::set<std::string>> ReferencedBlobs() override;
  Result<std::vector<EventLogLine>> ListEventLog(const EventLogQuery& query) override;

 private:
  explicit SqliteStore(SqliteDb db) : db_(std::move(db)) {}

  Status Configure();
  Status Migrate();
  // Inserts one target of a deployment and its events (CreateDeployment's part).
  Status InsertTarget(const model::Target& target);
  // Runs one statement that must change a row; NOT_FOUND with `missing` when none did.
  Status RunUpdate(Stmt& stmt, const std::string& missing);

  // Guards db_ and depth_. Recursive so that methods called from a Transact's fn, on the
  // thread that holds it, join that transaction.
  std::recursive_mutex mu_;
  SqliteDb db_;    // guarded by mu_
  int depth_ = 0;  // guarded by mu_: Transact nesting on the owning thread; 0 outside
};

}  // namespace berth::store
