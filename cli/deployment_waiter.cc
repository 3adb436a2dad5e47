#include "cli/deployment_waiter.h"

#include <algorithm>
#include <optional>

#include "cli/deployment_render.h"
#include "cli/json_fields.h"
#include "cli/paging.h"

namespace berth::cli {
namespace {

// Above this many hosts a wait off a terminal prints a progress bar.
constexpr int64_t kMaxHostLinesOffTerminal = 40;
// Rows a terminal keeps for the lines around the host lines.
constexpr int64_t kTerminalMargin = 5;

// Every target of the deployment that changed after *cursor (only those of `status`
// when it is not empty), all pages of them; advances *cursor past them.
Result<nlohmann::json> FetchChanges(Context& ctx, const std::string& deployment_id,
                                    const std::string& status, std::string* cursor) {
  nlohmann::json changed = nlohmann::json::array();
  std::string next = *cursor;
  while (true) {
    std::string path = "/deployments/" + PathSegment(deployment_id) + "/targets";
    path = WithQuery(path, "changedSince", next);
    path = WithQuery(path, "limit", std::to_string(kPageLimit));
    if (!status.empty()) path = WithQuery(path, "status", status);
    ASSIGN_OR_RETURN(nlohmann::json page, ctx.api->Get(path));
    for (const auto& target : JsonArray(page, "targets")) changed.push_back(target);
    next = JsonString(page, "changeCursor");
    if (next.empty()) return Internal("GET " + path + " answered without a changeCursor");
    if (!page.is_object() || !page.value("hasMore", false)) break;
  }
  *cursor = next;
  return changed;
}

}  // namespace

Result<nlohmann::json> PollUntilFinal(Context& ctx, const std::string& deployment_id,
                                      ProgressPrinter* printer, int64_t max_unreachable_ms) {
  const std::string path = "/deployments/" + PathSegment(deployment_id);
  std::string cursor = "0";
  std::optional<int64_t> unreachable_since;
  while (true) {
    // The deployment first: the changes read after it hold everything up to its status.
    Result<nlohmann::json> snapshot = ctx.api->Get(path);
    Result<nlohmann::json> changes = nlohmann::json::array();
    if (snapshot.ok() && printer != nullptr) {
      changes = FetchChanges(ctx, deployment_id, printer->ChangeFilter(*snapshot), &cursor);
    }
    Status look = snapshot.ok() ? changes.status() : snapshot.status();
    if (look.ok()) {
      if (unreachable_since) *ctx.err << "berth: controller reachable again\n";
      unreachable_since.reset();
      if (printer != nullptr) printer->Update(*snapshot, *changes);
      if (IsFinalDeploymentStatus(JsonString(*snapshot, "status"))) return snapshot;
    } else if (look.code() == Code::kUnavailable) {
      int64_t now = ctx.clock->NowMs();
      if (!unreachable_since) {
        unreachable_since = now;
        *ctx.err << "berth: " << look.ToString() << " (retrying)\n";
      } else if (now - *unreachable_since >= max_unreachable_ms) {
        return look;
      }
    } else {
      return look;
    }
    ctx.sleep_ms(ctx.poll_interval_ms);
  }
}

int ExitCodeFor(const nlohmann::json& deployment) {
  return JsonString(deployment, "status") == "Succeeded" ? 0 : 1;
}

Result<int> WaitAndReport(Context& ctx, const std::string& deployment_id) {
  if (ctx.output == OutputFormat::kJson) {
    ASSIGN_OR_RETURN(nlohmann::json final_state, PollUntilFinal(ctx, deployment_id, nullptr));
    Emit(ctx, final_state, nullptr);
    return ExitCodeFor(final_state);
  }
  ProgressOptions options;
  options.terminal = ctx.terminal;
  options.max_host_lines = ctx.terminal != nullptr && ctx.terminal_rows > 0
                               ? std::max<int64_t>(1, ctx.terminal_rows - kTerminalMargin)
                               : kMaxHostLinesOffTerminal;
  ProgressPrinter printer(*ctx.out, ctx.clock, options);
  ASSIGN_OR_RETURN(nlohmann::json final_state, PollUntilFinal(ctx, deployment_id, &printer));
  printer.PrintSummary(final_state);
  return ExitCodeFor(final_state);
}

}  // namespace berth::cli
