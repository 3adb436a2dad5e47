// Service: the controller's operations, independent of the wire. The REST handlers
// (controller/http), the agent RPCs (controller/rpc) and, later, the CodeDeploy-compatible
// adapter translate their requests into these calls. Every method validates its input
// and changes nothing when it refuses it. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/model/access.h"
#include "common/model/alarm.h"
#include "common/model/application.h"
#include "common/model/bucket.h"
#include "common/model/deployment.h"
#include "common/model/deployment_config.h"
#include "common/model/deployment_group.h"
#include "common/model/instance.h"
#include "common/model/revision.h"
#include "common/model/secret.h"
#include "common/pki/pki.h"
#include "common/status.h"
#include "controller/blobs/blob_store.h"
#include "controller/deploy/agent_liveness.h"
#include "controller/deploy/engine.h"
#include "controller/store/store.h"
#include "controller/triggers/destination_policy.h"

namespace berth::tls {
class CertificateAuthority;
}

namespace berth::api {

// A deployment and its targets counted by status; never the targets themselves (those
// are paged: ListTargets, ListTargetChanges).
struct DeploymentDetail {
  model::Deployment deployment;
  model::DeploymentOverview overview;
};

// One page of a deployment's targets, in dispatch order.
struct TargetPage {
  std::vector<model::Target> targets;
  std::string next_token;  // empty: this was the last page
};

// The targets that changed after a cursor, oldest change first.
struct TargetChangePage {
  std::vector<model::Target> targets;
  std::string change_cursor;  // the cursor for the changes after this page
  bool more = false;          // the page was full: ask again with change_cursor at once
};

struct DeploymentQuery {
  std::string application_name;       // empty: any
  std::string group_name;             // empty: any (needs application_name)
  std::string status;                 // empty: any
  std::vector<std::string> statuses;  // any of these as well (CodeDeploy's includeOnlyStatuses)
  std::string next_token;             // from the previous page; empty: from the newest
  int limit = 100;                    // 1 to 1000
};

// Deployments listed a page at a time, this many unless the query says otherwise.
inline constexpr int kDeploymentPageSize = 100;

struct EnrollRequest {
  // The controller's bootstrap enroll token, or "<id>.<secret>" of a join token.
  std::string token;
  std::string name;
  model::Tags tags;
  std::string agent_version;
  // With TLS: the agent's certificate request (its key never leaves the host).
  std::string csr_pem;
  // Proof of the current identity, for an agent that enrolls its own instance again:
  // the client certificate it presented (TLS) or its bearer credential (--insecure).
  std::string presented_cert_pem;
  std::string presented_credential;
};

struct Enrollment {
  model::Instance instance;
  std::string credential;       // shown once; the store keeps only its hash
  std::string certificate_pem;  // with TLS: the client certificate naming instance.id
};

// How agents prove who they are (docs/security.md). Set once, before serving.
struct AgentSecurity {
  std::string bootstrap_token;  // empty: only join tokens enroll
  // Signs and checks client certificates; null in --insecure mode (bearer credential only).
  tls::CertificateAuthority* authority = nullptr;
};

// The revision an instance last deployed successfully in one deployment group.
struct InstanceRevision {
  std::string application_name;
  std::string group_name;
  std::string revision_id;
  std::string deployment_id;
};

// Who made an API request.
struct Principal {
  std::string token_id;  // "bootstrap" for the data dir's admin token
  model::Role role = model::Role::kViewer;
};

struct NewApiToken {
  model::ApiToken token;
  std::string secret;  // the bearer token; shown once, stored only as its SHA-256
  // The same token as a SigV4 key pair (the CodeDeploy-compatible and S3 faces).
  std::string access_key_id;
  std::string secret_access_key;
};

// An API token as a SigV4 key: who signs with it and the secret the signature is made with.
struct AccessKey {
  Principal principal;
  std::string secret_access_key;
};

struct JoinTokenRequest {
  int64_t ttl_ms = 3600 * 1000;  // 0: never expires
  int uses = 0;                  // 0: no limit
  model::Tags tags;
  std::string name_prefix;
  std::string description;
};

struct NewJoinToken {
  model::JoinTokenRecord record;
  std::string token;  // "bjt1.<id>.<secret>.<pin>"; shown once
};

// Registered instances by whether their agent is reachable (instance_status.cc).
struct AgentCounts {
  int64_t online = 0;
  int64_t unreachable = 0;
};

struct InputPolicy {
  // Checked at group create and update. With a resolver (the controller passes
  // getaddrinfo), host names are resolved then, outside any transaction, and refused when
  // they resolve to an internal address; without one (the default, for tests), only IP
  // literals and localhost are judged there. Delivery checks again either way.
  triggers::DestinationPolicy trigger_destinations{.resolve = nullptr};
  bool allow_insecure_git = false;  // http://, git:// and file:// git repositories
};

// The S3 face (s3_*.cc, docs/codedeploy-compat.md "The S3 face"). Object bytes are written to the
// blob store first (BlobWriter); these name a committed blob.
struct StoredBytes {
  blobs::BlobInfo blob;
  std::string md5_hex;  // of the same bytes: the ETag of a PUT or a part
};

struct PutObjectRequest {
  std::string bucket;
  std::string key;
  std::string content_type;
  StoredBytes bytes;
};

struct ObjectListRequest {
  std::string bucket;
  std::string prefix;
  std::string delimiter;    // empty: none
  std::string start_after;  // keys after this one (a continuation token or StartAfter)
  int max_keys = 1000;      // 0 to 1000
};

struct ObjectList {
  std::vector<model::ObjectVersion> objects;  // current, not deleted, by key
  std::vector<std::string> common_prefixes;   // with a delimiter: prefix..delimiter, once each
  // Truncated listings go on after this key (the last object or common prefix listed).
  std::string next_after;
  bool truncated = false;
};

struct CompletedPart {
  int part_number = 0;
  std::string etag;  // as UploadPart answered it (quotes optional)
};

// What an agent call presents, checked as far as it can be without the store
// (Service::ProveAgent).
struct AgentProof {
  std::string credential_hash;  // hex SHA-256; empty when the call had no credential
  bool cert_given = false;
  Status cert_status;  // the certificate's verification against the CA (with TLS)
  pki::CertInfo cert;  // when cert_status is OK
};

// An application (group empty) or one of its deployment groups.
struct TaggedResourceRef {
  std::string application;
  std::string group;
};

// INVALID_ARGUMENT naming the tag unless each key is 1 to 128 characters and not
// "aws:"-prefixed, each value at most 256, and there are at most 50 (CodeDeploy's rules).
Status CheckResourceTags(const model::Tags& tags);

// INVALID_ARGUMENT unless `key` is 1 to 1024 bytes of UTF-8 (S3's rule).
Status CheckObjectKey(const std::string& key);
// The first path segments the API listener keeps for itself; no bucket may be named so.
bool IsReservedBucketName(const std::string& name);

class Service {
 public:
  Service(store::Store* store, deploy::Engine* engine, blobs::BlobStore* blobs, Clock* clock);

