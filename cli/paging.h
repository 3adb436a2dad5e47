// Reading the controller's paged lists (docs/api.md "Paging") to the end, so a command
// never shows the first page as if it were everything.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cli/api_client.h"
#include "common/status.h"

namespace berth::cli {

// The page size the CLI asks for (the API's largest).
inline constexpr int kPageLimit = 1000;

// `path` with "name=value" added to its query (value percent-encoded).
std::string WithQuery(const std::string& path, const std::string& name, const std::string& value);

// GETs `path` page after page, following "nextToken", and returns the first page's answer
// with `field` holding every page's items and no "nextToken".
Result<nlohmann::json> GetAllPages(ApiClient& api, const std::string& path,
                                   const std::string& field);

// Every target of the deployment (GET /deployments/{id}/targets), only those of `status`
// when it is not empty, with their lifecycle events, in dispatch order.
Result<nlohmann::json> GetAllTargets(ApiClient& api, const std::string& deployment_id,
                                     const std::string& status = "");

}  // namespace berth::cli
