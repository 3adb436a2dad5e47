#include "agent/lifecycle/hook_env.h"

#include <unistd.h>

#include "agent/lifecycle/child_launch.h"

extern char** environ;

namespace berth::agent {
namespace {

constexpr const char* kBundleVars[] = {"BUNDLE_BUCKET", "BUNDLE_KEY", "BUNDLE_VERSION",
                                       "BUNDLE_ETAG", "BUNDLE_COMMIT"};

bool IsBundleVar(const std::string& entry) {
  std::string key = entry.substr(0, entry.find('='));
  for (const char* name : kBundleVars) {
    if (key == name) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> HookEnvironment(const std::vector<std::string>& base_env,
                                         const HookEnvContext& context,
                                         const DeploymentSpec& deployment) {
  std::vector<std::string> base;
  for (const auto& entry : base_env) {
    if (!IsBundleVar(entry)) base.push_back(entry);
  }
  std::vector<std::string> vars = {
      "LIFECYCLE_EVENT=" + context.event,
      "DEPLOYMENT_ID=" + deployment.deployment_id,
      "APPLICATION_NAME=" + deployment.application_name,
      "DEPLOYMENT_GROUP_NAME=" + deployment.group_name,
      "DEPLOYMENT_GROUP_ID=" + deployment.group_id,
      "BERTH_INSTANCE_NAME=" + context.instance_name,
      "BERTH_INSTALL_ROOT=" + context.install_root,
  };
  const model::RevisionLocation& rev = deployment.revision;
  if (rev.type == model::RevisionType::kS3) {
    vars.push_back("BUNDLE_BUCKET=" + rev.bucket);
    vars.push_back("BUNDLE_KEY=" + rev.key);
    vars.push_back("BUNDLE_VERSION=" + rev.version);
    vars.push_back("BUNDLE_ETAG=" + rev.etag);
  } else if (rev.type == model::RevisionType::kGit) {
    vars.push_back("BUNDLE_COMMIT=" + rev.commit_id);
  }
  for (const model::Variable& v : deployment.variables) {
    if (!v.missing) vars.push_back(model::kVariableEnvPrefix + v.name + "=" + v.value);
  }
  return MergeEnv(base, vars);
}

std::vector<std::string> CurrentEnvironment() {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) env.emplace_back(*e);
  return env;
}

std::vector<std::string> AllowedEnvironment(const std::vector<std::string>& env,
                                            const std::vector<std::string>& extra) {
  std::vector<std::string> out;
  for (const std::string& entry : env) {
    const std::string key = entry.substr(0, entry.find('='));
    bool allowed = key == "PATH" || key == "HOME" || key == "LANG" || key == "TZ" ||
                   key.rfind("LC_", 0) == 0;
    for (const std::string& name : extra) allowed = allowed || key == name;
    if (allowed) out.push_back(entry);
  }
  return out;
}

}  // namespace berth::agent