  // Applications. `tags` (resource tags, CheckResourceTags) are stored with it.
  Result<model::Application> CreateApplication(const std::string& name,
                                               const model::Tags& tags = {});
  Result<model::Application> GetApplication(const std::string& name);
  Result<std::vector<model::Application>> ListApplications();
  // ALREADY_EXISTS when `new_name` is taken; deployments and groups follow the new name.
  Result<model::Application> RenameApplication(const std::string& name,
                                               const std::string& new_name);

  // Deployment groups. `group.application_name` names the application; `tags` are its
  // resource tags.
  Result<model::DeploymentGroup> CreateDeploymentGroup(model::DeploymentGroup group,
                                                       const model::Tags& tags = {});
  // Applies `edit` to the stored group, checks the result as Create does and stores it;
  // nothing changes when `edit` or a check fails. `edit` may run twice (first on a copy,
  // to resolve its trigger hosts outside the transaction): it must only change the group
  // it is given.
  Result<model::DeploymentGroup> UpdateDeploymentGroup(
      const std::string& application, const std::string& name,
      const std::function<Status(model::DeploymentGroup&)>& edit);
  Result<model::DeploymentGroup> GetDeploymentGroup(const std::string& application,
                                                    const std::string& name);
  Result<std::vector<model::DeploymentGroup>> ListDeploymentGroups(const std::string& application);

