#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/deployment_render.h"
#include "cli/json_fields.h"
#include "cli/time_format.h"

namespace berth::cli {

CommandFn SetupRevisionGet(CLI::App* cmd) {
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, "Revision id (r-...)")->required();
  return [id](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json revision, ctx.api->Get("/revisions/" + PathSegment(*id)));
    return Emit(ctx, revision, [&](std::ostream& out) {
      out << "Revision     " << JsonString(revision, "revisionId") << "\n"
          << "Application  " << JsonString(revision, "applicationName") << "\n"
          << "Location     " << DescribeRevisionLocation(JsonObject(revision, "revision"))
          << "\n"
          << "Registered   " << FormatIsoDateTime(JsonString(revision, "registerTime")) << "\n"
          << "Description  " << JsonString(revision, "description") << "\n";
    });
  };
}

}  // namespace berth::cli
