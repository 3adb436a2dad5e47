#include "cli/deployment_waiter.h"

#include <optional>

#include "cli/deployment_render.h"
#include "cli/json_fields.h"

namespace berth::cli {

Result<nlohmann::json> PollUntilFinal(Context& ctx, const std::string& deployment_id,
                                      ProgressPrinter* printer, int64_t max_unreachable_ms) {
  const std::string path = "/deployments/" + PathSegment(deployment_id);
  std::optional<int64_t> unreachable_since;
  while (true) {
    Result<nlohmann::json> snapshot = ctx.api->Get(path);
    if (snapshot.ok()) {
      if (unreachable_since) *ctx.err << "berth: controller reachable again\n";
      unreachable_since.reset();
      if (printer != nullptr) printer->Update(*snapshot);
      if (IsFinalDeploymentStatus(JsonString(*snapshot, "status"))) return snapshot;
    } else if (snapshot.status().code() == Code::kUnavailable) {
      int64_t now = ctx.clock->NowMs();
      if (!unreachable_since) {
        unreachable_since = now;
        *ctx.err << "berth: " << snapshot.status().ToString() << " (retrying)\n";
      } else if (now - *unreachable_since >= max_unreachable_ms) {
        return snapshot.status();
      }
    } else {
      return snapshot.status();
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
  ProgressPrinter printer(*ctx.out, ctx.clock);
  ASSIGN_OR_RETURN(nlohmann::json final_state, PollUntilFinal(ctx, deployment_id, &printer));
  printer.PrintSummary(final_state);
  return ExitCodeFor(final_state);
}

}  // namespace berth::cli