  // resource_tags.cc: tags of an application or deployment group (CodeDeploy's
  // TagResource), kept apart from the instance tags that select hosts. Tag replaces the
  // values of keys it names; Untag removes keys (an absent one is no error). NOT_FOUND
  // names the application or group.
  Result<model::Tags> ResourceTags(const TaggedResourceRef& resource);
  Status TagResource(const TaggedResourceRef& resource, const model::Tags& add);
  Status UntagResource(const TaggedResourceRef& resource, const std::vector<std::string>& keys);

  // Deployment configs: the built-ins and custom ones. Delete refuses a built-in
  // (FAILED_PRECONDITION) and a config a deployment group uses (FAILED_PRECONDITION naming
  // the groups); running deployments keep their own copy of their config.
  Result<model::DeploymentConfig> CreateDeploymentConfig(const model::DeploymentConfig& config);
  Result<model::DeploymentConfig> GetDeploymentConfig(const std::string& name);
  Result<std::vector<model::DeploymentConfig>> ListDeploymentConfigs();  // built-ins first
  Status DeleteDeploymentConfig(const std::string& name);

  // Instances.
  Result<std::vector<model::Instance>> ListInstances();
  Result<model::Instance> GetInstance(const std::string& name);
  // instance_revisions.cc: per instance id, its current revision in every group that ever
  // deployed to it successfully (groups in application, then name order). One indexed
  // read per instance and group: call it for a page of instances, not a whole fleet.
  Result<std::map<std::string, std::vector<InstanceRevision>>> CurrentRevisions(
      const std::vector<std::string>& instance_ids);
  // What /metrics reports; reads every instance (one store read, no write).
  Result<AgentCounts> CountAgents();
  // Sets the tags in `add` (replacing values of existing keys), then removes the keys in
  // `remove`. An agent that enrolls again replaces its tags with its own --tag flags.
  Result<model::Instance> TagInstance(const std::string& name, const model::Tags& add,
                                      const std::vector<std::string>& remove);

  // enrollment.cc. Checks the token first (UNAUTHENTICATED naming why: unknown, revoked,
  // expired, used up), then the name: a registered name is refused ALREADY_EXISTS unless
  // the request proves that instance's current identity; then the CSR. Registers the
  // instance (a deregistered one of the same name is taken over) in one transaction with
  // the token's use and its autoUpdate.
  void SetAgentSecurity(AgentSecurity security);
  Result<Enrollment> Enroll(const EnrollRequest& request);
  // The instance an agent call comes from, in two steps so that the costly one runs
  // outside the store's transactions (where agent reports are group-committed one after
  // another). ProveAgent hashes the bearer credential and, with TLS, verifies the client
  // certificate's signature against the CA (no store access). AuthenticateAgent then
  // looks the credential up and checks that the certificate is the instance's current
  // one: UNAUTHENTICATED says what is wrong; PERMISSION_DENIED "instance deregistered".
  // Records last seen.
  AgentProof ProveAgent(const std::string& credential, const std::string& cert_pem) const;
  Result<model::Instance> AuthenticateAgent(const AgentProof& proof);
  // A new client certificate for an authenticated instance; the old one stops working.
  Result<std::string> RenewAgentCertificate(const model::Instance& instance,
                                            const std::string& csr_pem);
  // Registers an instance ahead of its agent (CodeDeploy's RegisterOnPremisesInstance): a
  // Registered instance with no agent, no credential and no tags, which tagging and
  // deployments see like any other (its events fail AGENT_ISSUE after the agent-silence
  // limit while no agent has enrolled). The first agent that enrolls under the name with
  // a valid join token claims it, keeping its tags. ALREADY_EXISTS (Reason::kInstance)
  // when an instance of that name exists, registered or deregistered.
  Result<model::Instance> RegisterInstance(const std::string& name);
  // Frees the name and revokes the instance's certificate and credential: its next call
  // is refused and no new deployment targets it. The deregistration callback (ending its
  // parked poll) runs from the store's commit hook, after the change is committed.
  Result<model::Instance> DeregisterInstance(const std::string& name);
  void SetDeregisteredCallback(std::function<void(const std::string& instance_id)> callback);

