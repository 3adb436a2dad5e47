// The engine's side of a deployment's host-side settings (model/deployment_hooks.h):
// which revision a RESTART deployment runs, which health check a deployment gets, and
// the variables a command carries to the agent (secret values read at dispatch).
// Each runs inside the caller's transaction.
#pragma once

#include <string>
#include <vector>

#include "common/model/deployment.h"
#include "common/model/deployment_group.h"
#include "common/model/deployment_hooks.h"
#include "common/status.h"
#include "controller/store/store.h"

namespace berth::deploy {

// The revision a new deployment deploys: `requested` for IN_PLACE; for RESTART the
// revision of the group's last successful deployment (FAILED_PRECONDITION when it has
// none; INVALID_ARGUMENT when a revision was named: a restart runs what is there).
Result<std::string> RevisionToDeploy(store::Store& store, const model::HookOptions& options,
                                     const std::string& requested,
                                     const model::DeploymentGroup& group);

// `requested` with the group's health check when it names none of its own.
model::HookOptions WithGroupDefaults(model::HookOptions requested,
                                     const model::DeploymentGroup& group);

// What a rollback or autoUpdate deployment of `source`'s revision keeps of its
// settings: variables, secrets and health check, in IN_PLACE mode.
model::HookOptions RedeployOptions(const model::HookOptions& source);

// The variables of a command of deployment `d`: its plain ones, then its secrets with
// their current values (a secret deleted since: `missing`, no value).
Result<std::vector<model::Variable>> CommandVariables(store::Store& store,
                                                      const model::Deployment& d);

}  // namespace berth::deploy
