// Store: the controller's durable state (DESIGN.md 2). Every state change goes through
// here and is committed before the controller acknowledges it to anyone.
//
// Thread safety: implementations are safe to call from any thread. Transact() runs `fn`
// holding the store exclusively; calls made by `fn` join the transaction, and the
// transaction commits only if `fn` returns OK (otherwise nothing of it is written).
// Transact returns only once its writes are durable. `fn` may run on another thread than
// its caller's (group commit shares one commit among concurrent callers), so it must not
// wait for anything its caller holds.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/model/access.h"
#include "common/model/alarm.h"
#include "common/model/application.h"
#include "common/model/bucket.h"
#include "common/model/command.h"
#include "common/model/deployment.h"
#include "common/model/deployment_config.h"
#include "common/model/deployment_group.h"
#include "common/model/instance.h"
#include "common/model/revision.h"
#include "common/model/secret.h"
#include "common/status.h"

namespace berth::store {

struct DeploymentFilter {
  std::string application_id;                     // empty: any
  std::string group_id;                           // empty: any
  std::vector<model::DeploymentStatus> statuses;  // empty: any
  int limit = 100;                                // 0: no limit
  // Paging: only deployments after this one in the list's order (newest first).
  std::string after_id;
};

// A page of one deployment's targets, in position order.
struct TargetQuery {
  std::string deployment_id;
  std::vector<model::TargetStatus> statuses;  // empty: any
  int after_position = -1;                    // only targets with position > this
  int limit = 100;                            // 0: no limit
  bool with_events = true;                    // false: targets only (cheaper)
};

// The targets of one deployment that changed after a cursor (docs/api.md,
// "changedSince"): a target changes when its status is written or one of its events
// ends (an event's start is not a change).
struct TargetChangeQuery {
  std::string deployment_id;
  int64_t after = 0;                          // a cursor from an earlier answer; 0: from creation
  std::vector<model::TargetStatus> statuses;  // empty: any
  int limit = 100;
};

struct TargetChanges {
  // Ordered by each target's last change, oldest first, with their events.
  std::vector<model::Target> targets;
  int64_t cursor = 0;  // pass as `after` for the changes after this answer
  bool more = false;   // the page was full: there may be more changes up to now
};

// One line of a hook's output as the agent streamed it (docs/api.md "Deployment logs").
struct EventLogLine {
  int64_t seq = 0;  // assigned by the store, increasing; 0 in an append
  std::string command_id;
  int64_t line_no = 0;  // the agent's number for the line within its command
  std::string deployment_id;
  std::string instance_name;
  std::string event_name;
  int64_t time_ms = 0;
  std::string stream;  // "stdout" | "stderr"
  std::string text;
};

struct PruneCounts {
  int64_t deployments = 0;
  int64_t event_log_lines = 0;
  int64_t trigger_messages = 0;
};

struct EventLogQuery {
  std::string deployment_id;
  std::string instance_name;  // empty: any
  std::string event_name;     // empty: any
  int64_t after_seq = 0;      // only lines with seq > after_seq
  int limit = 1000;
};

// One host's part in one deployment of a group (host ordering, outdated hosts).
struct GroupTargetRecord {
  std::string instance_id;
  std::string deployment_id;
  std::string revision_id;
  model::TargetStatus status = model::TargetStatus::kPending;
};

// One webhook delivery of a trigger (DESIGN.md 4.3), queued in the outbox in the same
// transaction as the state change it reports.
struct TriggerMessage {
  int64_t seq = 0;  // assigned by the store, increasing; 0 in an enqueue
  std::string deployment_id;
  std::string trigger_name;
  std::string url;
  std::string event;  // "DeploymentStart", "InstanceFailure", ...
  std::string body;   // the JSON to POST, exactly
  model::TimeMs create_time = 0;
  int attempts = 0;
  model::TimeMs next_attempt_time = 0;
  std::string last_error;
  model::TimeMs delivered_time = 0;  // 0: not delivered yet
  bool abandoned = false;            // gave up after the last retry
};

// What carries resource tags (CodeDeploy's TagResource): applications and deployment
// groups, by id.
enum class TaggedResource { kApplication, kDeploymentGroup };

class Store {
 public:
  virtual ~Store() = default;

