#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"

namespace berth::cli {
namespace {

struct InstanceTagFlags {
  std::string name;
  std::vector<std::string> items;  // K=V to tag, K to untag
};

// `berth instance tag` and `untag` share all but the request they make.
CommandFn Setup(CLI::App* cmd, bool untag) {
  auto flags = std::make_shared<InstanceTagFlags>();
  cmd->add_option("NAME", flags->name, "Instance name")->required();
  cmd->add_option(
         untag ? "KEY" : "KEY=VALUE", flags->items,
         untag ? "Tag keys to remove" : "Tags to set (an existing key's value is replaced)")
      ->required();
  return [flags, untag](Context& ctx) -> Result<int> {
    nlohmann::json body = {{"add", nlohmann::json::array()}, {"remove", nlohmann::json::array()}};
    for (const std::string& item : flags->items) {
      if (untag) {
        body["remove"].push_back(item);
        continue;
      }
      size_t eq = item.find('=');
      if (eq == std::string::npos || eq == 0) {
        return InvalidArgument("tag \"" + item + "\" is not KEY=VALUE");
      }
      body["add"].push_back({{"Key", item.substr(0, eq)}, {"Value", item.substr(eq + 1)}});
    }
    ASSIGN_OR_RETURN(nlohmann::json instance,
                     ctx.api->Post("/instances/" + PathSegment(flags->name) + "/tags", body));
    return Emit(ctx, instance, [&](std::ostream& out) {
      std::string tags;
      for (const auto& tag : JsonArray(instance, "tags")) {
        tags += (tags.empty() ? "" : " ") + JsonString(tag, "Key") + "=" + JsonString(tag, "Value");
      }
      out << "Instance " << JsonString(instance, "instanceName") << " tags: " << tags << "\n";
    });
  };
}

}  // namespace

CommandFn SetupInstanceTag(CLI::App* cmd) { return Setup(cmd, false); }
CommandFn SetupInstanceUntag(CLI::App* cmd) { return Setup(cmd, true); }

}  // namespace berth::cli
