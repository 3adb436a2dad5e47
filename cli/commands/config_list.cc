#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/paging.h"
#include "cli/json_fields.h"
#include "cli/min_healthy_hosts.h"
#include "cli/table.h"

namespace berth::cli {

CommandFn SetupConfigList(CLI::App* cmd) {
  return [](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer, GetAllPages(*ctx.api, "/deployment-configs", "deploymentConfigs"));
    return Emit(ctx, answer, [&](std::ostream& out) {
      Table table({"NAME", "MINIMUM HEALTHY", "BUILT-IN"});
      for (const auto& c : JsonArray(answer, "deploymentConfigs")) {
        bool builtin =
            c.contains("builtin") && c["builtin"].is_boolean() && c["builtin"].get<bool>();
        table.AddRow({JsonString(c, "deploymentConfigName"), DescribeMinHealthyHosts(c),
                      builtin ? "yes" : "no"});
      }
      table.Print(out, "No deployment configs.");
    });
  };
}

}  // namespace berth::cli
