// berth deployment triggers ID: the deployment's trigger webhook messages (docs/api.md
// "Deployment triggers").
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/paging.h"
#include "cli/json_fields.h"
#include "cli/table.h"
#include "cli/time_format.h"

namespace berth::cli {

CommandFn SetupDeploymentTriggers(CLI::App* cmd) {
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, "Deployment id (d-...)")->required();
  return [id](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer,
                     GetAllPages(*ctx.api, "/deployments/" + PathSegment(*id) + "/triggers", "triggers"));
    return Emit(ctx, answer, [&](std::ostream& out) {
      Table table({"EVENT", "INSTANCE", "TRIGGER", "STATUS", "ATTEMPTS", "DELIVERED", "LAST ERROR"});
      for (const auto& m : JsonArray(answer, "triggers")) {
        table.AddRow({JsonString(m, "event"), JsonString(m, "instanceName"),
                      JsonString(m, "triggerName"), JsonString(m, "status"),
                      std::to_string(JsonInt(m, "attempts")),
                      FormatIsoDateTime(JsonString(m, "deliveredTime")),
                      JsonString(m, "lastError")});
      }
      table.Print(out, "No trigger messages (the group has no triggers, or none fired yet).");
    });
  };
}

}  // namespace berth::cli
