// `--max-failed-hosts N|P%` <-> the API's maxFailedHosts {type, value} (docs/api.md
// "Failure budget").
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/status.h"

namespace berth::cli {

// "3" -> {"type":"HOST_COUNT","value":3}; "10%" -> {"type":"FLEET_PERCENT","value":10};
// with `allow_none`, "none" -> null (a group update removing its default).
// INVALID_ARGUMENT naming the flag and the text otherwise.
Result<nlohmann::json> ParseMaxFailedHosts(const std::string& text, bool allow_none);

// For people: "0 hosts (every host must succeed)", "2 hosts", "10% of hosts"; "" when
// `object` has no maxFailedHosts.
std::string DescribeMaxFailedHosts(const nlohmann::json& object);

}  // namespace berth::cli