  virtual Status Transact(const std::function<Status()>& fn) = 0;
  // Transact without waiting: `fn` runs in a later group commit and `done` is called with
  // its outcome once that commit is durable (or failed), on a store thread, holding no
  // store lock, after `fn`'s OnCommit hooks. How an RPC answers only after its batch
  // committed without holding a server thread meanwhile. `done` must not block long.
  // Once the store is being destroyed, `done` gets UNAVAILABLE at once and `fn` never runs.
  virtual void TransactAsync(std::function<Status()> fn, std::function<void(Status)> done) = 0;
  // Runs `hook` once the outermost transaction of the calling `fn` has committed, on the
  // thread that called Transact, holding no store lock; never when that transaction (or
  // the nested one `hook` was registered in) rolls back. Outside a transaction: at once.
  // How the engine wakes parked polls and the trigger deliverer (never under a lock).
  // Hooks registered with the same non-null `once` in one transaction run once.
  virtual void OnCommit(std::function<void()> hook, const void* once) = 0;

  // Applications. Create fails ALREADY_EXISTS on a duplicate name.
  virtual Status CreateApplication(const model::Application& app) = 0;
  virtual Result<model::Application> GetApplicationByName(const std::string& name) = 0;
  virtual Result<model::Application> GetApplication(const std::string& id) = 0;
  virtual Result<std::vector<model::Application>> ListApplications() = 0;
  // ALREADY_EXISTS (reason kApplication) when `new_name` is taken.
  virtual Status RenameApplication(const std::string& id, const std::string& new_name) = 0;

  // Deployment groups; unique (application_id, name). Returned groups have
  // application_name filled in.
  virtual Status CreateDeploymentGroup(const model::DeploymentGroup& group) = 0;
  virtual Status UpdateDeploymentGroup(const model::DeploymentGroup& group) = 0;
  virtual Result<model::DeploymentGroup> GetDeploymentGroup(const std::string& application_id,
                                                            const std::string& name) = 0;
  virtual Result<model::DeploymentGroup> GetDeploymentGroupById(const std::string& id) = 0;
  virtual Result<std::vector<model::DeploymentGroup>> ListDeploymentGroups(
      const std::string& application_id) = 0;
  // The groups of every application that update a host joining them (outdated instances
  // strategy UPDATE) and have a last successful deployment to update it to: the only
  // groups an enrolling or retagged host can get an autoUpdate in.
  virtual Result<std::vector<model::DeploymentGroup>> ListAutoUpdateGroups() = 0;

  // Custom deployment configs (the built-ins are not stored). Create fails ALREADY_EXISTS
  // on a duplicate name; Get and Delete NOT_FOUND on an unknown one. Ordered by name.
  virtual Status CreateDeploymentConfig(const model::DeploymentConfig& config,
                                        model::TimeMs create_time) = 0;
  virtual Result<model::DeploymentConfig> GetDeploymentConfig(const std::string& name) = 0;
  virtual Result<std::vector<model::DeploymentConfig>> ListDeploymentConfigs() = 0;
  virtual Status DeleteDeploymentConfig(const std::string& name) = 0;
  // "application/group" of every deployment group whose default config is `name`.
  virtual Result<std::vector<std::string>> GroupsUsingConfig(const std::string& name) = 0;

  // Resource tags of an application or deployment group (NOT_FOUND with its Reason for
  // an unknown id); Set replaces them all.
  virtual Result<model::Tags> GetResourceTags(TaggedResource kind, const std::string& id) = 0;
  virtual Status SetResourceTags(TaggedResource kind, const std::string& id,
                                 const model::Tags& tags) = 0;

