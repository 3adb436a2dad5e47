#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"
#include "cli/min_healthy_hosts.h"
#include "cli/rollout_flags.h"

namespace berth::cli {
namespace {

struct ConfigCreateFlags {
  std::string name;
  std::string min_healthy_hosts;
  RolloutFlags rollout;
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
  return [flags](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json mhh, ParseMinHealthyHosts(flags->min_healthy_hosts));
    nlohmann::json body = {{"deploymentConfigName", flags->name}, {"minimumHealthyHosts", mhh}};
    ASSIGN_OR_RETURN(std::optional<nlohmann::json> rollout, RolloutJson(flags->rollout));
    if (rollout) body["rollout"] = *rollout;
    ASSIGN_OR_RETURN(nlohmann::json config, ctx.api->Post("/deployment-configs", body));
    return Emit(ctx, config, [&](std::ostream& out) {
      out << "Created deployment config " << JsonString(config, "deploymentConfigName") << ": keep "
          << DescribeMinHealthyHosts(config) << " healthy\n";
    });
  };
}

}  // namespace berth::cli
