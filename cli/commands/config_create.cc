#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"
#include "cli/max_failed_hosts.h"
#include "cli/min_healthy_hosts.h"
#include "cli/rollout_flags.h"

namespace berth::cli {
namespace {

struct ConfigCreateFlags {
  std::string name;
  std::string min_healthy_hosts;
  RolloutFlags rollout;
  std::string max_failed_hosts;
};

}  // namespace

CommandFn SetupConfigCreate(CLI::App* cmd) {
  auto flags = std::make_shared<ConfigCreateFlags>();
  cmd->add_option("NAME", flags->name, "Deployment config name")->required();
  cmd->add_option("--min-healthy-hosts", flags->min_healthy_hosts,
                  "Hosts that must stay healthy during a deployment: a count (3) or a "
                  "percentage of the deployment's hosts (75%)")
      ->required();
  AddRolloutFlags(cmd, &flags->rollout, /*with_canary=*/false);
  cmd->add_option("--max-failed-hosts", flags->max_failed_hosts,
                  "Default failure budget of deployments with this config: a count (0: every "
                  "host must succeed) or a percentage (10%)");
  return [flags](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json mhh, ParseMinHealthyHosts(flags->min_healthy_hosts));
    nlohmann::json body = {{"deploymentConfigName", flags->name}, {"minimumHealthyHosts", mhh}};
    ASSIGN_OR_RETURN(std::optional<nlohmann::json> rollout, RolloutJson(flags->rollout));
    if (rollout) body["rollout"] = *rollout;
    if (!flags->max_failed_hosts.empty()) {
      ASSIGN_OR_RETURN(body["maxFailedHosts"], ParseMaxFailedHosts(flags->max_failed_hosts, false));
    }
    ASSIGN_OR_RETURN(nlohmann::json config, ctx.api->Post("/deployment-configs", body));
    return Emit(ctx, config, [&](std::ostream& out) {
      out << "Created deployment config " << JsonString(config, "deploymentConfigName") << ": keep "
          << DescribeMinHealthyHosts(config) << " healthy\n";
    });
  };
}

}  // namespace berth::cli
