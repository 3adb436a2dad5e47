#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/paging.h"
#include "cli/json_fields.h"
#include "cli/table.h"
#include "cli/time_format.h"

namespace berth::cli {

CommandFn SetupAppList(CLI::App* cmd) {
  return [](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer, GetAllPages(*ctx.api, "/applications", "applications"));
    return Emit(ctx, answer, [&](std::ostream& out) {
      Table table({"NAME", "ID", "CREATED"});
      for (const auto& app : JsonArray(answer, "applications")) {
        table.AddRow({JsonString(app, "applicationName"), JsonString(app, "applicationId"),
                      FormatIsoDateTime(JsonString(app, "createTime"))});
      }
      table.Print(out, "No applications. Create one with: berth app create NAME");
    });
  };
}

}  // namespace berth::cli
