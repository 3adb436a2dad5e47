#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/paging.h"
#include "cli/json_fields.h"
#include "cli/table.h"
#include "cli/time_format.h"

namespace berth::cli {
namespace {

struct DeploymentListFlags {
  std::string app;
  std::string group;
  std::string status;
};

std::string ListPath(const DeploymentListFlags& flags) {
  std::string query;
  auto add = [&query](const char* name, const std::string& value) {
    if (value.empty()) return;
    query += (query.empty() ? "?" : "&") + std::string(name) + "=" + PathSegment(value);
  };
  add("applicationName", flags.app);
  add("deploymentGroupName", flags.group);
  add("status", flags.status);
  return "/deployments" + query;
}

}  // namespace

CommandFn SetupDeploymentList(CLI::App* cmd) {
  auto flags = std::make_shared<DeploymentListFlags>();
  cmd->add_option("--app", flags->app, "Only this application's deployments");
  cmd->add_option("--group", flags->group, "Only this deployment group's deployments");
  cmd->add_option("--status", flags->status, "Only deployments with this status")
      ->check(CLI::IsMember(
          {"Created", "Queued", "InProgress", "Succeeded", "Failed", "Stopped", "Ready"}));
  return [flags](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer, GetAllPages(*ctx.api, ListPath(*flags), "deployments"));
    return Emit(ctx, answer, [&](std::ostream& out) {
      Table table({"ID", "STATUS", "APPLICATION", "GROUP", "REVISION", "CREATOR", "CREATED"});
      for (const auto& d : JsonArray(answer, "deployments")) {
        table.AddRow({JsonString(d, "deploymentId"), JsonString(d, "status"),
                      JsonString(d, "applicationName"), JsonString(d, "deploymentGroupName"),
                      JsonString(d, "revisionId"), JsonString(d, "creator"),
                      FormatIsoDateTime(JsonString(d, "createTime"))});
      }
      table.Print(out, "No deployments.");
    });
  };
}

}  // namespace berth::cli
