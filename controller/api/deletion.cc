// Service: deleting applications, deployment groups and revisions (docs/api.md
// "Deleting"). Each is one transaction that first refuses, naming the user, while
// anything active needs what would go: an active deployment, an event still running on a
// host, or a group whose rollbacks and new hosts would deploy the revision.
#include <spdlog/spdlog.h>

#include <map>

#include "controller/api/service.h"

namespace berth::api {
namespace {

using model::DeploymentStatus;

// FAILED_PRECONDITION naming the newest deployment `filter` selects that is Created,
// Queued or InProgress; OK when there is none.
Status RefuseActive(store::Store& store, store::DeploymentFilter filter, const std::string& what) {
  filter.statuses = {DeploymentStatus::kCreated, DeploymentStatus::kQueued,
                     DeploymentStatus::kInProgress, DeploymentStatus::kReady};
  filter.limit = 1;
  ASSIGN_OR_RETURN(std::vector<model::Deployment> active, store.ListDeployments(filter));
  if (active.empty()) return Status::Ok();
  const model::Deployment& d = active.front();
  return FailedPrecondition(what + " cannot be deleted: deployment " + d.id +
                            " of deployment group \"" + d.group_name + "\" is " +
                            model::DeploymentStatusName(d.status) + "; stop it (berth deployment " +
                            "stop " + d.id + ") or let it end first");
}

// FAILED_PRECONDITION when a host still runs an event of a deployment `concerned` picks
// (one that ended, stopped say, while the event ran: it finishes and reports on its own).
Status RefuseInFlight(store::Store& store,
                      const std::function<bool(const model::Deployment&)>& concerned,
                      const std::string& what) {
  ASSIGN_OR_RETURN(std::vector<model::Command> open, store.ListOpenCommands());
  std::map<std::string, bool> picked;  // deployment id -> concerned
  for (const model::Command& c : open) {
    if (c.status == model::CommandStatus::kPending) continue;  // never handed out
    auto it = picked.find(c.deployment_id);
    if (it == picked.end()) {
      ASSIGN_OR_RETURN(model::Deployment d, store.GetDeployment(c.deployment_id));
      it = picked.emplace(c.deployment_id, concerned(d)).first;
    }
    if (!it->second) continue;
    Result<model::Instance> instance = store.GetInstance(c.instance_id);
    return FailedPrecondition(what + " cannot be deleted: instance \"" +
                              (instance.ok() ? instance->name : c.instance_id) +
                              "\" is still running " + c.event_name + " of deployment " +
                              c.deployment_id + "; try again once it has reported");
  }
  return Status::Ok();
}

}  // namespace

Status Service::DeleteDeploymentGroup(const std::string& application, const std::string& name) {
  return store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Application app, store_->GetApplicationByName(application));
    ASSIGN_OR_RETURN(model::DeploymentGroup group, store_->GetDeploymentGroup(app.id, name));
    const std::string what =
        "deployment group \"" + name + "\" of application \"" + application + "\"";
    RETURN_IF_ERROR(RefuseActive(*store_, {.group_id = group.id}, what));
    RETURN_IF_ERROR(RefuseInFlight(
        *store_, [&](const model::Deployment& d) { return d.group_id == group.id; }, what));
    return store_->DeleteDeploymentGroup(group.id);
  });
}

Status Service::DeleteRevision(const std::string& id) {
  return store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Revision revision, store_->GetRevision(id));
    const std::string what = "revision " + id;
    ASSIGN_OR_RETURN(std::vector<std::string> active, store_->ActiveDeploymentsOfRevision(id));
    if (!active.empty()) {
      return FailedPrecondition(what + " cannot be deleted: active deployment " + active.front() +
                                " deploys it");
    }
    ASSIGN_OR_RETURN(std::vector<std::string> groups, store_->GroupsOnRevision(id));
    if (!groups.empty()) {
      std::string list;
      for (const std::string& g : groups) list += (list.empty() ? "" : ", ") + g;
      return FailedPrecondition(what +
                                " cannot be deleted: it is the last successful revision of "
                                "deployment group(s) " +
                                list +
                                ", which their rollbacks and new instances deploy; deploy another "
                                "revision there first");
    }
    RETURN_IF_ERROR(RefuseInFlight(
        *store_, [&](const model::Deployment& d) { return d.revision_id == id; }, what));
    return DropRevision(revision);
  });
}

Status Service::DeleteApplication(const std::string& name) {
  return store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Application app, store_->GetApplicationByName(name));
    const std::string what = "application \"" + name + "\"";
    RETURN_IF_ERROR(RefuseActive(*store_, {.application_id = app.id}, what));
    RETURN_IF_ERROR(RefuseInFlight(
        *store_, [&](const model::Deployment& d) { return d.application_id == app.id; }, what));
    ASSIGN_OR_RETURN(std::vector<model::DeploymentGroup> groups,
                     store_->ListDeploymentGroups(app.id));
    for (const model::DeploymentGroup& g : groups) {
      RETURN_IF_ERROR(store_->DeleteDeploymentGroup(g.id));
    }
    ASSIGN_OR_RETURN(std::vector<model::Revision> revisions, store_->ListRevisions(app.id));
    for (const model::Revision& r : revisions) RETURN_IF_ERROR(DropRevision(r));
    return store_->DeleteApplication(app.id);
  });
}

Status Service::DropRevision(const model::Revision& revision) {
  RETURN_IF_ERROR(store_->DeleteRevision(revision.id));
  const bool in_store = revision.location.type == model::RevisionType::kStore ||
                        (revision.location.type == model::RevisionType::kS3 &&
                         !revision.location.sha256.empty());
  if (!in_store) return Status::Ok();
  ForgetBlobs({revision.location.sha256});
  return Status::Ok();
}

void Service::ForgetBlobs(std::vector<std::string> sha256s) {
  if (sha256s.empty()) return;
  // Only if nothing names a blob by then (another revision or object may share it, or be
  // added meanwhile: the check and the removal are one transaction).
  store_->OnCommit(
      [this, sha256s = std::move(sha256s)] {
        for (const std::string& sha256 : sha256s) {
          Status s = store_->Transact([&]() -> Status {
            ASSIGN_OR_RETURN(std::set<std::string> referenced, store_->ReferencedBlobs());
            if (referenced.count(sha256) != 0) return Status::Ok();
            return blobs_->Remove(sha256);
          });
          if (!s.ok()) spdlog::warn("cannot remove blob {}: {}", sha256, s.ToString());
        }
      },
      nullptr);
}

}  // namespace berth::api
