#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/deployment_waiter.h"
#include "cli/json_fields.h"

namespace berth::cli {
namespace {

struct RetryFlags {
  std::string id;
  bool queue = false;
  bool override_freeze = false;
  bool wait = false;
};

}  // namespace

CommandFn SetupDeploymentRetry(CLI::App* cmd) {
  auto flags = std::make_shared<RetryFlags>();
  cmd->add_option("ID", flags->id, "An ended deployment (d-...) with failed or skipped hosts")
      ->required();
  cmd->add_flag("--queue", flags->queue,
                "If the group is busy or in a freeze window, queue the retry instead");
  cmd->add_flag("--override-freeze", flags->override_freeze,
                "Start even inside a freeze window (admin tokens only; recorded)");
  cmd->add_flag("--wait", flags->wait,
                "Follow the retry; exit 0 only if it succeeds, 1 if it fails or stops");
  return [flags](Context& ctx) -> Result<int> {
    nlohmann::json body = nlohmann::json::object();
    if (flags->queue) body["queue"] = true;
    if (flags->override_freeze) body["overrideFreeze"] = true;
    ASSIGN_OR_RETURN(nlohmann::json created,
                     ctx.api->Post("/deployments/" + PathSegment(flags->id) + "/retry", body));
    const std::string id = JsonString(created, "deploymentId");
    const std::string line = "Created deployment " + id + ": a retry of " + flags->id +
                             " on its failed and skipped hosts\n";
    if (flags->wait) {
      if (ctx.output == OutputFormat::kTable) *ctx.out << line;
      return WaitAndReport(ctx, id);
    }
    return Emit(ctx, created, [&](std::ostream& out) {
      out << line << "Follow it with:\n  berth deployment wait " << id << "\n";
    });
  };
}

}  // namespace berth::cli
