#include "common/model/access.h"

namespace berth::model {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kViewer:
      return "viewer";
    case Role::kAlerts:
      return "alerts";
    case Role::kDeployer:
      return "deployer";
    case Role::kAdmin:
      return "admin";
  }
  return "viewer";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kViewer, Role::kAlerts, Role::kDeployer, Role::kAdmin}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

bool RoleAllows(Role have, Role need) {
  if (have == need || have == Role::kAdmin) return true;
  // A deployer may read and may set alarms; viewer and alerts share nothing.
  return have == Role::kDeployer && (need == Role::kViewer || need == Role::kAlerts);
}

}  // namespace berth::model
