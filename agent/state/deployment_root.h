// The agent's on-disk deployment state under --root (APPSPEC.md "Deployment root"):
//
//   <root>/deployment-root/<group_id>/<deployment_id>/bundle
//                                                    /deployment-archive/
//                                                    /logs/scripts.log
//   <root>/deployment-root/deployment-instructions/<group_id>-last-successful
//                                                 /<group_id>-most-recent
//                                                 /<group_id>-cleanup
//   <root>/deployment-root/ongoing-event.json
//
// Pointer files hold a deployment id and are replaced atomically. Group and deployment
// ids come from the network: methods returning Status refuse (INVALID_ARGUMENT) an id
// that is not a single safe path component; the path accessors do not check, so callers
// CheckId first. Not thread-safe; the agent runs one event at a time.
#pragma once

#include <optional>
#include <string>

#include "agent/state/ongoing_event.h"
#include "common/status.h"

namespace berth::agent {

class DeploymentRoot {
 public:
  explicit DeploymentRoot(std::string root);

  const std::string& base() const { return base_; }  // <root>/deployment-root

  // OK when `id` can name a directory: non-empty, at most 128 bytes of
  // [A-Za-z0-9._-], not "." or "..". `what` names it in the error.
  static Status CheckId(const std::string& id, const std::string& what);

  std::string DeploymentDir(const std::string& group_id, const std::string& deployment_id) const;
  std::string BundlePath(const std::string& group_id, const std::string& deployment_id) const;
  std::string ArchiveDir(const std::string& group_id, const std::string& deployment_id) const;
  std::string ScriptLogPath(const std::string& group_id, const std::string& deployment_id) const;
  std::string CleanupListPath(const std::string& group_id) const;

  // The deployment id a pointer names; nullopt when there is none yet.
  Result<std::optional<std::string>> LastSuccessful(const std::string& group_id) const;
  Result<std::optional<std::string>> MostRecent(const std::string& group_id) const;
  Status SetLastSuccessful(const std::string& group_id, const std::string& deployment_id);
  Status SetMostRecent(const std::string& group_id, const std::string& deployment_id);

  // Deletes the group's oldest deployment directories (by modification time) until at
  // most `max_revisions` remain, never deleting the last successful or most recent one
  // (so with max_revisions 1 and both pointers set, two may remain).
  Status Prune(const std::string& group_id, int max_revisions);

  Status WriteOngoing(const OngoingEvent& event);
  // nullopt when no marker exists; an unreadable marker is an error (and left alone).
  Result<std::optional<OngoingEvent>> ReadOngoing() const;
  Status ClearOngoing();

 private:
  std::string InstructionPath(const std::string& group_id, const std::string& suffix) const;
  Result<std::optional<std::string>> ReadPointer(const std::string& group_id,
                                                 const std::string& suffix) const;
  Status WritePointer(const std::string& group_id, const std::string& suffix,
                      const std::string& deployment_id);
  std::string OngoingPath() const { return base_ + "/ongoing-event.json"; }

  std::string base_;
};

}  // namespace berth::agent
