#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/paging.h"
#include "cli/deployment_render.h"
#include "cli/json_fields.h"
#include "cli/table.h"
#include "cli/time_format.h"

namespace berth::cli {

CommandFn SetupRevisionList(CLI::App* cmd) {
  auto app = std::make_shared<std::string>();
  cmd->add_option("APP", *app, "Application name")->required();
  return [app](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer,
                     GetAllPages(*ctx.api, "/applications/" + PathSegment(*app) + "/revisions",
                                 "revisions"));
    return Emit(ctx, answer, [&](std::ostream& out) {
      Table table({"ID", "LOCATION", "REGISTERED", "DESCRIPTION"});
      for (const auto& revision : JsonArray(answer, "revisions")) {
        table.AddRow({JsonString(revision, "revisionId"),
                      DescribeRevisionLocation(JsonObject(revision, "revision")),
                      FormatIsoDateTime(JsonString(revision, "registerTime")),
                      JsonString(revision, "description")});
      }
      table.Print(out, "No revisions. Upload one with: berth push DIR --app " + *app);
    });
  };
}

}  // namespace berth::cli
