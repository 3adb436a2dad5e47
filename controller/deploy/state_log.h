// The controller's log lines about deployments and their hosts: one per state change the
// engine announces (DeploymentStart ... InstanceFailure), carrying deployment_id and, for
// a host, instance (docs/operations.md "Logs").
#pragma once

#include <string>

#include "common/model/deployment.h"
#include "controller/store/store.h"

namespace berth::deploy {

// Logs the change once the transaction that makes it commits (never one that rolls
// back). `event` is a trigger event name; `target` the host's, or null.
void LogStateChangeAfterCommit(store::Store* store, const model::Deployment& d,
                               const std::string& event, const model::Target* target);

}  // namespace berth::deploy
