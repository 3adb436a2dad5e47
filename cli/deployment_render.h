// Text rendering of deployments (the JSON of GET /api/v1/deployments/{id} and of its
// targets), shared by
// `deployment get` and the progress of `deploy --wait` / `deployment wait`.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace berth::cli {

// "Succeeded", "Failed" or "Stopped".
bool IsFinalDeploymentStatus(const std::string& status);
// Pending and InProgress are not final; everything else an event or host reports is.
bool IsFinalTargetStatus(const std::string& status);

// "AfterInstall       Failed      1.2s" (duration only once the event ended).
std::string EventLine(const nlohmann::json& event);

// For an event that failed (or ended with an error code other than "Success"): the
// error code, script, message and log tail, each line prefixed by `indent`; nothing
// otherwise.
void PrintEventDiagnostics(const nlohmann::json& event, const std::string& indent,
                           std::ostream& out);

// "Deployment d-X Failed: 1 succeeded, 1 failed, 0 skipped (4.2s)" and, when present,
// an indented "CODE: message" line for errorInformation.
void PrintDeploymentSummary(const nlohmann::json& deployment, std::ostream& out);

// Everything `deployment get` shows: fields, overview, error, then each host of
// `failed_targets` (GET .../targets?status=Failed) with its events and the diagnostics
// of the failed one.
void PrintDeploymentDetail(const nlohmann::json& deployment, const nlohmann::json& failed_targets,
                           std::ostream& out);

// "Store tgz sha256:0123456789ab" or the like, for a revision location.
std::string DescribeRevisionLocation(const nlohmann::json& location);

}  // namespace berth::cli
