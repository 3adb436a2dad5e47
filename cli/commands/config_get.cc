#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"
#include "cli/min_healthy_hosts.h"
#include "cli/table.h"

namespace berth::cli {

CommandFn SetupConfigGet(CLI::App* cmd) {
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "Deployment config name")->required();
  return [name](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json c, ctx.api->Get("/deployment-configs/" + PathSegment(*name)));
    return Emit(ctx, c, [&](std::ostream& out) {
      const nlohmann::json& mhh = JsonObject(c, "minimumHealthyHosts");
      KeyValueList fields;
      fields.Add("Deployment config", JsonString(c, "deploymentConfigName"));
      fields.Add("Minimum healthy", DescribeMinHealthyHosts(c));
      fields.Add("Type", JsonString(mhh, "type") + " " + std::to_string(JsonInt(mhh, "value")));
      fields.Print(out);
    });
  };
}

}  // namespace berth::cli