  // Instances. The credential is stored only as its SHA-256.
  virtual Status CreateInstance(const model::Instance& instance,
                                const std::string& credential_hash) = 0;
  // Replaces tags, agent version, registration status and credential hash.
  virtual Status UpdateInstance(const model::Instance& instance,
                                const std::string& credential_hash) = 0;
  virtual Result<model::Instance> GetInstance(const std::string& id) = 0;
  virtual Result<model::Instance> GetInstanceByName(const std::string& name) = 0;
  virtual Result<model::Instance> GetInstanceByCredentialHash(const std::string& hash) = 0;
  virtual Result<std::vector<model::Instance>> ListInstances() = 0;
  virtual Status TouchInstance(const std::string& id, model::TimeMs last_seen) = 0;
  // Sets last_seen of many instances in one transaction (ids unknown are ignored).
  virtual Status TouchInstances(const std::vector<std::pair<std::string, model::TimeMs>>& seen) = 0;
  // Replaces the instance's tags only.
  virtual Status SetInstanceTags(const std::string& id, const model::Tags& tags) = 0;
  virtual Status SetInstanceRegistration(const std::string& id, const std::string& status) = 0;
  // The client certificate the instance must present from now on ("" and 0: none).
  virtual Status SetInstanceCertificate(const std::string& id, const std::string& serial,
                                        model::TimeMs not_after) = 0;

  // API tokens (stored as the SHA-256 of the token). Get is NOT_FOUND for an unknown
  // hash or id; Revoke sets revoke_time (NOT_FOUND for an unknown id). Ordered by
  // create time.
  virtual Status CreateApiToken(const model::ApiToken& token, const std::string& token_hash) = 0;
  virtual Result<model::ApiToken> GetApiTokenByHash(const std::string& token_hash) = 0;
  virtual Result<model::ApiToken> GetApiToken(const std::string& id) = 0;
  virtual Result<std::vector<model::ApiToken>> ListApiTokens() = 0;
  virtual Status RevokeApiToken(const std::string& id, model::TimeMs when) = 0;

  // Join tokens (the secret stored as its SHA-256). Ordered by create time.
  virtual Status CreateJoinToken(const model::JoinTokenRecord& token,
                                 const std::string& secret_hash) = 0;
  // The token and its secret's hash; NOT_FOUND for an unknown id.
  virtual Result<std::pair<model::JoinTokenRecord, std::string>> GetJoinToken(
      const std::string& id) = 0;
  virtual Result<std::vector<model::JoinTokenRecord>> ListJoinTokens() = 0;
  // Counts one more use.
  virtual Status CountJoinTokenUse(const std::string& id) = 0;
  virtual Status RevokeJoinToken(const std::string& id, model::TimeMs when) = 0;

  // Revisions. Returned revisions have application_name filled in.
  virtual Status CreateRevision(const model::Revision& revision) = 0;
  virtual Result<model::Revision> GetRevision(const std::string& id) = 0;
  virtual Result<std::vector<model::Revision>> ListRevisions(const std::string& application_id) = 0;

  // Deployments with their targets and every target's events.
  virtual Status CreateDeployment(const model::Deployment& deployment,
                                  const std::vector<model::Target>& targets) = 0;
  // Writes status, error, times and rollback fields of an existing deployment.
  virtual Status UpdateDeployment(const model::Deployment& deployment) = 0;
  // Returned deployments have application_name and group_name filled in.
  virtual Result<model::Deployment> GetDeployment(const std::string& id) = 0;
  // Newest first.
  virtual Result<std::vector<model::Deployment>> ListDeployments(
      const DeploymentFilter& filter) = 0;
  // Adds targets (with their events) to a deployment created without any (a queued one).
  virtual Status AddTargets(const std::vector<model::Target>& targets) = 0;
  // Every target of every deployment of the group, oldest deployment first.
  virtual Result<std::vector<GroupTargetRecord>> ListGroupTargets(const std::string& group_id) = 0;
  // The same for one host only (its history in the group, read through its own index).
  virtual Result<std::vector<GroupTargetRecord>> ListGroupTargetsOf(
      const std::string& group_id, const std::string& instance_id) = 0;
  // Targets ordered by position, each with its events ordered by seq.
  virtual Result<std::vector<model::Target>> GetTargets(const std::string& deployment_id) = 0;
  // One target with its events; NOT_FOUND when the instance is not a target.
  virtual Result<model::Target> GetTarget(const std::string& deployment_id,
                                          const std::string& instance_id) = 0;
  // One event of a target by seq, or nullopt when the target has no such event: what a
  // lifecycle event's dispatch and outcome read, instead of the whole target.
  virtual Result<std::optional<model::LifecycleEvent>> FindEvent(const std::string& deployment_id,
                                                                 const std::string& instance_id,
                                                                 int seq) = 0;
  // A page of targets (see TargetQuery); NOT_FOUND for an unknown deployment.
  virtual Result<std::vector<model::Target>> ListTargets(const TargetQuery& query) = 0;
  // Targets changed after query.after (see TargetChangeQuery); NOT_FOUND for an unknown
  // deployment. Costs what the changes cost, not what the deployment's size does.
  virtual Result<TargetChanges> ListChangedTargets(const TargetChangeQuery& query) = 0;
  // The deployment's targets counted by status, kept in step with every target write
  // (O(1): no scan of the targets).
  virtual Result<model::DeploymentOverview> CountTargets(const std::string& deployment_id) = 0;
  // Every Pending target, and its Pending events, becomes Skipped.
  virtual Status SkipPendingTargets(const std::string& deployment_id) = 0;
  // Writes the target's status (not its events).
  virtual Status UpdateTargetStatus(const std::string& deployment_id,
                                    const std::string& instance_id, model::TargetStatus status) = 0;
  // Writes one event's status, times and diagnostics (matched by seq).
  virtual Status UpdateEvent(const std::string& deployment_id, const std::string& instance_id,
                             const model::LifecycleEvent& event) = 0;