  // api_tokens.cc. `bootstrap_admin_token` (the data dir's admin.token) is an admin token
  // that is not stored; `sigv4_key` derives each token's secretAccessKey.
  void SetApiTokenKeys(std::string bootstrap_admin_token, std::string sigv4_key);
  Result<NewApiToken> CreateApiToken(model::Role role, int64_t ttl_ms,
                                     const std::string& description);
  Result<std::vector<model::ApiToken>> ListApiTokens();
  Status RevokeApiToken(const std::string& id);
  // UNAUTHENTICATED for an unknown, revoked or expired token (saying which).
  Result<Principal> AuthenticateApiToken(const std::string& token);
  // The token whose id is `access_key_id`, with its secretAccessKey (recomputed, never
  // stored); UNAUTHENTICATED for an unknown, revoked or expired one. The bootstrap admin
  // token has no key pair.
  Result<AccessKey> LookupAccessKey(const std::string& access_key_id);

  // join_tokens.cc.
  Result<NewJoinToken> CreateJoinToken(const JoinTokenRequest& request);
  Result<std::vector<model::JoinTokenRecord>> ListJoinTokens();
  Status RevokeJoinToken(const std::string& id);
  // instance_status.cc: how the instances handed out above are judged unreachable: no
  // call from the agent for `silence_ms` and no poll parked (`connected`, may be empty).
  // Defaults: 5 minutes, no parked polls known. Call before serving.
  void SetAgentLiveness(int64_t silence_ms, std::function<std::set<std::string>()> connected);
  // Where AuthenticateAgent records agents' calls instead of writing the store on each
  // one (deploy/agent_liveness.h); null (the default): straight to the store. Not owned;
  // call before serving.
  void SetLivenessTracker(deploy::AgentLiveness* liveness) { liveness_ = liveness; }
  // What groups and revisions may name (docs/security.md "Limits"): where trigger URLs
  // may point (host names are not resolved here, only at delivery) and which git URLs
  // are accepted. Call before serving.
  void SetInputPolicy(InputPolicy policy);

  // Revisions.
  Result<model::Revision> RegisterRevision(const std::string& application,
                                           const model::RevisionLocation& location,
                                           const std::string& description);
  Result<model::Revision> GetRevision(const std::string& id);
  Result<std::vector<model::Revision>> ListRevisions(const std::string& application);

  // deletion.cc (docs/api.md "Deleting"). Each is one transaction. While anything
  // active needs what would go, it is refused with FAILED_PRECONDITION naming the user
  // (an active deployment; an event still running on a host, of a stopped deployment
  // say; for a revision, a group whose last successful deployment deployed it), and
  // nothing changes. NOT_FOUND for an unknown name or id.
  // A group goes with every deployment it ran (targets, events, commands, logs, sent
  // trigger messages; pending ones are still delivered).
  Status DeleteDeploymentGroup(const std::string& application, const std::string& name);
  // Deployments that used the revision keep their own copy of its location. Its blob in
  // the built-in store is removed after the commit unless another revision names it.
  Status DeleteRevision(const std::string& id);
  // An application goes with its deployment groups and revisions, as above.
  Status DeleteApplication(const std::string& name);

