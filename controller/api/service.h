// Service: the controller's operations, independent of the wire. The REST handlers
// (controller/http), the agent RPCs (controller/rpc) and, later, the CodeDeploy-compatible
// adapter translate their requests into these calls. Every method validates its input
// and changes nothing when it refuses it. Thread-safe.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/model/alarm.h"
#include "common/model/application.h"
#include "common/model/deployment.h"
#include "common/model/deployment_config.h"
#include "common/model/deployment_group.h"
#include "common/model/instance.h"
#include "common/model/revision.h"
#include "common/status.h"
#include "controller/blobs/blob_store.h"
#include "controller/deploy/engine.h"
#include "controller/store/store.h"
#include "controller/triggers/destination_policy.h"

namespace berth::api {

struct DeploymentDetail {
  model::Deployment deployment;
  std::vector<model::Target> targets;
};

struct DeploymentQuery {
  std::string application_name;  // empty: any
  std::string group_name;        // empty: any (needs application_name)
  std::string status;            // empty: any
};

struct EnrollRequest {
  std::string name;
  model::Tags tags;
  std::string agent_version;
};

struct Enrollment {
  model::Instance instance;
  std::string credential;  // shown once; the store keeps only its hash
};

struct InputPolicy {
  triggers::DestinationPolicy trigger_destinations{.resolve = nullptr};
  bool allow_insecure_git = false;  // http://, git:// and file:// git repositories
};

class Service {
 public:
  Service(store::Store* store, deploy::Engine* engine, blobs::BlobStore* blobs, Clock* clock);

  // Applications.
  Result<model::Application> CreateApplication(const std::string& name);
  Result<model::Application> GetApplication(const std::string& name);
  Result<std::vector<model::Application>> ListApplications();

  // Deployment groups. `group.application_name` names the application.
  Result<model::DeploymentGroup> CreateDeploymentGroup(model::DeploymentGroup group);
  // Applies `edit` to the stored group, checks the result as Create does and stores it;
  // nothing changes when `edit` or a check fails.
  Result<model::DeploymentGroup> UpdateDeploymentGroup(
      const std::string& application, const std::string& name,
      const std::function<Status(model::DeploymentGroup&)>& edit);
  Result<model::DeploymentGroup> GetDeploymentGroup(const std::string& application,
                                                    const std::string& name);
  Result<std::vector<model::DeploymentGroup>> ListDeploymentGroups(const std::string& application);

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
  // Sets the tags in `add` (replacing values of existing keys), then removes the keys in
  // `remove`. An agent that enrolls again replaces its tags with its own --tag flags.
  Result<model::Instance> TagInstance(const std::string& name, const model::Tags& add,
                                      const std::vector<std::string>& remove);
  // Registers a new instance or re-enrolls an existing one of the same name (new
  // credential, tags replaced).
  Result<Enrollment> Enroll(const EnrollRequest& request);
  // The instance a credential belongs to; UNAUTHENTICATED otherwise. Records last seen.
  Result<model::Instance> AuthenticateAgent(const std::string& credential);
  // instance_status.cc: how the instances handed out above are judged unreachable: no
  // call from the agent for `silence_ms` and no poll parked (`connected`, may be empty).
  // Defaults: 5 minutes, no parked polls known. Call before serving.
  void SetAgentLiveness(int64_t silence_ms, std::function<std::set<std::string>()> connected);
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

  // Deployments.
  Result<model::Deployment> CreateDeployment(const deploy::CreateDeploymentRequest& request);
  Result<DeploymentDetail> GetDeployment(const std::string& id);
  Result<std::vector<model::Deployment>> ListDeployments(const DeploymentQuery& query);
  // Stops an active deployment (MANUAL_STOP), then rolls it back when `rollback` is set
  // or its settings roll back on DEPLOYMENT_STOP_ON_REQUEST; FAILED_PRECONDITION once it
  // has ended.
  Status StopDeployment(const std::string& id, bool rollback);

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

  blobs::BlobStore* blobs() { return blobs_; }

 private:
  store::Store* store_;
  deploy::Engine* engine_;
  blobs::BlobStore* blobs_;
  Clock* clock_;
  int64_t agent_silence_ms_ = 5 * 60 * 1000;
  std::function<std::set<std::string>()> connected_agents_;
  InputPolicy input_policy_;

  // Sets `unreachable` on each instance.
  void MarkUnreachable(std::vector<model::Instance>& instances);
};

// A name for an application, group or instance: 1 to 100 characters, no '/', no control
// characters. INVALID_ARGUMENT names `what` and the value.
Status ValidateName(const std::string& what, const std::string& name);
// Rollback events are CodeDeploy's names; enabled needs at least one.
Status ValidateAutoRollbackConfig(const model::AutoRollbackConfig& config);

}  // namespace berth::api