  // Commands.
  virtual Status CreateCommand(const model::Command& command) = 0;
  virtual Status UpdateCommand(const model::Command& command) = 0;
  virtual Result<model::Command> GetCommand(const std::string& id) = 0;
  // The oldest command of this instance that is not Completed, if any.
  virtual Result<std::optional<model::Command>> NextOpenCommand(const std::string& instance_id) = 0;
  // Every command not Completed, of every instance, oldest first.
  virtual Result<std::vector<model::Command>> ListOpenCommands() = 0;

  // Alarms. PutAlarm inserts or replaces; GetAlarm is NOT_FOUND for a name never set.
  // Ordered by name.
  virtual Status PutAlarm(const model::Alarm& alarm) = 0;
  virtual Result<model::Alarm> GetAlarm(const std::string& name) = 0;
  virtual Result<std::vector<model::Alarm>> ListAlarms() = 0;

  // Trigger outbox. EnqueueTrigger ignores `seq`, `attempts` and delivery fields.
  virtual Status EnqueueTrigger(const TriggerMessage& message) = 0;
  // Undelivered, not abandoned messages with next_attempt_time <= now, oldest first.
  virtual Result<std::vector<TriggerMessage>> ListDueTriggers(model::TimeMs now, int limit) = 0;
  // The earliest next_attempt_time of any undelivered, not abandoned message.
  virtual Result<std::optional<model::TimeMs>> NextTriggerAttemptTime() = 0;
  // Every message of a deployment, oldest first.
  virtual Result<std::vector<TriggerMessage>> ListTriggers(const std::string& deployment_id) = 0;
  // Writes attempts, next_attempt_time, last_error, delivered_time and abandoned.
  virtual Status UpdateTriggerDelivery(const TriggerMessage& message) = 0;

  // Live event logs. AppendEventLog stores `lines` (all of one command) in order; a line
  // whose (command_id, line_no) is already stored is skipped, so a retried append changes
  // nothing. Once a command's text reaches `max_bytes`, or its lines `max_lines`, its
  // further lines are dropped and one marker line (line_no -1) says so.
  virtual Status AppendEventLog(const std::vector<EventLogLine>& lines, int64_t max_bytes,
                                int64_t max_lines) = 0;
  // Lines matching `query`, in seq order, at most query.limit.
  virtual Result<std::vector<EventLogLine>> ListEventLog(const EventLogQuery& query) = 0;

  // Retention (--retain-days), in one transaction: deletes every deployment that ended
  // (Succeeded, Failed, Stopped) before `cutoff` with its targets, events, commands, event
  // logs and trigger messages, except each group's last successful deployment (rollback
  // and new instances need it); and delivered or abandoned trigger messages queued before
  // `cutoff`.
  virtual Result<PruneCounts> PruneBefore(model::TimeMs cutoff) = 0;
  // The sha256 of every blob a revision, an object version or an upload's part names (so
  // the others can be collected).
  virtual Result<std::set<std::string>> ReferencedBlobs() = 0;

