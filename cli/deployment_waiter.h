// Following a deployment to its end: `deploy --wait` and `deployment wait`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.h"
#include "cli/progress_printer.h"
#include "common/status.h"

namespace berth::cli {

// Polls GET /api/v1/deployments/{id} (status and counts, never the targets) every
// ctx.poll_interval_ms until its status is Succeeded, Failed or Stopped. With a `printer`,
// each look also asks for the targets that changed since the previous look
// (GET .../targets?changedSince=<cursor>, only those printer->ChangeFilter wants) and
// feeds both to it. While the controller cannot be reached it keeps trying for
// `max_unreachable_ms`, noting the first failure on ctx.err; any other error ends the
// wait.
Result<nlohmann::json> PollUntilFinal(Context& ctx, const std::string& deployment_id,
                                      ProgressPrinter* printer,
                                      int64_t max_unreachable_ms = 60'000);

// 0 for Succeeded, 1 for anything else.
int ExitCodeFor(const nlohmann::json& deployment);

// Waits as above and reports: table output prints progress (host by host, or a progress
// bar and the failures when the deployment has more hosts than fit the screen) and a
// summary; JSON output only the final deployment object. Returns ExitCodeFor the final
// deployment.
Result<int> WaitAndReport(Context& ctx, const std::string& deployment_id);

}  // namespace berth::cli
