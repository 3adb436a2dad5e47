// Shared steps of the revision-source integration tests (S3, git, HTTPS).
#pragma once

#include <map>
#include <string>

#include "tests/integration/cluster.h"

namespace berth::itest {

// KEY=VALUE lines (a hook's `env` dump) as a map.
std::map<std::string, std::string> ParseEnvDump(const std::string& text);

// A cluster with a controller, agents "<prefix>-1".."<prefix>-N" tagged env=it, and
// application `app` with group "prod" (AllAtOnce).
void StartClusterWithAgents(Cluster& c, int agents, const std::string& app);

// `berth --output json deploy APP prod ARGS... --wait`: the deployment JSON and exit code.
struct DeployOutcome {
  int exit_code = -1;
  Json deployment;
  std::string output;
};
DeployOutcome DeployAndWait(Cluster& c, const std::string& app,
                            const std::vector<std::string>& source_args);

// The DownloadBundle event's diagnostics message on the deployment's first target.
std::string DownloadBundleMessage(Cluster& c, const Json& deployment);

// `git -C REPO ARGS...` (as author "it"), required to succeed; its stdout.
std::string Git(const std::string& repo, const std::vector<std::string>& args);

// `tar czf out -C dir .`
void TarGz(const std::string& dir, const std::string& out);

}  // namespace berth::itest
