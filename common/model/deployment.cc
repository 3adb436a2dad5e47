#include "common/model/deployment.h"

#include <initializer_list>

namespace berth::model {
namespace {

template <typename E>
bool ParseByName(const std::string& name, E* out, std::initializer_list<E> all,
                 const char* (*to_name)(E)) {
  for (E e : all) {
    if (name == to_name(e)) {
      *out = e;
      return true;
    }
  }
  return false;
}

}  // namespace

const char* DeploymentStatusName(DeploymentStatus s) {
  switch (s) {
    case DeploymentStatus::kCreated: return "Created";
    case DeploymentStatus::kQueued: return "Queued";
    case DeploymentStatus::kInProgress: return "InProgress";
    case DeploymentStatus::kSucceeded: return "Succeeded";
    case DeploymentStatus::kFailed: return "Failed";
    case DeploymentStatus::kStopped: return "Stopped";
    case DeploymentStatus::kReady: return "Ready";
  }
  return "Created";
}

bool ParseDeploymentStatus(const std::string& name, DeploymentStatus* out) {
  using S = DeploymentStatus;
  return ParseByName(name, out,
                     {S::kCreated, S::kQueued, S::kInProgress, S::kSucceeded, S::kFailed,
                      S::kStopped, S::kReady},
                     &DeploymentStatusName);
}

bool IsTerminal(DeploymentStatus s) {
  return s == DeploymentStatus::kSucceeded || s == DeploymentStatus::kFailed ||
         s == DeploymentStatus::kStopped;
}

const char* TargetStatusName(TargetStatus s) {
  switch (s) {
    case TargetStatus::kPending: return "Pending";
    case TargetStatus::kInProgress: return "InProgress";
    case TargetStatus::kSucceeded: return "Succeeded";
    case TargetStatus::kFailed: return "Failed";
    case TargetStatus::kSkipped: return "Skipped";
    case TargetStatus::kUnknown: return "Unknown";
  }
  return "Unknown";
}

bool ParseTargetStatus(const std::string& name, TargetStatus* out) {
  using S = TargetStatus;
  return ParseByName(name, out,
                     {S::kPending, S::kInProgress, S::kSucceeded, S::kFailed, S::kSkipped,
                      S::kUnknown},
                     &TargetStatusName);
}

const char* EventStatusName(EventStatus s) {
  switch (s) {
    case EventStatus::kPending: return "Pending";
    case EventStatus::kInProgress: return "InProgress";
    case EventStatus::kSucceeded: return "Succeeded";
    case EventStatus::kFailed: return "Failed";
    case EventStatus::kSkipped: return "Skipped";
    case EventStatus::kUnknown: return "Unknown";
  }
  return "Unknown";
}

bool ParseEventStatus(const std::string& name, EventStatus* out) {
  using S = EventStatus;
  return ParseByName(name, out,
                     {S::kPending, S::kInProgress, S::kSucceeded, S::kFailed, S::kSkipped,
                      S::kUnknown},
                     &EventStatusName);
}

const char* CreatorName(Creator c) {
  switch (c) {
    case Creator::kUser: return "user";
    case Creator::kRollback: return "rollback";
    case Creator::kAutoUpdate: return "autoUpdate";
  }
  return "user";
}

bool ParseCreator(const std::string& name, Creator* out) {
  return ParseByName(name, out, {Creator::kUser, Creator::kRollback, Creator::kAutoUpdate},
                     &CreatorName);
}

const char* DeploymentErrorCodeName(DeploymentErrorCode c) {
  switch (c) {
    case DeploymentErrorCode::kNone: return "";
    case DeploymentErrorCode::kHealthConstraints: return "HEALTH_CONSTRAINTS";
    case DeploymentErrorCode::kHealthConstraintsInvalid: return "HEALTH_CONSTRAINTS_INVALID";
    case DeploymentErrorCode::kNoInstances: return "NO_INSTANCES";
    case DeploymentErrorCode::kAlarmActive: return "ALARM_ACTIVE";
    case DeploymentErrorCode::kManualStop: return "MANUAL_STOP";
    case DeploymentErrorCode::kTimeout: return "TIMEOUT";
    case DeploymentErrorCode::kMaxFailedHosts:
      return "MAX_FAILED_HOSTS";
  }
  return "";
}

bool ParseDeploymentErrorCode(const std::string& name, DeploymentErrorCode* out) {
  using C = DeploymentErrorCode;
  return ParseByName(name, out,
                     {C::kNone, C::kHealthConstraints, C::kHealthConstraintsInvalid,
                      C::kNoInstances, C::kAlarmActive, C::kManualStop, C::kTimeout,
                      C::kMaxFailedHosts},
                     &DeploymentErrorCodeName);
}

DeploymentOverview Overview(const std::vector<Target>& targets) {
  DeploymentOverview o;
  for (const Target& t : targets) {
    switch (t.status) {
      case TargetStatus::kPending: ++o.pending; break;
      case TargetStatus::kInProgress: ++o.in_progress; break;
      case TargetStatus::kSucceeded: ++o.succeeded; break;
      case TargetStatus::kFailed: ++o.failed; break;
      case TargetStatus::kSkipped: ++o.skipped; break;
      case TargetStatus::kUnknown: ++o.unknown; break;
    }
  }
  return o;
}

}  // namespace berth::model
