// API tokens with roles and the join tokens agents enroll with (DESIGN.md 7).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/model/application.h"
#include "common/model/tags.h"

namespace berth::model {

// What an API token may do (docs/security.md "Roles"). viewer reads; alerts may only set
// alarms (the Alertmanager receiver included); deployer may do both and push, deploy and
// stop; admin may do everything, tokens and groups included.
enum class Role { kViewer, kAlerts, kDeployer, kAdmin };

std::string_view RoleName(Role role);  // "viewer", "alerts", "deployer", "admin"
std::optional<Role> ParseRole(std::string_view name);
// True when a token of role `have` may call a route that needs `need`.
bool RoleAllows(Role have, Role need);

struct ApiToken {
  std::string id;  // "BT" + 18 upper-case letters and digits: also the SigV4 access key id
  Role role = Role::kViewer;
  std::string description;
  TimeMs create_time = 0;
  TimeMs expire_time = 0;   // 0: never
  TimeMs revoke_time = 0;   // 0: not revoked
};

struct JoinTokenRecord {
  std::string id;  // 12 lower-case hex characters
  std::string description;
  Tags tags;                // bound tags: win over the agent's own, per key
  std::string name_prefix;  // empty: any name
  int max_uses = 0;         // 0: no limit
  int uses = 0;
  TimeMs create_time = 0;
  TimeMs expire_time = 0;  // 0: never
  TimeMs revoke_time = 0;  // 0: not revoked
};

}  // namespace berth::model
