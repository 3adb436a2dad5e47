#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"
#include "cli/table.h"
#include "cli/time_format.h"

namespace berth::cli {

CommandFn SetupAppGet(CLI::App* cmd) {
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "Application name")->required();
  return [name](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json app, ctx.api->Get("/applications/" + PathSegment(*name)));
    return Emit(ctx, app, [&](std::ostream& out) {
      KeyValueList fields;
      fields.Add("Application", JsonString(app, "applicationName"));
      fields.Add("ID", JsonString(app, "applicationId"));
      fields.Add("Created", FormatIsoDateTime(JsonString(app, "createTime")));
      fields.Print(out);
    });
  };
}

}  // namespace berth::cli