  // Deployments.
  Result<model::Deployment> CreateDeployment(const deploy::CreateDeploymentRequest& request);
  Result<DeploymentDetail> GetDeployment(const std::string& id);
  // deployment_targets.cc: up to `limit` targets of the deployment with their events,
  // after `next_token` (from the previous page; empty: from the start), only those of
  // `status` when it is not empty. INVALID_ARGUMENT for an unknown status or a bad token.
  Result<TargetPage> ListTargets(const std::string& deployment_id, const std::string& status,
                                 const std::string& next_token, int limit = 100);
  // Up to `limit` targets of the deployment whose status changed or an event ended after
  // `changed_since` ("0", or a change_cursor from an earlier page of this deployment),
  // with their events, only those of `status` when it is not empty. INVALID_ARGUMENT for
  // an unknown status or a cursor this API did not hand out.
  Result<TargetChangePage> ListTargetChanges(const std::string& deployment_id,
                                             const std::string& status,
                                             const std::string& changed_since, int limit = 100);
  // Newest first, at most query.limit (1 to 1000); a full page's last id is the next
  // token.
  Result<std::vector<model::Deployment>> ListDeployments(const DeploymentQuery& query);
  // Stops an active deployment (MANUAL_STOP), then rolls it back when `rollback` is set
  // or its settings roll back on DEPLOYMENT_STOP_ON_REQUEST; FAILED_PRECONDITION once it
  // has ended.
  Status StopDeployment(const std::string& id, bool rollback);
  // Waves (waves.cc): carries on with the next wave of a deployment waiting in Ready;
  // FAILED_PRECONDITION when it is not waiting for approval.
  Status ContinueDeployment(const std::string& id);
  // deployment_retry.cc: Engine::RetryDeployment (docs/api.md "Retrying failed hosts").
  Result<model::Deployment> RetryDeployment(const deploy::RetryRequest& request);

  // Alarms: `state` OK or ALARM. An alarm that fires stops the deployments of the groups
  // watching it (ALARM_ACTIVE).
  Result<model::Alarm> SetAlarm(const std::string& name, const std::string& state,
                                const std::string& reason);
  Result<std::vector<model::Alarm>> ListAlarms();
  // NOT_FOUND for a name never set.
  Result<model::Alarm> GetAlarm(const std::string& name);
  // Sets several alarms (name, state, reason; update_time is stamped here). Checks every
  // one before setting any, so a refused batch changes nothing.
  Result<std::vector<model::Alarm>> SetAlarms(std::vector<model::Alarm> alarms);

