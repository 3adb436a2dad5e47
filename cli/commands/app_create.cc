#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"

namespace berth::cli {

CommandFn SetupAppCreate(CLI::App* cmd) {
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "Application name")->required();
  return [name](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json app,
                     ctx.api->Post("/applications", {{"applicationName", *name}}));
    return Emit(ctx, app, [&](std::ostream& out) {
      out << "Created application " << JsonString(app, "applicationName") << " ("
          << JsonString(app, "applicationId") << ")\n";
    });
  };
}

}  // namespace berth::cli
