#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"
#include "cli/tag_filter.h"
#include "cli/tag_set.h"

namespace berth::cli {
namespace {

struct GroupCreateFlags {
  std::string app;
  std::string group;
  std::vector<std::string> tags;
  std::vector<std::string> tag_sets;
  std::string config;
  std::string file_exists_behavior;
};

}  // namespace

CommandFn SetupGroupCreate(CLI::App* cmd) {
  auto flags = std::make_shared<GroupCreateFlags>();
  cmd->add_option("APP", flags->app, "Application name")->required();
  cmd->add_option("GROUP", flags->group, "Deployment group name")->required();
  cmd->add_option("--tag", flags->tags,
                  "Select instances tagged K=V, with key K, or with value =V; several "
                  "--tag flags select instances matching any of them")
      ->allow_extra_args(false);
  cmd->add_option("--tag-set", flags->tag_sets,
                  "One more list of filters, comma-separated (\"role=web,role=api\"); an "
                  "instance must match every list (the --tags form the first); at most 3 lists")
      ->allow_extra_args(false);
  cmd->add_option("--config", flags->config,
                  "Deployment config (default CodeDeployDefault.OneAtATime)");
  cmd->add_option("--file-exists-behavior", flags->file_exists_behavior,
                  "Default for files already on the host")
      ->check(CLI::IsMember({"DISALLOW", "OVERWRITE", "RETAIN"}));
  return [flags](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json body, ParseGroupTargets(flags->tags, flags->tag_sets));
    body["applicationName"] = flags->app;
    body["deploymentGroupName"] = flags->group;
    if (!flags->config.empty()) body["deploymentConfigName"] = flags->config;
    if (!flags->file_exists_behavior.empty()) {
      body["fileExistsBehavior"] = flags->file_exists_behavior;
    }
    ASSIGN_OR_RETURN(
        nlohmann::json group,
        ctx.api->Post("/applications/" + PathSegment(flags->app) + "/deployment-groups", body));
    return Emit(ctx, group, [&](std::ostream& out) {
      out << "Created deployment group " << JsonString(group, "deploymentGroupName") << " of "
          << JsonString(group, "applicationName") << " (" << JsonString(group, "deploymentGroupId")
          << ")\n"
          << "  targets: " << DescribeGroupTargets(group) << "\n"
          << "  config:  " << JsonString(group, "deploymentConfigName") << "\n";
    });
  };
}

}  // namespace berth::cli
