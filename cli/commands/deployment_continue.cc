#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"

namespace berth::cli {

CommandFn SetupDeploymentContinue(CLI::App* cmd) {
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, "Deployment id (d-...)")->required();
  return [id](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(
        nlohmann::json deployment,
        ctx.api->Post("/deployments/" + PathSegment(*id) + "/continue", nlohmann::json::object()));
    return Emit(ctx, deployment, [&](std::ostream& out) {
      const nlohmann::json& waves = JsonObject(deployment, "waves");
      out << "Continued deployment " << JsonString(deployment, "deploymentId") << ": wave "
          << JsonInt(waves, "current") << " of " << JsonInt(waves, "count") << " started ("
          << JsonString(deployment, "status") << ")\n";
    });
  };
}

}  // namespace berth::cli
