// Builders of deployment JSON as GET /api/v1/deployments/{id} returns it (and of its
// targets, as GET .../targets lists them), for tests.
#pragma once

#include <stdlib.h>

#include <ctime>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace berth::cli::testing {

// Renderers print local time; tests pin it to UTC.
inline void UseUtc() {
  setenv("TZ", "UTC", 1);
  tzset();
}

// "2026-11-25T20:33:SS.mmmZ" for an offset in milliseconds from 20:33:00.
inline std::string At(int ms) {
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "2026-11-25T20:%02d:%02d.%03dZ", 33 + ms / 60000,
                ms / 1000 % 60, ms % 1000);
  return buffer;
}

// An event; start/end < 0 leave the time out (it has not happened yet).
inline nlohmann::json MakeEvent(const std::string& name, const std::string& status,
                                int start_ms = -1, int end_ms = -1) {
  nlohmann::json e = {{"lifecycleEventName", name}, {"status", status}};
  if (start_ms >= 0) e["startTime"] = At(start_ms);
  if (end_ms >= 0) {
    e["endTime"] = At(end_ms);
    e["diagnostics"] = {
        {"errorCode", "Success"}, {"scriptName", ""}, {"message", ""}, {"logTail", ""}};
  }
  return e;
}

inline nlohmann::json MakeFailedEvent(const std::string& name, int start_ms, int end_ms) {
  nlohmann::json e = MakeEvent(name, "Failed", start_ms, end_ms);
  e["diagnostics"] = {
      {"errorCode", "ScriptFailed"},
      {"scriptName", "scripts/migrate.sh"},
      {"message", "script scripts/migrate.sh exited with code 3"},
      {"logTail", "applying 0007_users.sql\nERROR: relation \"users\" already exists\n"}};
  return e;
}

// What PrintEventDiagnostics prints for MakeFailedEvent, each line after `indent`.
inline std::string FailedEventDiagnostics(const std::string& indent) {
  return indent + "error:    ScriptFailed\n" + indent + "script:   scripts/migrate.sh\n" + indent +
         "message:  script scripts/migrate.sh exited with code 3\n" + indent + "log tail:\n" +
         indent + "  | applying 0007_users.sql\n" + indent +
         "  | ERROR: relation \"users\" already exists\n";
}

inline nlohmann::json MakeTarget(const std::string& name, const std::string& status,
                                 std::vector<nlohmann::json> events) {
  return {{"instanceId", "id-" + name},
          {"instanceName", name},
          {"status", status},
          {"lifecycleEvents", events}};
}

// A deployment whose deploymentOverview counts `targets` (which it does not hold: the
// API pages them).
inline nlohmann::json MakeDeployment(const std::string& status,
                                     const std::vector<nlohmann::json>& targets) {
  nlohmann::json d = {
      {"deploymentId", "d-ABCDEFGHI"},
      {"applicationName", "web"},
      {"deploymentGroupName", "prod"},
      {"revisionId", "r-0001"},
      {"revision",
       {{"revisionType", "Store"},
        {"storeLocation", {{"sha256", std::string(64, 'a')}, {"bundleType", "tgz"}}}}},
      {"deploymentConfigName", "CodeDeployDefault.OneAtATime"},
      {"status", status},
      {"creator", "user"},
      {"description", ""},
      {"createTime", At(0)}};
  int counts[6] = {0, 0, 0, 0, 0, 0};
  const char* names[6] = {"Pending", "InProgress", "Succeeded", "Failed", "Skipped", "Unknown"};
  for (const auto& t : targets) {
    for (int i = 0; i < 6; ++i) counts[i] += t["status"] == names[i];
  }
  for (int i = 0; i < 6; ++i) d["deploymentOverview"][names[i]] = counts[i];
  if (status != "Created" && status != "Queued") d["startTime"] = At(500);
  return d;
}

}  // namespace berth::cli::testing
