// Deployment config lookup across the built-ins (in code) and custom configs (in the
// store), and the rules a custom config must follow (DESIGN.md 2, 4.1).
#pragma once

#include <string>

#include "common/model/deployment_config.h"
#include "common/status.h"
#include "controller/store/store.h"

namespace berth::deploy {

// The built-in named `name` (full or short name), else the stored custom config;
// NOT_FOUND naming `name` when neither exists.
Result<model::DeploymentConfig> FindConfig(store::Store& store, const std::string& name);

// `config` when it allows a deployment to `hosts` hosts (a HOST_COUNT meant for a whole
// fleet may not), otherwise CodeDeployDefault.OneAtATime: the config of a deployment to
// part of an earlier one's hosts (a rollback, a retry).
Result<model::DeploymentConfig> ConfigForHosts(store::Store& store,
                                               const model::DeploymentConfig& config, int hosts);

// INVALID_ARGUMENT unless `config` is a valid custom config: a name that is not a
// built-in's (full or short), HOST_COUNT >= 0, FLEET_PERCENT in 0..99.
Status ValidateCustomConfig(const model::DeploymentConfig& config);

}  // namespace berth::deploy
