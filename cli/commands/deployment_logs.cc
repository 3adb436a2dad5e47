// `berth deployment logs ID [--instance N] [--event E] [--follow]`: the hook output agents
// streamed for a deployment (GET /api/v1/deployments/{id}/logs); --follow keeps printing
// new lines until the deployment ends.
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/deployment_waiter.h"
#include "cli/json_fields.h"

namespace berth::cli {
namespace {

struct LogsFlags {
  std::string id;
  std::string instance;
  std::string event;
  bool follow = false;
};

bool IsFinal(const std::string& status) {
  return status == "Succeeded" || status == "Failed" || status == "Stopped";
}

// "2026-11-25T20:33:00.123Z web-1 BeforeInstall stdout | text".
void PrintLine(Context& ctx, const nlohmann::json& line) {
  if (ctx.output == OutputFormat::kJson) {
    *ctx.out << line.dump() << "\n";
  } else {
    *ctx.out << JsonString(line, "time") << " " << JsonString(line, "instanceName") << " "
             << JsonString(line, "lifecycleEventName") << " " << JsonString(line, "stream")
             << " | " << JsonString(line, "text") << "\n";
  }
  ctx.out->flush();
}

// Fetches and hands every line after *after_seq to `each`, page by page; advances
// *after_seq.
Status Drain(Context& ctx, const LogsFlags& flags, int64_t* after_seq,
             const std::function<void(const nlohmann::json&)>& each) {
  while (true) {
    std::string path = "/deployments/" + PathSegment(flags.id) +
                       "/logs?afterSeq=" + std::to_string(*after_seq);
    if (!flags.instance.empty()) path += "&instanceName=" + PathSegment(flags.instance);
    if (!flags.event.empty()) path += "&event=" + PathSegment(flags.event);
    ASSIGN_OR_RETURN(nlohmann::json page, ctx.api->Get(path));
    const nlohmann::json& lines = page["lines"];
    if (!lines.is_array() || lines.empty()) return Status::Ok();
    for (const auto& line : lines) each(line);
    *after_seq = JsonInt(page, "nextSeq", *after_seq);
  }
}

Result<int> Follow(Context& ctx, const LogsFlags& flags) {
  int64_t after_seq = 0;
  auto print = [&ctx](const nlohmann::json& line) { PrintLine(ctx, line); };
  while (true) {
    // Read the status first: lines stored before the deployment ended are then drained
    // below, and none arrive after it ended.
    ASSIGN_OR_RETURN(nlohmann::json deployment, ctx.api->Get("/deployments/" + PathSegment(flags.id)));
    RETURN_IF_ERROR(Drain(ctx, flags, &after_seq, print));
    if (IsFinal(JsonString(deployment, "status"))) return ExitCodeFor(deployment);
    ctx.sleep_ms(ctx.poll_interval_ms);
  }
}

}  // namespace

CommandFn SetupDeploymentLogs(CLI::App* cmd) {
  auto flags = std::make_shared<LogsFlags>();
  cmd->add_option("ID", flags->id, "Deployment id (d-...)")->required();
  cmd->add_option("--instance", flags->instance, "Only this instance's lines");
  cmd->add_option("--event", flags->event, "Only this lifecycle event's lines");
  cmd->add_flag("--follow,-f", flags->follow,
                "Keep printing new lines until the deployment ends; exit 0 if it succeeded");
  return [flags](Context& ctx) -> Result<int> {
    if (flags->follow) return Follow(ctx, *flags);
    int64_t after_seq = 0;
    nlohmann::json all = nlohmann::json::array();
    RETURN_IF_ERROR(Drain(ctx, *flags, &after_seq,
                          [&all](const nlohmann::json& line) { all.push_back(line); }));
    return Emit(ctx, {{"deploymentId", flags->id}, {"lines", all}}, [&](std::ostream&) {
      for (const auto& line : all) PrintLine(ctx, line);
    });
  };
}

}  // namespace berth::cli