  // Sampled by each /metrics scrape, so cheap: index seeks over the running deployments
  // and the outbox's due index, not scans of history.
  // Targets InProgress of InProgress deployments.
  virtual Result<int64_t> CountHostsInFlight() = 0;
  // Trigger messages neither delivered nor abandoned.
  virtual Result<int64_t> CountPendingTriggers() = 0;

  // Deletion (api::Service checks first that nothing active uses what goes). Each runs
  // in the caller's transaction and is NOT_FOUND for an unknown id.
  // A deployment group with every deployment of it and their targets, events, commands
  // and event logs, and those of their trigger messages that were delivered or abandoned
  // (pending ones stay in the outbox and are still sent).
  virtual Status DeleteDeploymentGroup(const std::string& group_id) = 0;
  // A revision only: deployments keep their own copy of its location.
  virtual Status DeleteRevision(const std::string& id) = 0;
  // An application that has no deployment group and no revision left.
  virtual Status DeleteApplication(const std::string& id) = 0;
  // "application/group" of every group whose last successful deployment deployed
  // revision `revision_id` (what its rollbacks and new hosts would get).
  virtual Result<std::vector<std::string>> GroupsOnRevision(const std::string& revision_id) = 0;
  // Ids of the deployments of revision `revision_id` that are Created, Queued or
  // InProgress, oldest first.
  virtual Result<std::vector<std::string>> ActiveDeploymentsOfRevision(
      const std::string& revision_id) = 0;

  // The S3 face (docs/codedeploy-compat.md "The S3 face"). Buckets: Create is ALREADY_EXISTS for a
  // taken name, Get NOT_FOUND (reason kBucket) for an unknown one; listed by name. DeleteBucket
  // removes the bucket with every version and upload in it.
  virtual Status CreateBucket(const model::Bucket& bucket) = 0;
  virtual Result<model::Bucket> GetBucket(const std::string& name) = 0;
  virtual Result<std::vector<model::Bucket>> ListBuckets() = 0;
  virtual Status DeleteBucket(const std::string& name) = 0;
  // Adds a version (a PUT, a completed upload or a delete marker); it becomes current.
  virtual Status AddObjectVersion(const model::ObjectVersion& version) = 0;
  // The version `version_id`, or the key's current one for ""; NOT_FOUND (reason
  // kObject) when there is none. A current delete marker is returned as such.
  virtual Result<model::ObjectVersion> GetObjectVersion(const std::string& bucket,
                                                        const std::string& key,
                                                        const std::string& version_id) = 0;
  // Removes one version for good; NOT_FOUND (reason kObject) for an unknown one.
  virtual Status RemoveObjectVersion(const std::string& bucket, const std::string& key,
                                     const std::string& version_id) = 0;
  // Current versions that are not delete markers, ordered by key (bytewise), with keys
  // starting with `prefix` and after `after`; at most `limit`.
  virtual Result<std::vector<model::ObjectVersion>> ListCurrentObjects(const std::string& bucket,
                                                                       const std::string& prefix,
                                                                       const std::string& after,
                                                                       int limit) = 0;
  // Multipart uploads. GetUpload is NOT_FOUND (reason kUpload) for an unknown id; PutPart
  // replaces a part of the same number; parts are listed by number. DeleteUpload removes
  // the upload and its parts' rows.
  virtual Status CreateUpload(const model::MultipartUpload& upload) = 0;
  virtual Result<model::MultipartUpload> GetUpload(const std::string& upload_id) = 0;
  virtual Status PutPart(const model::UploadPart& part) = 0;
  virtual Result<std::vector<model::UploadPart>> ListParts(const std::string& upload_id) = 0;
  virtual Status DeleteUpload(const std::string& upload_id) = 0;

  // The store of secrets (sqlite_secrets.cc). Put creates or replaces the value (keeping
  // create_time); Delete is NOT_FOUND for an unknown name. ListSecrets gives names and
  // times only (values empty), by name; GetSecretValues the values of the names that
  // exist (a missing name is simply absent from the answer).
  virtual Status PutSecret(const model::Secret& secret) = 0;
  virtual Status DeleteSecret(const std::string& name) = 0;
  virtual Result<std::vector<model::Secret>> ListSecrets() = 0;
  virtual Result<std::map<std::string, std::string>> GetSecretValues(
      const std::vector<std::string>& names) = 0;
};

}  // namespace berth::store
