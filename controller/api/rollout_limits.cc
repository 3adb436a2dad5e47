#include "controller/api/rollout_limits.h"

#include "controller/freeze/freeze_window.h"

namespace berth::api {

namespace {
constexpr size_t kMaxFreezeWindows = 20;
}  // namespace

Status CheckRolloutLimits(model::DeploymentGroup& group, const freeze::TimeZones& zones) {
  if (group.max_failed_hosts) {
    RETURN_IF_ERROR(model::ValidateFailureBudget(*group.max_failed_hosts));
  }
  if (group.freeze_windows.size() > kMaxFreezeWindows) {
    return InvalidArgument("freezeWindows holds at most " + std::to_string(kMaxFreezeWindows) +
                           " windows, got " + std::to_string(group.freeze_windows.size()));
  }
  for (std::string& spec : group.freeze_windows) {
    ASSIGN_OR_RETURN(freeze::FreezeWindow window, freeze::ParseFreezeWindow(spec, zones));
    spec = window.spec;
  }
  return Status::Ok();
}

}  // namespace berth::api
