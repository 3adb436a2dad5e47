// The one-line progress of a deployment too large to follow host by host.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace berth::cli {

// From a deployment's "deploymentOverview":
// "[##########..........]  50%  500/1000 hosts done: 498 succeeded, 2 failed, 0 skipped;
// 10 in progress, 490 pending" (on one line). `width` is the bar's, in characters.
std::string RenderProgressBar(const nlohmann::json& overview, int width = 20);

// Hosts the overview counts, in any status.
int64_t OverviewTotal(const nlohmann::json& overview);

}  // namespace berth::cli
