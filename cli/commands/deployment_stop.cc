#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/deployment_render.h"
#include "cli/json_fields.h"

namespace berth::cli {

CommandFn SetupDeploymentStop(CLI::App* cmd) {
  auto id = std::make_shared<std::string>();
  auto rollback = std::make_shared<bool>(false);
  cmd->add_option("ID", *id, "Deployment id (d-...)")->required();
  cmd->add_flag("--rollback", *rollback,
                "Then roll the hosts it touched back to the group's last successful revision");
  return [id, rollback](Context& ctx) -> Result<int> {
    nlohmann::json body = nlohmann::json::object();
    if (*rollback) body["autoRollbackEnabled"] = true;
    ASSIGN_OR_RETURN(nlohmann::json deployment,
                     ctx.api->Post("/deployments/" + PathSegment(*id) + "/stop", body));
    return Emit(ctx, deployment, [&](std::ostream& out) {
      out << "Stopped deployment " << JsonString(deployment, "deploymentId")
          << ": no new events are dispatched; events already running on hosts finish.\n";
      const nlohmann::json& info = JsonObject(deployment, "rollbackInfo");
      if (!JsonString(info, "rollbackDeploymentId").empty()) {
        out << "Rolling back with deployment " << JsonString(info, "rollbackDeploymentId") << "\n";
      } else if (!JsonString(info, "rollbackMessage").empty()) {
        out << JsonString(info, "rollbackMessage") << "\n";
      }
    });
  };
}

}  // namespace berth::cli