  // s3_buckets.cc, s3_objects.cc, s3_uploads.cc: the S3 face's operations. Refusals carry
  // a Reason (kBucket, kObject, kUpload, kInvalidPart, kPartOrder, kPartTooSmall) so the
  // face answers S3's error codes. Bytes a removal frees are removed from the blob store
  // after the commit, unless a revision or another object names them.
  // INVALID_ARGUMENT (kBucket) for a name breaking S3's rules or a reserved one.
  Result<model::Bucket> CreateBucket(const std::string& name);
  Result<model::Bucket> GetBucket(const std::string& name);
  Result<std::vector<model::Bucket>> ListBuckets();
  // FAILED_PRECONDITION (kBucket) while an object is in it; its old versions and delete
  // markers go with it.
  Status DeleteBucket(const std::string& name);
  Result<model::ObjectVersion> PutObject(const PutObjectRequest& request);
  // The version, or the current one for ""; NOT_FOUND (kObject) for a key whose current
  // version is a delete marker, or a version id that is one.
  Result<model::ObjectVersion> GetObject(const std::string& bucket, const std::string& key,
                                         const std::string& version_id);
  // Without a version id: adds a delete marker (returned). With one: removes that version
  // for good (returned as it was); NOT_FOUND (kObject) when there is no such version.
  Result<model::ObjectVersion> DeleteObject(const std::string& bucket, const std::string& key,
                                            const std::string& version_id);
  Result<ObjectList> ListObjects(const ObjectListRequest& request);
  Result<model::MultipartUpload> CreateUpload(const std::string& bucket, const std::string& key,
                                              const std::string& content_type);
  // The upload, when it is of this bucket and key (NOT_FOUND kUpload otherwise).
  Result<model::MultipartUpload> GetUploadOf(const std::string& bucket, const std::string& key,
                                             const std::string& upload_id);
  // part_number 1 to 10000; the upload must be of this bucket and key (NOT_FOUND kUpload).
  Result<model::UploadPart> PutPart(const std::string& bucket, const std::string& key,
                                    const std::string& upload_id, int part_number,
                                    const StoredBytes& bytes);
  // Joins the listed parts (ascending numbers, kPartOrder; each listed part uploaded with
  // that ETag, kInvalidPart; each but the last at least 5 MiB, kPartTooSmall) into one
  // blob and adds it as the key's new version, ETag "<md5 of the parts' md5s>-<count>".
  Result<model::ObjectVersion> CompleteUpload(const std::string& bucket, const std::string& key,
                                              const std::string& upload_id,
                                              const std::vector<CompletedPart>& parts);
  Status AbortUpload(const std::string& bucket, const std::string& key,
                     const std::string& upload_id);
  // When `location` is an S3 location in a bucket of this controller, its object version
  // (the given one, or the current) is checked against location.etag and its blob's
  // sha256 set in location.sha256: agents fetch it from the controller, with no S3
  // credentials. Other locations are left as they are (sha256 cleared for S3 ones).
  Status ResolveStoreObject(model::RevisionLocation& location);
  // secrets.cc: the store of secrets (admin only, by route). Set creates or replaces
  // (INVALID_ARGUMENT for a bad name, an empty value, a NUL byte or more than 64 KiB);
  // List gives names and times, never values; Delete is NOT_FOUND for an unknown name.
  Status SetSecret(const std::string& name, const std::string& value);
  Result<std::vector<model::Secret>> ListSecrets();
  Status DeleteSecret(const std::string& name);
  // A create request's host-side settings: valid names and health check, and every
  // secret it names exists (NOT_FOUND naming the first that does not).
  Status CheckHookOptions(const model::HookOptions& options);

  blobs::BlobStore* blobs() { return blobs_; }

 private:
  store::Store* store_;
  deploy::Engine* engine_;
  blobs::BlobStore* blobs_;
  Clock* clock_;
  int64_t agent_silence_ms_ = 5 * 60 * 1000;
  AgentSecurity agent_security_;
  std::function<void(const std::string&)> on_deregistered_;
  std::string bootstrap_admin_token_;
  std::string sigv4_key_;

  // The join token an enrollment presents, checked and counted; nullopt for the
  // bootstrap token. Runs inside the enrollment's transaction.
  Result<std::optional<model::JoinTokenRecord>> UseEnrollToken(const std::string& token);
  // True when the request proves it is `instance`'s agent (see EnrollRequest).
  bool ProvesIdentity(const model::Instance& instance, const EnrollRequest& request);
  std::function<std::set<std::string>()> connected_agents_;
  deploy::AgentLiveness* liveness_ = nullptr;
  InputPolicy input_policy_;

  // Deletes a revision's row and, after the commit, its blob when no revision names it.
  // Inside the caller's transaction.
  Status DropRevision(const model::Revision& revision);
  // After the commit of the caller's transaction: removes each blob no revision, object
  // version or part names by then.
  void ForgetBlobs(std::vector<std::string> sha256s);

  // Sets `unreachable` on each instance.
  void MarkUnreachable(std::vector<model::Instance>& instances);
};

// A name for an application, group or instance: 1 to 100 characters, no '/', no control
// characters. INVALID_ARGUMENT names `what` and the value.
Status ValidateName(const std::string& what, const std::string& name);
// Rollback events are CodeDeploy's names; enabled needs at least one.
Status ValidateAutoRollbackConfig(const model::AutoRollbackConfig& config);

}  // namespace berth::api
