#include "cli/deployment_render.h"

#include <optional>
#include <sstream>
#include <vector>

#include "cli/json_fields.h"
#include "cli/rollout_render.h"
#include "cli/max_failed_hosts.h"
#include "cli/table.h"
#include "cli/time_format.h"

namespace berth::cli {
namespace {

constexpr size_t kEventNameWidth = 18;
constexpr size_t kStatusWidth = 10;

std::string PadRight(const std::string& text, size_t width) {
  if (text.size() >= width) return text + " ";
  return text + std::string(width - text.size(), ' ');
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

struct Counts {
  int64_t succeeded = 0, failed = 0, skipped = 0, in_progress = 0, pending = 0, unknown = 0;
};

Counts CountTargets(const nlohmann::json& deployment) {
  Counts c;
  const nlohmann::json& overview = JsonObject(deployment, "deploymentOverview");
  c.succeeded = JsonInt(overview, "Succeeded");
  c.failed = JsonInt(overview, "Failed");
  c.skipped = JsonInt(overview, "Skipped");
  c.in_progress = JsonInt(overview, "InProgress");
  c.pending = JsonInt(overview, "Pending");
  c.unknown = JsonInt(overview, "Unknown");
  return c;
}

std::string DescribeCounts(const Counts& c, bool all) {
  std::string text = std::to_string(c.succeeded) + " succeeded, " + std::to_string(c.failed) +
                     " failed, " + std::to_string(c.skipped) + " skipped";
  if (all || c.in_progress) text += ", " + std::to_string(c.in_progress) + " in progress";
  if (all || c.pending) text += ", " + std::to_string(c.pending) + " pending";
  if (c.unknown) text += ", " + std::to_string(c.unknown) + " unknown";
  return text;
}

std::string DescribeError(const nlohmann::json& deployment) {
  const nlohmann::json& error = JsonObject(deployment, "errorInformation");
  std::string code = JsonString(error, "code");
  std::string message = JsonString(error, "message");
  if (code.empty()) return message;
  return message.empty() ? code : code + ": " + message;
}

std::string TimeWithDuration(const std::string& iso, const std::string& since_iso) {
  std::string text = FormatIsoDateTime(iso);
  std::optional<int64_t> ms = IsoDurationMs(since_iso, iso);
  if (!text.empty() && ms) text += " (" + FormatDuration(*ms) + ")";
  return text;
}

}  // namespace

bool IsFinalDeploymentStatus(const std::string& status) {
  return status == "Succeeded" || status == "Failed" || status == "Stopped";
}

bool IsFinalTargetStatus(const std::string& status) {
  return !status.empty() && status != "Pending" && status != "InProgress";
}

std::string EventLine(const nlohmann::json& event) {
  std::string line = PadRight(JsonString(event, "lifecycleEventName"), kEventNameWidth) +
                     PadRight(JsonString(event, "status"), kStatusWidth);
  std::optional<int64_t> ms =
      IsoDurationMs(JsonString(event, "startTime"), JsonString(event, "endTime"));
  if (ms) line += " " + FormatDuration(*ms);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

void PrintEventDiagnostics(const nlohmann::json& event, const std::string& indent,
                           std::ostream& out) {
  const nlohmann::json& diagnostics = JsonObject(event, "diagnostics");
  std::string error_code = JsonString(diagnostics, "errorCode");
  bool failed =
      JsonString(event, "status") == "Failed" || (!error_code.empty() && error_code != "Success");
  if (!failed) return;
  KeyValueList fields;
  fields.Add("error", error_code);
  fields.Add("script", JsonString(diagnostics, "scriptName"));
  fields.Add("message", JsonString(diagnostics, "message"));
  std::ostringstream text;
  fields.Print(text);
  for (const std::string& line : SplitLines(text.str())) out << indent << line << "\n";
  std::vector<std::string> tail = SplitLines(JsonString(diagnostics, "logTail"));
  if (tail.empty()) return;
  out << indent << "log tail:\n";
  for (const std::string& line : tail) out << indent << "  | " << line << "\n";
}

void PrintDeploymentSummary(const nlohmann::json& deployment, std::ostream& out) {
  out << "Deployment " << JsonString(deployment, "deploymentId") << " "
      << JsonString(deployment, "status") << ": "
      << DescribeCounts(CountTargets(deployment), /*all=*/false);
  std::string start = JsonString(deployment, "startTime");
  if (start.empty()) start = JsonString(deployment, "createTime");
  std::optional<int64_t> ms = IsoDurationMs(start, JsonString(deployment, "completeTime"));
  if (ms) out << " (" << FormatDuration(*ms) << ")";
  out << "\n";
  std::string error = DescribeError(deployment);
  if (!error.empty()) out << "  " << error << "\n";
  const nlohmann::json& rollback = JsonObject(deployment, "rollbackInfo");
  std::string rollback_id = JsonString(rollback, "rollbackDeploymentId");
  if (!rollback_id.empty()) {
    out << "  Rolled back by " << rollback_id << " (berth deployment wait " << rollback_id << ")\n";
  } else if (std::string message = JsonString(rollback, "rollbackMessage"); !message.empty()) {
    out << "  " << message << "\n";  // "no rollback: why"
  }
}

std::string DescribeRevisionLocation(const nlohmann::json& location) {
  std::string type = JsonString(location, "revisionType");
  if (type == "Store") {
    const nlohmann::json& store = JsonObject(location, "storeLocation");
    return "Store " + JsonString(store, "bundleType") +
           " sha256:" + JsonString(store, "sha256").substr(0, 12);
  }
  if (type == "S3") {
    const nlohmann::json& s3 = JsonObject(location, "s3Location");
    std::string version = JsonString(s3, "version");
    return "s3://" + JsonString(s3, "bucket") + "/" + JsonString(s3, "key") +
           (version.empty() ? "" : "#" + version);
  }
  if (type == "GitHub") {
    const nlohmann::json& git = JsonObject(location, "gitHubLocation");
    return "git " + JsonString(git, "repository") + "@" + JsonString(git, "commitId");
  }
  if (type == "Https") {
    return JsonString(JsonObject(location, "httpsLocation"), "url");
  }
  return type;
}

void PrintDeploymentDetail(const nlohmann::json& deployment, const nlohmann::json& failed_targets,
                           std::ostream& out) {
  std::string revision = JsonString(deployment, "revisionId");
  std::string location = DescribeRevisionLocation(JsonObject(deployment, "revision"));
  if (!location.empty()) revision += " (" + location + ")";
  std::string create = JsonString(deployment, "createTime");
  std::string start = JsonString(deployment, "startTime");
  const nlohmann::json& rollback = JsonObject(deployment, "rollbackInfo");

  KeyValueList fields;
  fields.Add("Deployment", JsonString(deployment, "deploymentId"));
  fields.Add("Status", JsonString(deployment, "status"));
  fields.Add("Application", JsonString(deployment, "applicationName"));
  fields.Add("Group", JsonString(deployment, "deploymentGroupName"));
  fields.Add("Revision", revision);
  fields.Add("Config", JsonString(deployment, "deploymentConfigName"));
  fields.Add("Creator", JsonString(deployment, "creator"));
  fields.Add("Description", JsonString(deployment, "description"));
  if (JsonString(deployment, "deploymentMode") == "RESTART") fields.Add("Mode", "RESTART");
  std::string vars;
  for (const auto& [name, value] : JsonObject(deployment, "variables").items()) {
    vars += (vars.empty() ? "" : " ") + name + "=" +
            (value.is_string() ? value.get<std::string>() : "");
  }
  fields.Add("Variables", vars);
  std::string secrets;
  for (const auto& name : JsonArray(deployment, "secretVariables")) {
    secrets += (secrets.empty() ? "" : " ") + (name.is_string() ? name.get<std::string>() : "");
  }
  fields.Add("Secrets", secrets);
  fields.Add("Health check", JsonString(JsonObject(deployment, "healthCheck"), "url"));
  fields.Add("Created", FormatIsoDateTime(create));
  fields.Add("Started", FormatIsoDateTime(start));
  fields.Add("Completed", TimeWithDuration(JsonString(deployment, "completeTime"),
                                           start.empty() ? create : start));
  fields.Add("Hosts", DescribeCounts(CountTargets(deployment), /*all=*/true));
  fields.Add("Error", DescribeError(deployment));
  fields.Add("Rolled back by", JsonString(rollback, "rollbackDeploymentId"));
  fields.Add("Rollback of", JsonString(rollback, "rollbackTriggeringDeploymentId"));
  fields.Add("Rollback", JsonString(rollback, "rollbackMessage"));
  AddWaveFields(deployment, fields);
  fields.Add("Max failed hosts", DescribeMaxFailedHosts(deployment));
  const nlohmann::json& retry = JsonObject(deployment, "retryInfo");
  fields.Add("Retry of", JsonString(retry, "retryOfDeploymentId"));
  fields.Add("Retried by", JsonString(retry, "retryDeploymentId"));
  const nlohmann::json& freeze = JsonObject(deployment, "freezeInfo");
  fields.Add("Queued for freeze", JsonString(freeze, "queuedForWindow"));
  if (!JsonString(freeze, "overriddenWindow").empty()) {
    fields.Add("Freeze overridden", JsonString(freeze, "overriddenWindow") + " by " +
                                        JsonString(freeze, "overriddenBy") + " at " +
                                        FormatIsoDateTime(JsonString(freeze, "overrideTime")));
  }
  fields.Print(out);
  PrintWaveHistory(deployment, out);

  if (!failed_targets.is_array() || failed_targets.empty()) return;
  out << "\nFailed hosts:\n";
  for (const auto& target : failed_targets) {
    out << JsonString(target, "instanceName") << "  " << JsonString(target, "status") << "\n";
    for (const auto& event : JsonArray(target, "lifecycleEvents")) {
      out << "  " << EventLine(event) << "\n";
      PrintEventDiagnostics(event, "      ", out);
    }
  }
}

}  // namespace berth::cli
