// The environment a hook script sees (APPSPEC.md "hooks"; DESIGN.md 6).
#pragma once

#include <string>
#include <vector>

#include "agent/lifecycle/event.h"

namespace berth::agent {

struct HookEnvContext {
  std::string event;
  std::string instance_name;
  std::string install_root;
};

// `base_env` ("KEY=VALUE" each, normally the agent's own) plus LIFECYCLE_EVENT,
// DEPLOYMENT_ID, APPLICATION_NAME, DEPLOYMENT_GROUP_NAME, DEPLOYMENT_GROUP_ID,
// BERTH_INSTANCE_NAME, BERTH_INSTALL_ROOT, and BUNDLE_BUCKET, BUNDLE_KEY,
// BUNDLE_VERSION, BUNDLE_ETAG for S3 revisions or BUNDLE_COMMIT for git ones, and
// BERTH_VAR_<NAME> for each of the deployment's variables (secret ones too). These
// replace same-named entries of base_env; the BUNDLE_* names that do not apply to this
// revision are removed from it, so a hook never sees a stale value.
std::vector<std::string> HookEnvironment(const std::vector<std::string>& base_env,
                                         const HookEnvContext& context,
                                         const DeploymentSpec& deployment);

// This process's environment (environ), for ExecutorOptions::base_env's default.
std::vector<std::string> CurrentEnvironment();

// The entries of `env` a hook of the agent may see: PATH, HOME, LANG, LC_*, TZ and the
// names in `extra` (--hook-env). Nothing else of the agent's own environment reaches a
// hook, so no secret the agent was given does (docs/security.md).
std::vector<std::string> AllowedEnvironment(const std::vector<std::string>& env,
                                            const std::vector<std::string>& extra);

}  // namespace berth::agent
