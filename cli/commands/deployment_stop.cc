#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/deployment_render.h"
#include "cli/json_fields.h"

namespace berth::cli {

CommandFn SetupDeploymentStop(CLI::App* cmd) {
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, "Deployment id (d-...)")->required();
  return [id](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(
        nlohmann::json deployment,
        ctx.api->Post("/deployments/" + PathSegment(*id) + "/stop", nlohmann::json::object()));
    return Emit(ctx, deployment, [&](std::ostream& out) {
      out << "Stopped deployment " << JsonString(deployment, "deploymentId")
          << ": no new events are dispatched; events already running on hosts finish.\n";
    });
  };
}

}  // namespace berth::cli
