#include "controller/deploy/hook_options.h"

#include <map>

namespace berth::deploy {

Result<std::string> RevisionToDeploy(store::Store& store, const model::HookOptions& options,
                                     const std::string& requested,
                                     const model::DeploymentGroup& group) {
  if (options.mode != model::DeploymentMode::kRestart) return requested;
  if (!requested.empty()) {
    return InvalidArgument("a RESTART deployment takes no revision (" + requested +
                           "): it runs each host's last successful revision again");
  }
  if (group.last_successful_deployment_id.empty()) {
    return FailedPrecondition("deployment group \"" + group.name +
                              "\" has no successful deployment to restart; deploy a revision "
                              "first");
  }
  ASSIGN_OR_RETURN(model::Deployment last,
                   store.GetDeployment(group.last_successful_deployment_id));
  return last.revision_id;
}

model::HookOptions WithGroupDefaults(model::HookOptions requested,
                                     const model::DeploymentGroup& group) {
  if (!requested.health_check.enabled()) requested.health_check = group.health_check;
  return requested;
}

model::HookOptions RedeployOptions(const model::HookOptions& source) {
  model::HookOptions out = source;
  out.mode = model::DeploymentMode::kInPlace;
  return out;
}

Result<std::vector<model::Variable>> CommandVariables(store::Store& store,
                                                      const model::Deployment& d) {
  std::vector<model::Variable> out = d.hooks.variables;
  if (d.hooks.secret_names.empty()) return out;
  ASSIGN_OR_RETURN(auto values, store.GetSecretValues(d.hooks.secret_names));
  for (const std::string& name : d.hooks.secret_names) {
    model::Variable v{name, "", true, false};
    auto it = values.find(name);
    if (it == values.end()) {
      v.missing = true;
    } else {
      v.value = it->second;
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace berth::deploy
