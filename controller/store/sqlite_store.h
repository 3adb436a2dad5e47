// SqliteStore: the Store on one SQLite database file (DESIGN.md 2), the controller's
// default.
//
// Durability: WAL journal with synchronous=FULL, so a method (or a Transact) that returned
// OK survives a crash or power loss. Foreign keys are enforced.
//
// Thread safety: one connection behind one recursive mutex. A nested Transact runs inside
// a savepoint: if its `fn` fails, only its own writes are undone and the outer
// transaction goes on (and decides about the rest). A method called outside Transact is
// atomic on its own.
//
// Group commit (sqlite_transact.cc): outermost Transacts of concurrent threads share one
// SQLite transaction and so one fsync. The first caller to find no batch running becomes
// its leader: it takes every Transact queued so far, runs each `fn` (on the leader's
// thread) in a savepoint of its own, commits once, and only then answers every caller.
// A `fn` that fails rolls back only its savepoint; a COMMIT that fails fails them all.
// So a Transact that returned OK is durable, as before, and one that failed left nothing.
// The hooks each `fn` registered with OnCommit run afterwards on its caller's thread,
// with no lock held.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "controller/metrics/recorder.h"
#include "controller/store/row_memo.h"
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

  ~SqliteStore() override;

  // Where transaction latency, group commit sizes and commits are counted; not owned.
  // Default: nowhere. Set before use.
  void SetMetrics(metrics::Recorder* metrics) { metrics_ = metrics; }

  Status Transact(const std::function<Status()>& fn) override;
  void TransactAsync(std::function<Status()> fn, std::function<void(Status)> done) override;
  void OnCommit(std::function<void()> hook, const void* once) override;

  Status CreateApplication(const model::Application& app) override;
  Result<model::Application> GetApplicationByName(const std::string& name) override;
  Result<model::Application> GetApplication(const std::string& id) override;
  Result<std::vector<model::Application>> ListApplications() override;
  Status RenameApplication(const std::string& id, const std::string& new_name) override;

  Status CreateDeploymentGroup(const model::DeploymentGroup& group) override;
  Status UpdateDeploymentGroup(const model::DeploymentGroup& group) override;
  Result<model::DeploymentGroup> GetDeploymentGroup(const std::string& application_id,
                                                    const std::string& name) override;
  Result<model::DeploymentGroup> GetDeploymentGroupById(const std::string& id) override;
  Result<std::vector<model::DeploymentGroup>> ListDeploymentGroups(
      const std::string& application_id) override;
  Result<std::vector<model::DeploymentGroup>> ListAutoUpdateGroups() override;

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
  Result<model::Tags> GetResourceTags(TaggedResource kind, const std::string& id) override;
  Status SetResourceTags(TaggedResource kind, const std::string& id,
                         const model::Tags& tags) override;
  Status SetInstanceRegistration(const std::string& id, const std::string& status) override;
  Status SetInstanceCertificate(const std::string& id, const std::string& serial,
                                model::TimeMs not_after) override;

  Status CreateApiToken(const model::ApiToken& token, const std::string& token_hash) override;
  Result<model::ApiToken> GetApiTokenByHash(const std::string& token_hash) override;
  Result<model::ApiToken> GetApiToken(const std::string& id) override;
  Result<std::vector<model::ApiToken>> ListApiTokens() override;
  Status RevokeApiToken(const std::string& id, model::TimeMs when) override;

  Status CreateJoinToken(const model::JoinTokenRecord& token,
                         const std::string& secret_hash) override;
  Result<std::pair<model::JoinTokenRecord, std::string>> GetJoinToken(
      const std::string& id) override;
  Result<std::vector<model::JoinTokenRecord>> ListJoinTokens() override;
  Status CountJoinTokenUse(const std::string& id) override;
  Status RevokeJoinToken(const std::string& id, model::TimeMs when) override;
  Status TouchInstances(const std::vector<std::pair<std::string, model::TimeMs>>& seen) override;

  Status CreateRevision(const model::Revision& revision) override;
  Result<model::Revision> GetRevision(const std::string& id) override;
  Result<std::vector<model::Revision>> ListRevisions(const std::string& application_id) override;

  Status CreateDeployment(const model::Deployment& deployment,
                          const std::vector<model::Target>& targets) override;
  Status UpdateDeployment(const model::Deployment& deployment) override;
  Result<model::Deployment> GetDeployment(const std::string& id) override;
  Result<std::vector<model::Deployment>> ListDeployments(const DeploymentFilter& filter) override;
  Result<std::vector<model::Target>> GetTargets(const std::string& deployment_id) override;
  Result<model::Target> GetTarget(const std::string& deployment_id,
                                  const std::string& instance_id) override;
  Result<std::optional<model::LifecycleEvent>> FindEvent(const std::string& deployment_id,
                                                         const std::string& instance_id,
                                                         int seq) override;
  Result<std::vector<model::Target>> ListTargets(const TargetQuery& query) override;
  Result<TargetChanges> ListChangedTargets(const TargetChangeQuery& query) override;
  Result<model::DeploymentOverview> CountTargets(const std::string& deployment_id) override;
  Status SkipPendingTargets(const std::string& deployment_id) override;
  Result<std::vector<GroupTargetRecord>> ListGroupTargets(const std::string& group_id) override;
  Result<std::vector<GroupTargetRecord>> ListGroupTargetsOf(
      const std::string& group_id, const std::string& instance_id) override;
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
  Status DeleteDeploymentGroup(const std::string& group_id) override;
  Status DeleteRevision(const std::string& id) override;
  Status DeleteApplication(const std::string& id) override;
  Result<std::vector<std::string>> GroupsOnRevision(const std::string& revision_id) override;
  Result<std::vector<std::string>> ActiveDeploymentsOfRevision(
      const std::string& revision_id) override;

  Status CreateBucket(const model::Bucket& bucket) override;
  Result<model::Bucket> GetBucket(const std::string& name) override;
  Result<std::vector<model::Bucket>> ListBuckets() override;
  Status DeleteBucket(const std::string& name) override;
  Status AddObjectVersion(const model::ObjectVersion& version) override;
  Result<model::ObjectVersion> GetObjectVersion(const std::string& bucket, const std::string& key,
                                                const std::string& version_id) override;
  Status RemoveObjectVersion(const std::string& bucket, const std::string& key,
                             const std::string& version_id) override;
  Result<std::vector<model::ObjectVersion>> ListCurrentObjects(const std::string& bucket,
                                                               const std::string& prefix,
                                                               const std::string& after,
                                                               int limit) override;
  Status CreateUpload(const model::MultipartUpload& upload) override;
  Result<model::MultipartUpload> GetUpload(const std::string& upload_id) override;
  Status PutPart(const model::UploadPart& part) override;
  Result<std::vector<model::UploadPart>> ListParts(const std::string& upload_id) override;
  Status DeleteUpload(const std::string& upload_id) override;
  Result<std::vector<EventLogLine>> ListEventLog(const EventLogQuery& query) override;
  Result<int64_t> CountHostsInFlight() override;
  Result<int64_t> CountPendingTriggers() override;

  // sqlite_secrets.cc
  Status PutSecret(const model::Secret& secret) override;
  Status DeleteSecret(const std::string& name) override;
  Result<std::vector<model::Secret>> ListSecrets() override;
  Result<std::map<std::string, std::string>> GetSecretValues(
      const std::vector<std::string>& names) override;

 private:
  struct CommitHook {
    std::function<void()> run;
    const void* once = nullptr;
  };
  // One outermost Transact waiting for, or part of, a batch.
  struct QueuedTransaction {
    const std::function<Status()>* fn = nullptr;
    std::chrono::steady_clock::time_point queued_at = std::chrono::steady_clock::now();
    Status status;
    std::vector<CommitHook> hooks;  // from OnCommit, run once committed
    bool done = false;
    // TransactAsync's: the queue owns it; whoever ran its batch finishes it.
    std::function<Status()> owned_fn;
    std::function<void(Status)> on_done;
  };

  explicit SqliteStore(SqliteDb db) : db_(std::move(db)), cache_(db_.get()) {}

  // Runs `batch` in one SQLite transaction and sets each one's status (and, if it failed,
  // drops its hooks). Holds mu_. False when its COMMIT failed.
  bool RunBatch(const std::vector<QueuedTransaction*>& batch);
  // With queue_mu_ held (`lock`), no batch running and a non-empty queue: takes the
  // queue, runs it as one batch and finishes it; returns with `lock` held again.
  void LeadBatch(std::unique_lock<std::mutex>& lock);
  // Runs hooks and on_done of the async transactions of a finished batch, and frees them.
  static void FinishAsync(const std::vector<QueuedTransaction*>& async);
  // Gives a committed batch's async transactions to the finisher thread (started on
  // first use), which finishes batches in commit order: the committer starts the next
  // batch while the answers of the last one go out (gRPC's Finish, sendmsg).
  void HandOff(std::vector<QueuedTransaction*> async);
  // The finisher thread: FinishAsync of each handed-off batch until closing and drained.
  void FinishLoop();
  // The TransactAsync ones of `batch` (read before the batch is marked done).
  static std::vector<QueuedTransaction*> AsyncOf(const std::vector<QueuedTransaction*>& batch);
  // Takes the queued transactions and runs them, while there are any; the committer
  // thread that TransactAsync starts.
  void CommitLoop();
  // A Transact inside the running batch, on the leader's thread: a savepoint.
  Status TransactNested(const std::function<Status()>& fn);

  Status Configure();
  Status Migrate();
  // Inserts one target of a deployment and its events (CreateDeployment's part).
  Status InsertTarget(const model::Target& target);
  // Fills in each target's events (all of one deployment), ordered by seq.
  Status LoadEvents(const std::string& deployment_id, std::vector<model::Target>* targets);
  // The deployment's largest change number in the database (0: none yet): two index
  // seeks. Holds mu_.
  Result<int64_t> LastChange(const std::string& deployment_id);
  // The number the next change of the deployment's targets takes (migration 0007).
  // Holds mu_.
  Result<int64_t> NextChange(const std::string& deployment_id);
  // Deletes the deployments that `ids` (a SELECT of deployment ids whose parameters
  // `bind` binds) selects, with their event logs, commands, events, targets and target
  // counts, but not their trigger messages; inside the caller's transaction. Returns how
  // many deployments and log lines went.
  Result<PruneCounts> DeleteDeploymentRows(const std::string& ids,
                                           const std::function<void(Stmt&)>& bind);
  // Runs one statement that must change a row; NOT_FOUND with `missing` when none did.
  Status RunUpdate(Stmt& stmt, const std::string& missing);
  // Runs one statement without parameters or rows (BEGIN, SAVEPOINT, RELEASE, COMMIT...)
  // through the statement cache: a transaction's control statements are parsed once,
  // not on every transaction of the hot path. Holds mu_.
  Status Exec(const std::string& sql);
  // Exec of a ROLLBACK or ROLLBACK TO: also forgets the memo, which may hold rows the
  // rollback undid.
  Status Rollback(const std::string& sql);
  // sqlite3_update_hook: a row of `table` changed.
  static void OnRowChange(void* self, int op, const char* db, const char* table,
                          sqlite3_int64 rowid);

  // Guards db_ and depth_. Recursive so that methods called from a Transact's fn, on the
  // thread that holds it, join that transaction.
  std::recursive_mutex mu_;
  SqliteDb db_;      // guarded by mu_
  StmtCache cache_;  // guarded by mu_; destroyed before db_
  // Guarded by mu_: the last change number handed out per deployment still running,
  // loaded from the database on its first change after an open, so a change costs no
  // seek. Never below the database's (a rolled-back transaction leaves a gap, which is
  // harmless); an entry goes when its deployment's pending targets are skipped (its end).
  std::unordered_map<std::string, int64_t> last_change_;
  // Guarded by mu_: rows of the hot path as last read (row_memo.h). An outcome reads its
  // deployment (the widest row, a join with JSON columns) twice, and every agent call
  // reads the agent's instance by its credential. The update hook (OnRowChange) forgets
  // a row when it changes; a change to an application or a group (whose names a
  // deployment's row joins) empties the deployments' memo; every rollback empties both.
  RowMemo<model::Deployment> deployment_memo_{64};
  RowMemo<model::Instance> instance_memo_{20000};  // by credential hash
  int depth_ = 0;  // guarded by mu_: Transact nesting on the owning thread; 0 outside
  // Guarded by mu_: sqlite3_total_changes64 when the running batch's current savepoint
  // was made (see TransactNested).
  int64_t changes_at_batch_savepoint_ = 0;
  // Guarded by mu_: where OnCommit puts hooks during the running batch's current `fn`.
  std::vector<CommitHook>* hooks_ = nullptr;
  // The thread running a batch, if any (written under mu_, read without it to tell a
  // nested Transact from a new one).
  std::atomic<std::thread::id> leader_{};

  // Guards queue_ and batch_running_. Lock order: queue_mu_ is never held while taking mu_.
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<QueuedTransaction*> queue_;  // guarded by queue_mu_
  bool batch_running_ = false;            // guarded by queue_mu_
  bool closing_ = false;                  // guarded by queue_mu_
  std::thread committer_;                 // started by the first TransactAsync
  // The finisher's queue (HandOff). Lock order: finish_mu_ is taken alone.
  std::mutex finish_mu_;
  std::condition_variable finish_cv_;
  std::deque<std::vector<QueuedTransaction*>> to_finish_;  // guarded by finish_mu_
  bool finisher_closing_ = false;                          // guarded by finish_mu_
  std::thread finisher_;                                   // started by the first HandOff
  metrics::Recorder* metrics_ = metrics::NullRecorder();
};

}  // namespace berth::store
